"""`make screenshots`: the README's pictures, drawn from the real content in Chromium.

Not part of the suite (the file name does not start with test_): it writes docs/screenshots/,
which is committed. Each picture is one screen, not the whole page, so the files stay small.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from progress.models import Mode
from progress.services import plan as plans
from progress.services import practice
from questions.models import Question
from tests.support.browser import PASSWORD
from tests.support.curriculum import load_curriculum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

ANSWER = {
    1: "Use cases: paste text, get a short link, read it; expiry; a view count.\n\n"
    "10 million writes a month is about 4 writes per second; reads are 10x that, about 40 per second.",
    2: "A load balancer in front of stateless web servers; the paste text in an object store, "
    "metadata in a SQL database with read replicas.\n\n```mermaid\nflowchart LR\n  C[Client] --> LB[Load balancer]\n"
    "  LB --> W[Web servers]\n  W --> DB[(SQL)]\n  W --> S3[(Object store)]\n```",
    3: "`POST /pastes` returns the short code; `GET /p/{code}` reads it. Codes are 7 random base62 characters.",
    4: "Popular pastes are cached in Redis (cache-aside). Views are counted asynchronously through a queue.",
}


def _shoot(page, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=OUT / f"{name}.png")


def test_draw_the_readme_screenshots(browser, live_server):
    load_curriculum("topics", "questions", "cards")
    learner = get_user_model().objects.create_user("ada", "ada@example.com", PASSWORD)
    today = timezone.localdate()
    plans.plan_set_up(user=learner, timeline="medium", interview_date=today + timedelta(days=30), today=today)
    question = Question.objects.get(slug="pastebin")
    attempt = practice.attempt_start(user=learner, question=question, mode=Mode.UNTIMED, now=timezone.now())
    for step in attempt.steps.all():
        practice.attempt_save_step(step=step, text=ANSWER[step.step], base_version=0, seconds=300, now=timezone.now())
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    editing = practice.attempt_start(user=learner, question=question, mode=Mode.INTERVIEW, now=timezone.now())
    practice.attempt_save_step(
        step=editing.steps.get(step=1), text=ANSWER[1], base_version=0, seconds=120, now=timezone.now()
    )

    wide = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 760})
    page = wide.new_page()
    page.goto("/")
    _shoot(page, "home")
    page.goto(reverse("topics:detail", args=["consistent-hashing"]))
    page.locator("pre.mermaid svg").first.wait_for()
    _shoot(page, "topic")

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.locator(".account-menu summary").wait_for()
    page.goto("/")
    _shoot(page, "dashboard")
    page.goto(reverse("progress:attempt", args=[editing.pk]))
    _shoot(page, "practice")
    page.goto(reverse("progress:attempt-report", args=[attempt.pk]))
    _shoot(page, "report")
    page.goto(reverse("flashcards:review"))
    page.get_by_text("Show answer").press("Enter")
    _shoot(page, "review")
    wide.close()

    phone = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = phone.new_page()
    page.goto(reverse("questions:detail", args=["pastebin"]))
    _shoot(page, "question-phone-dark")
    phone.close()
