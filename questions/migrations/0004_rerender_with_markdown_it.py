"""Render every stored question, solution step and erratum again with markdown-it-py (see topics 0005)."""

from django.db import migrations

from primer.markdown import plain_text, render_stored


def rerender(apps, schema_editor):
    Question = apps.get_model("questions", "Question")
    questions = list(Question.objects.all())
    for question in questions:
        question.prompt_html = render_stored(question.prompt).html
        question.code_html = render_stored(f"```python\n{question.code}\n```").html if question.code.strip() else ""
        question.search_text = plain_text(question.prompt_html)
    Question.objects.bulk_update(questions, ["prompt_html", "code_html", "search_text"], batch_size=500)
    SolutionStep = apps.get_model("questions", "SolutionStep")
    steps = list(SolutionStep.objects.all())
    for step in steps:
        step.body_html = render_stored(step.body).html
        step.has_diagram = '<pre class="mermaid">' in step.body_html
    SolutionStep.objects.bulk_update(steps, ["body_html", "has_diagram"], batch_size=500)
    Erratum = apps.get_model("questions", "Erratum")
    errata = list(Erratum.objects.all())
    for erratum in errata:
        erratum.text_html = render_stored(erratum.text).html
    Erratum.objects.bulk_update(errata, ["text_html"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("questions", "0003_validate_text_links_and_names")]
    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
