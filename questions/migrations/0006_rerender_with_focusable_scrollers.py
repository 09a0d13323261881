"""Render stored prompts, code, sample steps and errata again: code blocks and tables that scroll
sideways now carry tabindex="0" so a keyboard can reach and scroll them (see topics 0007)."""

from django.db import migrations

from primer.markdown import render_stored


def rerender(apps, schema_editor):
    Question = apps.get_model("questions", "Question")
    questions = list(Question.objects.all())
    for question in questions:
        question.prompt_html = render_stored(question.prompt).html
        question.code_html = render_stored(f"```python\n{question.code}\n```").html if question.code.strip() else ""
    Question.objects.bulk_update(questions, ["prompt_html", "code_html"], batch_size=500)
    SolutionStep = apps.get_model("questions", "SolutionStep")
    steps = list(SolutionStep.objects.all())
    for step in steps:
        step.body_html = render_stored(step.body).html
    SolutionStep.objects.bulk_update(steps, ["body_html"], batch_size=500)
    Erratum = apps.get_model("questions", "Erratum")
    errata = list(Erratum.objects.all())
    for erratum in errata:
        erratum.text_html = render_stored(erratum.text).html
    Erratum.objects.bulk_update(errata, ["text_html"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("questions", "0005_concepts_and_givens")]
    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
