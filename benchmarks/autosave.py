"""Autosave: sequential saves through the full request path (middleware, CSRF, ORM, render)."""

import statistics
import time

from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone

from progress.models import Mode
from progress.services import practice
from questions.models import Kind, Question

SAVES = 400


def run() -> None:
    user = get_user_model().objects.create_user("bench")
    question = Question.objects.create(
        slug="bench", title="Bench", kind=Kind.SYSTEM_DESIGN, summary="b", status="published"
    )
    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    client = Client()
    client.force_login(user, backend="accounts.backends.LearnerBackend")
    versions = {1: 0, 2: 0, 3: 0, 4: 0}
    text = "About 40 writes per second and 400 reads per second; cache hot pastes in Redis. " * 20
    timings = []
    started = time.perf_counter()
    limit = override_settings(AUTOSAVE_MAX_PER_MINUTE=10 * SAVES)  # measure saving, not the flood guard
    limit.enable()
    for index in range(SAVES):
        step = index % 4 + 1
        begin = time.perf_counter()
        response = client.post(
            f"/attempts/{attempt.pk}/steps/{step}/save/",
            {"text": f"{text} {index}", "version": versions[step], "seconds": "2"},
            headers={"HX-Request": "true"},
        )
        timings.append((time.perf_counter() - begin) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"save {index} failed with {response.status_code}")
        versions[step] += 1
    elapsed = time.perf_counter() - started
    limit.disable()
    timings.sort()
    print(
        f"autosave, {SAVES} sequential saves of {len(text):,} characters: {SAVES / elapsed:.0f} saves/s, "
        f"median {statistics.median(timings):.2f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.2f} ms"
    )
