"""A learner's parts of the shared content pages, filled in per request (primer/pagecache.py):
the progress controls on a topic or question, and the statuses and section bars of the topics
index. One query per kind of part, whatever the page holds."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Min
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html

from flashcards.models import CardState
from flashcards.scheduling import due_counts
from primer.pagecache import Holes, code_stamp, content_stamp, region
from progress.models import FINISHED, Progress, Status
from progress.views.tracking import controls_context
from questions.models import Question
from topics.models import Topic


def _learner(request: HttpRequest):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@region("controls")
def controls(request: HttpRequest, holes: Holes, others: dict[str, Holes]) -> list[str]:
    """Status, bookmark and note for the page's topic or question; a visitor gets the way in.

    Kept in the cache by the learner's data version (which any write to their progress moves
    on), with holes for the forms' CSRF fields: a page view then reads no progress row at all."""
    user, learner = _learner(request), getattr(request, "learner", None)
    pieces: list[str] = []
    for kind, pk, slug in holes:
        if user is None or learner is None:
            pieces.append(render_to_string("progress/_controls_visitor.html", {"kind": kind}, request=request))
            continue
        request.primer_uses_htmx = True  # type: ignore[attr-defined]  # the controls act with htmx
        key = f"controls:{code_stamp()}:{user.pk}:{learner.data_version}:{kind}:{pk}:{slug}:{request.path}"
        html = cache.get(key)
        if html is None:
            target = (Question if kind == "question" else Topic)(pk=int(pk), slug=slug)
            context = controls_context(target, Progress.objects.of(user, target), request.path)
            html = render_to_string("progress/_controls.html", context, request=request)
            cache.set(key, html, 24 * 3600)  # a newer data version makes it unreachable; the day only frees room
        pieces.append(html)
    return pieces


def _statuses(request: HttpRequest) -> dict[int, str]:
    """{topic id: status} of the learner's started topics, kept by their data version."""
    if not hasattr(request, "primer_topic_statuses"):
        user, learner = _learner(request), getattr(request, "learner", None)
        statuses: dict[int, str] = {}
        if user is not None and learner is not None:
            key = f"topic-statuses:{user.pk}:{learner.data_version}"
            statuses = cache.get(key)
            if statuses is None:
                statuses = Progress.objects.topic_statuses(user)
                cache.set(key, statuses, 24 * 3600)
        request.primer_topic_statuses = statuses  # type: ignore[attr-defined]
    return request.primer_topic_statuses  # type: ignore[attr-defined]


@region("due-cards")
def due_cards(request: HttpRequest, holes: Holes, others: dict[str, Holes]) -> list[str]:
    """The dashboard's cards due. They change with a review (which moves the learner's data
    version on), with the day (new cards), with the decks, and when the clock passes the next
    card's due time: kept by the first three until that moment, which is computed, not guessed."""
    user, learner = _learner(request), getattr(request, "learner", None)
    if user is None or learner is None:
        return [""] * len(holes)
    now, today = timezone.now(), learner.today()
    key = f"due-cards:{code_stamp()}:{content_stamp(request)}:{user.pk}:{learner.data_version}:{today}"
    kept = cache.get(key)
    if kept is None or now >= kept[1]:
        rows = due_counts(user, learner, now=now, today=today)
        cards = [row for row in rows if row["due"] or row["new"]]
        html = render_to_string("progress/_due_cards.html", {"cards": cards}, request=request)
        next_due = CardState.objects.filter(user=user, due__gt=now).aggregate(first=Min("due"))["first"]
        kept = (html, next_due or now + timedelta(days=1))
        cache.set(key, kept, 24 * 3600)
    return [kept[0]] * len(holes)


@region("topic-status")
def topic_status(request: HttpRequest, holes: Holes, others: dict[str, Holes]) -> list[str]:
    statuses, labels = _statuses(request), dict(Status.choices)
    pieces = []
    for pk, _section in holes:
        status = statuses.get(int(pk))
        badge = ' <span class="status-badge status-{}">{}</span>'
        pieces.append(format_html(badge, status, labels[status]) if status else "")
    return pieces


@region("section-bar")
def section_bar(request: HttpRequest, holes: Holes, others: dict[str, Holes]) -> list[str]:
    """Done (or skipped) of the section's topics on the page, as a bar; nothing for a visitor."""
    if _learner(request) is None:
        return [""] * len(holes)
    statuses = _statuses(request)
    totals: dict[str, list[int]] = {}
    for pk, section in others.get("topic-status", []):
        bar = totals.setdefault(section, [0, 0])
        bar[0] += statuses.get(int(pk)) in FINISHED
        bar[1] += 1
    pieces = []
    for (section,) in holes:
        done, total = totals.get(section, [0, 0])
        if not total:
            pieces.append("")
            continue
        pieces.append(
            format_html(
                '<svg class="progressbar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" '
                'aria-label="{} of {} topics done"><rect width="100" height="6" class="track"/>'
                '<rect width="{}" height="6" class="fill"/></svg>',
                done,
                total,
                round(100 * done / total),
            )
        )
    return pieces
