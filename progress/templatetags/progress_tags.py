"""Progress parts of other apps' pages: the content apps load these tags in their templates and
never import the progress app (it sits above them). A learner's own status, notes and bars on
shared pages are personal parts instead (progress/regions.py)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from progress.forms import ResetForm
from progress.views.dashboard import dashboard_context

register = template.Library()


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
