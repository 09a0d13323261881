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


def _ranked(queryset, query: str, *, text_field: str, order: tuple[str, ...], fields: tuple[str, ...], limit: int):
    """Matching rows with a rank and a highlighted snippet of `text_field`."""
    search = SearchQuery(query, search_type="websearch", config="english")
    headline = SearchHeadline(
        text_field,
        search,
        config="english",
        start_sel=_START,
        stop_sel=_STOP,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    return (
        queryset.filter(search_vector=search)
        .annotate(rank=SearchRank(F("search_vector"), search, normalization=32), snippet=headline)
        .order_by("-rank", *order)
        .only(*fields)[:limit]
    )


def _result(kind: str, row, badge: str) -> Result:
    snippet = row.snippet if _START in row.snippet else row.summary
    return Result(kind, row.title, row.get_absolute_url(), highlight(snippet), badge, row.rank)


def search_topics(query: str, limit: int = MAX_RESULTS) -> list[Result]:
    rows = _ranked(
        Topic.objects.published(),
        query,
        text_field="body_text",
        order=("sequence",),
        fields=("slug", "title", "depth", "summary"),
        limit=limit,
    )
    return [_result("Topic", topic, topic.get_depth_display()) for topic in rows]


def search_questions(query: str, limit: int = MAX_RESULTS) -> list[Result]:
    from questions.models import Question

    rows = _ranked(
        Question.objects.published(),
        query,
        text_field="search_text",
        order=("kind", "order"),
        fields=("slug", "title", "kind", "summary"),
        limit=limit,
    )
    return [_result("Question", question, question.get_kind_display()) for question in rows]


def search(query: str) -> list[Result]:
    """Topics and questions, best first (ties keep topics first)."""
    results = [*search_topics(query), *search_questions(query)]
    return sorted(results, key=lambda result: -result.rank)[:MAX_RESULTS]
