from __future__ import annotations

import json
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from primer.htmx import HtmxHttpRequest
from primer.views import safe_next
from progress import calendar, portability, services
from progress.forms import (
    TARGETS,
    DeleteAccountForm,
    ImportForm,
    NoteForm,
    PlanForm,
    ResetForm,
    StatusForm,
    TimeZoneForm,
)
from progress.heatmap import heatmap
from progress.models import FINISHED, ActivityDay, Attempt, Learner, PlanItem, Progress, Status, StudyPlan
from progress.planning import standing
from topics.models import Topic


def _back(request: HtmxHttpRequest, fallback: str) -> str:
    return safe_next(request) or fallback


def _get_plan_for_user(request: HtmxHttpRequest) -> StudyPlan | None:
    return StudyPlan.objects.filter(user=request.user).first()


def _get_target(kind: str, slug: str):
    model = TARGETS.get(kind)
    if model is None:
        raise Http404("Nothing to track here.")
    return get_object_or_404(model.objects.published(), slug=slug)


# The plan ------------------------------------------------------------------------------


@login_required
def plan(request: HtmxHttpRequest) -> HttpResponse:
    learner = services.learner_for(request.user)
    today = learner.today()
    study_plan = _get_plan_for_user(request)
    if request.method == "POST":
        form = PlanForm(request.POST, today=today)
        if form.is_valid():
            services.plan_set_up(
                user=request.user,
                timeline=form.cleaned_data["timeline"],
                interview_date=form.cleaned_data["interview_date"],
                today=today,
            )
            messages.success(request, "Your study plan is ready.")
            return redirect("progress:plan")
    else:
        initial = {"timeline": study_plan.timeline, "interview_date": study_plan.interview_date} if study_plan else {}
        form = PlanForm(initial=initial, today=today)
    context = {"form": form, "plan": study_plan, "today": today}
    if study_plan:
        services.plan_roll_forward(plan=study_plan, today=today)
        context |= _plan_context(study_plan, today)
    return render(request, "progress/plan.html", context)


def _plan_context(study_plan: StudyPlan, today) -> dict:
    rows = list(study_plan.items.select_related("topic", "question").order_by("position"))
    done = {row.key for row in rows if row.done_on}
    days: dict = {}
    for row in rows:
        days.setdefault(row.due_on, []).append(row)
    items = services.as_items(rows)
    return {
        "rows": rows,
        "days": sorted(days.items(), key=lambda pair: (pair[0] is None, pair[0] or today)),
        "standing": standing(items, done, today),
        "days_left": (study_plan.interview_date - today).days if study_plan.interview_date else None,
    }


@login_required
@require_GET
def plan_print(request: HtmxHttpRequest) -> HttpResponse:
    study_plan = _get_plan_for_user(request)
    if study_plan is None:
        return redirect("progress:plan")
    today = services.learner_for(request.user).today()
    return render(
        request, "progress/plan_print.html", {"plan": study_plan, "today": today} | _plan_context(study_plan, today)
    )


@login_required
@require_POST
def plan_pause(request: HtmxHttpRequest) -> HttpResponse:
    study_plan = get_object_or_404(StudyPlan, user=request.user)
    today = services.learner_for(request.user).today()
    if request.POST.get("action") == "resume":
        services.plan_resume(plan=study_plan, today=today)
        messages.success(request, "Welcome back: the rest of your plan now starts today.")
    else:
        services.plan_pause(plan=study_plan, today=today)
        messages.success(request, "Plan paused. Nothing becomes overdue until you resume.")
    return redirect("progress:plan")


@login_required
@require_POST
def plan_item_done(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PlanItem.objects.select_related("plan__user"), pk=pk, plan__user=request.user)
    today = services.learner_for(request.user).today()
    done = request.POST.get("done") == "1"
    if item.topic_id or item.question_id:
        target = item.topic or item.question
        services.progress_set_status(
            user=request.user, target=target, status=Status.DONE if done else Status.NOT_STARTED, today=today
        )
        item.refresh_from_db()
    else:
        services.plan_item_set_done(item=item, done=done, today=today)
    if request.htmx:
        return render(request, "progress/plan.html#plan-item", {"row": item, "today": today})
    return redirect(_back(request, reverse("progress:plan")))


