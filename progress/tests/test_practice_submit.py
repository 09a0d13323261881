"""Submitting an attempt is confirmed first, naming the steps left empty; the server refuses nothing valid."""

import pytest
from django.urls import reverse
from django.utils import timezone

from progress.models import Mode
from progress.services import practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(user, make_question):
    question = make_question("confirming")
    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    practice.attempt_save_step(
        step=attempt.steps.get(step=1), text="Two use cases.", base_version=0, seconds=1, now=timezone.now()
    )
    practice.attempt_save_step(
        step=attempt.steps.get(step=3), text="  \n ", base_version=0, seconds=1, now=timezone.now()
    )
    return attempt


def test_without_javascript_submitting_asks_first_and_names_the_empty_steps(user_client, attempt):
    response = user_client.get(reverse("progress:attempt-submit", args=[attempt.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="submit-title" class="submit-title">Submit your attempt?</h1>' in html
    assert "These steps are empty" in html
    for label in ("Step 2: High-level design", "Step 3: Core components", "Step 4: Scaling"):
        assert label in html
    assert "Step 1: Use cases" not in html
    assert f'action="{reverse("progress:attempt-submit", args=[attempt.pk])}"' in html
    attempt.refresh_from_db()
    assert not attempt.is_submitted  # asking never writes


def test_the_editor_carries_the_same_confirmation_in_a_dialog(user_client, attempt):
    html = user_client.get(reverse("progress:attempt", args=[attempt.pk])).content.decode()
    assert '<form method="get" action="/attempts/' in html  # the header's button opens the confirmation
    dialog = html[html.index('<dialog class="submit-dialog"') : html.index("</dialog>")]
    assert "Step 4: Scaling" in dialog
    assert "Submit the attempt and see the report" in dialog
    assert "data-close>Keep writing" in dialog


def test_a_full_attempt_is_confirmed_without_a_list(user_client, attempt):
    for step in attempt.steps.all():
        practice.attempt_save_step(
            step=step, text="An answer.", base_version=step.version, seconds=1, now=timezone.now()
        )
    html = user_client.get(reverse("progress:attempt-submit", args=[attempt.pk])).content.decode()
    assert "Every step has an answer." in html
    assert "steps are empty" not in html
    assert "step is empty" not in html


def test_posting_submits_even_with_empty_steps(user_client, attempt):
    response = user_client.post(reverse("progress:attempt-submit", args=[attempt.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("progress:attempt-report", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.is_submitted


def test_asking_again_after_submitting_goes_to_the_report(user_client, attempt):
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    response = user_client.get(reverse("progress:attempt-submit", args=[attempt.pk]))
    assert response["Location"] == reverse("progress:attempt-report", args=[attempt.pk])


def test_it_hides_other_users_attempts(client, other_user, attempt):
    client.force_login(other_user, backend="accounts.backends.LearnerBackend")
    assert client.get(reverse("progress:attempt-submit", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("progress:attempt-submit", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert not attempt.is_submitted
