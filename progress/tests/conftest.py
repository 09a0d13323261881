from datetime import date, timedelta

import pytest

from progress.models import ActivityDay, Learner, Progress, Status
from questions.models import Kind, Question
from topics.models import Depth, Topic, renumber
from topics.models import Status as TopicStatus


@pytest.fixture
def catalogue(db):
    """A small published curriculum: 2 sections of 3 topics, and a few questions."""
    for s in range(2):
        section = Topic.objects.create(
            slug=f"section-{s}", title=f"Section {s}", summary="s", status=TopicStatus.PUBLISHED, order=s
        )
        for t in range(3):
            Topic.objects.create(
                slug=f"topic-{s}-{t}", title=f"Topic {s}.{t}", summary="t", parent=section, order=t,
                status=TopicStatus.PUBLISHED, depth=(Depth.CORE, Depth.DEEPER, Depth.DEEP_DIVE)[t],
            )  # fmt: skip
    renumber()
    for kind in Kind.values:
        for i in range(3):
            Question.objects.create(
                slug=f"{kind}-{i}", title=f"{kind} {i}", kind=kind, summary="q", status="published", order=i
            )
    return Topic.objects.all()


def add_history(user, days: int, *, today: date) -> None:
    """Many days of activity and progress rows (for the 10x query-count checks)."""
    ActivityDay.objects.bulk_create(
        ActivityDay(user=user, day=today - timedelta(days=d), count=d % 7) for d in range(1, days + 1)
    )
    topics = list(Topic.objects.all()[: days // 10 + 1])
    Progress.objects.bulk_create(Progress(user=user, topic=topic, status=Status.DONE) for topic in topics)


@pytest.fixture
def learner(user):
    return Learner.objects.create(user=user, time_zone="Europe/London")
