"""Render stored cards again: code blocks and tables that scroll sideways now carry tabindex="0"
so a keyboard can reach and scroll them (see topics 0007)."""

from django.db import migrations

from primer.markdown import render_stored


def rerender(apps, schema_editor):
    Card = apps.get_model("flashcards", "Card")
    cards = list(Card.objects.all())
    for card in cards:
        card.front_html, card.back_html = render_stored(card.front).html, render_stored(card.back).html
    Card.objects.bulk_update(cards, ["front_html", "back_html"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("flashcards", "0001_initial")]
    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
