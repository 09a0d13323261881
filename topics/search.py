"""Full-text search over published topics (and, once they exist, questions).

Ranked with PostgreSQL's ts_rank over a stored, weighted tsvector (title > summary > body)
and a GIN index. Snippets come from ts_headline with sentinel markers that cannot occur in
text; the snippet is HTML-escaped first and only then are the sentinels turned into <mark>,
so nothing in a topic's text can inject markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from topics.models import Topic

MIN_LENGTH = 2
MAX_LENGTH = 200
MAX_RESULTS = 30
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"\w", re.UNICODE)


class QueryProblem(ValueError):  # noqa: N818 (a message for the reader, not a fault)
    """A query that cannot be searched, with a message for the person who typed it."""


def clean_query(raw: str) -> str:
    query = " ".join((raw or "").split())
    if not query:
        raise QueryProblem("Type a word or two to search the topics and questions.")
    if len(query) > MAX_LENGTH:
        raise QueryProblem(f"That search is {len(query)} characters long; keep it under {MAX_LENGTH}.")
    if not _WORD.search(query):
        raise QueryProblem("Search for words or numbers: punctuation alone matches nothing.")
    if len(query) < MIN_LENGTH:
        raise QueryProblem(f"Type at least {MIN_LENGTH} characters.")
    return query


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    url: str
    snippet: SafeString
    badge: str
    rank: float


def highlight(headline: str) -> SafeString:
    escaped = escape(headline)
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308 (escaped above)


def search_topics(query: str, limit: int = MAX_RESULTS) -> list[Result]:
    search = SearchQuery(query, search_type="websearch", config="english")
    rows = (
        Topic.objects.published()
        .filter(search_vector=search)
        .annotate(
            rank=SearchRank(F("search_vector"), search, normalization=32),
            snippet=SearchHeadline(
                "body_text",
                search,
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "sequence")
        .only("slug", "title", "depth", "summary")[:limit]
    )
    return [
        Result(
            kind="Topic",
            title=topic.title,
            url=topic.get_absolute_url(),
            snippet=highlight(topic.snippet if _START in topic.snippet else topic.summary),
            badge=topic.get_depth_display(),
            rank=topic.rank,
        )
        for topic in rows
    ]


def search_questions(query: str, limit: int = MAX_RESULTS) -> list[Result]:
    from questions.models import Question

    search = SearchQuery(query, search_type="websearch", config="english")
    rows = (
        Question.objects.published()
        .filter(search_vector=search)
        .annotate(
            rank=SearchRank(F("search_vector"), search, normalization=32),
            snippet=SearchHeadline(
                "search_text", search, config="english", start_sel=_START, stop_sel=_STOP, max_words=30, min_words=12
            ),
        )
        .order_by("-rank", "kind", "order")
        .only("slug", "title", "kind", "summary")[:limit]
    )
    return [
        Result(
            kind="Question",
            title=question.title,
            url=question.get_absolute_url(),
            snippet=highlight(question.snippet if _START in question.snippet else question.summary),
            badge=question.get_kind_display(),
            rank=question.rank,
        )
        for question in rows
    ]


def search(query: str) -> list[Result]:
    """Topics and questions, best first (ties keep topics first)."""
    results = [*search_topics(query), *search_questions(query)]
    return sorted(results, key=lambda result: -result.rank)[:MAX_RESULTS]
