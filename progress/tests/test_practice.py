from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from progress.models import STEP_LIMIT, Attempt, AttemptStep, Mode
from progress.services import practice
from questions.models import Kind, Question, SampleSolution, SolutionStep
from tests.support.html import unsafe_markup
from tests.support.rubric import add_checkpoint, add_estimate

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(db):
    question = Question.objects.create(
        slug="demo",
        title="Design a demo",
        kind=Kind.SYSTEM_DESIGN,
        summary="d",
        prompt="Design it.",
        status="published",
    )
    solution = SampleSolution.objects.create(question=question, is_primary=True)
    for number in (1, 2, 3, 4):
        SolutionStep.objects.create(solution=solution, step=number, body=f"Sample step {number} uses Redis.")
    add_checkpoint(question, label="Adds a memory cache")
    add_estimate(question, name="Writes per second")
    return question


@pytest.fixture
def attempt(user, question):
    return practice.attempt_start(user=user, question=question, mode=Mode.INTERVIEW, now=timezone.now())


def save(client, attempt, step, text, version, **headers):
    return client.post(
        reverse("progress:attempt-save", args=[attempt.pk, step]),
        {"text": text, "version": version, "seconds": "5"},
        headers=headers,
    )


def test_starting_creates_four_empty_steps_and_a_deadline(attempt):
    assert attempt.steps.count() == 4
    assert attempt.deadline - attempt.started_at == timedelta(minutes=45)


def test_each_save_bumps_the_version_and_time_spent(user_client, attempt):
    response = save(user_client, attempt, 1, "40 writes per second", 0, **{"HX-Request": "true"})
    assert response.status_code == 200
    assert 'data-version="1"' in response.content.decode()
    step = attempt.steps.get(step=1)
    assert (step.text, step.version, step.seconds_spent) == ("40 writes per second", 1, 5)


def test_a_stale_tab_gets_a_conflict_with_both_texts_and_nothing_is_overwritten(user_client, attempt):
    save(user_client, attempt, 1, "from tab A", 0)
    response = save(user_client, attempt, 1, "from tab B", 0, **{"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "from tab A" in html and "from tab B" in html  # noqa: PT018
    assert attempt.steps.get(step=1).text == "from tab A"


def test_a_conflict_without_javascript_shows_both_texts_on_a_page(user_client, attempt):
    save(user_client, attempt, 1, "first", 0)
    response = save(user_client, attempt, 1, "second", 0)
    assert response.status_code == 409
    assert "Both texts are below" in response.content.decode()


def test_an_oversized_step_is_refused_and_the_saved_text_kept(user_client, attempt):
    save(user_client, attempt, 1, "kept", 0)
    response = save(user_client, attempt, 1, "x" * (STEP_LIMIT + 1), 1, **{"HX-Request": "true"})
    assert response.status_code == 413
    assert "the limit is 50,000" in response.content.decode()
    assert attempt.steps.get(step=1).text == "kept"


def test_a_flood_of_saves_is_slowed_down(user_client, attempt, settings):
    settings.AUTOSAVE_MAX_PER_MINUTE = 5
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "flood"}}
    version = 0
    for _ in range(5):
        assert save(user_client, attempt, 1, f"v{version}", version).status_code == 302
        version += 1
    response = save(user_client, attempt, 1, "one too many", version, **{"HX-Request": "true"})
    assert response.status_code == 429
    assert "Too many saves" in response.content.decode()


def test_revealing_before_submitting_a_step_is_recorded(user_client, attempt):
    user_client.post(reverse("progress:attempt-step-action", args=[attempt.pk, 2, "reveal"]))
    user_client.post(reverse("progress:attempt-step-action", args=[attempt.pk, 1, "submit"]))
    user_client.post(reverse("progress:attempt-step-action", args=[attempt.pk, 1, "reveal"]))
    attempt.refresh_from_db()
    assert attempt.revealed_early == [2]
    assert attempt.steps.get(step=1).sample_visible


