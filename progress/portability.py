"""The progress part of a learner's data file: plan, progress, activity, attempts (see accounts.portability).

Attempts are graded again here on import: the report in a file is never stored.
"""

from __future__ import annotations

from datetime import date

from accounts.portability import ImportProblem, Part, Reader, iso
from primer.markdown import check as check_markdown
from progress import planning
from progress.models import (
    STEP_LIMIT,
    ActivityDay,
    Attempt,
    AttemptStep,
    Mode,
    PlanItem,
    Progress,
    Status,
    StudyPlan,
    Timeline,
)
from progress.services.practice import attempt_regrade
from questions.models import ANSWER_STEPS, Question
from topics.models import Topic

KEYS = ("plan", "progress", "activity", "attempts")


def export(user) -> dict:
    plan = StudyPlan.objects.filter(user=user).first()
    progress = Progress.objects.for_user(user).select_related("topic", "question").order_by("pk")
    return {
        "plan": None
        if plan is None
        else {
            "timeline": plan.timeline,
            "interview_date": iso(plan.interview_date),
            "started_on": iso(plan.started_on),
            "paused_on": iso(plan.paused_on),
            "items": [
                {
                    "key": item.key,
                    "kind": item.kind,
                    "label": item.label,
                    "due_on": iso(item.due_on),
                    "done_on": iso(item.done_on),
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
        "activity": [{"day": iso(a.day), "count": a.count} for a in ActivityDay.objects.filter(user=user)],
        "attempts": [
            _attempt(a)
            for a in Attempt.objects.for_user(user)
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


# Reading ----------------------------------------------------------------------------------


def read(data: dict) -> dict:
    frame = Reader({key: data.get(key) for key in KEYS}, "the file", set(KEYS))
    topics = dict(Topic.objects.published().values_list("slug", "pk"))
    questions = dict(Question.objects.published().values_list("slug", "pk"))
    progress, skipped = _progress(frame.items("progress"), topics, questions)
    return {
        "plan": _plan(data.get("plan"), topics, questions),
        "progress": progress,
        "skipped": skipped,
        "activity": _activity(frame.items("activity")),
        "attempts": _attempts(frame.items("attempts"), questions),
    }


def _plan(data, topics: dict[str, int], questions: dict[str, int]) -> dict | None:
    if data is None:
        return None
    plan = Reader(data, "plan", {"timeline", "interview_date", "started_on", "paused_on", "items"})
    items, keys = [], set()
    for index, entry in enumerate(plan.items("items")):
        item = Reader(entry, f"plan item {index + 1}", {"key", "kind", "label", "due_on", "done_on"})
        key = item.text("key", limit=120, required=True)
        try:
            target = planning.parse_key(key)
        except ValueError:
            raise item.problem(
                "key", "is not a plan item this site makes (topic:<slug>, question:<slug>, ...)"
            ) from None
        if key in keys:
            raise item.problem("key", f"repeats '{key}', which is already in the plan")
        keys.add(key)
        items.append(
            {
                "key": key,
                "kind": item.choice("kind", planning.KINDS),
                "label": item.text("label", limit=250),
                "topic_id": topics.get(target.slug) if target.kind == "topic" else None,
                "question_id": questions.get(target.slug) if target.kind == "question" else None,
                "due_on": item.day("due_on"),
                "done_on": item.day("done_on"),
            }
        )
    return {
        "timeline": plan.choice("timeline", Timeline.values),
        "interview_date": plan.day("interview_date"),
        "started_on": plan.day("started_on") or date.today(),
        "paused_on": plan.day("paused_on"),
        "items": items,
    }


def _progress(entries: list, topics: dict[str, int], questions: dict[str, int]) -> tuple[list[dict], int]:
    rows, seen, skipped = [], set(), 0
    for index, entry in enumerate(entries):
        row = Reader(entry, f"progress item {index + 1}", {"topic", "question", "status", "note", "bookmarked"})
        topic, question = row.text("topic", limit=100), row.text("question", limit=100)
        if bool(topic) == bool(question):
            raise ImportProblem(f"progress item {index + 1}: it needs a topic or a question (one of them).")
        status = row.choice("status", Status.values)
        note = row.text("note", limit=20_000)
        problem = check_markdown(note)
        if problem:
            raise row.problem("note", problem.rstrip("."))
        target = planning.topic_key(topic) if topic else planning.question_key(question)
        if target in seen:
            raise ImportProblem(f"progress item {index + 1}: {target} appears twice.")
        seen.add(target)
        topic_id, question_id = topics.get(topic), questions.get(question)
        if topic_id is None and question_id is None:
            skipped += 1  # a page this site does not have (any more), or not published
            continue
        rows.append(
            {
                "topic_id": topic_id,
                "question_id": question_id,
                "status": status,
                "note": note,
                "bookmarked": row.boolean("bookmarked"),
            }
        )
    return rows, skipped


def _activity(entries: list) -> list[tuple[date, int]]:
    days: dict[date, int] = {}
    for index, entry in enumerate(entries):
        row = Reader(entry, f"activity {index + 1}", {"day", "count"})
        day = row.day("day", required=True)
        assert day is not None
        if day in days:
            raise ImportProblem(f"activity {index + 1}: the day {day} appears twice.")
        days[day] = row.integer("count", low=0, high=1_000_000, default=0)
    return sorted(days.items())


ATTEMPT_KEYS = {"question", "mode", "duration_minutes", "started_at", "submitted_at", "revealed_early",
                "self_assessment", "report", "report_rubric_version", "score", "steps"}  # fmt: skip


def _attempts(entries: list, questions: dict[str, int]) -> list[dict]:
    attempts = []
    for index, entry in enumerate(entries):
        where = f"attempt {index + 1}"
        row = Reader(entry, where, ATTEMPT_KEYS)
        slug = row.text("question", limit=100, required=True)
        revealed = row.items("revealed_early")
        if any(step not in ANSWER_STEPS or isinstance(step, bool) for step in revealed) or len(set(revealed)) != len(
            revealed
        ):
            raise row.problem("revealed_early", "must list steps 1 to 4, each at most once")
        ticks = entry.get("self_assessment") or {}
        if not isinstance(ticks, dict) or len(ticks) > 200:
            raise row.problem("self_assessment", "must be an object of checkpoint keys and true/false")
        for key, value in ticks.items():
            if not isinstance(key, str) or len(key) > 80 or "\x00" in key or not isinstance(value, bool):
                raise row.problem("self_assessment", "must be an object of checkpoint keys and true/false")
        attempt = {
            "question_id": questions.get(slug),
            "mode": row.choice("mode", Mode.values),
            "duration_minutes": row.integer("duration_minutes", low=0, high=600, default=0),
            "started_at": row.moment("started_at", required=True),
            "submitted_at": row.moment("submitted_at"),
            "revealed_early": sorted(revealed),
            "self_assessment": ticks,
            "steps": _steps(row.items("steps"), where),
        }
        if attempt["question_id"] is not None:
            attempts.append(attempt)
    return attempts


def _steps(entries: list, where: str) -> list[dict]:
    steps, numbers = [], set()
    keys = {"step", "text", "version", "seconds_spent", "submitted_at", "revealed_at", "saved_at"}
    for index, entry in enumerate(entries):
        row = Reader(entry, f"{where}, step entry {index + 1}", keys)
        number = row.integer("step", low=1, high=4)
        if number in numbers:
            raise row.problem("step", f"repeats step {number}")
        numbers.add(number)
        text = row.text("text", limit=STEP_LIMIT)
        problem = check_markdown(text)
        if problem:
            raise row.problem("text", problem.rstrip("."))
        steps.append(
            {
                "step": number,
                "text": text,
                "version": row.integer("version", low=0, high=2_000_000_000, default=0),
                "seconds_spent": row.integer("seconds_spent", low=0, high=2_000_000_000, default=0),
                "submitted_at": row.moment("submitted_at"),
                "revealed_at": row.moment("revealed_at"),
                "saved_at": row.moment("saved_at"),
            }
        )
    return steps


# Writing ----------------------------------------------------------------------------------


def write(user, reading: dict) -> dict:
    Progress.objects.filter(user=user).delete()
    for row in reading["progress"]:
        Progress(user=user, **row).save()  # renders the note
    ActivityDay.objects.filter(user=user).delete()
    ActivityDay.objects.bulk_create(ActivityDay(user=user, day=day, count=count) for day, count in reading["activity"])
    StudyPlan.objects.filter(user=user).delete()
    if reading["plan"]:
        items = reading["plan"].pop("items")
        study_plan = StudyPlan.objects.create(user=user, **reading["plan"])
        PlanItem.objects.bulk_create(
            PlanItem(plan=study_plan, position=position, **item) for position, item in enumerate(items)
        )
    Attempt.objects.filter(user=user).delete()
    for entry in reading["attempts"]:
        steps = entry.pop("steps")
        attempt = Attempt.objects.create(user=user, **entry)
        given = {step["step"] for step in steps}
        steps += [{"step": number} for number in ANSWER_STEPS if number not in given]
        for step in sorted(steps, key=lambda s: s["step"]):
            AttemptStep.objects.create(attempt=attempt, **step)  # renders the text
        if attempt.is_submitted:
            attempt_regrade(attempt=attempt)  # the report comes from this site's engine, never from the file
    return {"progress": len(reading["progress"]), "skipped": reading["skipped"], "attempts": len(reading["attempts"])}


PART = Part(keys=KEYS, export=export, read=read, write=write)
