"""The report shows answers as rendered Markdown (diagrams drawn, nothing run) and names each step by kind."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from progress.models import AttemptStep, Mode
from progress.services import practice
from questions.models import Kind

pytestmark = pytest.mark.django_db

ANSWER = (
    "Reads go to **Redis** first.\n\n"
    "```mermaid\nflowchart LR\n  Web --> Redis\n```\n\n"
    "<script>window.pwned = 1</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))"
)


def submitted(user, question, texts: dict[int, str]):
    attempt = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    for step in attempt.steps.all():
        if step.step in texts:
            practice.attempt_save_step(step=step, text=texts[step.step], base_version=0, seconds=1, now=timezone.now())
    practice.attempt_submit(attempt=attempt, now=timezone.now())
    return attempt


def report_html(client, attempt) -> str:
    return client.get(reverse("progress:attempt-report", args=[attempt.pk])).content.decode()


def test_the_answer_is_rendered_markdown_with_its_diagram_and_nothing_that_runs(user_client, user, make_question):
    attempt = submitted(user, make_question("rendered"), {2: ANSWER})
    html = report_html(user_client, attempt)
    answer = html[html.index('id="answer-2"') : html.index('id="sample-2"')]
    assert "<strong>" in answer
    assert "**" not in answer
    assert '<pre class="mermaid">flowchart LR\n  Web --&gt; Redis</pre>' in answer
    assert "<script>window" not in html
    assert "<img" not in answer
    assert 'href="javascript' not in html
    assert "hx-disable" in answer
    assert "js/diagrams.js" in html  # a diagram is on the page: drawn, with Mermaid fetched when shown
    assert "mermaid.min.js" not in html.split("js/diagrams.js")[0]


def test_a_report_without_diagrams_loads_no_diagram_script(user_client, user, make_question):
    attempt = submitted(user, make_question("plain"), {1: "Just **words**."})
    html = report_html(user_client, attempt)
    assert "<strong>words</strong>" in html
    assert "diagrams.js" not in html
    assert "mermaid" not in html


def test_an_answer_graded_before_answers_were_rendered_is_shown_rendered(user_client, user, make_question):
    attempt = submitted(user, make_question("older"), {2: "Reads go to **Redis** first."})
    AttemptStep.objects.filter(attempt=attempt).update(marked_html="")
    html = report_html(user_client, attempt)
    answer = html[html.index('id="answer-2"') : html.index('id="sample-2"')]
    assert "<strong>Redis</strong>" in answer
    assert "**Redis**" not in answer


def test_the_migration_marks_answers_graded_before_they_were_rendered(user, make_question):
    attempt = submitted(user, make_question("backfill"), {2: "Reads go to **Redis** first, a memory cache."})
    AttemptStep.objects.filter(attempt=attempt).update(marked_html="")
    migration = import_module("progress.migrations.0008_step_reopened")
    migration.mark_old_answers(apps, None)
    marked = AttemptStep.objects.get(attempt=attempt, step=2).marked_html
    assert "<strong>" in marked and '<mark class="mark-met">' in marked  # noqa: PT018
    assert AttemptStep.objects.get(attempt=attempt, step=1).marked_html == ""  # empty steps stay empty


def test_an_object_oriented_attempt_names_its_steps_for_classes_not_servers(user_client, user, make_question):
    question = make_question("lot", kind=Kind.OBJECT_ORIENTED)
    start = user_client.get(reverse("progress:practice-start", args=["lot"])).content.decode()
    assert "<strong>Core objects and their relations</strong>" in start
    draft = practice.attempt_start(user=user, question=question, mode=Mode.UNTIMED, now=timezone.now())
    editor = user_client.get(reverse("progress:attempt", args=[draft.pk])).content.decode()
    for label in (
        "Step 1: Use cases, constraints and assumptions",
        "Step 2: Core objects and their relations",
        "Step 3: Key methods, data structures and complexity",
        "Step 4: Concurrency and extensions",
    ):
        assert label in editor
    assert "estimates" not in editor.lower()
    assert "Step 4: Scaling" not in editor
    assert "Name the classes and how they relate" in editor  # the step's prompt
    html = report_html(user_client, submitted(user, question, {2: "A Lot owns Levels."}))
    assert "Step 2: Core objects and their relations" in html
    assert "Step 1: Use cases, constraints and estimates" not in html


def test_the_editor_opens_with_the_question_and_a_prompt_for_each_step(user_client, user, make_question):
    draft = practice.attempt_start(user=user, question=make_question("prompts"), mode=Mode.UNTIMED, now=timezone.now())
    html = user_client.get(reverse("progress:attempt", args=[draft.pk])).content.decode()
    assert '<details class="prompt-panel" open><summary>The question</summary>' in html
    assert html.index("prompt-panel") < html.index('id="step-1"')
    for number in (1, 2, 3, 4):
        assert f'<p class="step-prompt" id="step-{number}-prompt">' in html
        assert f'aria-describedby="step-{number}-prompt"' in html
    assert 'href="#step-3"' in html  # the header's links to each step
    assert '<script src="/static/vendor/mermaid' not in html  # named in data-mermaid, fetched when a diagram shows
