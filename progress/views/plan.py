"""The study plan: making and changing it, pausing, ticking items, the printable page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.requests import LearnerRequest
from primer.http import safe_next
from progress.forms import PlanForm
from progress.models import PlanItem, Status, StudyPlan
from progress.planning import standing
from progress.services import plan as plan_services
from progress.services.plan import as_items
from progress.services.tracking import progress_set_status


def _get_plan_for_user(request: LearnerRequest) -> StudyPlan | None:
    return StudyPlan.objects.filter(user=request.user).first()


def plan_context(study_plan: StudyPlan, today) -> dict:
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
    }


@require_http_methods(["GET", "POST"])
@login_required
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
        context |= plan_context(study_plan, today)
    return render(request, "progress/plan.html", context)


@require_GET
@login_required
def plan_print(request: LearnerRequest) -> HttpResponse:
    study_plan = _get_plan_for_user(request)
    if study_plan is None:
        return redirect("progress:plan")
    today = request.learner.today()
    return render(
        request, "progress/plan_print.html", {"plan": study_plan, "today": today} | plan_context(study_plan, today)
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
    item = get_object_or_404(PlanItem.objects.select_related("plan__user"), pk=pk, plan__user=request.user)
    today = request.learner.today()
    done = request.POST.get("done") == "1"
    target = item.topic or item.question
    if target is not None:
        progress_set_status(
            user=request.user, target=target, status=Status.DONE if done else Status.NOT_STARTED, today=today
        )
        item.refresh_from_db()
    else:
        plan_services.plan_item_set_done(item=item, done=done, today=today)
    if request.htmx:
        return render(request, "progress/plan.html#plan-item", {"row": item, "today": today})
    return redirect(safe_next(request) or reverse("progress:plan"))
