"""An editor tests a rubric against its sample and edits the lexicon in the admin, in Chromium."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from questions.content import load_questions
from questions.lexicon import load_lexicon
from questions.models import LexiconArea, Question
from tests.support.browser import PASSWORD, screenshot
from topics.content import load_topics

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_grades_the_sample_against_the_rubric_and_opens_a_lexicon_area(page):
    load_topics(settings.CONTENT_DIR / "topics")
    load_lexicon(settings.CONTENT_DIR / "lexicon")
    load_questions(settings.CONTENT_DIR / "questions")
    get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    question = Question.objects.get(slug="pastebin")
    page.goto(f"/admin/questions/question/{question.pk}/test-rubric/")
    page.get_by_role("link", name="Fill in the primary sample solution").click()
    page.get_by_role("button", name="Grade this answer").click()
    heading = page.get_by_role("heading", name="Score:")
    heading.wait_for()
    assert int(heading.inner_text().split("Score: ")[1].split("%")[0]) >= 80
    assert page.locator("table tbody tr").count() >= 20  # every checkpoint and estimate, with its evidence
    screenshot(page, "admin-test-rubric")

    area = LexiconArea.objects.get(slug="caching")
    page.goto(f"/admin/questions/lexiconarea/{area.pk}/change/")
    page.get_by_role("heading", name="Change lexicon area").wait_for()
    assert page.locator(".inline-related").count() == area.concepts.count() + 1  # each concept, and the empty form
    screenshot(page, "admin-lexicon-area")
    page.problems.assert_none()
