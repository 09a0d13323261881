"""Render every stored note and answer again with markdown-it-py (see topics 0005)."""

from django.db import migrations

from primer.markdown import render_stored


def rerender(apps, schema_editor):
    Progress = apps.get_model("progress", "Progress")
    rows = list(Progress.objects.exclude(note=""))
    for row in rows:
        row.note_html = render_stored(row.note).html
    Progress.objects.bulk_update(rows, ["note_html"], batch_size=500)
    AttemptStep = apps.get_model("progress", "AttemptStep")
    steps = list(AttemptStep.objects.exclude(text=""))
    for step in steps:
        step.text_html = render_stored(step.text).html
    AttemptStep.objects.bulk_update(steps, ["text_html"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("progress", "0004_cardstate_card_cardstate_user_review_card_and_more")]
    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
