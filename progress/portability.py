"""A learner's data as JSON: everything they own, out and back in again without loss."""

from __future__ import annotations

import json
from datetime import date, datetime

from django.db import transaction

from progress.models import (
    STEP_LIMIT,
    ActivityDay,
    Attempt,
    AttemptStep,
    CardState,
    Learner,
    Mode,
    PlanItem,
    Progress,
    Review,
    Status,
    StudyPlan,
    Timeline,
)
from questions.models import Question
from topics.models import Card, Topic

FORMAT = "primer-learner-data"
VERSION = 1
MAX_BYTES = 5 * 1024 * 1024


class ImportProblem(ValueError):  # noqa: N818 (a message for the learner)
    pass


def export_data(user) -> dict:
    learner = Learner.objects.filter(user=user).first()
    plan = StudyPlan.objects.filter(user=user).first()
    progress = Progress.objects.filter(user=user).select_related("topic", "question").order_by("pk")
    return {
        "format": FORMAT,
        "version": VERSION,
        "username": user.get_username(),
        "time_zone": learner.time_zone if learner else "UTC",
        "plan": None
        if plan is None
        else {
            "timeline": plan.timeline,
            "interview_date": _iso(plan.interview_date),
            "started_on": _iso(plan.started_on),
            "paused_on": _iso(plan.paused_on),
            "items": [
                {
                    "key": item.key,
                    "kind": item.kind,
                    "label": item.label,
                    "due_on": _iso(item.due_on),
                    "done_on": _iso(item.done_on),
                }
                for item in plan.items.order_by("position")
            ],
        },
        "progress": [
            {
                "topic": p.topic.slug if p.topic_id else None,
                "question": p.question.slug if p.question_id else None,
                "status": p.status,
                "note": p.note,
                "bookmarked": p.bookmarked,
            }
            for p in progress
        ],
        "activity": [{"day": _iso(a.day), "count": a.count} for a in ActivityDay.objects.filter(user=user)],
        "cards": [
            {
                "card": s.card.guid,
                "fsrs": s.fsrs,
                "due": s.due.isoformat(),
                "introduced_on": _iso(s.introduced_on),
                "reviews": s.reviews,
            }
            for s in CardState.objects.filter(user=user).select_related("card").order_by("card__guid")
        ],
        "reviews": [
            {
                "card": r.card.guid,
                "rating": r.rating,
                "reviewed_at": r.reviewed_at.isoformat(),
                "previous": r.previous,
                "previous_due": r.previous_due.isoformat() if r.previous_due else None,
                "source": r.source,
            }
            for r in Review.objects.filter(user=user).select_related("card").order_by("reviewed_at", "pk")
        ],
        "attempts": [
            _attempt(a)
            for a in Attempt.objects.filter(user=user)
            .select_related("question")
            .prefetch_related("steps")
            .order_by("started_at", "pk")
        ],
    }


def _attempt(attempt: Attempt) -> dict:
    return {
        "question": attempt.question.slug,
        "mode": attempt.mode,
        "duration_minutes": attempt.duration_minutes,
        "started_at": attempt.started_at.isoformat(),
        "submitted_at": attempt.submitted_at.isoformat() if attempt.submitted_at else None,
        "revealed_early": attempt.revealed_early,
        "self_assessment": attempt.self_assessment,
        "report": attempt.report,
        "report_rubric_version": attempt.report_rubric_version,
        "score": attempt.score,
        "steps": [
            {
                "step": s.step,
                "text": s.text,
                "version": s.version,
                "seconds_spent": s.seconds_spent,
                "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
                "revealed_at": s.revealed_at.isoformat() if s.revealed_at else None,
                "saved_at": s.saved_at.isoformat() if s.saved_at else None,
            }
            for s in attempt.steps.all()
        ],
    }


def _import_reviews(user, data: dict) -> None:
    cards = dict(Card.objects.values_list("guid", "pk"))
    CardState.objects.filter(user=user).delete()
    Review.objects.filter(user=user).delete()
    for index, state in enumerate(data.get("cards") or []):
        if not isinstance(state, dict) or state.get("card") not in cards:
            continue
        CardState.objects.create(
            user=user,
            card_id=cards[state["card"]],
            fsrs=state.get("fsrs") or {},
            due=_moment(state.get("due"), f"card state {index + 1}"),
            introduced_on=_date(state.get("introduced_on"), f"card state {index + 1}") or date.today(),
            reviews=int(state.get("reviews") or 0),
        )
    for index, review in enumerate(data.get("reviews") or []):
        if not isinstance(review, dict) or review.get("card") not in cards or review.get("rating") not in (1, 2, 3, 4):
            continue
        Review.objects.create(
            user=user,
            card_id=cards[review["card"]],
            rating=review["rating"],
            reviewed_at=_moment(review.get("reviewed_at"), f"review {index + 1}"),
            previous=review.get("previous"),
            previous_due=_moment(review.get("previous_due"), f"review {index + 1}"),
            source=str(review.get("source") or "review")[:20],
        )


def _moment(value, where: str):
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ImportProblem(f"{where}: {value!r} is not a date and time.") from None


