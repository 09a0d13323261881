"""What a report shows beside the engine's result: highlighted answers, word diffs, the score chart."""

from __future__ import annotations

import difflib
import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from primer.markdown import render_marked
from progress.models import Attempt
from questions.engine.grade import STATES, VERDICTS, Span


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
MARK_KINDS = (
    *(f"mark-{state}" for state in STATES),
    *(f"mark-number-{verdict}" for verdict in VERDICTS),
)


def marked_answer(text: str, spans: list[Span]) -> str:
    """The learner's answer rendered (sanitised Markdown), with the report's evidence in <mark>."""
    return render_marked(text, [(s.start, s.end, f"mark-{s.kind}") for s in spans], MARK_KINDS)


def highlight(text: str, spans: list[Span]) -> SafeString:
    """For a report graded before answers were rendered: the text escaped, with its spans marked."""
    parts, position = [], 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        css = f"mark-{span.kind}"
        if css not in MARK_KINDS or not 0 <= span.start < span.end <= len(text) or span.start < position:
            continue  # an unknown kind, a span outside the text, or an overlap: the first wins
        parts.append(text[position : span.start])
        parts.append(format_html('<mark class="{}">{}</mark>', css, text[span.start : span.end]))
        position = span.end
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
