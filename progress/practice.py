"""Practice attempts: start, autosave with versions, reveal, submit, grade, compare."""

from __future__ import annotations

import difflib
import re
import secrets
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from primer.markdown import RenderRefused, render
from progress.flashcards import rate_exercise_from_attempt
from progress.models import STEP_LIMIT, Attempt, AttemptStep, Mode, Status
from progress.services import learner_for, progress_set_status, record_activity
from questions.models import ANSWER_STEPS, Question
from questions.rubric import grade_answer


class StepRefused(ValueError):  # noqa: N818 (a message for the learner)
    """A save that cannot be kept (too long, or too costly to render); the last saved text stays."""


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
    progress_set_status(user=user, target=question, status=Status.IN_PROGRESS, today=learner_for(user).today())
    return attempt


def attempt_save_step(*, step: AttemptStep, text: str, base_version: int, seconds: int, now: datetime) -> bool:
    """Save a step's text if nobody saved since `base_version`. Returns False on a conflict.

    The compare-and-set is one UPDATE ... WHERE version = base, so two tabs can never
    overwrite each other silently: the second one's save is refused and it sees both texts.
    """
    if len(text) > STEP_LIMIT:
        raise StepRefused(
            f"Step {step.step} is {len(text):,} characters; the limit is {STEP_LIMIT:,}. Your last saved text is kept."
        )
    try:
        text_html = render(text)
    except RenderRefused as exc:
        raise StepRefused(f"Step {step.step} was not saved: {exc} Your last saved text is kept.") from None
    updated = AttemptStep.objects.filter(pk=step.pk, version=base_version).update(
        text=text,
        text_html=text_html,
        version=F("version") + 1,
        seconds_spent=F("seconds_spent") + max(0, min(seconds, 600)),
        saved_at=now,
    )
    step.refresh_from_db()
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


def _grade(attempt: Attempt) -> None:
    answers = {step.step: step.text for step in attempt.steps.all()}
    report = grade_answer(attempt.question, answers)
    attempt.report = report.to_dict()
    attempt.report_rubric_version = attempt.question.rubric_version
    attempt.score = report.score


@transaction.atomic
def attempt_submit(*, attempt: Attempt, now: datetime) -> Attempt:
    if attempt.is_submitted:
        return attempt
    attempt.steps.filter(submitted_at__isnull=True).update(submitted_at=now)
    _grade(attempt)
    attempt.submitted_at = now
    attempt.save()
    learner = learner_for(attempt.user)
    today = learner.today()
    progress_set_status(user=attempt.user, target=attempt.question, status=Status.DONE, today=today)
    record_activity(user=attempt.user, today=today)
    rate_exercise_from_attempt(
        user=attempt.user, learner=learner, question=attempt.question, score=attempt.score, now=now, today=today
    )
    return attempt


def attempt_regrade(*, attempt: Attempt) -> None:
    """Grade again with the question's current rubric (the only way an old report changes)."""
    _grade(attempt)
    attempt.save(update_fields=["report", "report_rubric_version", "score"])


def attempt_share(*, attempt: Attempt, enable: bool) -> None:
    attempt.share_token = secrets.token_urlsafe(24) if enable else None
    attempt.save(update_fields=["share_token"])


def previous_attempt(attempt: Attempt) -> Attempt | None:
    return (
        Attempt.objects.filter(
            user=attempt.user_id,
            question=attempt.question_id,
            submitted_at__isnull=False,
            submitted_at__lt=attempt.submitted_at or attempt.started_at,
        )
        .exclude(pk=attempt.pk)
        .order_by("-submitted_at")
        .first()
    )


# Presentation helpers ------------------------------------------------------------------


# What a highlighted span can be; anything else in a stored report is not drawn.
MARK_CLASSES = {
    "hit": "hit",
    **{f"number-{verdict}": f"number number-{verdict}" for verdict in ("ok", "off_10x", "off_1000x", "off", "missing")},
}


def highlight(text: str, spans: list[tuple[int, int, str, str]]) -> SafeString:
    """The learner's text, escaped, with each (start, end, kind, title) span in <mark>.

    `kind` is looked up in MARK_CLASSES, so a report can never put its own words into markup.
    """
    parts, position = [], 0
    for start, end, kind, title in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        css = MARK_CLASSES.get(kind)
        if css is None or start < position:
            continue  # an unknown kind, or overlapping spans: the first wins
        parts.append(text[position:start])
        parts.append(format_html('<mark class="{}" title="{}">{}</mark>', css, title, text[start:end]))
        position = end
    parts.append(text[position:])
    return format_html_join("", "{}", ((part,) for part in parts))


_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> SafeString:
    """A word-level diff of two texts as escaped HTML with <del> and <ins>."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append("".join(old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            out.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
    return format_html_join("", "{}", ((part,) for part in out))


def score_chart(attempts: list[Attempt], width: int = 600, height: int = 160) -> dict:
    """Points for an SVG line of scores over attempts (oldest first)."""
    scored = [a for a in attempts if a.score is not None]
    if not scored:
        return {"points": [], "width": width, "height": height}
    pad = 24
    step = (width - 2 * pad) / max(1, len(scored) - 1)
    points = [
        {
            "x": round(pad + index * step, 1),
            "y": round(height - pad - (attempt.score / 100) * (height - 2 * pad), 1),
            "score": attempt.score,
            "when": attempt.submitted_at,
            "pk": attempt.pk,
        }
        for index, attempt in enumerate(scored)
    ]
    return {
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "width": width,
        "height": height,
        "grid": [{"y": round(height - pad - f * (height - 2 * pad), 1), "label": int(f * 100)} for f in (0, 0.5, 1)],
    }
