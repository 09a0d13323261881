"""What a report shows beside the engine's result: marked answers, word diffs, the score chart."""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass

from django.utils import timezone
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


def has_diagram(rendered_html: str) -> bool:
    """Whether rendered Markdown holds a Mermaid block for the browser to draw."""
    return '<pre class="mermaid"' in rendered_html


_WORD = re.compile(r"\S+")


@dataclass
class _Run:
    """A stretch of the diff: words [i1, i2) of the old text against [j1, j2) of the new one."""

    equal: bool
    i1: int
    i2: int
    j1: int
    j2: int

    @property
    def size(self) -> int:
        return max(self.i2 - self.i1, self.j2 - self.j1)


def _grouped(old: list[str], new: list[str]) -> list[_Run]:
    """Word runs where a change is one removed run then one added run, as git's --word-diff shows.

    Word by word, two rewordings match on their small words ("of", "a", spaces), which cuts a
    change into alternating scraps. A run of equal words no longer than the changes on both of
    its sides is folded into them (diff-match-patch's semantic clean-up), until none is left.
    """
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    runs = [_Run(tag == "equal", i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    folded = True
    while folded:
        folded = False
        merged: list[_Run] = []
        for run in runs:
            if merged and not run.equal and not merged[-1].equal:
                merged[-1] = _Run(False, merged[-1].i1, run.i2, merged[-1].j1, run.j2)
            else:
                merged.append(run)
        runs = merged
        for index in range(1, len(runs) - 1):
            middle = runs[index]
            if middle.equal and middle.size <= min(runs[index - 1].size, runs[index + 1].size):
                runs[index] = _Run(False, middle.i1, middle.i2, middle.j1, middle.j2)
                folded = True
    return runs


def word_diff(before: str, after: str) -> SafeString:
    """A word-level diff of two texts as escaped HTML: each change a <del> run, then an <ins> run.

    The new text's spacing and line breaks are kept between runs; inside a removed run, the old one's.
    """
    old, new = list(_WORD.finditer(before)), list(_WORD.finditer(after))
    parts: list[SafeString | str] = []
    for run in _grouped([m.group() for m in old], [m.group() for m in new]):
        if run.j1 < len(new) and (run.j2 > run.j1 or run.equal):
            parts.append(after[new[run.j1 - 1].end() if run.j1 else 0 : new[run.j1].start()])
        elif run.i1 < len(old):
            parts.append(before[old[run.i1 - 1].end() if run.i1 else 0 : old[run.i1].start()])
        removed = before[old[run.i1].start() : old[run.i2 - 1].end()] if run.i2 > run.i1 else ""
        added = after[new[run.j1].start() : new[run.j2 - 1].end()] if run.j2 > run.j1 else ""
        if run.equal:
            parts.append(added)
            continue
        if removed:
            parts.append(format_html("<del>{}</del>", removed))
        if added:
            parts.append(format_html("<ins>{}</ins>", added))
    return format_html_join("", "{}", ((part,) for part in parts))


def score_chart(attempts: list[Attempt], height: int = 180) -> dict:
    """Points for an SVG line of scores over attempts (oldest first), each with its date.

    Across, positions are percentages of the chart's width, so its text keeps its size at any
    width; down, they are pixels. At most `LABELLED` dates are written under the axis (the
    first, the last and evenly between); every point has its date in a tooltip and the table.
    """
    scored = [a for a in attempts if a.score is not None]
    top, bottom = 14, 40  # room for the 100% label, and for the dates under the axis
    if not scored:
        return {"points": [], "height": height}
    span = max(1, len(scored) - 1)
    every = max(1, -(-(len(scored) - 1) // (LABELLED - 1))) if len(scored) > LABELLED else 1
    points = [
        {
            "x": round(LEFT + (RIGHT - LEFT) * (index / span if len(scored) > 1 else 0.5), 2),
            "y": round(height - bottom - ((attempt.score or 0) / 100) * (height - top - bottom), 1),
            "score": attempt.score,
            "when": attempt.submitted_at,
            "pk": attempt.pk,
            "labelled": index % every == 0 or index == len(scored) - 1,
        }
        for index, attempt in enumerate(scored)
    ]
    days = [timezone.localtime(a.submitted_at).date() for a in scored if a.submitted_at]
    return {
        "points": points,
        "segments": list(itertools.pairwise(points)),
        "height": height,
        "axis_y": height - bottom,
        "date_y": height - bottom + 18,
        "left": LEFT,
        "right": RIGHT,
        "date_format": "j M" if len(set(days)) == len(days) else "j M H:i",
        "grid": [
            {"y": round(height - bottom - f * (height - top - bottom), 1), "label": int(f * 100)} for f in (0, 0.5, 1)
        ],
    }


LEFT, RIGHT = 9.0, 96.0  # per cent of the chart's width: room for the score axis on the left
LABELLED = 6