# Progress on a topic or question -------------------------------------------------------


def _controls(request: HtmxHttpRequest, target, progress: Progress | None) -> HttpResponse:
    kind = "topic" if isinstance(target, Topic) else "question"
    context = {
        "target": target,
        "kind": kind,
        "progress": progress,
        "statuses": Status.choices,
        "next": target.get_absolute_url(),
    }
    return render(request, "progress/_controls.html", context)


@login_required
@require_POST
def set_status(request: HtmxHttpRequest, kind: str, slug: str) -> HttpResponse:
    target = _get_target(kind, slug)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Choose one of: not started, in progress, done, skipped.", status=400)
    today = services.learner_for(request.user).today()
    progress = services.progress_set_status(
        user=request.user, target=target, status=form.cleaned_data["status"], today=today
    )
    if request.htmx:
        return _controls(request, target, progress)
    return redirect(_back(request, target.get_absolute_url()))


@login_required
@require_POST
def save_note(request: HtmxHttpRequest, kind: str, slug: str) -> HttpResponse:
    target = _get_target(kind, slug)
    form = NoteForm(request.POST)
    if not form.is_valid():
        problem = f"{form.errors['note'][0]} Nothing was saved."
        if request.htmx:
            return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, problem)
        return redirect(_back(request, target.get_absolute_url()))
    today = services.learner_for(request.user).today()
    progress = services.progress_save_note(
        user=request.user, target=target, note=form.cleaned_data["note"], today=today
    )
    if request.htmx:
        return _controls(request, target, progress)
    messages.success(request, "Note saved.")
    return redirect(_back(request, target.get_absolute_url()))


@login_required
@require_POST
def toggle_bookmark(request: HtmxHttpRequest, kind: str, slug: str) -> HttpResponse:
    target = _get_target(kind, slug)
    progress = services.progress_toggle_bookmark(user=request.user, target=target)
    if request.htmx:
        return _controls(request, target, progress)
    return redirect(_back(request, target.get_absolute_url()))


# Dashboard -----------------------------------------------------------------------------


def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    learner = services.learner_for(request.user)
    today = learner.today()
    study_plan = _get_plan_for_user(request)
    context: dict = {"today": today, "plan": study_plan}
    if study_plan:
        services.plan_roll_forward(plan=study_plan, today=today)
        rows = list(study_plan.items.select_related("topic", "question").order_by("position"))
        done = {row.key for row in rows if row.done_on}
        context["standing"] = standing(services.as_items(rows), done, today)
        context["today_rows"] = [row for row in rows if row.due_on == today and not row.done_on] or [
            row for row in rows if not row.done_on
        ][:5]
        context["days_left"] = (study_plan.interview_date - today).days if study_plan.interview_date else None
        context["overall"] = {"done": len(done), "total": len(rows)}
    activity = dict(
        ActivityDay.objects.filter(user=request.user, day__gt=today - timedelta(weeks=53)).values_list("day", "count")
    )
    context["streak"] = services.streak({day for day, count in activity.items() if count}, today)
    context["heatmap"] = heatmap(activity, today)
    context["sections"] = section_progress(request.user)
    from progress.flashcards import due_counts

    context["cards"] = [
        row for row in due_counts(request.user, learner, now=timezone.now(), today=today) if row["due"] or row["new"]
    ]
    context["attempts"] = list(
        Attempt.objects.filter(user=request.user).select_related("question").order_by("-started_at")[:5]
    )
    context["bookmarks"] = list(
        Progress.objects.filter(user=request.user, bookmarked=True)
        .select_related("topic", "question")
        .order_by("-updated_at")[:10]
    )
    return render(request, "progress/dashboard.html", context)