def _import_attempts(user, entries: list, questions: dict[str, int]) -> int:
    Attempt.objects.filter(user=user).delete()
    count = 0
    for index, entry in enumerate(entries):
        where = f"attempt {index + 1}"
        if not isinstance(entry, dict) or entry.get("mode") not in Mode.values:
            raise ImportProblem(f"{where}: it needs a mode ({', '.join(Mode.values)}).")
        question = questions.get(entry.get("question") or "")
        if question is None:
            continue
        attempt = Attempt.objects.create(
            user=user,
            question_id=question,
            mode=entry["mode"],
            duration_minutes=int(entry.get("duration_minutes") or 0),
            started_at=_moment(entry.get("started_at"), where),
            submitted_at=_moment(entry.get("submitted_at"), where),
            revealed_early=list(entry.get("revealed_early") or []),
            self_assessment=dict(entry.get("self_assessment") or {}),
            report=entry.get("report"),
            report_rubric_version=entry.get("report_rubric_version"),
            score=entry.get("score"),
        )
        for step in entry.get("steps") or []:
            text = str(step.get("text") or "")
            if len(text) > STEP_LIMIT:
                raise ImportProblem(f"{where}: step {step.get('step')} is longer than {STEP_LIMIT:,} characters.")
            AttemptStep.objects.create(
                attempt=attempt,
                step=int(step["step"]),
                text=text,
                version=int(step.get("version") or 0),
                seconds_spent=int(step.get("seconds_spent") or 0),
                submitted_at=_moment(step.get("submitted_at"), where),
                revealed_at=_moment(step.get("revealed_at"), where),
                saved_at=_moment(step.get("saved_at"), where),
            )
        count += 1
    return count


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ImportProblem(f"{where}: {value!r} is not a date like 2026-11-22.") from None


def parse_upload(raw: bytes) -> dict:
    if len(raw) > MAX_BYTES:
        raise ImportProblem(f"The file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportProblem(f"The file is not valid JSON ({exc}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem("This is not a Primer data export (its 'format' field is missing or different).")
    if data.get("version") != VERSION:
        raise ImportProblem(f"This export has version {data.get('version')!r}; this site reads version {VERSION}.")
    return data


@transaction.atomic
def import_data(user, data: dict) -> dict:
    """Replace the learner's plan, progress and activity with the file's. All or nothing."""
    topics = dict(Topic.objects.values_list("slug", "pk"))
    questions = dict(Question.objects.values_list("slug", "pk"))
    skipped = 0
    Progress.objects.filter(user=user).delete()
    rows = []
    for index, entry in enumerate(data.get("progress") or []):
        if not isinstance(entry, dict) or entry.get("status") not in Status.values:
            raise ImportProblem(f"progress item {index + 1}: it needs a status ({', '.join(Status.values)}).")
        topic, question = topics.get(entry.get("topic") or ""), questions.get(entry.get("question") or "")
        if topic is None and question is None:
            skipped += 1  # a topic or question this site does not have (any more)
            continue
        rows.append(
            Progress(
                user=user,
                topic_id=topic,
                question_id=None if topic else question,
                status=entry["status"],
                note=str(entry.get("note") or "")[:20_000],
                bookmarked=bool(entry.get("bookmarked")),
            )
        )
    for row in rows:
        row.save()
    ActivityDay.objects.filter(user=user).delete()
    ActivityDay.objects.bulk_create(
        ActivityDay(user=user, day=_date(a.get("day"), f"activity {i + 1}"), count=max(0, int(a.get("count") or 0)))
        for i, a in enumerate(data.get("activity") or [])
        if isinstance(a, dict)
    )
    StudyPlan.objects.filter(user=user).delete()
    plan = data.get("plan")
    if plan:
        if plan.get("timeline") not in Timeline.values:
            raise ImportProblem(f"plan: the timeline must be one of {', '.join(Timeline.values)}.")
        study_plan = StudyPlan.objects.create(
            user=user,
            timeline=plan["timeline"],
            interview_date=_date(plan.get("interview_date"), "plan"),
            started_on=_date(plan.get("started_on"), "plan") or date.today(),
            paused_on=_date(plan.get("paused_on"), "plan"),
        )
        PlanItem.objects.bulk_create(
            PlanItem(
                plan=study_plan,
                position=position,
                key=str(item["key"])[:120],
                kind=str(item.get("kind", ""))[:20],
                label=str(item.get("label", ""))[:250],
                topic_id=topics.get(item["key"].removeprefix("topic:")) if item["key"].startswith("topic:") else None,
                question_id=questions.get(item["key"].removeprefix("question:"))
                if item["key"].startswith("question:")
                else None,
                due_on=_date(item.get("due_on"), f"plan item {position + 1}"),
                done_on=_date(item.get("done_on"), f"plan item {position + 1}"),
            )
            for position, item in enumerate(plan.get("items") or [])
            if isinstance(item, dict) and item.get("key")
        )
    learner, _ = Learner.objects.get_or_create(user=user)
    time_zone = data.get("time_zone") or "UTC"
    from progress.models import validate_time_zone

    try:
        validate_time_zone(time_zone)
    except Exception:
        raise ImportProblem(f"time_zone: {time_zone!r} is not a time zone name.") from None
    learner.time_zone = time_zone
    learner.save(update_fields=["time_zone"])
    attempts = _import_attempts(user, data.get("attempts") or [], questions)
    _import_reviews(user, data)
    return {"progress": len(rows), "skipped": skipped, "attempts": attempts}
