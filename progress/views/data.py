"""A learner's progress data beyond the plan: the calendar feed and resetting progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Learner
from accounts.requests import LearnerRequest
from progress import calendar
from progress.forms import ResetForm
from progress.models import StudyPlan
from progress.services.tracking import progress_reset
from progress.views.dashboard import unavailable_items


@require_GET
def calendar_feed(request: LearnerRequest, token: str) -> HttpResponse:
    learner = get_object_or_404(Learner.objects.select_related("user"), calendar_token=token)
    study_plan = StudyPlan.objects.filter(user=learner.user).first()
    rows = [row for row in study_plan.current_items(learner.today()) if row.due_on] if study_plan else []
    closed = frozenset(unavailable_items(rows, learner.user))
    body = calendar.ics(rows, host=request.get_host(), base_url=request.build_absolute_uri("/"), unavailable=closed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="primer-plan.ics"'
    return response


@require_POST
@login_required
def calendar_reset(request: LearnerRequest) -> HttpResponse:
    request.learner.new_calendar_token()
    messages.success(request, "A new calendar address was made; the old one no longer works.")
    return redirect("accounts:data")


@require_POST
@login_required
def reset(request: LearnerRequest) -> HttpResponse:
    form = ResetForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tick the box to confirm; nothing was reset.")
        return redirect("accounts:data")
    section = form.cleaned_data["section"]
    count = progress_reset(user=request.user, section=section)
    where = f" in {section.title}" if section else ""
    messages.success(request, f"Progress reset{where} ({count} entries).")
    return redirect("accounts:data")
