"""Status, private note and bookmark on a topic or question (htmx or plain forms)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.requests import LearnerRequest
from primer.http import safe_next
from progress.forms import NoteForm, StatusForm
from progress.models import Progress, Status
from progress.services import tracking
from questions.models import Question
from topics.models import Topic


def _get_target(request: LearnerRequest, kind: str, slug: str) -> Topic | Question:
    """A page one can track: published, or a draft an editor is previewing (and may tick)."""
    if kind == "topic":
        return get_object_or_404(Topic.objects.visible_to(request.user), slug=slug)
    if kind == "question":
        return get_object_or_404(Question.objects.visible_to(request.user), slug=slug)
    raise Http404("Nothing to track here.")


def controls_context(target: Topic | Question, progress: Progress | None, back: str) -> dict:
    """What progress/_controls.html needs (the template tag and these views both use it)."""
    kind = "question" if isinstance(target, Question) else "topic"
    return {"target": target, "kind": kind, "progress": progress, "statuses": Status.choices, "next": back}


def _answer(request: LearnerRequest, target, progress: Progress) -> HttpResponse:
    if request.htmx:
        return render(request, "progress/_controls.html", controls_context(target, progress, target.get_absolute_url()))
    return redirect(safe_next(request) or target.get_absolute_url())


@require_POST
@login_required
def set_status(request: LearnerRequest, kind: str, slug: str) -> HttpResponse:
    target = _get_target(request, kind, slug)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Choose one of: not started, in progress, done, skipped.", status=400)
    progress = tracking.progress_set_status(
        user=request.user, target=target, status=form.cleaned_data["status"], today=request.learner.today()
    )
    return _answer(request, target, progress)


@require_POST
@login_required
def save_note(request: LearnerRequest, kind: str, slug: str) -> HttpResponse:
    target = _get_target(request, kind, slug)
    form = NoteForm(request.POST)
    if not form.is_valid():
        problem = f"{form.errors['note'][0]} Nothing was saved."
        if request.htmx:
            return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, problem)
        return redirect(safe_next(request) or target.get_absolute_url())
    progress = tracking.progress_save_note(
        user=request.user, target=target, note=form.cleaned_data["note"], today=request.learner.today()
    )
    if not request.htmx:
        messages.success(request, "Note saved.")
    return _answer(request, target, progress)


@require_POST
@login_required
def toggle_bookmark(request: LearnerRequest, kind: str, slug: str) -> HttpResponse:
    target = _get_target(request, kind, slug)
    progress = tracking.progress_toggle_bookmark(user=request.user, target=target)
    return _answer(request, target, progress)
