"""Writes that touch several models: the study plan, progress and activity."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F

from progress import planning
from progress.models import FINISHED, ActivityDay, Learner, PlanItem, Progress, Status, StudyPlan
from questions.models import Kind, Question
from topics.models import Topic


def learner_for(user) -> Learner:
    learner, _ = Learner.objects.get_or_create(user=user)
    return learner


def record_activity(*, user, today: date, amount: int = 1) -> None:
    updated = ActivityDay.objects.filter(user=user, day=today).update(count=F("count") + amount)
    if not updated:
        ActivityDay.objects.get_or_create(user=user, day=today, defaults={"count": amount})


# The study plan ------------------------------------------------------------------------


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
    rows = Progress.objects.filter(user=user, status__in=FINISHED).select_related("topic", "question")
    return {f"topic:{p.topic.slug}" if p.topic_id else f"question:{p.question.slug}" for p in rows}


def _save_items(plan: StudyPlan, items: list[planning.Item], done: dict[str, date]) -> None:
    topics = dict(Topic.objects.values_list("slug", "pk"))
    questions = dict(Question.objects.values_list("slug", "pk"))
    plan.items.all().delete()
    PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan,
            position=position,
            key=item.key,
            kind=item.kind,
            label=item.label[:250],
            topic_id=topics.get(item.key.removeprefix("topic:")) if item.kind == "topic" else None,
            question_id=questions.get(item.key.removeprefix("question:")) if item.kind == "question" else None,
            due_on=item.due,
            done_on=done.get(item.key),
        )
        for position, item in enumerate(items)
    )


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


def plan_roll_forward(*, plan: StudyPlan, today: date) -> bool:
    """Re-plan when items are overdue (and the plan is not paused). Returns whether it moved."""
    if plan.is_paused or plan.interview_date is None:
        return False
    if not plan.items.filter(done_on__isnull=True, due_on__lt=today).exists():
        return False
    _replan(plan, today)
    return True


def _replan(plan: StudyPlan, today: date) -> None:
    rows = list(plan.items.all())
    items = planning.replan(as_items(rows), _done_keys(rows), today=today, interview=plan.interview_date)
    changed = [row for row, item in zip(rows, items, strict=True) if row.due_on != item.due]
    for row, item in zip(rows, items, strict=True):
        row.due_on = item.due
    PlanItem.objects.bulk_update(changed, ["due_on"], batch_size=500)


def plan_pause(*, plan: StudyPlan, today: date) -> None:
    if not plan.is_paused:
        plan.paused_on = today
        plan.save(update_fields=["paused_on", "updated_at"])


def plan_resume(*, plan: StudyPlan, today: date) -> None:
    if plan.is_paused:
        plan.paused_on = None
        plan.save(update_fields=["paused_on", "updated_at"])
        if plan.interview_date and plan.interview_date > today:
            _replan(plan, today)


def plan_item_set_done(*, item: PlanItem, done: bool, today: date) -> None:
    item.done_on = today if done else None
    item.save(update_fields=["done_on"])
    if done:
        record_activity(user=item.plan.user, today=today)


# Progress on topics and questions --------------------------------------------------------


def _progress(user, target: Topic | Question) -> Progress:
    field = "topic" if isinstance(target, Topic) else "question"
    progress, _ = Progress.objects.get_or_create(user=user, **{field: target})
    return progress


def _plan_key(target: Topic | Question) -> str:
    return f"{'topic' if isinstance(target, Topic) else 'question'}:{target.slug}"


@transaction.atomic
def progress_set_status(*, user, target: Topic | Question, status: str, today: date) -> Progress:
    progress = _progress(user, target)
    if progress.status != status:
        progress.status = status
        progress.save(update_fields=["status", "updated_at"])
        finished = status in FINISHED
        PlanItem.objects.filter(plan__user=user, key=_plan_key(target)).update(done_on=today if finished else None)
        record_activity(user=user, today=today)
    return progress


def progress_save_note(*, user, target: Topic | Question, note: str, today: date) -> Progress:
    progress = _progress(user, target)
    progress.note = note
    progress.save()
    record_activity(user=user, today=today)
    return progress


def progress_toggle_bookmark(*, user, target: Topic | Question) -> Progress:
    progress = _progress(user, target)
    progress.bookmarked = not progress.bookmarked
    progress.save(update_fields=["bookmarked", "updated_at"])
    return progress


@transaction.atomic
def progress_reset(*, user, section: Topic | None = None) -> int:
    """Forget statuses (all, or one section's topics); notes and bookmarks are kept only when resetting a section."""
    rows = Progress.objects.filter(user=user)
    if section is not None:
        rows = rows.filter(topic__in=Topic.objects.filter(pk=section.pk) | Topic.objects.filter(section=section))
        keys = [f"topic:{slug}" for slug in rows.values_list("topic__slug", flat=True)]
        count = rows.exclude(status=Status.NOT_STARTED).update(status=Status.NOT_STARTED)
        PlanItem.objects.filter(plan__user=user, key__in=keys).update(done_on=None)
        return count
    count = rows.count()
    rows.delete()
    PlanItem.objects.filter(plan__user=user).update(done_on=None)
    ActivityDay.objects.filter(user=user).delete()
    return count


# Streak and activity -------------------------------------------------------------------


def streak(days: set[date], today: date) -> int:
    """Consecutive days with activity ending today (or yesterday, so a streak survives until bedtime)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
