"""Fuzzing the data import: a real export, changed at random, uploaded through the page.

Whatever the file holds, the answer is a success (302) or a clear refusal (400) that names
the problem; never a server error, and a refusal changes nothing of what the learner had.
"""

from __future__ import annotations

import copy
import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts import portability
from flashcards import scheduling as flashcards
from progress.models import Mode, Status
from progress.services import plan as plan_services
from progress.services import practice, tracking
from tests.support.catalogue import small_catalogue

pytestmark = pytest.mark.django_db

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(["\x00", "2026-13-45", "9999-01-01T00:00:00", "topic:../x", "done", "UTC", "Mars/Olympus"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


@pytest.fixture
def filled(user, user_client):
    """A learner with a little of everything, and their export as the seed of every example."""
    today = timezone.localdate()
    catalogue = small_catalogue()
    topic, question, card = catalogue.topic, catalogue.question, catalogue.card
    learner = user.learner
    plan_services.plan_set_up(user=user, timeline="short", interview_date=today + timedelta(days=9), today=today)
    tracking.progress_set_status(user=user, target=topic, status=Status.DONE, today=today)
    tracking.progress_save_note(user=user, target=topic, note="A *note*.", today=today)
    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    practice.attempt_save_step(
        step=attempt.steps.get(step=1), text="a cache", base_version=0, seconds=3, now=timezone.now()
    )
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    flashcards.review(user=user, learner=learner, card=card, rating=3, now=timezone.now(), today=today)
    return portability.export_data(user)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _mutate(document: dict, data) -> dict:
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        paths = [path for path in _paths(document) if path]
        path = data.draw(st.sampled_from(paths))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["replace", "delete", "duplicate", "nul"]))
        if action == "replace":
            parent[path[-1]] = data.draw(JSON)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        elif action == "nul" and isinstance(parent[path[-1]], str):
            parent[path[-1]] += "\x00"
    return document


def _upload(client, document) -> object:
    raw = json.dumps(document).encode()
    return client.post(reverse("accounts:data-import"), {"file": SimpleUploadedFile("data.json", raw)})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_changed_export_is_imported_or_refused_never_half_written(filled, user, user_client, data):
    document = _mutate(filled, data)
    before = portability.export_data(user)
    response = _upload(user_client, document)
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert "Nothing was imported" in response.content.decode()
        assert portability.export_data(user) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=JSON)
def test_any_json_at_all_is_refused_cleanly(user_client, user, document):
    response = _upload(user_client, document)
    assert response.status_code == 400
