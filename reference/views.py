"""The reference pages: the interview approach, the study guide, numbers and calculators,
and curated link lists. Read-only, readable without an account."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from primer.http import HtmxHttpRequest
from reference import calculators
from reference.forms import AvailabilityForm, EstimateForm, SizeForm

LINK_LISTS = {
    "architectures": ("Real-world architectures", "architectures.toml"),
    "companies": ("Company architectures", "company-architectures.toml"),
    "blogs": ("Engineering blogs", "engineering-blogs.toml"),
}


@cache
def link_list(name: str) -> list[dict]:
    """Entries of content/reference/<file>.toml, read once per process."""
    path = Path(settings.CONTENT_DIR) / "reference" / LINK_LISTS[name][1]
    with path.open("rb") as handle:
        return tomllib.load(handle)["entries"]


def _bound(form_class: type[forms.Form], request: HtmxHttpRequest) -> forms.Form:
    """A calculator form bound to the query string, or to its initial values on first visit."""
    if request.GET:
        return form_class(request.GET)
    return form_class({name: field.initial for name, field in form_class.base_fields.items()})


def _page(request: HtmxHttpRequest, template: str, context: dict) -> HttpResponse:
    if request.htmx and request.htmx.target == "calculator-result":
        template += "#result"
    return render(request, template, context)


@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "reference/index.html")


@require_GET
def approach(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "reference/approach.html")


@require_GET
def study_guide(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "reference/study_guide.html", {"guide": settings.STUDY_GUIDE})


@require_GET
def powers_of_two(request: HtmxHttpRequest) -> HttpResponse:
    form = _bound(SizeForm, request)
    conversions = None
    if form.is_valid():
        sizes = calculators.convert_size(form.cleaned_data["value"], form.cleaned_data["unit"])
        conversions = [(unit, calculators.significant(value, 4)) for unit, value in sizes.items()]
    context = {"form": form, "conversions": conversions, "powers": calculators.POWERS_OF_TWO}
    return _page(request, "reference/powers_of_two.html", context)


@require_GET
def latency(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "reference/latency.html", {"rows": calculators.latency_scale()})


@require_GET
def availability(request: HtmxHttpRequest) -> HttpResponse:
    form = _bound(AvailabilityForm, request)
    result = None
    if form.is_valid():
        percent = form.cleaned_data["availability"]
        components = form.cleaned_data["components"]
        result = {
            "availability": percent,
            "downtime": {
                period: calculators.format_duration(seconds)
                for period, seconds in calculators.downtime(percent).items()
            },
            "components": components,
            "sequence": calculators.in_sequence(components) if components else None,
            "parallel": calculators.in_parallel(components) if components else None,
        }
    table = [
        {
            "nines": count,
            "percent": calculators.nines(count),
            "downtime": {
                period: calculators.format_duration(seconds)
                for period, seconds in calculators.downtime(calculators.nines(count)).items()
            },
        }
        for count in range(1, 7)
    ]
    return _page(request, "reference/availability.html", {"form": form, "result": result, "table": table})


@require_GET
def estimate(request: HtmxHttpRequest) -> HttpResponse:
    form = _bound(EstimateForm, request)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        numbers = calculators.estimate(
            daily_active_users=data["daily_active_users"],
            requests_per_user=data["requests_per_user"],
            read_write_ratio=data["read_write_ratio"],
            object_size_bytes=data["object_size"] * calculators.SIZE_UNITS[data["object_unit"]],
            retention_years=data["retention_years"],
            peak_factor=data["peak_factor"],
        )
        rate, size = calculators.significant, calculators.human_bytes
        result = {
            "Requests per day": rate(numbers.requests_per_day),
            "Average requests per second": rate(numbers.average_rps),
            "Peak requests per second": rate(numbers.peak_rps),
            "Reads per second (average / peak)": f"{rate(numbers.read_rps)} / {rate(numbers.peak_read_rps)}",
            "Writes per second (average / peak)": f"{rate(numbers.write_rps)} / {rate(numbers.peak_write_rps)}",
            "New storage per day": size(numbers.storage_per_day),
            "New storage per year": size(numbers.storage_per_year),
            "Storage over the retention period": size(numbers.storage_total),
            "Incoming bandwidth (writes, average)": f"{size(numbers.ingress_per_second)}/s",
            "Outgoing bandwidth (reads, average)": f"{size(numbers.egress_per_second)}/s",
        }
    return _page(request, "reference/estimate.html", {"form": form, "result": result})


@require_GET
def links(request: HtmxHttpRequest, name: str) -> HttpResponse:
    if name not in LINK_LISTS:
        raise Http404("No such list.")
    entries = link_list(name)
    groups: dict[str, list[dict]] = {}
    for entry in entries:
        groups.setdefault(entry.get("category") or entry.get("company") or "", []).append(entry)
    context = {"title": LINK_LISTS[name][0], "name": name, "groups": sorted(groups.items()), "count": len(entries)}
    return render(request, "reference/links.html", context)
