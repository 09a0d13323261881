"""The activity heatmap: the last 52 weeks as a grid of days, drawn server-side as SVG."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WEEKS = 52
CELL = 11
GAP = 2


@dataclass(frozen=True)
class Cell:
    day: date
    count: int
    level: int  # 0 (none) to 4 (busiest)
    x: int
    y: int


def level(count: int) -> int:
    if count <= 0:
        return 0
    if count <= 2:
        return 1
    if count <= 5:
        return 2
    if count <= 9:
        return 3
    return 4


def heatmap(counts: dict[date, int], today: date) -> dict:
    """Cells for every day from the Monday 52 weeks back to today, with month labels."""
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS - 1)
    cells: list[Cell] = []
    months: list[dict] = []
    day = start
    while day <= today:
        week, weekday = (day - start).days // 7, day.weekday()
        count = counts.get(day, 0)
        cells.append(Cell(day, count, level(count), week * (CELL + GAP), weekday * (CELL + GAP)))
        if day.day == 1 or day == start:
            months.append({"label": day.strftime("%b"), "x": week * (CELL + GAP)})
        day += timedelta(days=1)
    active = sum(1 for cell in cells if cell.count)
    return {
        "cells": cells,
        "cells_svg": cells_svg(cells),
        "months": months[1:]
        if len(months) > 1 and int(months[1]["x"]) - int(months[0]["x"]) < 3 * (CELL + GAP)
        else months,
        "width": (WEEKS + 1) * (CELL + GAP),
        "height": 7 * (CELL + GAP),
        "cell": CELL,
        "active_days": active,
        "total": sum(cell.count for cell in cells),
    }


def cells_svg(cells: list[Cell]) -> SafeString:
    """The day squares as SVG, written here rather than in a template loop: 365 cells with a
    title each took most of the dashboard's time through the template engine. Only numbers and
    the (translated, escaped) names of days and months go in."""
    weekdays = [escape(WEEKDAYS_ABBR[number]) for number in range(7)]  # escaped once, not per cell
    months = {number: escape(str(MONTHS_3[number]).title()) for number in range(1, 13)}
    parts = []
    for cell in cells:
        day = cell.day
        label = f"{weekdays[day.weekday()]} {day.day} {months[day.month]} {day.year}"
        plural = "" if cell.count == 1 else "s"
        parts.append(
            f'<rect x="{cell.x}" y="{cell.y}" width="{CELL}" height="{CELL}" rx="2" class="level-{cell.level}">'
            f"<title>{label}: {cell.count} action{plural}</title></rect>"
        )
    return mark_safe("".join(parts))  # noqa: S308 - integers and escaped names only
