from __future__ import annotations

import secrets
from datetime import date
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from primer.markdown import render
from questions.models import Question
from topics.models import Topic


def _new_token() -> str:
    return secrets.token_urlsafe(24)


def validate_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(f"“{value}” is not a time zone name such as Europe/London or America/New_York.")


class Learner(models.Model):
    """A signed-in user's own settings."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner")
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    calendar_token = models.CharField(max_length=64, unique=True, default=_new_token)
    desired_retention = models.FloatField(
        default=0.9, validators=[MinValueValidator(0.7), MaxValueValidator(0.99)], help_text="0.70 to 0.99"
    )
    new_cards_per_day = models.PositiveSmallIntegerField(default=20, validators=[MaxValueValidator(500)])

    def __str__(self) -> str:
        return f"Learner {self.user}"

    def today(self) -> date:
        return timezone.localdate(timezone=ZoneInfo(self.time_zone))

    def new_calendar_token(self) -> None:
        self.calendar_token = _new_token()
        self.save(update_fields=["calendar_token"])


class Timeline(models.TextChoices):
    SHORT = "short", "Short"
    MEDIUM = "medium", "Medium"
    LONG = "long", "Long"


class StudyPlan(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_plan")
    timeline = models.CharField(max_length=10, choices=Timeline.choices, default=Timeline.MEDIUM)
    interview_date = models.DateField(null=True, blank=True)
    started_on = models.DateField()
    paused_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.get_timeline_display()} plan of {self.user}"

    @property
    def is_paused(self) -> bool:
        return self.paused_on is not None


class PlanItem(models.Model):
    plan = models.ForeignKey(StudyPlan, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    key = models.CharField(max_length=120)
    kind = models.CharField(max_length=20)
    label = models.CharField(max_length=250)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="plan_item_once")]
        indexes = [models.Index(fields=["plan", "due_on"])]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        if self.topic_id:
            return self.topic.get_absolute_url()
        if self.question_id:
            return self.question.get_absolute_url()
        from django.urls import reverse

        links = {"approach": "reference:approach", "review": "reference:approach"}
        if self.kind in links:
            return reverse(links[self.kind])
        return reverse("reference:links", args=["blogs" if ":blogs:" in self.key else "architectures"])


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


FINISHED = (Status.DONE, Status.SKIPPED)


class Progress(models.Model):
    """One learner's state on one topic or one question."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    note = models.TextField(blank=True, max_length=20_000)
    note_html = models.TextField(blank=True, editable=False)
    bookmarked = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__isnull=True, question__isnull=False)
                | models.Q(topic__isnull=False, question__isnull=True),
                name="progress_on_one_thing",
            ),
            models.UniqueConstraint(fields=["user", "topic"], name="progress_once_per_topic"),
            models.UniqueConstraint(fields=["user", "question"], name="progress_once_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.topic or self.question} {self.status}"

    def save(self, *args, **kwargs) -> None:
        self.note_html = render(self.note)
        super().save(*args, **kwargs)

    @property
    def target(self) -> Topic | Question:
        return self.topic or self.question


class ActivityDay(models.Model):
    """How many things a learner did on one day of their own calendar (streak and heatmap)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="activity_once_per_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}: {self.count}"


class Mode(models.TextChoices):
    UNTIMED = "untimed", "Untimed"
    INTERVIEW = "interview", "Interview (timed)"


STEP_LIMIT = 50_000  # characters per step


class Attempt(models.Model):
    """One try at one question: an answer per step, timing, reveals and the stored report."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attempts")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.UNTIMED)
    duration_minutes = models.PositiveSmallIntegerField(default=45)
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    revealed_early = models.JSONField(default=list, blank=True, help_text="Steps whose sample was opened first.")
    self_assessment = models.JSONField(default=dict, blank=True, help_text="Checkpoint key -> ticked by the learner.")
    report = models.JSONField(null=True, blank=True)
    report_rubric_version = models.PositiveIntegerField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    share_token = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "question", "started_at"])]

    def __str__(self) -> str:
        return f"{self.user} on {self.question}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        name = "progress:attempt-report" if self.is_submitted else "progress:attempt"
        return reverse(name, args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def deadline(self):
        from datetime import timedelta

        return self.started_at + timedelta(minutes=self.duration_minutes) if self.mode == Mode.INTERVIEW else None


class AttemptStep(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    text_html = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=0, help_text="Bumped by every save; a stale save is a conflict.")
    seconds_spent = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["step"]
        constraints = [models.UniqueConstraint(fields=["attempt", "step"], name="attempt_step_once")]

    def __str__(self) -> str:
        return f"{self.attempt} step {self.step}"

    def save(self, *args, **kwargs) -> None:
        self.text_html = render(self.text)
        super().save(*args, **kwargs)

    @property
    def sample_visible(self) -> bool:
        return self.submitted_at is not None or self.revealed_at is not None


class CardState(models.Model):
    """One learner's FSRS memory state for one card."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_states")
    card = models.ForeignKey("topics.Card", on_delete=models.CASCADE, related_name="+")
    fsrs = models.JSONField(help_text="fsrs.Card.to_dict()")
    due = models.DateTimeField(db_index=True)
    introduced_on = models.DateField(help_text="The learner's day it was first shown (new-cards-per-day limit).")
    reviews = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "card"], name="card_state_once")]
        indexes = [models.Index(fields=["user", "due"])]

    def __str__(self) -> str:
        return f"{self.user} · card {self.card_id} due {self.due:%Y-%m-%d}"


class Review(models.Model):
    """A rating given to a card, with the state before it (so the last one can be undone)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    card = models.ForeignKey("topics.Card", on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField()
    reviewed_at = models.DateTimeField()
    previous = models.JSONField(null=True, blank=True, help_text="The card state before this review; null if new.")
    previous_due = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=20, default="review", help_text="review | attempt")

    class Meta:
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} rated card {self.card_id}: {self.rating}"
