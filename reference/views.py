"""The reference pages: the interview approach, the study guide, numbers and calculators,
and curated link lists. Read-only, readable without an account."""

from __future__ import annotations

import tomllib
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from primer.http import HtmxHttpRequest, wants_fragment
from reference import calculators
from reference.calculators import Number
from reference.forms import SPLIT, AvailabilityForm, EstimateForm, SizeForm, plain

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


FRAGMENT_TARGET = "calculator-result"
# The page's answer depends on these request headers (whole page or the result alone), so
# caches, the browser's included, keep the answers apart: without it, Back after typing in a
# calculator could show the last fragment as if it were the page.
calculator_vary = vary_on_headers("HX-Request", "HX-Target", "HX-History-Restore-Request")


def _bound(form_class: type[forms.Form], request: HtmxHttpRequest) -> forms.Form:
    """A calculator form bound to the query string, each value it leaves out at the field's initial value.

    A first visit, an old link or a hand-written one ("?daily_active_users=5") works; a field
    sent empty is the learner's and gets a message.
    """
    data = request.GET.copy()
    for name, field in form_class.base_fields.items():
        if name not in data and field.initial is not None:
            data[name] = str(field.initial)
    return form_class(data)


def _page(request: HtmxHttpRequest, template: str, context: dict) -> HttpResponse:
    """The whole page, or the result alone for the calculator's own htmx requests.

    After Back, htmx asks for the page again when its history cache misses
    (`HX-History-Restore-Request`): that gets the whole page, which htmx swaps in.
    """
    fragment = wants_fragment(request) and request.htmx.target == FRAGMENT_TARGET
    return render(request, f"{template}#result" if fragment else template, {**context, "fragment": fragment})


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
@calculator_vary
def powers_of_two(request: HtmxHttpRequest) -> HttpResponse:
    form = _bound(SizeForm, request)
    conversions = None
    if form.is_valid():
        sizes = calculators.convert_size(form.cleaned_data["value"], form.cleaned_data["unit"])
        conversions = [(unit, calculators.format_exact(value)) for unit, value in sizes.items()]
    powers = [(power, f"{exact:,}", approx, name) for power, exact, approx, name in calculators.POWERS_OF_TWO]
    context = {"form": form, "conversions": conversions, "powers": powers}
    return _page(request, "reference/powers_of_two.html", context)


@require_GET
def latency(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "reference/latency.html", {"rows": calculators.latency_scale()})


def _combined(percent: Fraction) -> dict[str, Any]:
    return {
        "percent": calculators.format_percent(percent),
        "nines": calculators.count_nines(percent),
        "per_year": calculators.format_duration(calculators.downtime(percent)["year"]),
    }


def _downtimes(percent: Number) -> dict[str, str]:
    return {period: calculators.format_duration(seconds) for period, seconds in calculators.downtime(percent).items()}


@require_GET
@calculator_vary
def availability(request: HtmxHttpRequest) -> HttpResponse:
    form = _bound(AvailabilityForm, request)
    result = None
    if form.is_valid():
        percent, components = form.cleaned_data["availability"], form.cleaned_data["components"]
        result = {
            "availability": plain(percent),
            "downtime": _downtimes(percent),
            "components": [plain(component) for component in components],
            "combined": [
                ("In sequence (all must be up)", _combined(calculators.in_sequence(components))),
                ("In parallel (any one is enough)", _combined(calculators.in_parallel(components))),
            ]
            if len(components) > 1
            else None,
        }
    table = [
        {
            "nines": count,
            "percent": calculators.format_percent(calculators.nines(count)),
            "downtime": _downtimes(calculators.nines(count)),
        }
        for count in range(1, 7)
    ]
    return _page(request, "reference/availability.html", {"form": form, "result": result, "table": table})


@require_GET
@calculator_vary
def estimate(request: HtmxHttpRequest) -> HttpResponse:
    form = _bound(EstimateForm, request)
    result = _estimate_result(form.cleaned_data) if form.is_valid() else None
    return _page(request, "reference/estimate.html", {"form": form, "result": result})


