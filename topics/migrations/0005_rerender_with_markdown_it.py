"""Render every stored topic, card and alternative text again with markdown-it-py.

The renderer changed (Python-Markdown was quadratic on hostile input); stored HTML made by
the old one would otherwise stay until the next save. The historical models have no custom
save(), so the derived fields are set here, with the same functions the models use.
"""

from django.db import migrations

from primer.markdown import plain_text, render_stored


def rerender(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    topics = list(Topic.objects.all())
    for topic in topics:
        rendered = render_stored(topic.body)
        topic.body_html, topic.toc = rendered.html, rendered.toc
        topic.body_text = plain_text(rendered.html)
        topic.has_diagram = '<pre class="mermaid">' in rendered.html
    Topic.objects.bulk_update(topics, ["body_html", "toc", "body_text", "has_diagram"], batch_size=500)
    Card = apps.get_model("topics", "Card")
    cards = list(Card.objects.all())
    for card in cards:
        card.front_html, card.back_html = render_stored(card.front).html, render_stored(card.back).html
    Card.objects.bulk_update(cards, ["front_html", "back_html"], batch_size=500)
    AlternativeText = apps.get_model("topics", "AlternativeText")
    texts = list(AlternativeText.objects.all())
    for text in texts:
        text.body_html = render_stored(text.body).html
    AlternativeText.objects.bulk_update(texts, ["body_html"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("topics", "0004_validate_text_links_and_names")]
    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
