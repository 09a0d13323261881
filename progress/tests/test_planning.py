"""The study plan algorithm (progress/planning.py), rule by rule."""

import itertools
from datetime import date, timedelta

import pytest
from django.conf import settings

from progress.planning import (
    Item,
    PlanError,
    Squeeze,
    check_interview_date,
    fitting_timeline,
    plan_items,
    rebuild,
    replan,
    schedule,
    squeeze,
    standing,
)

TODAY = date(2026, 11, 22)
TOPICS = [(f"t{i}", f"Topic {i}", ("core", "deeper", "deep_dive")[i % 3]) for i in range(30)]
QUESTIONS = {
    "system_design": [(f"sd{i}", f"SD {i}") for i in range(15)],
    "object_oriented": [(f"oo{i}", f"OO {i}") for i in range(8)],
    "additional": [(f"ad{i}", f"AD {i}") for i in range(23)],
}


def items(timeline: str) -> list[Item]:
    return plan_items(timeline=timeline, guide=settings.STUDY_GUIDE, topics=TOPICS, questions=QUESTIONS)


def count(plan: list[Item], kind: str) -> int:
    return sum(1 for item in plan if item.kind == kind)


@pytest.mark.parametrize(
    ("timeline", "topics", "questions", "readings"),
    [("short", 10, 4 + 3 + 4, 4), ("medium", 20, 10 + 6 + 10, 10), ("long", 30, 14 + 8 + 20, 20)],
)
def test_each_timeline_covers_its_depths_and_counts(timeline, topics, questions, readings):
    plan = items(timeline)
    assert count(plan, "topic") == topics
    assert count(plan, "question") == questions
    assert count(plan, "reading") == readings
    assert plan[0].kind == "approach"
    assert plan[-1].kind == "review"


def test_topics_keep_curriculum_order_and_readings_are_spread_between_them():
    plan = items("medium")
    topic_keys = [item.key for item in plan if item.kind == "topic"]
    assert topic_keys == [f"topic:t{i}" for i in range(30) if i % 3 != 2]
    positions = [index for index, item in enumerate(plan) if item.kind == "reading"]
    assert positions[0] > 1
    assert max(b - a for a, b in itertools.pairwise(positions)) <= 4


def test_practice_mixes_the_kinds_of_question():
    kinds = [item.key.split(":")[1][:2] for item in items("short") if item.kind == "question"]
    assert kinds[:3] == ["sd", "oo", "ad"]


def test_an_unknown_timeline_is_refused():
    with pytest.raises(PlanError, match="Choose a timeline"):
        plan_items(timeline="forever", guide=settings.STUDY_GUIDE, topics=TOPICS, questions=QUESTIONS)


def test_without_a_date_items_have_no_due_dates():
    assert all(item.due is None for item in schedule(items("short"), start=TODAY, interview=None))


def test_with_a_date_items_are_spread_evenly_before_the_interview():
    interview = TODAY + timedelta(days=14)
    plan = schedule(items("medium"), start=TODAY, interview=interview)
    dues = [item.due for item in plan]
    assert dues == sorted(dues)  # earlier items first
    assert dues[0] == TODAY
    assert max(dues) == interview - timedelta(days=1)
    assert plan[-1].kind == "review"
    assert plan[-1].due == interview - timedelta(days=1)
    per_day = {}
    for item in plan[:-1]:
        per_day[item.due] = per_day.get(item.due, 0) + item.effort
    assert max(per_day.values()) - min(per_day.values()) <= 3  # an even daily budget


def test_a_date_tomorrow_puts_everything_on_today():
    plan = schedule(items("short"), start=TODAY, interview=TODAY + timedelta(days=1))
    assert {item.due for item in plan} == {TODAY}


@pytest.mark.parametrize("days", [0, -3])
def test_a_date_today_or_in_the_past_gets_a_clear_message(days):
    with pytest.raises(PlanError, match="must be in the future"):
        check_interview_date(TODAY + timedelta(days=days), TODAY)


def test_overdue_items_roll_forward_from_today():
    interview = TODAY + timedelta(days=10)
    plan = schedule(items("short"), start=TODAY, interview=interview)
    later = TODAY + timedelta(days=3)
    done = {item.key for item in plan if item.due < TODAY + timedelta(days=1)}  # only day 1 was done
    moved = replan(plan, done, today=later, interview=interview)
    undone = [item for item in moved if item.key not in done]
    assert min(item.due for item in undone) == later
    assert all(item.due < interview for item in undone)
    assert [item.due for item in moved if item.key in done] == [item.due for item in plan if item.key in done]


def test_resuming_after_a_pause_shifts_the_remaining_dates():
    interview = TODAY + timedelta(days=30)
    plan = schedule(items("short"), start=TODAY, interview=interview)
    resumed = replan(plan, set(), today=TODAY + timedelta(days=5), interview=interview)
    assert min(item.due for item in resumed) == TODAY + timedelta(days=5)


def test_changing_the_timeline_keeps_what_is_done():
    medium = items("medium")
    done = {item.key for item in medium if item.kind == "topic"}
    rebuilt = rebuild(medium, items("short"), done)
    assert done <= {item.key for item in rebuilt}


def test_standing_reports_ahead_or_behind():
    interview = TODAY + timedelta(days=10)
    plan = schedule(items("short"), start=TODAY - timedelta(days=2), interview=interview)
    due_before_today = [item for item in plan if item.due < TODAY]
    done = {item.key for item in due_before_today[:-2]}
    result = standing(plan, done, TODAY)
    assert result["expected"] == len(due_before_today)
    assert result["difference"] == -2
    assert len(result["overdue"]) == 2


def test_an_undated_plan_has_no_expected_count():
    plan = schedule(items("short"), start=TODAY, interview=None)
    assert standing(plan, set(), TODAY)["expected"] is None


@pytest.mark.parametrize(
    ("days", "timeline"), [(1, "short"), (13, "short"), (14, "medium"), (21, "medium"), (41, "medium"), (42, "long")]
)
def test_the_timeline_that_fits_follows_the_study_guides_weeks(days, timeline):
    assert fitting_timeline(days) == timeline


def test_a_long_timeline_three_weeks_out_is_squeezed_and_medium_fits():
    assert squeeze("long", TODAY + timedelta(days=21), TODAY) == Squeeze("long", 21, "medium")


@pytest.mark.parametrize(
    ("timeline", "days"), [("long", 42), ("medium", 14), ("short", 1), ("short", 300), ("long", None), ("long", 0)]
)
def test_a_timeline_with_the_weeks_it_needs_or_no_date_is_not_squeezed(timeline, days):
    interview = TODAY + timedelta(days=days) if days is not None else None
    assert squeeze(timeline, interview, TODAY) is None
