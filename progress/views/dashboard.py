"""The dashboard: shown on the home page to a signed-in learner, through the `dashboard` template tag."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count

from primer.publication import Publication
from progress.heatmap import heatmap
from progress.models import FINISHED, ActivityDay, Attempt, PlanItem, Progress, StudyPlan
from progress.planning import standing
from progress.services.activity import streak
from progress.services.plan import as_items
from topics.models import Topic


def unavailable_items(rows: list[PlanItem], user) -> set[int]:
    """The plan items whose page this person cannot open: a topic or question deleted since, or
    taken back to draft (editors can still open a draft). Reads only what `rows` has loaded."""
    closed = set()
    for row in rows:
        if row.kind not in ("topic", "question"):
            continue
        target = row.topic if row.kind == "topic" else row.question
        if target is None or (target.status != Publication.PUBLISHED and not user.is_staff):
            closed.add(row.pk)
    return closed


def dashboard_context(user, learner) -> dict:
    """Everything the dashboard shows; reads only."""
    today = learner.today()
    study_plan = StudyPlan.objects.filter(user=user).first()
    context: dict = {"today": today, "plan": study_plan}
    if study_plan:
        rows = study_plan.current_items(today)
        done = {row.key for row in rows if row.done_on}
        context["rows"] = rows
        context["standing"] = standing(as_items(rows), done, today)
        context["today_rows"] = [row for row in rows if row.due_on == today and not row.done_on] or [
            row for row in rows if not row.done_on
        ][:5]
        context["unavailable"] = unavailable_items(rows, user)
        context["days_left"] = (study_plan.interview_date - today).days if study_plan.interview_date else None
        context["overall"] = {"done": len(done), "total": len(rows)}
    activity = dict(
        ActivityDay.objects.filter(user=user, day__gt=today - timedelta(weeks=53)).values_list("day", "count")
    )
    context["streak"] = streak({day for day, count in activity.items() if count}, today)
    context["heatmap"] = heatmap(activity, today)
    context["sections"] = section_progress(user)
    context["attempts"] = list(Attempt.objects.for_user(user).select_related("question").order_by("-started_at")[:5])
    context["bookmarks"] = [
        (progress, progress.target.status == Publication.PUBLISHED or user.is_staff)
        for progress in Progress.objects.for_user(user)
        .filter(bookmarked=True)
        .select_related("topic", "question")
        .order_by("-updated_at")[:10]
    ]
    return context


def section_progress(user) -> list[dict]:
    """Done (or skipped) topics per section, for progress bars. Three queries whatever the size."""
    totals = (
        Topic.objects.published().filter(section__isnull=False).values("section").annotate(total=Count("pk")).order_by()
    )
    finished = dict(
        Progress.objects.for_user(user)
        .filter(status__in=FINISHED, topic__status=Publication.PUBLISHED, topic__section__isnull=False)
        .values("topic__section")
        .annotate(count=Count("pk"))
        .values_list("topic__section", "count")
    )
    sections = list(Topic.objects.sections().published().order_by("sequence").values_list("pk", "title", "slug"))
    counts = {row["section"]: row["total"] for row in totals}
    rows = []
    for pk, title, slug in sections:
        total, done = counts.get(pk, 0), finished.get(pk, 0)
        if total:
            rows.append(
                {"title": title, "slug": slug, "done": done, "total": total, "percent": round(100 * done / total)}
            )
    return rows
