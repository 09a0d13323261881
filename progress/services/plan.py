"""Writes to the study plan: setting it up, rolling overdue items forward, pausing, resuming."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction

from progress import planning
from progress.models import FINISHED, PlanItem, Progress, StudyPlan
from progress.services.activity import record_activity
from questions.models import Kind, Question
from topics.models import Topic


def _catalogue() -> tuple[list[tuple[str, str, str]], dict[str, list[tuple[str, str]]]]:
    topics = list(Topic.objects.published().in_curriculum_order().values_list("slug", "title", "depth"))
    questions: dict[str, list[tuple[str, str]]] = {kind: [] for kind in Kind.values}
    for slug, title, kind in (
        Question.objects.published().order_by("kind", "order", "title").values_list("slug", "title", "kind")
    ):
        questions[kind].append((slug, title))
    return topics, questions


def as_items(rows: list[PlanItem]) -> list[planning.Item]:
    return [planning.Item(row.key, row.kind, row.label, row.due_on) for row in rows]


def _done_keys(rows: list[PlanItem]) -> set[str]:
    return {row.key for row in rows if row.done_on}


def _finished_keys(user) -> set[str]:
    rows = Progress.objects.for_user(user).filter(status__in=FINISHED).select_related("topic", "question")
    return {planning.topic_key(p.topic.slug) if p.topic_id else planning.question_key(p.question.slug) for p in rows}


def _save_items(plan: StudyPlan, items: list[planning.Item], done: dict[str, date]) -> None:
    topics = dict(Topic.objects.values_list("slug", "pk"))
    questions = dict(Question.objects.values_list("slug", "pk"))
    plan.items.all().delete()
    rows = []
    for position, item in enumerate(items):
        target = planning.parse_key(item.key)
        rows.append(
            PlanItem(
                plan=plan,
                position=position,
                key=item.key,
                kind=item.kind,
                label=item.label[:250],
                topic_id=topics.get(target.slug) if target.kind == "topic" else None,
                question_id=questions.get(target.slug) if target.kind == "question" else None,
                due_on=item.due,
                done_on=done.get(item.key),
            )
        )
    PlanItem.objects.bulk_create(rows)


@transaction.atomic
def plan_set_up(*, user, timeline: str, interview_date: date | None, today: date) -> StudyPlan:
    """Create the plan, or rebuild it for a new timeline or date, keeping what is done."""
    planning.check_interview_date(interview_date, today)
    plan = StudyPlan.objects.select_for_update().filter(user=user).first()
    old_rows = list(plan.items.all()) if plan else []
    done = {row.key: row.done_on for row in old_rows if row.done_on}
    for key in _finished_keys(user) - done.keys():
        done[key] = today  # finished on a page before it was in a plan
    topics, questions = _catalogue()
    new = planning.plan_items(timeline=timeline, guide=settings.STUDY_GUIDE, topics=topics, questions=questions)
    items = planning.rebuild(as_items(old_rows), new, set(done))
    items = planning.replan(items, set(done), today=today, interview=interview_date)
    if plan is None:
        plan = StudyPlan.objects.create(user=user, timeline=timeline, interview_date=interview_date, started_on=today)
    else:
        plan.timeline, plan.interview_date, plan.paused_on = timeline, interview_date, None
        plan.save()
    _save_items(plan, items, done)
    record_activity(user=user, today=today)
    return plan


def _replan(plan: StudyPlan, today: date) -> None:
    rows = list(plan.items.all())
    items = planning.replan(as_items(rows), _done_keys(rows), today=today, interview=plan.interview_date)
    changed = [row for row, item in zip(rows, items, strict=True) if row.due_on != item.due]
    for row, item in zip(rows, items, strict=True):
        row.due_on = item.due
    PlanItem.objects.bulk_update(changed, ["due_on"], batch_size=500)


def plan_resume(*, plan: StudyPlan, today: date) -> None:
    if plan.is_paused:
        plan.paused_on = None
        plan.save(update_fields=["paused_on", "updated_at"])
        if plan.interview_date and plan.interview_date > today:
            _replan(plan, today)


def plan_item_set_done(*, item: PlanItem, done: bool, today: date) -> None:
    item.set_done(done, today)
    if done:
        record_activity(user=item.plan.user, today=today)
