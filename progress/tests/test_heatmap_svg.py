"""The heatmap's cells are written in Python for speed; they say exactly what the template loop said."""

from datetime import date, timedelta

from django.template import Context, Template

from progress.heatmap import heatmap

LOOP = Template(
    '{% for cell in heatmap.cells %}<rect x="{{ cell.x }}" y="{{ cell.y }}" width="{{ heatmap.cell }}" '
    'height="{{ heatmap.cell }}" rx="2" class="level-{{ cell.level }}"><title>{{ cell.day|date:"D j M Y" }}: '
    "{{ cell.count }} action{{ cell.count|pluralize }}</title></rect>{% endfor %}"
)


def test_the_cells_match_the_template_they_replace():
    today = date(2026, 12, 1)
    counts = {today - timedelta(days=d): d % 12 for d in range(0, 400, 3)}
    drawn = heatmap(counts, today)
    assert len(drawn["cells"]) > 350
    assert str(drawn["cells_svg"]) == LOOP.render(Context({"heatmap": drawn}))
