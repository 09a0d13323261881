"""A report that shows every state a checkpoint and an estimate can be in, drawn in Chromium."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from progress.models import Mode
from progress.services import practice
from tests.support.browser import PASSWORD, screenshot
from tests.support.rubric import report_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = {
    1: "About 40 reads per second at peak.\n\n"
    "We assume 20 million pastes a month, so about 8 writes per second.\n\n"
    "Storage grows by 200 GB per month.",
    2: "Reads go to Redis first, so the database sees few of them.\n\n"
    "We will shard the table later, once one node is not enough.\n\n"
    "Components: load balancer, Redis, message queue.",
    3: "We do not use a message queue; views are counted inline on every read.",
    4: "Read replicas take the read load off the primary database.",
}
STATES = ("met", "partly", "deferred", "named", "contradicted", "missed")
VERDICTS = ("ok", "own_inputs", "slip", "missing")


def test_a_report_shows_each_state_with_its_evidence_and_what_was_expected(page):
    question = report_question()
    user = get_user_model().objects.create_user("ada", password=PASSWORD)
    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    for step in attempt.steps.all():
        practice.attempt_save_step(step=step, text=ANSWER[step.step], base_version=0, seconds=5, now=timezone.now())
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    attempt.refresh_from_db()
    states = {c["key"]: c["state"] for s in attempt.report["steps"] for c in s["checkpoints"]}
    verdicts = {n["key"]: n["verdict"] for s in attempt.report["steps"] for n in s["numbers"]}
    assert sorted(states.values()) == sorted(STATES), states
    assert sorted(verdicts.values()) == sorted(VERDICTS), verdicts

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(reverse("progress:attempt-report", args=[attempt.pk]))
    page.get_by_role("heading", name="Report:").wait_for()
    text = page.locator("main").inner_text()
    for phrase in (
        "named, not explained",
        "contradicted",
        "found in step",
        "We do not use a message queue",
        "A CDN keeps copies near readers",  # a miss shows the idea
        "Static files come from a CDN",  # ... and an example
        "5x high",
        "20 million",
    ):
        assert phrase.lower() in text.lower(), phrase
    for kind in ("mark-met", "mark-contradicted", "mark-number-ok", "mark-number-slip"):
        assert page.locator(f"mark.{kind}").count() >= 1, kind
    screenshot(page, "report-every-state")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    screenshot(page, "report-every-state-mobile")
    page.problems.assert_none()
