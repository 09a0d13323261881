"""How content pages show a learner's own progress: the content apps load these tags in their
templates and never import the progress app (it sits above them)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from progress.forms import ResetForm
from progress.models import FINISHED, Progress, Status
from progress.views.dashboard import dashboard_context
from progress.views.tracking import controls_context

register = template.Library()


@register.inclusion_tag("progress/_controls.html", takes_context=True)
def progress_controls(context, target) -> dict:
    """Status, bookmark and private note for one topic or question (for a signed-in learner)."""
    request = context["request"]
    progress = Progress.objects.of(request.user, target) if request.user.is_authenticated else None
    return {**controls_context(target, progress, request.path), "csrf_token": context.get("csrf_token")}


@register.simple_tag(takes_context=True)
def topic_progress(context, topics) -> dict:
    """For the topics index: {"statuses": {topic id: (status, label)}, "sections": {id: bar}}. One query."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"statuses": {}, "sections": {}}
    statuses = Progress.objects.topic_statuses(user)
    labels = dict(Status.choices)
    sections: dict[int, dict] = {}
    for topic in topics:
        if topic.section_id is None:
            continue
        bar = sections.setdefault(topic.section_id, {"done": 0, "total": 0})
        bar["total"] += 1
        bar["done"] += statuses.get(topic.pk) in FINISHED
    for bar in sections.values():
        bar["percent"] = round(100 * bar["done"] / bar["total"])
    return {"statuses": {pk: (status, labels[status]) for pk, status in statuses.items()}, "sections": sections}


@register.simple_tag
def practice_url(question) -> str:
    """The practice editor's address for a question one can practise, else ""."""
    return reverse("progress:practice-start", args=[question.slug]) if question.is_practicable else ""


@register.inclusion_tag("progress/_dashboard.html", takes_context=True)
def dashboard(context) -> dict:
    request = context["request"]
    return {**dashboard_context(request.user, request.learner), "user": request.user}


@register.inclusion_tag("progress/_data_sections.html", takes_context=True)
def progress_data_sections(context) -> dict:
    """The calendar address and the reset form, on the account's data page."""
    request = context["request"]
    address = reverse("progress:calendar", args=[request.learner.calendar_token])
    return {
        "calendar_url": request.build_absolute_uri(address),
        "reset_form": ResetForm(),
        "csrf_token": context.get("csrf_token"),
    }
