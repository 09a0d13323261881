"""The study plan: making and changing it, pausing, ticking items, the printable page."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.requests import LearnerRequest
from primer.http import safe_next
from primer.pagecache import personal_page
from progress import planning
from progress.forms import PlanForm
from progress.models import PlanItem, Status, StudyPlan
from progress.planning import standing
from progress.services import plan as plan_services
from progress.services.plan import as_items
from progress.services.tracking import progress_set_status
from progress.views.dashboard import dashboard_context, unavailable_items


def _get_plan_for_user(request: LearnerRequest) -> StudyPlan | None:
    return StudyPlan.objects.filter(user=request.user).first()


def plan_context(study_plan: StudyPlan, today: date, user) -> dict:
    rows = study_plan.current_items(today)
    done = {row.key for row in rows if row.done_on}
    days: dict = {}
    for row in rows:
        days.setdefault(row.due_on, []).append(row)
    return {
        "rows": rows,
        "days": sorted(days.items(), key=lambda pair: (pair[0] is None, pair[0] or today)),
        "standing": standing(as_items(rows), done, today),
        "days_left": (study_plan.interview_date - today).days if study_plan.interview_date else None,
        "unavailable": unavailable_items(rows, user),
        "squeeze": _squeeze_note(study_plan, today, undone=len(rows) - len(done)),
    }


def _squeeze_note(study_plan: StudyPlan, today: date, *, undone: int) -> dict | None:
    """For a plan kept on a timeline longer than the days left: how much a day that makes."""
    squeeze = planning.squeeze(study_plan.timeline, study_plan.interview_date, today)
    if squeeze is None or study_plan.is_paused or not undone:
        return None
    return {
        "days": squeeze.days,
        "per_day": -(-undone // squeeze.days),  # rounded up
        "timeline": settings.STUDY_GUIDE[squeeze.timeline],
        "fits": settings.STUDY_GUIDE[squeeze.fits],
    }


@require_http_methods(["GET", "POST"])
@login_required
@personal_page
def plan(request: LearnerRequest) -> HttpResponse:
    today = request.learner.today()
    study_plan = _get_plan_for_user(request)
    if request.method == "POST":
        form = PlanForm(request.POST, today=today)
        if form.is_valid():
            plan_services.plan_set_up(
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
        context |= plan_context(study_plan, today, request.user)
    return render(request, "progress/plan.html", context)


@require_GET
@login_required
def plan_print(request: LearnerRequest) -> HttpResponse:
    study_plan = _get_plan_for_user(request)
    if study_plan is None:
        return redirect("progress:plan")
    today = request.learner.today()
    return render(
        request,
        "progress/plan_print.html",
        {"plan": study_plan, "today": today} | plan_context(study_plan, today, request.user),
    )


@require_POST
@login_required
def plan_pause(request: LearnerRequest) -> HttpResponse:
    study_plan = get_object_or_404(StudyPlan, user=request.user)
    today = request.learner.today()
    if request.POST.get("action") == "resume":
        plan_services.plan_resume(plan=study_plan, today=today)
        messages.success(request, "Welcome back: the rest of your plan now starts today.")
    else:
        study_plan.pause(today)
        messages.success(request, "Plan paused. Nothing becomes overdue until you resume.")
    return redirect("progress:plan")


@require_POST
@login_required
def plan_item_done(request: LearnerRequest, pk: int) -> HttpResponse:
    """Tick or untick an item, from the plan or the dashboard's Today list.

    With htmx the answer is the item again plus, out of band, what ticking changed on the page
    it came from (the plan's pace; the dashboard's pace, counts, streak and heatmap).
    """
    item = get_object_or_404(PlanItem.objects.select_related("plan__user"), pk=pk, plan__user=request.user)
    today = request.learner.today()
    done = request.POST.get("done") == "1"
    target = item.topic or item.question
    if target is not None:
        progress_set_status(
            user=request.user, target=target, status=Status.DONE if done else Status.NOT_STARTED, today=today
        )
    else:
        plan_services.plan_item_set_done(item=item, done=done, today=today)
    on_dashboard = request.POST.get("page") == "dashboard"
    if not request.htmx:
        fallback = reverse("home") if on_dashboard else f"{reverse('progress:plan')}#item-{item.pk}"
        return redirect(safe_next(request) or fallback)
    if on_dashboard:
        context = dashboard_context(request.user, request.learner)
        template = "progress/_dashboard.html#ticked"
    else:
        context = {"plan": item.plan} | plan_context(item.plan, today, request.user)
        template = "progress/plan.html#ticked"
    row = next(row for row in context["rows"] if row.pk == item.pk)
    return render(request, template, context | {"row": row, "page": "dashboard" if on_dashboard else "plan"})
