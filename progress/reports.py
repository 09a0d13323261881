"""What a report shows beside the engine's result: highlighted answers, word diffs, the score chart."""

from __future__ import annotations

import difflib
import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from progress.models import Attempt


def previous_attempt(attempt: Attempt) -> Attempt | None:
    return (
        Attempt.objects.filter(
            user=attempt.user_id,
            question=attempt.question_id,
            submitted_at__isnull=False,
            submitted_at__lt=attempt.submitted_at or attempt.started_at,
        )
        .exclude(pk=attempt.pk)
        .order_by("-submitted_at")
        .first()
    )


# What a highlighted span can be; anything else in a stored report is not drawn.
MARK_CLASSES = {
    "hit": "hit",
    **{f"number-{verdict}": f"number number-{verdict}" for verdict in ("ok", "off_10x", "off_1000x", "off", "missing")},
}


def highlight(text: str, spans: list[tuple[int, int, str, str]]) -> SafeString:
    """The learner's text, escaped, with each (start, end, kind, title) span in <mark>.

    `kind` is looked up in MARK_CLASSES, so a report can never put its own words into markup.
    """
    parts, position = [], 0
    for start, end, kind, title in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        css = MARK_CLASSES.get(kind)
        if css is None or start < position:
            continue  # an unknown kind, or overlapping spans: the first wins
        parts.append(text[position:start])
        parts.append(format_html('<mark class="{}" title="{}">{}</mark>', css, title, text[start:end]))
        position = end
    parts.append(text[position:])
    return format_html_join("", "{}", ((part,) for part in parts))


_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> SafeString:
    """A word-level diff of two texts as escaped HTML with <del> and <ins>."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append("".join(old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            out.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
    return format_html_join("", "{}", ((part,) for part in out))


def score_chart(attempts: list[Attempt], width: int = 600, height: int = 160) -> dict:
    """Points for an SVG line of scores over attempts (oldest first)."""
    scored = [a for a in attempts if a.score is not None]
    if not scored:
        return {"points": [], "width": width, "height": height}
    pad = 24
    step = (width - 2 * pad) / max(1, len(scored) - 1)
    points = [
        {
            "x": round(pad + index * step, 1),
            "y": round(height - pad - ((attempt.score or 0) / 100) * (height - 2 * pad), 1),
            "score": attempt.score,
            "when": attempt.submitted_at,
            "pk": attempt.pk,
        }
        for index, attempt in enumerate(scored)
    ]
    return {
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "width": width,
        "height": height,
        "grid": [{"y": round(height - pad - f * (height - 2 * pad), 1), "label": int(f * 100)} for f in (0, 0.5, 1)],
    }