def test_the_sample_stays_hidden_until_a_step_is_submitted(user_client, attempt):
    html = user_client.get(reverse("progress:attempt", args=[attempt.pk])).content.decode()
    assert "Sample step 1 uses Redis" not in html
    response = user_client.post(
        reverse("progress:attempt-step-action", args=[attempt.pk, 1, "submit"]), headers={"HX-Request": "true"}
    )
    assert "Sample step 1 uses Redis" in response.content.decode()


def test_submitting_stores_a_report_that_later_rubric_edits_do_not_change(user_client, attempt, question):
    save(user_client, attempt, 1, "About 40 writes per second.", 0)
    save(user_client, attempt, 2, "Redis keeps the hot pastes in front of the database.", 0)
    user_client.post(reverse("progress:attempt-submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.score == 100
    assert attempt.report_rubric_version == 1
    add_checkpoint(question, step=4, key="shard", label="Shards", concepts="sharding")
    Question.objects.filter(pk=question.pk).update(rubric_version=2)
    html = user_client.get(reverse("progress:attempt-report", args=[attempt.pk])).content.decode()
    attempt.refresh_from_db()
    assert attempt.score == 100.0  # unchanged until re-graded
    assert "Re-grade with the current rubric and grader" in html
    assert "the rubric is now v2 (this report used v1)" in html
    user_client.post(reverse("progress:attempt-regrade", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.report_rubric_version == 2
    assert attempt.score < 100.0


def test_the_report_renders_the_answer_with_its_evidence_marked(user_client, attempt):
    save(user_client, attempt, 2, "Use <script>x</script> and **Redis** to keep the hot pastes in memory.", 0)
    user_client.post(reverse("progress:attempt-submit", args=[attempt.pk]))
    html = user_client.get(reverse("progress:attempt-report", args=[attempt.pk])).content.decode()
    assert '<strong><mark class="mark-met">Redis</mark></strong>' in html
    assert "<script>x" not in html


def test_every_step_is_sanitised_when_rendered(user_client, attempt):
    save(user_client, attempt, 3, "**ok** <img src=x onerror=alert(1)> [x](javascript:alert(1))", 0)
    step = attempt.steps.get(step=3)
    assert "<strong>ok</strong>" in step.text_html
    assert unsafe_markup(step.text_html) == []


def test_sharing_creates_a_read_only_link_and_revoking_kills_it(client, user_client, attempt):
    user_client.post(reverse("progress:attempt-submit", args=[attempt.pk]))
    user_client.post(reverse("progress:attempt-share", args=[attempt.pk]), {"share": "on"})
    attempt.refresh_from_db()
    token = attempt.share_token
    assert len(token) >= 32
    shared = client.get(reverse("progress:shared", args=[token]))
    assert shared.status_code == 200
    assert "shared read-only" in shared.content.decode()
    assert "Save my ticks" not in shared.content.decode()
    user_client.post(reverse("progress:attempt-share", args=[attempt.pk]), {"share": "off"})
    assert client.get(reverse("progress:shared", args=[token])).status_code == 404


def test_another_users_attempts_and_reports_are_not_found(client, other_user, attempt):
    client.force_login(other_user, backend="accounts.backends.LearnerBackend")
    for name, args in [
        ("progress:attempt", [attempt.pk]),
        ("progress:attempt-report", [attempt.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    for name, args in [
        ("progress:attempt-save", [attempt.pk, 1]),
        ("progress:attempt-step-action", [attempt.pk, 1, "reveal"]),
        ("progress:attempt-submit", [attempt.pk]),
        ("progress:attempt-share", [attempt.pk]),
        ("progress:attempt-regrade", [attempt.pk]),
        ("progress:attempt-self-check", [attempt.pk]),
    ]:
        assert client.post(reverse(name, args=args), {"text": "x", "version": 0, "share": "on"}).status_code == 404
    assert AttemptStep.objects.get(attempt=attempt, step=1).text == ""


def test_the_self_assessment_is_kept_apart(user_client, attempt):
    user_client.post(reverse("progress:attempt-submit", args=[attempt.pk]))
    user_client.post(reverse("progress:attempt-self-check", args=[attempt.pk]), {"ticked": ["cache"]})
    attempt.refresh_from_db()
    assert attempt.self_assessment == {"cache": True}
    assert attempt.score == 0.0


def test_the_diff_and_score_history_compare_with_the_previous_attempt(user_client, user, question, attempt):
    save(user_client, attempt, 2, "A list of the hot pastes.", 0)
    user_client.post(reverse("progress:attempt-submit", args=[attempt.pk]))
    second = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    save(user_client, second, 2, "A Redis list of the hot pastes.", 0)
    user_client.post(reverse("progress:attempt-submit", args=[second.pk]))
    response = user_client.get(reverse("progress:attempt-report", args=[second.pk]))
    html = response.content.decode()
    assert "A <ins>Redis</ins> list of the hot pastes." in html
    attempt.refresh_from_db()
    second.refresh_from_db()
    assert second.score > attempt.score
    assert response.context["delta"] == second.score - attempt.score
    assert len(response.context["chart"]["points"]) == 2


@pytest.mark.parametrize("scale", [1, 10])
def test_editor_report_and_history_query_counts_do_not_grow(
    user_client, user, question, django_assert_max_num_queries, scale
):
    now = timezone.now()
    for index in range(3 * scale):
        old = practice.attempt_start(
            user=user, question=question, mode=Mode.UNTIMED, now=now - timedelta(days=index + 1)
        )
        practice.attempt_submit(attempt=old, now=now - timedelta(days=index + 1))
    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=now)
    with django_assert_max_num_queries(10):
        assert user_client.get(reverse("progress:attempt", args=[attempt.pk])).status_code == 200
    practice.attempt_submit(attempt=attempt, now=now)
    with django_assert_max_num_queries(14):
        assert user_client.get(reverse("progress:attempt-report", args=[attempt.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert user_client.get(reverse("progress:practice-start", args=["demo"])).status_code == 200
    assert Attempt.objects.filter(user=user).count() == 3 * scale + 1


def test_a_report_from_the_first_grader_is_shown_and_offers_the_new_one(user_client, attempt):
    save(user_client, attempt, 2, "Redis keeps the hot pastes in front of the database.", 0)
    user_client.post(reverse("progress:attempt-submit", args=[attempt.pk]))
    old = {
        "engine_version": 1, "score": 40,
        "steps": [{"step": 2, "score": 40, "earned": 2, "possible": 5, "numbers": [], "checkpoints": [
            {"key": "cache", "step": 2, "label": "Caches", "weight": 2, "hit": True, "phrase": "redis",
             "start": 0, "end": 5, "sentence": "Redis keeps the hot pastes in front of the database."}]}],
    }  # fmt: skip
    Attempt.objects.filter(pk=attempt.pk).update(report=old, score=40)
    html = user_client.get(reverse("progress:attempt-report", args=[attempt.pk])).content.decode()
    assert "graded by the first engine (phrase lists)" in html
    assert "the grader is now version 2 (this report used version 1)" in html
    user_client.post(reverse("progress:attempt-regrade", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.report["engine_version"] == 2
    html = user_client.get(reverse("progress:attempt-report", args=[attempt.pk])).content.decode()
    assert "Re-grade with the current rubric and grader" not in html


def test_a_change_to_the_lexicon_offers_a_re_grade(user_client, attempt):
    from questions.models import Concept

    save(user_client, attempt, 2, "Redis keeps the hot pastes in front of the database.", 0)
    user_client.post(reverse("progress:attempt-submit", args=[attempt.pk]))
    html = user_client.get(reverse("progress:attempt-report", args=[attempt.pk])).content.decode()
    assert "Re-grade with the current rubric and grader" not in html
    concept = Concept.objects.get(slug="memory-cache")
    concept.terms += "\nhot cache"
    concept.save()
    html = user_client.get(reverse("progress:attempt-report", args=[attempt.pk])).content.decode()
    assert "the lexicon of concepts has changed since this report" in html
