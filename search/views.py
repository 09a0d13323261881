"""The site's search: every app's `QuerySet.search()`, merged and ranked."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from primer.fulltext import MAX_LENGTH, MAX_RESULTS, QueryProblem, clean_query, snippet_of
from primer.http import HtmxHttpRequest, wants_fragment
from primer.pagecache import shared_page
from questions.models import Question
from topics.models import Topic


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    url: str
    snippet: SafeString
    badge: str
    rank: float


def search_everything(query: str) -> list[Result]:
    """Topics and questions, best first (ties keep topics first)."""
    topics = Topic.objects.published().only("slug", "title", "depth", "summary").search(query)
    questions = Question.objects.published().only("slug", "title", "kind", "summary").search(query)
    results = [
        *(Result("Topic", t.title, t.get_absolute_url(), snippet_of(t), t.get_depth_display(), t.rank) for t in topics),
        *(
            Result("Question", q.title, q.get_absolute_url(), snippet_of(q), q.get_kind_display(), q.rank)
            for q in questions
        ),
    ]
    return sorted(results, key=lambda result: -result.rank)[:MAX_RESULTS]


@require_GET
@shared_page
def index(request: HtmxHttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    results: list[Result] = []
    problem, query = "", ""
    if "q" in request.GET:
        try:
            query = clean_query(raw)
            results = search_everything(query)
        except QueryProblem as exc:
            problem = str(exc)
    context = {"q": raw[: MAX_LENGTH * 2], "query": query, "results": results, "problem": problem}
    template = "search/index.html#results" if wants_fragment(request) else "search/index.html"
    return render(request, template, context)
