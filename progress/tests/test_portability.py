import json
from datetime import date, timedelta

import pytest
from django.urls import reverse

from accounts import portability
from flashcards import scheduling as flashcards
from flashcards.models import Card, Deck
from progress.models import Progress, Status
from progress.services import plan as plan_services
from progress.services import tracking
from topics.models import Topic

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def _fill(user):

    plan_services.plan_set_up(user=user, timeline="medium", interview_date=TODAY + timedelta(days=9), today=TODAY)
    topic = Topic.objects.get(slug="topic-0-1")
    tracking.progress_set_status(user=user, target=topic, status=Status.DONE, today=TODAY)
    tracking.progress_save_note(user=user, target=topic, note="Remember *this*.", today=TODAY)
    tracking.progress_toggle_bookmark(user=user, target=Topic.objects.get(slug="topic-1-0"))
    from django.utils import timezone

    from progress.services import practice
    from questions.models import Question

    attempt = practice.attempt_start(
        user=user, question=Question.objects.get(slug="system_design-0"), mode="interview", now=timezone.now()
    )
    step = attempt.steps.get(step=1)
    practice.attempt_save_step(
        step=step, text="About 40 writes per second.", base_version=0, seconds=30, now=timezone.now()
    )
    practice.attempt_submit(attempt=attempt, now=timezone.now())

    deck = Deck.objects.create(slug="d", title="D")
    card = Card.objects.create(deck=deck, guid="d-1", front="F", back="B")
    learner = user.learner
    flashcards.review(user=user, learner=learner, card=card, rating=3, now=timezone.now(), today=TODAY)


def test_export_then_import_loses_nothing(user, catalogue):
    _fill(user)
    exported = portability.export_data(user)
    assert len(exported["attempts"]) == 1
    assert len(exported["cards"]) == 1
    assert len(exported["reviews"]) == 1
    Progress.objects.filter(user=user).delete()
    user.study_plan.delete()
    user.attempts.all().delete()
    portability.import_data(user, json.loads(json.dumps(exported)))
    assert portability.export_data(user) == exported


def test_the_export_download_and_the_import_upload(user_client, user, catalogue):
    _fill(user)
    response = user_client.get(reverse("accounts:data-export"))
    assert response["Content-Disposition"] == 'attachment; filename="primer-ada.json"'
    Progress.objects.all().delete()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("data.json", response.content, content_type="application/json")
    response = user_client.post(reverse("accounts:data-import"), {"file": upload}, follow=True)
    assert "Imported 3 progress entries and 1 attempt." in response.content.decode()
    assert Progress.objects.filter(user=user).count() == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not valid JSON"),
        (b'{"format": "other"}', "not a Primer data export"),
        (b'{"format": "primer-learner-data", "version": 99}', "version 99"),
        (
            b'{"format": "primer-learner-data", "version": 1, "progress": [{"topic": "topic-0-0", "status": "meh"}]}',
            "must be one of not_started",
        ),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(user_client, user, catalogue, content, message):
    _fill(user)
    before = portability.export_data(user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = user_client.post(
        reverse("accounts:data-import"), {"file": SimpleUploadedFile("x.json", content)}, follow=True
    )
    assert message in response.content.decode()
    assert portability.export_data(user) == before