def _workload(data: dict[str, Any]) -> tuple[dict[str, float], str]:
    """The estimate's inputs in reads and writes per user and bytes, and how a ratio split the requests."""
    if data["traffic"] == SPLIT:
        reads_per_user, writes_per_user, split = float(data["reads_per_user"]), float(data["writes_per_user"]), ""
    else:
        reads, writes = data["read_write_ratio"]
        requests = float(data["requests_per_user"])
        reads_per_user, writes_per_user = calculators.split_by_ratio(requests, float(reads), float(writes))
        split = f"{plain(data['requests_per_user'])} requests at {plain(reads)}:{plain(writes)}"
    write_size = float(data["object_size"] * calculators.SIZE_UNITS[data["object_unit"]])
    read_size = write_size  # reading back what was written, unless told otherwise
    if data.get("read_size") is not None:
        read_size = float(data["read_size"] * calculators.SIZE_UNITS[data.get("read_unit") or "B"])
    workload = {
        "daily_active_users": float(data["daily_active_users"]),
        "reads_per_user": reads_per_user,
        "writes_per_user": writes_per_user,
        "write_size_bytes": write_size,
        "read_size_bytes": read_size,
        "retention_years": float(data["retention_years"]),
        "peak_factor": float(data["peak_factor"]),
    }
    return workload, split


def _estimate_result(data: dict[str, Any]) -> dict[str, Any]:
    """The estimate's figures as text: rates (average and peak), volumes, and the arithmetic behind them."""
    workload, split = _workload(data)
    numbers = calculators.estimate(**workload)
    rate, size = calculators.significant, calculators.human_bytes
    years = plain(data["retention_years"])
    return {
        "rates": [
            ("Requests per second", rate(numbers.average_rps), rate(numbers.peak_rps)),
            ("Reads per second", rate(numbers.read_rps), rate(numbers.peak_read_rps)),
            ("Writes per second", rate(numbers.write_rps), rate(numbers.peak_write_rps)),
            (
                "Bandwidth in (writes)",
                f"{size(numbers.ingress_per_second)}/s",
                f"{size(numbers.peak_ingress_per_second)}/s",
            ),
            (
                "Bandwidth out (reads)",
                f"{size(numbers.egress_per_second)}/s",
                f"{size(numbers.peak_egress_per_second)}/s",
            ),
        ],
        "volumes": [
            ("Requests per day", rate(numbers.requests_per_day)),
            ("Reads per day", rate(numbers.reads_per_day)),
            ("Writes per day", rate(numbers.writes_per_day)),
            ("New storage per day", size(numbers.storage_per_day)),
            ("New storage per year", size(numbers.storage_per_year)),
            (f"Storage over {years} year{'' if years == '1' else 's'}", size(numbers.storage_total)),
        ],
        "working": _working(workload, numbers, split=split, years=years, peak=plain(data["peak_factor"])),
    }


def _working(workload: dict[str, float], numbers: calculators.Estimate, *, split: str, years: str, peak: str) -> dict:
    """The figures the page's "How it adds up" steps through, as text."""
    rate, size = calculators.significant, calculators.human_bytes
    return {
        "split": split,
        "reads_per_user": rate(workload["reads_per_user"]),
        "writes_per_user": rate(workload["writes_per_user"]),
        "users": rate(workload["daily_active_users"]),
        "requests_per_user": rate(workload["reads_per_user"] + workload["writes_per_user"]),
        "requests_per_day": rate(numbers.requests_per_day),
        "average_rps": rate(numbers.average_rps),
        "peak": peak,
        "peak_rps": rate(numbers.peak_rps),
        "writes_per_day": rate(numbers.writes_per_day),
        "write_size": size(workload["write_size_bytes"]),
        "read_size": size(workload["read_size_bytes"]),
        "storage_per_day": size(numbers.storage_per_day),
        "storage_per_year": size(numbers.storage_per_year),
        "years": years,
        "storage_total": size(numbers.storage_total),
        "read_rps": rate(numbers.read_rps),
        "write_rps": rate(numbers.write_rps),
        "egress": size(numbers.egress_per_second),
        "ingress": size(numbers.ingress_per_second),
    }


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
