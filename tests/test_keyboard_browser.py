"""The learner's journeys with the keyboard alone: Tab to each control (so it must be in the
tab order, visible and named), then Enter, Space or typing; the mouse is never used."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from progress.models import Attempt, StudyPlan
from tests.support.browser import PASSWORD
from tests.support.curriculum import load_curriculum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MAX_TABS = 250


def tab_to(page, pattern: str) -> None:
    """Press Tab until the focused control's name matches `pattern` (a regular expression)."""
    name = r"""() => { const e = document.activeElement; if (!e || e === document.body) return "";
        const label = e.labels && e.labels.length ? e.labels[0].textContent : "";
        const own = e.tagName === "INPUT" ? e.value : e.textContent;
        return (e.getAttribute("aria-label") || label || own || "").replace(/\s+/g, " ").trim(); }"""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if re.search(pattern, page.evaluate(name), re.I):
            assert page.evaluate("() => document.activeElement.matches(':focus-visible')"), pattern
            return
    raise AssertionError(f"no control named /{pattern}/ is reachable with Tab")


def _signed_in(page, live_server) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="ada"), "accounts.backends.LearnerBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_learner_practises_and_submits_with_the_keyboard_alone(page, live_server):
    load_curriculum("topics", "questions")
    get_user_model().objects.create_user("ada", "ada@example.com", PASSWORD)
    _signed_in(page, live_server)
    page.goto("/questions/pastebin/")
    tab_to(page, r"^Practise this question$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/practice/pastebin/$"))
    tab_to(page, r"^Start untimed$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempts/\d+/$"))
    tab_to(page, r"^Your answer for step 1")
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    page.keyboard.type("Pastes are written about 4 times a second and read about 40 times a second.")
    tab_to(page, r"^Submit the attempt…$")
    page.keyboard.press("Enter")
    page.locator("#submit-dialog[open]").wait_for()  # asks first, naming the empty steps
    tab_to(page, r"^Submit the attempt and see the report$")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=re.compile("^Report")).wait_for()
    attempt = Attempt.objects.get(user__username="ada")
    assert attempt.submitted_at is not None
    assert "40 times a second" in attempt.steps.get(step=1).text
    page.problems.assert_none()


def test_a_learner_sets_up_a_plan_and_ticks_an_item_with_the_keyboard_alone(page, live_server):
    load_curriculum("topics", "questions")
    get_user_model().objects.create_user("ada", "ada@example.com", PASSWORD)
    _signed_in(page, live_server)
    page.goto("/plan/")
    tab_to(page, r"^Medium")  # Tab enters the group at its chosen radio; arrows choose
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.value") == "short"
    tab_to(page, r"Interview date")
    interview = timezone.localdate() + timedelta(days=10)
    page.keyboard.type(interview.strftime("%m%d%Y"))  # Chromium's date field takes the digits in locale order
    tab_to(page, r"^Make my plan$")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator(".plan-item").first.wait_for()
    plan = StudyPlan.objects.get(user__username="ada")
    assert plan.timeline == "short"
    assert plan.interview_date == interview
    tab_to(page, r"^Mark .* as done$")
    page.keyboard.press("Space")
    page.locator(".plan-item.is-done").first.wait_for()
    assert plan.items.exclude(done_on=None).count() == 1
    page.problems.assert_none()
