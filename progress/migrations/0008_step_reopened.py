"""A step can be reopened after its sample was seen (recorded). Answers and notes are rendered
again: reports graded before answers were rendered get their marked answer, so no report shows
raw Markdown, and code blocks and tables that scroll sideways take keyboard focus."""

from django.db import migrations, models

from primer.markdown import render_marked, render_stored
from questions.engine.grade import STATES, VERDICTS, highlight_spans
from questions.engine.stored import read_report

MARK_KINDS = (*(f"mark-{state}" for state in STATES), *(f"mark-number-{verdict}" for verdict in VERDICTS))


def mark_old_answers(apps, schema_editor):
    AttemptStep = apps.get_model("progress", "AttemptStep")
    steps = list(
        AttemptStep.objects.filter(attempt__submitted_at__isnull=False).exclude(text="").select_related("attempt")
    )
    spans_by_attempt: dict[int, dict] = {}
    for step in steps:
        if step.attempt_id not in spans_by_attempt:
            try:
                spans_by_attempt[step.attempt_id] = highlight_spans(read_report(step.attempt.report))
            except ValueError:
                spans_by_attempt[step.attempt_id] = {}  # an unreadable report: the answer, unmarked
        spans = spans_by_attempt[step.attempt_id].get(step.step, [])
        step.marked_html = render_marked(step.text, [(s.start, s.end, f"mark-{s.kind}") for s in spans], MARK_KINDS)
    AttemptStep.objects.bulk_update(steps, ["marked_html"], batch_size=500)


def rerender_texts(apps, schema_editor):
    AttemptStep = apps.get_model("progress", "AttemptStep")
    steps = list(AttemptStep.objects.exclude(text=""))
    for step in steps:
        step.text_html = render_stored(step.text).html
    AttemptStep.objects.bulk_update(steps, ["text_html"], batch_size=500)
    Progress = apps.get_model("progress", "Progress")
    rows = list(Progress.objects.exclude(note=""))
    for row in rows:
        row.note_html = render_stored(row.note).html
    Progress.objects.bulk_update(rows, ["note_html"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0007_marked_answers"),
    ]

    operations = [
        migrations.AddField(
            model_name="attemptstep",
            name="reopened_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the learner chose to edit the step again after seeing its sample.",
                null=True,
            ),
        ),
        migrations.RunPython(mark_old_answers, migrations.RunPython.noop),
        migrations.RunPython(rerender_texts, migrations.RunPython.noop),
    ]
