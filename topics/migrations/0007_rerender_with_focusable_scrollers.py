"""Render stored topics and alternative texts again: code blocks and tables that scroll sideways
now carry tabindex="0" so a keyboard can reach and scroll them (see primer.markdown.FOCUSABLE)."""

from django.db import migrations

from primer.markdown import render_stored


def rerender(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    topics = list(Topic.objects.all())
    for topic in topics:
        topic.body_html = render_stored(topic.body).html
    Topic.objects.bulk_update(topics, ["body_html"], batch_size=500)
    AlternativeText = apps.get_model("topics", "AlternativeText")
    texts = list(AlternativeText.objects.all())
    for text in texts:
        text.body_html = render_stored(text.body).html
    AlternativeText.objects.bulk_update(texts, ["body_html"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("topics", "0006_decks_and_cards_move_out")]
    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
