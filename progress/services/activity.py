"""Activity days: what a learner did on each day of their own calendar (streak and heatmap)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import F

from progress.models import ActivityDay


def record_activity(*, user, today: date, amount: int = 1) -> None:
    updated = ActivityDay.objects.filter(user=user, day=today).update(count=F("count") + amount)
    if not updated:
        ActivityDay.objects.get_or_create(user=user, day=today, defaults={"count": amount})


def streak(days: set[date], today: date) -> int:
    """Consecutive days with activity ending today (or yesterday, so a streak survives until bedtime)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
