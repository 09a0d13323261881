"""Garbage in every field of every page, signed in and out: a 4xx or a normal answer, never a 500.

The field names are every name the forms and views read; the values are drawn by hypothesis
from the shapes that broke things before (huge and negative numbers, non-numbers where an
id goes, long and odd text, dates that are not dates).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from progress.models import Mode
from progress.services import plan as plan_services
from progress.services import practice
from tests.support.catalogue import small_catalogue

pytestmark = pytest.mark.django_db

FIELDS = [
    "text", "version", "seconds", "card", "rating", "deck", "mode", "status", "note", "ticked", "share", "done",
    "action", "timeline", "interview_date", "time_zone", "form", "desired_retention", "new_cards_per_day",
    "section", "confirm", "password", "q", "next", "solution", "content", "value", "unit", "availability",
    "components", "daily_active_users", "requests_per_user", "read_write_ratio", "object_size", "object_unit",
    "retention_years", "peak_factor", "username", "email", "password1", "password2",
]  # fmt: skip
VALUES = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "abc", "1e400", "-1", "0", "9" * 40, "2026-02-31", "../../x", "%00", "<b>", "on", "🙂" * 50]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=30),
)


@pytest.fixture
def pages(user, user_client):
    catalogue = small_catalogue()
    topic, question = catalogue.topic, catalogue.question
    plan_services.plan_set_up(user=user, timeline="short", interview_date=None, today=timezone.localdate())
    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    done = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    practice.attempt_submit(attempt=done, now=timezone.now())
    item = user.study_plan.items.first().pk
    return [
        "/", "/accounts/signup/", "/accounts/login/", "/accounts/password/reset/", "/search/",
        reverse("topics:index"), reverse("topics:detail", args=[topic.slug]), reverse("questions:index"),
        reverse("questions:detail", args=[question.slug]), reverse("reference:estimate"),
        reverse("reference:availability"), reverse("reference:powers-of-two"), reverse("progress:plan"),
        reverse("progress:plan-pause"), reverse("progress:plan-item-done", args=[item]),
        reverse("progress:status", args=["topic", topic.slug]), reverse("progress:note", args=["topic", topic.slug]),
        reverse("progress:bookmark", args=["question", question.slug]),
        reverse("progress:practice-start", args=[question.slug]), reverse("progress:attempt", args=[attempt.pk]),
        reverse("progress:attempt-save", args=[attempt.pk, 1]),
        reverse("progress:attempt-step-action", args=[attempt.pk, 1, "reveal"]),
        reverse("progress:attempt-report", args=[done.pk]), reverse("progress:attempt-self-check", args=[done.pk]),
        reverse("progress:attempt-share", args=[done.pk]), reverse("flashcards:index"), reverse("flashcards:review"),
        reverse("flashcards:undo"), reverse("flashcards:export"), reverse("accounts:data"),
        reverse("progress:reset"), "/markdownx/markdownify/",
    ]  # fmt: skip


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_garbage_never_gets_a_server_error(pages, user_client, data):
    fields = data.draw(st.dictionaries(st.sampled_from(FIELDS), VALUES, min_size=1, max_size=6))
    for url in data.draw(st.lists(st.sampled_from(pages), min_size=6, max_size=6, unique=True)):
        for response in (user_client.get(url, fields), user_client.post(url, fields)):
            assert response.status_code < 500, (url, fields, response.status_code)
