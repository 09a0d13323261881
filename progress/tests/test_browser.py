"""A learner signs up, makes a dated plan, marks two topics done and sees the dashboard move."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from questions.content import load_questions
from questions.lexicon import load_lexicon
from tests.support.browser import screenshot
from topics.content import load_topics

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_plan_mark_two_topics_done_and_see_the_dashboard_move(page):
    load_topics(settings.BASE_DIR / "content" / "topics")
    load_lexicon(settings.BASE_DIR / "content" / "lexicon")
    load_questions(settings.BASE_DIR / "content" / "questions")
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password", exact=True).fill("analytical engine 1843")
    page.get_by_label("Password confirmation").fill("analytical engine 1843")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("link", name="Make my plan").first.click()

    page.get_by_label("Short").check()
    interview = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Interview date").fill(interview.isoformat())
    page.get_by_role("button", name="Make my plan").click()
    page.get_by_text("Your study plan is ready.").wait_for()
    screenshot(page, "plan")

    for slug in ("performance-vs-scalability", "latency-vs-throughput"):
        page.goto(f"/topics/{slug}/")
        page.get_by_role("button", name="Done", exact=True).click()
        page.locator(".segment.is-current", has_text="Done").wait_for()  # swapped in by htmx

    page.goto("/")
    dashboard = page.locator(".dashboard").inner_text().replace("\n", " ")
    assert "2 of " in dashboard  # plan items done
    assert "1 day streak" in dashboard
    assert page.get_by_role("img", name="2 of 15 topics done").count() == 1  # the Foundations bar moved
    screenshot(page, "dashboard")

    page.goto("/topics/")
    assert page.locator(".status-badge.status-done").count() == 2
    page.problems.assert_none()
