"""Every main page in Chromium, as a visitor, a learner and an editor, light and dark, 1440 and 390 wide.

For each page, before and after its main interaction (every <details> opened: the sample,
the rubric, the diff, the answer of a card): no serious or critical axe-core
violation, no console error or CSP violation, no sideways scrolling, no controls on top of
each other, and no script loaded that acts on nothing there. What each page fetched is
written to test-artifacts/pages-*.json for the release notes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from progress.models import Mode
from progress.services import plan as plans
from progress.services import practice
from questions.models import Question
from tests.support.browser import ARTIFACTS, PASSWORD
from tests.support.curriculum import load_curriculum
from tests.support.pages import axe_violations, overlapping_controls, record_weight, script_problems, sideways
from topics.models import Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def open_everything(page) -> None:
    """The main interaction of a reading page: every collapsed part opened."""
    page.evaluate("() => document.querySelectorAll('main details:not([open])').forEach(d => { d.open = true; })")
    page.wait_for_load_state("networkidle")


@dataclass(frozen=True)
class Visit:
    name: str
    url: str
    interact: Callable | None = open_everything


def _site() -> dict[str, list[Visit]]:
    """The curriculum, a learner with a plan, a graded attempt shared by link, and an editor."""
    load_curriculum("topics", "questions", "cards")
    users = get_user_model().objects
    learner = users.create_user("ada", "ada@example.com", PASSWORD)
    users.create_superuser("editor", "editor@example.com", PASSWORD)
    today = timezone.localdate()
    plans.plan_set_up(user=learner, timeline="medium", interview_date=today + timedelta(days=60), today=today)
    question = Question.objects.get(slug="pastebin")
    attempt = practice.attempt_start(user=learner, question=question, mode=Mode.UNTIMED, now=timezone.now())
    for step in attempt.steps.all():
        text = f"Step {step.step}: a cache in front of the database, sharded by paste id.\n\n```\ncode {step.step}\n```"
        practice.attempt_save_step(step=step, text=text, base_version=0, seconds=30, now=timezone.now())
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    practice.attempt_share(attempt=attempt, enable=True)
    attempt.refresh_from_db()
    draft = practice.attempt_start(user=learner, question=question, mode=Mode.UNTIMED, now=timezone.now())
    topic_pk = Topic.objects.get(slug="sharding").pk
    shared = reverse("progress:shared", args=[attempt.share_token])
    reading = [
        Visit("home", "/", None),
        Visit("topics", reverse("topics:index")),
        Visit("topic-with-tables", reverse("topics:detail", args=["sharding"])),
        Visit("topic-with-diagram", reverse("topics:detail", args=["consistent-hashing"])),
        Visit("questions", reverse("questions:index")),
        Visit("question", reverse("questions:detail", args=["pastebin"])),
        Visit("question-object-oriented", reverse("questions:detail", args=["call-center"])),
        Visit("search", reverse("search:index") + "?q=cache"),
        Visit("reference", reverse("reference:index"), None),
        Visit("approach", reverse("reference:approach")),
        Visit("study-guide", reverse("reference:study-guide")),
        Visit("latency", reverse("reference:latency"), None),
        Visit("powers-of-two", reverse("reference:powers-of-two")),
        Visit("availability", reverse("reference:availability")),
        Visit("estimate", reverse("reference:estimate")),
        Visit("links", reverse("reference:links", args=["architectures"]), None),
        Visit("shared-report", shared),
    ]
    return {
        "visitor": [
            *reading,
            Visit("login", reverse("login"), None),
            Visit("signup", reverse("signup"), None),
            Visit("password-reset", reverse("password_reset"), None),
            Visit("not-found", "/topics/no-such-topic/", None),
        ],
        "learner": [
            Visit("dashboard", "/"),
            *reading[1:],
            Visit("plan", reverse("progress:plan")),
            Visit("practice-start", reverse("progress:practice-start", args=["pastebin"])),
            Visit("attempt", reverse("progress:attempt", args=[draft.pk])),
            Visit("report", reverse("progress:attempt-report", args=[attempt.pk])),
            Visit("cards", reverse("flashcards:index"), None),
            Visit("review", reverse("flashcards:review")),  # opening <details> shows the answer
            Visit("account", reverse("accounts:data")),
            Visit("password-change", reverse("password_change"), None),
        ],
        "editor": [
            Visit("admin", reverse("admin:index"), None),
            Visit("admin-topics", reverse("admin:topics_topic_changelist"), None),
            Visit("admin-topic", reverse("admin:topics_topic_change", args=[topic_pk]), None),
            Visit("admin-question", reverse("admin:questions_question_change", args=[question.pk]), None),
            Visit("admin-cards", reverse("admin:flashcards_card_changelist"), None),
        ],
    }


def _sign_in(context, live_server, username: str | None) -> None:
    if username is None:
        return
    client = Client()
    client.force_login(get_user_model().objects.get(username=username), "accounts.backends.LearnerBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _check(page, visit: Visit, *, viewport: dict) -> tuple[list[str], dict]:
    """Load one page, interact, and say what is wrong with it at each point."""
    weight = record_weight(page)
    response = page.goto(visit.url)
    page.wait_for_load_state("networkidle")
    problems: list[str] = []
    expected = 404 if visit.name == "not-found" else 200
    if response is None or response.status != expected:
        problems.append(f"status {response.status if response else None}")
    stages = [("on load", None)] + ([("after interacting", visit.interact)] if visit.interact else [])
    for stage, action in stages:
        if action:
            action(page)
        problems += [f"{stage}: axe {line}" for line in axe_violations(page)]
        problems += [f"{stage}: {line}" for line in script_problems(page, weight)]
        if (extra := sideways(page)) > 0:
            problems.append(f"{stage}: scrolls sideways by {extra}px at {viewport['width']}px")
        problems += [f"{stage}: {line}" for line in overlapping_controls(page)]
    measured = {"bytes": weight.total, "gzip": weight.total_gzip, "scripts": weight.scripts}
    return problems, measured


AUDIENCE_USER = {"visitor": None, "learner": "ada", "editor": "editor"}


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("audience", ["visitor", "learner", "editor"])
def test_every_main_page_is_accessible_and_carries_only_what_it_uses(browser, live_server, audience, theme):
    _run(browser, live_server, audience, theme, WIDE)


@pytest.mark.parametrize("audience", ["visitor", "learner"])
def test_every_main_page_fits_a_phone(browser, live_server, audience):
    _run(browser, live_server, audience, "light", PHONE)


def _run(browser, live_server, audience: str, theme: str, viewport: dict) -> None:
    visits = _site()[audience]
    context = browser.new_context(base_url=live_server.url, viewport=viewport, color_scheme=theme)
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    _sign_in(context, live_server, AUDIENCE_USER[audience])
    report, failures = {}, {}
    try:
        for visit in visits:
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda message, errors=errors: message.type == "error" and errors.append(message.text))
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            problems, measured = _check(page, visit, viewport=viewport)
            if visit.name != "not-found":  # the 404 page logs the browser's own "Failed to load resource"
                problems += [f"console: {line}" for line in errors]
            report[visit.name] = {**measured, "problems": problems}
            if problems:
                failures[visit.name] = problems
            page.close()
    finally:
        context.close()
        ARTIFACTS.mkdir(exist_ok=True)
        name = f"pages-{audience}-{theme}-{viewport['width']}.json"
        (ARTIFACTS / name).write_text(json.dumps(report, indent=2))
    assert failures == {}, json.dumps(failures, indent=2)
