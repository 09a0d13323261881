"""A signed-in person's own settings: time zone, calendar address, flashcard preferences."""

from __future__ import annotations

import secrets
from datetime import date
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


def _new_token() -> str:
    return secrets.token_urlsafe(24)


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(f"“{value}” is not a time zone name such as Europe/London or America/New_York.")


class Learner(models.Model):
    """A signed-in user's own settings (made with the account; see accounts.signals)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner")
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    calendar_token = models.CharField(max_length=64, unique=True, default=_new_token)
    desired_retention = models.FloatField(
        default=0.9, validators=[MinValueValidator(0.7), MaxValueValidator(0.99)], help_text="0.70 to 0.99"
    )
    new_cards_per_day = models.PositiveSmallIntegerField(default=20, validators=[MaxValueValidator(500)])
    # Moved on by database triggers whenever the learner's own study data changes (progress,
    # activity, plan, attempts: see progress/migrations/0009), so pages made of it are cached by
    # it (primer/pagecache.py). From a sequence: a value is never handed out twice.
    data_version = models.BigIntegerField(default=0, editable=False)

    class Meta:
        db_table = "progress_learner"  # the table it had when learners lived in the progress app

    def __str__(self) -> str:
        return f"Learner {self.user}"

    def today(self) -> date:
        return timezone.localdate(timezone=ZoneInfo(self.time_zone))

    def new_calendar_token(self) -> None:
        self.calendar_token = _new_token()
        self.save(update_fields=["calendar_token"])
