from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from primer.markdown import render
from progress import planning
from questions.models import Question
from topics.models import Topic


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

    def pause(self, today) -> None:
        if not self.is_paused:
            self.paused_on = today
            self.save(update_fields=["paused_on", "updated_at"])

    def current_items(self, today) -> list[PlanItem]:
        """The items in order, with overdue ones rolled forward from today (unless paused).

        Nothing is saved: a page shows the plan as it stands today, and the stored dates move
        only when the learner changes the plan.
        """
        # Only what a row shows of its page (its address and whether it is published): a topic's
        # or question's text is many kilobytes, and a plan has a hundred rows or more.
        rows = list(
            self.items.select_related("topic", "question")
            .only(*PLAN_ITEM_FIELDS, *(f"{target}__{field}" for target in ("topic", "question") for field in SHOWN))
            .order_by("position")
        )
        overdue = any(row.due_on and row.due_on < today and not row.done_on for row in rows)
        if overdue and not self.is_paused and self.interview_date is not None:
            items = [planning.Item(row.key, row.kind, row.label, row.due_on) for row in rows]
            done = {row.key for row in rows if row.done_on}
            for row, item in zip(
                rows, planning.replan(items, done, today=today, interview=self.interview_date), strict=True
            ):
                row.due_on = item.due
        return rows


PLAN_ITEM_FIELDS = ("plan", "position", "key", "kind", "label", "topic", "question", "due_on", "done_on")
SHOWN = ("slug", "title", "status")


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
        indexes = [models.Index(fields=["plan", "due_on"], name="progress_pl_plan_id_e9cc54_idx")]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        if self.topic is not None:
            return self.topic.get_absolute_url()
        if self.question is not None:
            return self.question.get_absolute_url()
        links = {"approach": "reference:approach", "review": "reference:approach"}
        if self.kind in links:
            return reverse(links[self.kind])
        return reverse("reference:links", args=["blogs" if ":blogs:" in self.key else "architectures"])

    def set_done(self, done: bool, today) -> None:
        self.done_on = today if done else None
        self.save(update_fields=["done_on"])


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


FINISHED = (Status.DONE, Status.SKIPPED)


class ProgressQuerySet(models.QuerySet):
    def for_user(self, user) -> ProgressQuerySet:
        return self.filter(user=user)

    def topic_statuses(self, user) -> dict[int, str]:
        """{topic id: status} of a learner's started topics: one query."""
        rows = self.for_user(user).filter(topic__isnull=False).exclude(status=Status.NOT_STARTED)
        return dict(rows.values_list("topic_id", "status"))

    def of(self, user, target) -> Progress | None:
        """The learner's row for one topic or question, if any."""
        field = "question" if isinstance(target, Question) else "topic"
        return self.for_user(user).filter(**{field: target}).first()


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

    objects = ProgressQuerySet.as_manager()

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
        target = self.topic or self.question
        assert target is not None  # a database constraint: one of the two, always
        return target


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


class AttemptQuerySet(models.QuerySet):
    def for_user(self, user) -> AttemptQuerySet:
        return self.filter(user=user)

    def submitted(self) -> AttemptQuerySet:
        return self.filter(submitted_at__isnull=False)


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

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "question", "started_at"], name="progress_at_user_id_b8ada3_idx")]

    def __str__(self) -> str:
        return f"{self.user} on {self.question}"

    def get_absolute_url(self) -> str:
        name = "progress:attempt-report" if self.is_submitted else "progress:attempt"
        return reverse(name, args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def deadline(self):
        return self.started_at + timedelta(minutes=self.duration_minutes) if self.mode == Mode.INTERVIEW else None


class AttemptStep(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    text_html = models.TextField(blank=True, editable=False)
    marked_html = models.TextField(
        blank=True, editable=False, help_text="The text as the report shows it: rendered, with its evidence marked."
    )
    version = models.PositiveIntegerField(default=0, help_text="Bumped by every save; a stale save is a conflict.")
    seconds_spent = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    reopened_at = models.DateTimeField(
        null=True, blank=True, help_text="When the learner chose to edit the step again after seeing its sample."
    )
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

    @property
    def is_locked(self) -> bool:
        """Read-only: its sample was seen, so a change could copy it (unless the learner reopened it)."""
        return self.sample_visible and self.reopened_at is None


# The rows of AttemptStep that may still change (the lock above, as a query for an atomic UPDATE).
UNLOCKED_STEP = models.Q(submitted_at__isnull=True, revealed_at__isnull=True) | models.Q(reopened_at__isnull=False)
