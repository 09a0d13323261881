"""A learner's data as JSON: everything they own, out and back in again without loss.

An import is read in two passes. `read_export` checks the whole file against the format
below and turns it into plain records, raising `ImportProblem` (with where and why) at the
first thing this site could not store; only then does `import_data` replace the learner's
data, in one transaction. Nothing in the file is trusted: texts are checked for length and
for the NUL character, numbers for range, dates for form, keys for duplicates; topics,
questions and cards are looked up among published ones only; and attempts are graded again
here rather than keeping whatever report the file carries.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import available_timezones

from django.db import transaction
from fsrs import Card as FsrsCard

from primer.markdown import check as check_markdown
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
from progress.practice import attempt_regrade
from questions.models import ANSWER_STEPS, Question
from topics.models import Card, Topic
from topics.models import Status as Publication

FORMAT = "primer-learner-data"
VERSION = 1
MAX_BYTES = 5 * 1024 * 1024
MAX_ITEMS = 20_000  # entries in any one list
PLAN_KINDS = ("approach", "topic", "reading", "question", "review")
PLAN_KEY = re.compile(
    r"approach|review|topic:[A-Za-z0-9_-]{1,100}|question:[A-Za-z0-9_-]{1,100}|reading:(blogs|architectures):\d{1,4}"
)
SOURCES = ("review", "attempt")
FSRS_KEYS = {"card_id", "state", "step", "stability", "difficulty", "due", "last_review"}
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2200, 12, 31)


class ImportProblem(ValueError):  # noqa: N818 (a message for the learner)
    pass


# Export ----------------------------------------------------------------------------------


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


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# Reading a file --------------------------------------------------------------------------


class _Reader:
    """Typed access to one JSON object, with `where` in every message."""

    def __init__(self, data: Any, where: str, keys: set[str]) -> None:
        if not isinstance(data, dict):
            raise ImportProblem(f"{where}: expected an object {{...}}, found {_kind(data)}.")
        unknown = sorted(str(key) for key in set(data) - keys)
        if unknown:
            raise ImportProblem(f"{where}: unknown field '{unknown[0][:40]}'.")
        self.data, self.where = data, where

    def problem(self, name: str, message: str) -> ImportProblem:
        return ImportProblem(f"{self.where}: '{name}' {message}.")

    def text(self, name: str, *, limit: int, required: bool = False, default: str = "") -> str:
        value = self.data.get(name)
        if value is None and not required:
            return default
        if not isinstance(value, str):
            raise self.problem(name, f"must be text, not {_kind(value)}")
        if "\x00" in value:
            raise self.problem(name, "holds a NUL character, which cannot be stored")
        if len(value) > limit:
            raise self.problem(name, f"is {len(value):,} characters; the limit is {limit:,}")
        if required and not value:
            raise self.problem(name, "is empty")
        return value

    def choice(self, name: str, choices: tuple[str, ...] | list[str], *, default: str | None = None) -> str:
        value = self.data.get(name, default)
        if value not in choices:
            raise self.problem(name, f"must be one of {', '.join(choices)}")
        return value

    def integer(self, name: str, *, low: int, high: int, default: int | None = None) -> int:
        value = self.data.get(name, default)
        if value is None and default is not None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.problem(name, f"must be a whole number, not {_kind(value)}")
        if not low <= value <= high:
            raise self.problem(name, f"must be between {low:,} and {high:,}")
        return value

    def boolean(self, name: str) -> bool:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            raise self.problem(name, "must be true or false")
        return value

    def day(self, name: str, *, required: bool = False) -> date | None:
        value = self.data.get(name)
        if value is None:
            if required:
                raise self.problem(name, "is missing (a date like 2026-11-22)")
            return None
        try:
            parsed = date.fromisoformat(value) if isinstance(value, str) and len(value) <= 10 else None
        except ValueError:
            parsed = None
        if parsed is None or not FIRST_DAY <= parsed <= LAST_DAY:
            raise self.problem(name, "is not a date like 2026-11-22")
        return parsed

    def moment(self, name: str, *, required: bool = False) -> datetime | None:
        value = self.data.get(name)
        if value is None:
            if required:
                raise self.problem(name, "is missing (a date and time like 2026-11-22T09:30:00+00:00)")
            return None
        return _moment(value, lambda message: self.problem(name, message))

    def items(self, name: str) -> list:
        value = self.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.problem(name, f"must be a list, not {_kind(value)}")
        if len(value) > MAX_ITEMS:
            raise self.problem(name, f"has {len(value):,} entries; the limit is {MAX_ITEMS:,}")
        return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


def _moment(value: Any, problem) -> datetime:
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) and len(value) <= 40 else None
    except ValueError:
        parsed = None
    if parsed is None or not FIRST_DAY <= parsed.date() <= LAST_DAY:
        raise problem("is not a date and time like 2026-11-22T09:30:00+00:00")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _fsrs(value: Any, where: str, *, optional: bool = False) -> dict | None:
    """An FSRS card state exactly as the fsrs library writes it, or a clear refusal."""
    if value is None and optional:
        return None
    if not isinstance(value, dict) or set(value) != FSRS_KEYS:
        raise ImportProblem(f"{where}: the card state must have exactly the fields {', '.join(sorted(FSRS_KEYS))}.")

    def problem(message: str) -> ImportProblem:
        return ImportProblem(f"{where}: the card state {message}.")

    if isinstance(value["card_id"], bool) or not isinstance(value["card_id"], int) or value["card_id"] < 0:
        raise problem("has a card_id that is not a whole number")
    if value["state"] not in (1, 2, 3) or isinstance(value["state"], bool):
        raise problem("has a state other than 1, 2 or 3")
    if value["step"] is not None and (not isinstance(value["step"], int) or not 0 <= value["step"] <= 100):
        raise problem("has a step that is not a small whole number")
    for name in ("stability", "difficulty"):
        number = value[name]
        if number is not None and (
            isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(number) or number < 0
        ):
            raise problem(f"has a {name} that is not a positive number")
    _moment(value["due"], problem)
    if value["last_review"] is not None:
        _moment(value["last_review"], problem)
    return FsrsCard.from_dict(value).to_dict()


@dataclass
class _Upload:
    time_zone: str
    plan: dict | None
    progress: list[dict] = field(default_factory=list)
    skipped: int = 0
    activity: list[tuple[date, int]] = field(default_factory=list)
    attempts: list[dict] = field(default_factory=list)
    cards: list[dict] = field(default_factory=list)
    reviews: list[dict] = field(default_factory=list)


TOP_KEYS = {
    "format",
    "version",
    "username",
    "time_zone",
    "plan",
    "progress",
    "activity",
    "cards",
    "reviews",
    "attempts",
}


def read_export(data: Any) -> _Upload:
    """Check a whole export and return what this site will store; ImportProblem otherwise."""
    top = _Reader(data, "the file", TOP_KEYS)
    if data.get("format") != FORMAT:
        raise ImportProblem("This is not a Primer data export (its 'format' field is missing or different).")
    if data.get("version") != VERSION:
        raise ImportProblem(f"This export has version {data.get('version')!r:.20}; this site reads version {VERSION}.")
    top.text("username", limit=150)
    time_zone = top.text("time_zone", limit=64, default="UTC") or "UTC"
    if time_zone not in available_timezones():
        raise ImportProblem(f"time_zone: {time_zone!r} is not a time zone name such as Europe/London.")
    topics = dict(Topic.objects.published().values_list("slug", "pk"))
    questions = dict(Question.objects.published().values_list("slug", "pk"))
    cards = dict(Card.objects.filter(status=Publication.PUBLISHED).values_list("guid", "pk"))
    upload = _Upload(time_zone=time_zone, plan=_read_plan(data.get("plan"), topics, questions))
    _read_progress(top.items("progress"), topics, questions, upload)
    upload.activity = _read_activity(top.items("activity"))
    upload.attempts = _read_attempts(top.items("attempts"), questions)
    upload.cards = _read_card_states(top.items("cards"), cards)
    upload.reviews = _read_reviews(top.items("reviews"), cards)
    return upload


def _read_plan(data: Any, topics: dict[str, int], questions: dict[str, int]) -> dict | None:
    if data is None:
        return None
    plan = _Reader(data, "plan", {"timeline", "interview_date", "started_on", "paused_on", "items"})
    items, keys = [], set()
    for index, entry in enumerate(plan.items("items")):
        item = _Reader(entry, f"plan item {index + 1}", {"key", "kind", "label", "due_on", "done_on"})
        key = item.text("key", limit=120, required=True)
        if not PLAN_KEY.fullmatch(key):
            raise item.problem("key", "is not a plan item this site makes (topic:<slug>, question:<slug>, ...)")
        if key in keys:
            raise item.problem("key", f"repeats '{key}', which is already in the plan")
        keys.add(key)
        slug = key.partition(":")[2]
        items.append(
            {
                "key": key,
                "kind": item.choice("kind", PLAN_KINDS),
                "label": item.text("label", limit=250),
                "topic_id": topics.get(slug) if key.startswith("topic:") else None,
                "question_id": questions.get(slug) if key.startswith("question:") else None,
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


def _read_progress(entries: list, topics: dict[str, int], questions: dict[str, int], upload: _Upload) -> None:
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        row = _Reader(entry, f"progress item {index + 1}", {"topic", "question", "status", "note", "bookmarked"})
        topic, question = row.text("topic", limit=100), row.text("question", limit=100)
        if bool(topic) == bool(question):
            raise ImportProblem(f"progress item {index + 1}: it needs a topic or a question (one of them).")
        status = row.choice("status", Status.values)
        note = row.text("note", limit=20_000)
        problem = check_markdown(note)
        if problem:
            raise row.problem("note", problem.rstrip("."))
        target = f"topic:{topic}" if topic else f"question:{question}"
        if target in seen:
            raise ImportProblem(f"progress item {index + 1}: {target} appears twice.")
        seen.add(target)
        topic_id, question_id = topics.get(topic), questions.get(question)
        if topic_id is None and question_id is None:
            upload.skipped += 1  # a page this site does not have (any more), or not published
            continue
        upload.progress.append(
            {
                "topic_id": topic_id,
                "question_id": question_id,
                "status": status,
                "note": note,
                "bookmarked": row.boolean("bookmarked"),
            }
        )


def _read_activity(entries: list) -> list[tuple[date, int]]:
    days: dict[date, int] = {}
    for index, entry in enumerate(entries):
        row = _Reader(entry, f"activity {index + 1}", {"day", "count"})
        day = row.day("day", required=True)
        assert day is not None
        if day in days:
            raise ImportProblem(f"activity {index + 1}: the day {day} appears twice.")
        days[day] = row.integer("count", low=0, high=1_000_000, default=0)
    return sorted(days.items())


def _read_attempts(entries: list, questions: dict[str, int]) -> list[dict]:
    attempts = []
    keys = {"question", "mode", "duration_minutes", "started_at", "submitted_at", "revealed_early",
            "self_assessment", "report", "report_rubric_version", "score", "steps"}  # fmt: skip
    for index, entry in enumerate(entries):
        where = f"attempt {index + 1}"
        row = _Reader(entry, where, keys)
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
            "steps": _read_steps(row.items("steps"), where),
        }
        if attempt["question_id"] is not None:
            attempts.append(attempt)
    return attempts


def _read_steps(entries: list, where: str) -> list[dict]:
    steps, numbers = [], set()
    keys = {"step", "text", "version", "seconds_spent", "submitted_at", "revealed_at", "saved_at"}
    for index, entry in enumerate(entries):
        row = _Reader(entry, f"{where}, step entry {index + 1}", keys)
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


def _read_card_states(entries: list, cards: dict[str, int]) -> list[dict]:
    states, seen = [], set()
    for index, entry in enumerate(entries):
        where = f"card state {index + 1}"
        row = _Reader(entry, where, {"card", "fsrs", "due", "introduced_on", "reviews"})
        guid = row.text("card", limit=100, required=True)
        if guid in seen:
            raise row.problem("card", f"repeats the card '{guid}'")
        seen.add(guid)
        state = {
            "fsrs": _fsrs(entry.get("fsrs"), where),
            "due": row.moment("due", required=True),
            "introduced_on": row.day("introduced_on") or date.today(),
            "reviews": row.integer("reviews", low=0, high=1_000_000, default=0),
        }
        if guid in cards:
            states.append({"card_id": cards[guid], **state})
    return states


def _read_reviews(entries: list, cards: dict[str, int]) -> list[dict]:
    reviews = []
    for index, entry in enumerate(entries):
        where = f"review {index + 1}"
        row = _Reader(entry, where, {"card", "rating", "reviewed_at", "previous", "previous_due", "source"})
        guid = row.text("card", limit=100, required=True)
        review = {
            "rating": row.integer("rating", low=1, high=4),
            "reviewed_at": row.moment("reviewed_at", required=True),
            "previous": _fsrs(entry.get("previous"), where, optional=True),
            "previous_due": row.moment("previous_due"),
            "source": row.choice("source", SOURCES, default="review"),
        }
        if guid in cards:
            reviews.append({"card_id": cards[guid], **review})
    return reviews


def parse_upload(raw: bytes) -> dict:
    if len(raw) > MAX_BYTES:
        raise ImportProblem(f"The file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ImportProblem(f"The file is not valid JSON ({str(exc)[:200]}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem("This is not a Primer data export (its 'format' field is missing or different).")
    return data


# Writing ---------------------------------------------------------------------------------


@transaction.atomic
def import_data(user, data: Any) -> dict:
    """Replace the learner's plan, progress, activity, attempts and cards with the file's. All or nothing."""
    upload = read_export(data)
    Progress.objects.filter(user=user).delete()
    for row in upload.progress:
        Progress(user=user, **row).save()  # renders the note
    ActivityDay.objects.filter(user=user).delete()
    ActivityDay.objects.bulk_create(ActivityDay(user=user, day=day, count=count) for day, count in upload.activity)
    StudyPlan.objects.filter(user=user).delete()
    if upload.plan:
        items = upload.plan.pop("items")
        study_plan = StudyPlan.objects.create(user=user, **upload.plan)
        PlanItem.objects.bulk_create(
            PlanItem(plan=study_plan, position=position, **item) for position, item in enumerate(items)
        )
    learner, _ = Learner.objects.get_or_create(user=user)
    learner.time_zone = upload.time_zone
    learner.save(update_fields=["time_zone"])
    Attempt.objects.filter(user=user).delete()
    for entry in upload.attempts:
        steps = entry.pop("steps")
        attempt = Attempt.objects.create(user=user, **entry)
        given = {step["step"] for step in steps}
        steps += [{"step": number} for number in ANSWER_STEPS if number not in given]
        for step in sorted(steps, key=lambda s: s["step"]):
            AttemptStep.objects.create(attempt=attempt, **step)  # renders the text
        if attempt.is_submitted:
            attempt_regrade(attempt=attempt)  # the report comes from this site's engine, never from the file
    CardState.objects.filter(user=user).delete()
    CardState.objects.bulk_create(CardState(user=user, **state) for state in upload.cards)
    Review.objects.filter(user=user).delete()
    Review.objects.bulk_create(Review(user=user, **review) for review in upload.reviews)
    return {"progress": len(upload.progress), "skipped": upload.skipped, "attempts": len(upload.attempts)}
