"""The study plan algorithm: which items a timeline includes, and on which days.

Pure functions over plain data (no database), so every rule below is tested directly.

What a plan contains (the study guide, `settings.STUDY_GUIDE`):
  1. Review the 4-step approach.
  2. The topics in curriculum order, filtered by depth (short: core; medium: core and
     deeper; long: everything), with the timeline's engineering-blog and real-world
     architecture readings spread evenly between them.
  3. Practice: the first N system design, object-oriented and additional questions in
     their published order (N per timeline), interleaved so each day mixes kinds.
  4. A final review.

When it happens (`schedule`): with an interview date, the study days are the days from
`start` up to the day before the interview. Items keep their order and fill each day up
to an even daily budget of effort (a topic or reading costs 1, a practice question 2),
except that the final review is kept for the last study day when there are three or
more. Without a date, items have no due dates and the plan is a sequence.

Falling behind (`replan`): undone items are scheduled again from today, so overdue items
roll forward and the rest is spread over the days left. Pausing freezes the plan; resuming
re-plans from the day of resumption, which shifts every remaining date by the pause.
Changing the timeline or the date rebuilds the item list, keeps what is done, and re-plans.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

TIMELINES = ("short", "medium", "long")
EFFORT = {"approach": 1, "topic": 1, "reading": 1, "question": 2, "review": 1}
KINDS = tuple(EFFORT)
READINGS = ("blogs", "architectures")


# Plan-item keys: the one place they are written and read ---------------------------------
# "approach", "review", "topic:<slug>", "question:<slug>", "reading:<blogs|architectures>:<n>"

KEY_PATTERN = re.compile(
    r"approach|review|(?:topic|question):[A-Za-z0-9_-]{1,100}|reading:(?:blogs|architectures):[0-9]{1,4}"
)


def topic_key(slug: str) -> str:
    return f"topic:{slug}"


def question_key(slug: str) -> str:
    return f"question:{slug}"


def reading_key(reading: str, number: int) -> str:
    return f"reading:{reading}:{number}"


@dataclass(frozen=True)
class Key:
    kind: str  # approach | review | topic | question | reading
    slug: str = ""  # for a topic or a question
    reading: str = ""  # blogs | architectures, for a reading


def parse_key(key: str) -> Key:
    """What a plan-item key names; ValueError for a key this site never makes."""
    if not KEY_PATTERN.fullmatch(key):
        raise ValueError(f"{key!r} is not a plan item key")
    kind, _, rest = key.partition(":")
    if kind == "reading":
        return Key(kind, reading=rest.partition(":")[0])
    return Key(kind, slug=rest)


class PlanError(ValueError):
    """A plan that cannot be made, with a message for the learner."""


@dataclass(frozen=True)
class Item:
    key: str  # stable identity: "topic:sharding", "question:pastebin", "reading:blogs:2", ...
    kind: str  # approach | topic | reading | question | review
    label: str
    due: date | None = None

    @property
    def effort(self) -> int:
        return EFFORT[self.kind]


def _spread(base: list[Item], extra: list[Item]) -> list[Item]:
    """Insert `extra` evenly between the items of `base` (never first, never bunched at the end)."""
    if not extra:
        return list(base)
    result, step = [], (len(base) + 1) / (len(extra) + 1)
    marks = [round(step * (i + 1)) for i in range(len(extra))]
    pending = list(extra)
    for index, item in enumerate(base, start=1):
        result.append(item)
        while pending and marks[len(extra) - len(pending)] <= index:
            result.append(pending.pop(0))
    return result + pending


def _interleave(groups: list[list[Item]]) -> list[Item]:
    result: list[Item] = []
    longest = max((len(group) for group in groups), default=0)
    for index in range(longest):
        result.extend(group[index] for group in groups if index < len(group))
    return result


def plan_items(
    *,
    timeline: str,
    guide: dict,
    topics: list[tuple[str, str, str]],
    questions: dict[str, list[tuple[str, str]]],
) -> list[Item]:
    """The ordered items of a timeline.

    `topics` is [(slug, title, depth)] in curriculum order; `questions` maps a kind
    ("system_design", "object_oriented", "additional") to [(slug, title)] in order.
    """
    if timeline not in TIMELINES:
        raise PlanError(f"Choose a timeline: {', '.join(TIMELINES)}.")
    settings = guide[timeline]
    reading = [Item(topic_key(slug), "topic", title) for slug, title, depth in topics if depth in settings["depths"]]
    readings = [
        Item(reading_key("blogs", n), "reading", f"Read an engineering blog post ({n} of {settings['blogs']})")
        for n in range(1, settings["blogs"] + 1)
    ] + [
        Item(
            reading_key("architectures", n),
            "reading",
            f"Study a real-world architecture ({n} of {settings['architectures']})",
        )
        for n in range(1, settings["architectures"] + 1)
    ]
    readings = _interleave([readings[: settings["blogs"]], readings[settings["blogs"] :]])
    practice = _interleave(
        [
            [Item(question_key(slug), "question", title) for slug, title in questions.get(kind, [])[: settings[kind]]]
            for kind in ("system_design", "object_oriented", "additional")
        ]
    )
    return [
        Item("approach", "approach", "Review how to approach a system design interview"),
        *_spread(reading, readings),
        *practice,
        Item("review", "review", "Final review: the 4 steps, your notes and the numbers"),
    ]


# The fewest weeks before an interview each timeline is made for (the study guide's "weeks":
# short up to 2 weeks, medium 2 to 6 weeks, long 6 weeks or more).
MIN_WEEKS = {"short": 0, "medium": 2, "long": 6}


def fitting_timeline(days: int) -> str:
    """The longest timeline made for `days` days before the interview."""
    return max((timeline for timeline in TIMELINES if days >= MIN_WEEKS[timeline] * 7), key=MIN_WEEKS.__getitem__)


@dataclass(frozen=True)
class Squeeze:
    """A timeline chosen with fewer days left than it is made for."""

    timeline: str
    days: int  # days left before the interview
    fits: str  # the timeline made for the days left


def squeeze(timeline: str, interview: date | None, today: date) -> Squeeze | None:
    """How a timeline falls short of the days before the interview; None when it fits (or there is no date)."""
    if interview is None or timeline not in TIMELINES:
        return None
    days = (interview - today).days
    if days < 1 or days >= MIN_WEEKS[timeline] * 7:
        return None
    return Squeeze(timeline, days, fitting_timeline(days))


def check_interview_date(interview: date | None, today: date) -> None:
    if interview is not None and interview <= today:
        raise PlanError(
            "The interview date must be in the future: pick a later date, or leave it empty for an undated plan."
        )


def schedule(items: list[Item], *, start: date, interview: date | None) -> list[Item]:
    """Give each item a due date between `start` and the day before the interview."""
    if interview is None:
        return [replace(item, due=None) for item in items]
    days = (interview - start).days
    if days < 1:
        raise PlanError("There are no study days left before the interview date.")
    if not items:
        return []
    review = items[-1] if items[-1].kind == "review" and days >= 3 else None
    work = items[:-1] if review else items
    study_days = days - 1 if review else days
    budget = max(1, math.ceil(sum(item.effort for item in work) / study_days))
    scheduled, day, used = [], 0, 0
    for item in work:
        if used and used + item.effort > budget and day < study_days - 1:
            day, used = day + 1, 0
        scheduled.append(replace(item, due=start + timedelta(days=day)))
        used += item.effort
    if review:
        scheduled.append(replace(review, due=interview - timedelta(days=1)))
    return scheduled


def replan(items: list[Item], done: set[str], *, today: date, interview: date | None) -> list[Item]:
    """Re-schedule the undone items from today; done items keep their dates."""
    remaining = [item for item in items if item.key not in done]
    if interview is not None and interview <= today:
        return [item if item.key in done else replace(item, due=None) for item in items]
    rescheduled = {item.key: item for item in schedule(remaining, start=today, interview=interview)}
    return [rescheduled.get(item.key, item) for item in items]


def rebuild(old: list[Item], new: list[Item], done: set[str]) -> list[Item]:
    """A new item list after a timeline change that still shows what was done.

    Done items of the old plan that the new one lacks stay, first, so progress is never lost.
    """
    keys = {item.key for item in new}
    kept = [item for item in old if item.key in done and item.key not in keys]
    return kept + new


def standing(items: list[Item], done: set[str], today: date) -> dict:
    """Expected versus actual: how many items should be done by today, and how many are."""
    expected = sum(1 for item in items if item.due is not None and item.due < today)
    actual = sum(1 for item in items if item.key in done)
    dated = any(item.due is not None for item in items)
    return {
        "expected": expected if dated else None,
        "actual": actual,
        "total": len(items),
        "difference": actual - expected if dated else None,
        "today": [item for item in items if item.due == today and item.key not in done],
        "overdue": [item for item in items if item.due is not None and item.due < today and item.key not in done],
    }