def section_progress(user) -> list[dict]:
    """Done (or skipped) topics per section, for progress bars. Three queries whatever the size."""
    totals = (
        Topic.objects.published().filter(section__isnull=False).values("section").annotate(total=Count("pk")).order_by()
    )
    finished = dict(
        Progress.objects.filter(user=user, status__in=FINISHED, topic__status="published", topic__section__isnull=False)
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


# Calendar ------------------------------------------------------------------------------


@require_GET
def calendar_feed(request: HtmxHttpRequest, token: str) -> HttpResponse:
    learner = get_object_or_404(Learner.objects.select_related("user"), calendar_token=token)
    study_plan = StudyPlan.objects.filter(user=learner.user).first()
    rows = list(study_plan.items.filter(due_on__isnull=False).order_by("position")) if study_plan else []
    body = calendar.ics(rows, host=request.get_host(), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="primer-plan.ics"'
    return response


@login_required
@require_POST
def calendar_reset(request: HtmxHttpRequest) -> HttpResponse:
    services.learner_for(request.user).new_calendar_token()
    messages.success(request, "A new calendar address was made; the old one no longer works.")
    return redirect("progress:data")


# Your data -----------------------------------------------------------------------------


@login_required
def data(request: HtmxHttpRequest) -> HttpResponse:
    learner = services.learner_for(request.user)
    tz_form = TimeZoneForm(request.POST if request.POST.get("form") == "time_zone" else None, instance=learner)
    if request.method == "POST" and tz_form.is_bound and tz_form.is_valid():
        tz_form.save()
        messages.success(request, f"Your days now follow {learner.time_zone}.")
        return redirect("progress:data")
    return _data_page(request, tz_form=tz_form)


def _data_page(request: HtmxHttpRequest, *, status: int = 200, **forms) -> HttpResponse:
    learner = services.learner_for(request.user)
    context = {
        "learner": learner,
        "tz_form": TimeZoneForm(instance=learner),
        "import_form": ImportForm(),
        "reset_form": ResetForm(),
        "delete_form": DeleteAccountForm(),
        "calendar_url": request.build_absolute_uri(reverse("progress:calendar", args=[learner.calendar_token])),
        **forms,
    }
    return render(request, "progress/data.html", context, status=status)


@login_required
@require_GET
def data_export(request: HtmxHttpRequest) -> HttpResponse:
    payload = json.dumps(portability.export_data(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(payload, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="primer-{request.user.get_username()}.json"'
    return response


@login_required
@require_POST
def data_import(request: HtmxHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _data_page(request, status=400, import_form=form)
    try:
        upload = form.cleaned_data["file"]
        raw = upload.read(portability.MAX_BYTES + 1)
        result = portability.import_data(request.user, portability.parse_upload(raw))
    except portability.ImportProblem as exc:
        form.add_error("file", f"Nothing was imported: {exc}")
        return _data_page(request, status=400, import_form=form)
    note = f" {result['skipped']} entries for pages this site does not have were left out." if result["skipped"] else ""
    messages.success(
        request,
        f"Imported {result['progress']} progress entries and {result['attempts']} "
        f"attempt{'s' if result['attempts'] != 1 else ''}.{note}",
    )
    return redirect("progress:data")


@login_required
@require_POST
def data_reset(request: HtmxHttpRequest) -> HttpResponse:
    form = ResetForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tick the box to confirm; nothing was reset.")
        return redirect("progress:data")
    section = form.cleaned_data["section"]
    count = services.progress_reset(user=request.user, section=section)
    where = f" in {section.title}" if section else ""
    messages.success(request, f"Progress reset{where} ({count} entries).")
    return redirect("progress:data")


@login_required
@require_POST
def account_delete(request: HtmxHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST)
    if not form.is_valid() or not request.user.check_password(form.cleaned_data["password"]):
        messages.error(request, "That password is not right; your account was not deleted.")
        return redirect("progress:data")
    user = request.user
    logout(request)
    user.delete()
    messages.success(request, "Your account and everything it owned have been deleted.")
    return redirect("home")


def status_map(user, topic_ids: list[int] | None = None) -> dict[int, str]:
    rows = Progress.objects.filter(user=user, topic__isnull=False)
    if topic_ids is not None:
        rows = rows.filter(topic_id__in=topic_ids)
    return dict(rows.exclude(status=Status.NOT_STARTED).values_list("topic_id", "status"))


def controls_context(request: HtmxHttpRequest, target) -> dict:
    """What progress/_controls.html needs on a topic or question page."""
    if not request.user.is_authenticated:
        return {}
    return {"progress": progress_for(request.user, target), "statuses": Status.choices, "next": request.path}


def progress_for(user, target) -> Progress | None:
    if not user.is_authenticated:
        return None
    field = "topic" if isinstance(target, Topic) else "question"
    return Progress.objects.filter(Q(user=user), **{field: target}).first()
