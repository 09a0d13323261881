"""PostgreSQL full-text search, for any model with a weighted `search_vector` column.

Ranked with ts_rank over a stored, weighted tsvector (title > summary > body) and a GIN
index. Snippets come from ts_headline with sentinel markers that cannot occur in text; the
snippet is HTML-escaped first and only then are the sentinels turned into <mark>, so
nothing in a record's text can inject markup. Each app's QuerySet mixes in `FullTextQuerySet`
and names the column its snippets come from; the site's search page merges the results.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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


def highlight(headline: str) -> SafeString:
    escaped = escape(headline)
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308 (escaped above)


def snippet_of(row) -> SafeString:
    """A search row's highlighted snippet, or its summary where the body held no match."""
    return highlight(row.snippet if _START in row.snippet else row.summary)


def search(queryset, query: str, *, snippet_field: str, order: tuple[str, ...], limit: int = MAX_RESULTS):
    """Rows of `queryset` matching `query`, best first, each with `rank` and a `snippet` of `snippet_field`."""
    search_query = SearchQuery(query, search_type="websearch", config="english")
    headline = SearchHeadline(
        snippet_field,
        search_query,
        config="english",
        start_sel=_START,
        stop_sel=_STOP,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    return (
        queryset.filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query, normalization=32), snippet=headline)
        .order_by("-rank", *order)[:limit]
    )
