"""A learner practises a question: timed attempt, autosave through a reload, reveal, report, a second attempt."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from questions.content import load_questions
from questions.lexicon import load_lexicon
from tests.support.browser import PASSWORD, screenshot
from topics.content import load_topics

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page):
    get_user_model().objects.create_user("grace", password=PASSWORD)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


SAVES = re.compile(r".*/steps/\d/save/$")


def wait_saved(page, step: int):
    page.locator(f"#step-{step} .save-status.is-saved").wait_for()


def test_practise_a_question_end_to_end(page):
    load_topics(settings.BASE_DIR / "content" / "topics")
    load_lexicon(settings.BASE_DIR / "content" / "lexicon")
    load_questions(settings.BASE_DIR / "content" / "questions")
    log_in(page)
    page.goto("/questions/pastebin/")
    page.get_by_role("link", name="Practise this question").click()
    page.get_by_role("button", name="Start a timed interview (45 minutes)").click()
    page.get_by_role("timer").wait_for()
    assert page.locator("#timer").inner_text().startswith(("44:", "45:"))

    page.get_by_label("Your answer for step 1 (Markdown)").fill(
        "Paste text, get a short link. About 4 writes per second and 40 reads per second; read heavy 10:1."
    )
    page.get_by_label("Your answer for step 2 (Markdown)").fill(
        "A load balancer in front of stateless web servers, Redis, and S3 for paste bodies."
    )
    page.get_by_label("Your answer for step 2 (Markdown)").blur()
    wait_saved(page, 1)
    wait_saved(page, 2)
    page.reload()
    assert "4 writes per second" in page.get_by_label("Your answer for step 1 (Markdown)").input_value()
    assert "load balancer" in page.get_by_label("Your answer for step 2 (Markdown)").input_value()

    page.get_by_role("button", name="Submit step 1 and compare").click()
    page.locator("#sample-1 h3", has_text="Sample solution").wait_for()
    page.locator("#sample-2").get_by_role("button", name="Reveal it now (noted in your report)").click()
    page.locator("#sample-2 .badge", has_text="revealed early").wait_for()
    page.locator("#sample-2 pre.mermaid svg").wait_for()  # the revealed diagram is drawn
    screenshot(page, "practice-editor")

    page.get_by_role("button", name="Submit the attempt and see the report").click()
    page.get_by_role("heading", name="Report:").wait_for()
    assert page.locator("mark.mark-number-ok").count() >= 1
    assert page.locator("mark.mark-met").count() >= 1
    assert "revealed before your own answer in step 2" in page.locator(".report-header").inner_text()
    screenshot(page, "practice-report")

    page.get_by_role("button", name="Start another attempt").click()
    page.get_by_label("Your answer for step 1 (Markdown)").fill(
        "Now about 4 writes per second and 40 reads per second, plus 20 GB/month."
    )
    page.get_by_label("Your answer for step 1 (Markdown)").blur()
    wait_saved(page, 1)
    page.get_by_role("button", name="Submit the attempt and see the report").click()
    assert "since your previous attempt" in page.locator(".delta").inner_text()
    page.locator("details.diff").first.click()
    assert page.locator(".diff-text ins").count() > 0
    screenshot(page, "practice-second-report")
    page.problems.assert_none()


def test_text_typed_while_saves_fail_survives_a_reload_and_is_saved_later(page):
    from progress.models import AttemptStep

    load_topics(settings.BASE_DIR / "content" / "topics")
    load_lexicon(settings.BASE_DIR / "content" / "lexicon")
    load_questions(settings.BASE_DIR / "content" / "questions")
    log_in(page)
    page.goto("/practice/pastebin/")
    page.get_by_role("button", name="Start untimed").click()
    page.route(SAVES, lambda route: route.abort())  # the connection drops
    page.get_by_label("Your answer for step 1 (Markdown)").fill("Typed while offline: 4 writes per second.")
    page.get_by_label("Your answer for step 1 (Markdown)").blur()
    page.get_by_text("Could not reach the server").first.wait_for()
    page.reload()  # the page loads, saves still fail
    assert "Typed while offline" in page.get_by_label("Your answer for step 1 (Markdown)").input_value()
    page.unroute(SAVES)  # the connection is back: the restored text is saved
    page.locator("#step-1 .save-status.is-saved").wait_for(timeout=20_000)
    assert AttemptStep.objects.get(step=1).text == "Typed while offline: 4 writes per second."
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('primer-attempt-')).length") == 0
