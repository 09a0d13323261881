"""A step whose sample was seen is locked: saves that change it are refused until it is reopened."""

import pytest
from django.urls import reverse
from django.utils import timezone

from progress.models import AttemptStep, Mode
from progress.services import practice

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def attempt(user, make_question):
    question = make_question("locks", steps={n: f"Sample step {n} uses Redis." for n in (1, 2, 3, 4)})
    return practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())


def step(attempt, number: int) -> AttemptStep:
    return attempt.steps.get(step=number)


def save(client, attempt, number, text, **headers):
    version = step(attempt, number).version
    return client.post(
        reverse("progress:attempt-save", args=[attempt.pk, number]),
        {"text": text, "version": version, "seconds": "5"},
        headers=headers,
    )


def act(client, attempt, number, action, data=None, **headers):
    url = reverse("progress:attempt-step-action", args=[attempt.pk, number, action])
    return client.post(url, data or {}, headers=headers)


@pytest.mark.parametrize("action", ["reveal", "submit"])
def test_a_step_whose_sample_was_seen_refuses_a_change_and_keeps_its_text(user_client, attempt, action):
    save(user_client, attempt, 2, "My own design.")
    act(user_client, attempt, 2, action)
    response = save(user_client, attempt, 2, "Sample step 2 uses Redis.", **HTMX)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Step 2 is locked because you have seen its sample" in html
    assert "reopen it" in html
    assert "Sample step 2 uses Redis." in html  # the refused text is shown, to copy
    assert step(attempt, 2).text == "My own design."
    assert save(user_client, attempt, 1, "Step 1 still saves.").status_code == 302
    assert step(attempt, 1).text == "Step 1 still saves."


def test_a_locked_step_refused_without_javascript_says_why_on_a_page(user_client, attempt):
    act(user_client, attempt, 3, "reveal")
    response = save(user_client, attempt, 3, "Copied from the sample.")
    assert response.status_code == 409
    assert "Step 3 is locked" in response.content.decode()
    assert step(attempt, 3).text == ""


def test_saving_the_text_a_locked_step_already_holds_is_not_a_refusal(user_client, attempt):
    save(user_client, attempt, 1, "Kept.")
    act(user_client, attempt, 1, "submit")
    response = user_client.post(
        reverse("progress:attempt-save", args=[attempt.pk, 1]), {"text": "Kept.", "version": 0}, headers=HTMX
    )
    assert response.status_code == 200  # a save that raced the submit, even with an old version
    assert step(attempt, 1).version == 1


def test_a_save_sent_before_the_sample_opened_is_refused_when_it_arrives_after(attempt):
    stale = step(attempt, 2)  # read by a save on its way
    practice.attempt_reveal(step=step(attempt, 2), now=timezone.now())
    with pytest.raises(practice.StepLocked):
        practice.attempt_save_step(step=stale, text="Sample step 2", base_version=0, seconds=1, now=timezone.now())
    assert step(attempt, 2).text == ""


def test_the_editor_shows_a_locked_step_read_only_with_a_way_to_reopen_it(user_client, attempt):
    act(user_client, attempt, 1, "submit")
    html = user_client.get(reverse("progress:attempt", args=[attempt.pk])).content.decode()
    assert 'aria-describedby="step-1-prompt step-1-lock" readonly>' in html
    assert "Reopen step 1 to edit it" in html
    assert 'aria-describedby="step-2-prompt">' in html  # step 2 is still open


def test_reopening_a_step_is_recorded_unlocks_it_and_the_report_says_so(user_client, attempt):
    act(user_client, attempt, 2, "reveal")
    response = act(user_client, attempt, 2, "reopen", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="attempt-step" id="step-2"')  # the step, swapped in whole
    assert "You reopened this step after seeing its sample" in html
    assert " readonly" not in html
    assert step(attempt, 2).reopened_at is not None
    assert save(user_client, attempt, 2, "Changed after reopening.").status_code == 302
    assert step(attempt, 2).text == "Changed after reopening."
    user_client.post(reverse("progress:attempt-submit", args=[attempt.pk]))
    report = user_client.get(reverse("progress:attempt-report", args=[attempt.pk])).content.decode()
    assert "Step 2 was reopened after its sample was seen" in report


def test_reopening_a_step_whose_sample_is_still_hidden_records_nothing(user_client, attempt):
    act(user_client, attempt, 4, "reopen")
    assert step(attempt, 4).reopened_at is None


def test_a_step_action_saves_the_text_it_is_sent_before_it_locks_the_step(user_client, attempt):
    data = {"text": "Typed just before the click.", "version": 0, "seconds": "3"}
    response = act(user_client, attempt, 3, "submit", data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert (step(attempt, 3).text, step(attempt, 3).is_locked) == ("Typed just before the click.", True)
    assert "Sample step 3 uses Redis." in html
    assert "readonly>Typed just before the click.</textarea>" in html


def test_a_step_action_from_a_stale_tab_is_a_conflict_and_reveals_nothing(user_client, attempt):
    save(user_client, attempt, 2, "Saved from another tab.")
    response = act(user_client, attempt, 2, "reveal", {"text": "This tab's text.", "version": 0}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 409
    assert "This step was changed in another tab or window." in html
    assert step(attempt, 2).revealed_at is None
    assert step(attempt, 2).text == "Saved from another tab."


def test_a_step_action_without_javascript_returns_to_the_step(user_client, attempt):
    response = act(user_client, attempt, 2, "reveal", {"text": "", "version": 0})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/attempts/{attempt.pk}/#step-2")


def test_step_actions_on_a_submitted_attempt_are_refused(user_client, attempt):
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    response = act(user_client, attempt, 2, "reopen", **HTMX)
    assert response.status_code == 409
    assert "This attempt was submitted" in response.content.decode()
    assert step(attempt, 2).reopened_at is None


def test_an_unknown_step_action_is_not_found(user_client, attempt):
    assert act(user_client, attempt, 2, "unlock").status_code == 404


def test_it_rejects_get(user_client, attempt):
    assert user_client.get(reverse("progress:attempt-step-action", args=[attempt.pk, 2, "reopen"])).status_code == 405


def test_it_hides_other_users_steps(client, other_user, attempt):
    practice.attempt_reveal(step=step(attempt, 2), now=timezone.now())
    client.force_login(other_user, backend="accounts.backends.LearnerBackend")
    assert act(client, attempt, 2, "reopen").status_code == 404
    assert step(attempt, 2).reopened_at is None


def test_reopening_from_a_refused_save_keeps_the_text_that_was_refused(user_client, attempt):
    act(user_client, attempt, 2, "reveal")
    data = {"text": "Typed in a tab opened before the reveal.", "version": step(attempt, 2).version}
    response = act(user_client, attempt, 2, "reopen", data, **HTMX)
    assert response.status_code == 200
    assert step(attempt, 2).text == "Typed in a tab opened before the reveal."
    assert step(attempt, 2).reopened_at is not None
