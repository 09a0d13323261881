"""Writes to practice attempts: start, autosave with versions, reveal, submit, grade, share."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction
from django.db.models import F

from accounts.models import Learner
from flashcards.scheduling import rate_exercise_from_attempt
from primer.markdown import RenderRefused, render
from progress.models import STEP_LIMIT, UNLOCKED_STEP, Attempt, AttemptStep, Mode, Status
from progress.reports import marked_answer
from progress.services.activity import record_activity
from progress.services.tracking import progress_set_status
from questions.engine.grade import highlight_spans
from questions.models import ANSWER_STEPS, Question
from questions.rubric import grade_answer


class StepRefused(ValueError):  # noqa: N818 (a message for the learner)
    """A save that cannot be kept (too long, or too costly to render); the last saved text stays."""


class StepLocked(StepRefused):
    """A change to a step whose sample the learner has seen, and which they have not reopened."""

    def __init__(self, step: AttemptStep) -> None:
        super().__init__(
            f"Step {step.step} is locked because you have seen its sample, so this change was not saved. "
            f"To change the step, reopen it (your report will say it was reopened after its sample was seen)."
        )


@transaction.atomic
def attempt_start(*, user, question: Question, mode: str, now: datetime, minutes: int = 45) -> Attempt:
    attempt = Attempt.objects.create(
        user=user,
        question=question,
        mode=mode,
        duration_minutes=minutes if mode == Mode.INTERVIEW else 0,
        started_at=now,
    )
    AttemptStep.objects.bulk_create(AttemptStep(attempt=attempt, step=number) for number in ANSWER_STEPS)
    progress_set_status(user=user, target=question, status=Status.IN_PROGRESS, today=user.learner.today())
    return attempt


@transaction.atomic
def attempt_save_step(*, step: AttemptStep, text: str, base_version: int, seconds: int, now: datetime) -> bool:
    """Save a step's text if nobody saved since `base_version`. Returns False on a conflict.

    The compare-and-set is one UPDATE ... WHERE version = base, so two tabs can never
    overwrite each other silently: the second one's save is refused and it sees both texts.
    Sending the text the step already holds is never a conflict (a save and a step action that
    raced each other), and a locked step refuses every change with StepLocked.

    One transaction: the row lock the UPDATE takes is held until the step is read back, so the
    version the answer acknowledges is the one this save wrote, not another tab's save that
    landed in between (which would let this tab overwrite it next time without a conflict).
    """
    if len(text) > STEP_LIMIT:
        raise StepRefused(
            f"Step {step.step} is {len(text):,} characters; the limit is {STEP_LIMIT:,}. Your last saved text is kept."
        )
    seconds = max(0, min(seconds, 600))
    rows = AttemptStep.objects.filter(pk=step.pk)
    if rows.filter(text=text).update(seconds_spent=F("seconds_spent") + (0 if step.is_locked else seconds)):
        step.refresh_from_db()
        return True
    if step.is_locked:
        raise StepLocked(step)
    try:
        text_html = render(text)
    except RenderRefused as exc:
        raise StepRefused(f"Step {step.step} was not saved: {exc} Your last saved text is kept.") from None
    updated = rows.filter(UNLOCKED_STEP, version=base_version).update(
        text=text,
        text_html=text_html,
        version=F("version") + 1,
        seconds_spent=F("seconds_spent") + seconds,
        saved_at=now,
    )
    step.refresh_from_db()
    if not updated and step.is_locked:
        raise StepLocked(step)  # its sample was opened while this save was on its way
    return bool(updated)


def attempt_reveal(*, step: AttemptStep, now: datetime) -> None:
    if step.revealed_at is None:
        step.revealed_at = now
        step.save(update_fields=["revealed_at"])
    if step.submitted_at is None:
        attempt = step.attempt
        if step.step not in attempt.revealed_early:
            attempt.revealed_early = sorted([*attempt.revealed_early, step.step])
            attempt.save(update_fields=["revealed_early"])


def attempt_submit_step(*, step: AttemptStep, now: datetime) -> None:
    if step.submitted_at is None:
        step.submitted_at = now
        step.save(update_fields=["submitted_at"])


def attempt_reopen_step(*, step: AttemptStep, now: datetime) -> None:
    """Unlock a step whose sample was seen, for good; the report says so."""
    if step.sample_visible and step.reopened_at is None:
        step.reopened_at = now
        step.save(update_fields=["reopened_at"])


def _grade(attempt: Attempt) -> None:
    steps = list(attempt.steps.all())
    report = grade_answer(attempt.question, {step.step: step.text for step in steps})
    attempt.report = report.to_dict()
    attempt.report_rubric_version = attempt.question.rubric_version
    attempt.score = report.score
    marks = highlight_spans(report)
    for step in steps:
        step.marked_html = marked_answer(step.text, marks.get(step.step, []))
    AttemptStep.objects.bulk_update(steps, ["marked_html"])


@transaction.atomic
def attempt_submit(*, attempt: Attempt, now: datetime) -> Attempt:
    if attempt.is_submitted:
        return attempt
    attempt.steps.filter(submitted_at__isnull=True).update(submitted_at=now)
    _grade(attempt)
    attempt.submitted_at = now
    attempt.save()
    learner = Learner.objects.get(user=attempt.user)
    today = learner.today()
    progress_set_status(user=attempt.user, target=attempt.question, status=Status.DONE, today=today)
    record_activity(user=attempt.user, today=today)
    rate_exercise_from_attempt(
        user=attempt.user, learner=learner, question=attempt.question, score=attempt.score or 0.0, now=now, today=today
    )
    return attempt


def attempt_regrade(*, attempt: Attempt) -> None:
    """Grade again with the question's current rubric (the only way an old report changes)."""
    _grade(attempt)
    attempt.save(update_fields=["report", "report_rubric_version", "score"])  # the steps' marks are saved by _grade


def attempt_share(*, attempt: Attempt, enable: bool) -> None:
    attempt.share_token = secrets.token_urlsafe(24) if enable else None
    attempt.save(update_fields=["share_token"])
