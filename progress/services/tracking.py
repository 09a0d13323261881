"""Progress on topics and questions: status, note, bookmark, reset (each keeps the plan in step)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from progress import planning
from progress.models import FINISHED, ActivityDay, PlanItem, Progress, Status
from progress.services.activity import record_activity
from questions.models import Question
from topics.models import Topic


def _progress(user, target: Topic | Question) -> Progress:
    if isinstance(target, Question):
        return Progress.objects.get_or_create(user=user, question=target)[0]
    return Progress.objects.get_or_create(user=user, topic=target)[0]


def plan_key(target: Topic | Question) -> str:
    return planning.question_key(target.slug) if isinstance(target, Question) else planning.topic_key(target.slug)


@transaction.atomic
def progress_set_status(*, user, target: Topic | Question, status: str, today: date) -> Progress:
    progress = _progress(user, target)
    if progress.status != status:
        progress.status = status
        progress.save(update_fields=["status", "updated_at"])
        finished = status in FINISHED
        PlanItem.objects.filter(plan__user=user, key=plan_key(target)).update(done_on=today if finished else None)
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
    rows = Progress.objects.for_user(user)
    if section is not None:
        rows = rows.filter(topic__in=Topic.objects.filter(pk=section.pk) | Topic.objects.filter(section=section))
        keys = [planning.topic_key(slug) for slug in rows.values_list("topic__slug", flat=True)]
        count = rows.exclude(status=Status.NOT_STARTED).update(status=Status.NOT_STARTED)
        PlanItem.objects.filter(plan__user=user, key__in=keys).update(done_on=None)
        return count
    count = rows.count()
    rows.delete()
    PlanItem.objects.filter(plan__user=user).update(done_on=None)
    ActivityDay.objects.filter(user=user).delete()
    return count
