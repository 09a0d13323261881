from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from primer.csp import allow_diagram_styles
from primer.htmx import HtmxHttpRequest
from progress.views import controls_context
from topics.models import RelatedTopic, Topic
from topics.search import MAX_LENGTH, QueryProblem, clean_query
from topics.search import search as search_everything


@dataclass
class Node:
    topic: Topic
    children: list[Node] = field(default_factory=list)


def build_tree(topics: list[Topic]) -> list[Node]:
    """Nest topics (already in curriculum order) under their parents; children of drafts are dropped."""
    nodes = {topic.pk: Node(topic) for topic in topics}
    roots = []
    for topic in topics:
        if topic.parent_id is None:
            roots.append(nodes[topic.pk])
        elif topic.parent_id in nodes:
            nodes[topic.parent_id].children.append(nodes[topic.pk])
    return roots


def index(request: HttpRequest) -> HttpResponse:
    topics = list(
        Topic.objects.published()
        .in_curriculum_order()
        .only("slug", "title", "summary", "depth", "parent_id", "level", "sequence", "section_id")
    )
    tree = build_tree(topics)
    if request.user.is_authenticated:
        _attach_progress(request.user, topics, tree)
    return render(request, "topics/index.html", {"tree": tree, "count": len(topics)})


def _attach_progress(user, topics: list[Topic], tree: list[Node]) -> None:
    """Status badges on every topic and a done/total bar per section: one query."""
    from progress.models import FINISHED, Status
    from progress.views import status_map

    statuses = status_map(user)
    by_section: dict[int, list[Topic]] = {}
    labels = dict(Status.choices)
    for topic in topics:
        topic.user_status = statuses.get(topic.pk, "")
        topic.user_status_label = labels.get(topic.user_status, "")
        by_section.setdefault(topic.section_id, []).append(topic)
    for section in tree:
        members = by_section.get(section.topic.pk, [])
        section.total = len(members)
        section.done = sum(1 for t in members if t.user_status in FINISHED)
        section.percent = round(100 * section.done / section.total) if section.total else 0


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.published().select_related("parent__parent"), slug=slug)
    published = Topic.objects.published().only("slug", "title", "sequence")
    related = RelatedTopic.objects.filter(topic=topic, related__status="published").select_related("related")
    context = {
        "topic": topic,
        "breadcrumbs": topic.ancestors(),
        "children": list(topic.children.published().only("slug", "title", "summary", "depth", "parent_id")),
        "related": [link.related for link in related],
        "previous": published.filter(sequence__lt=topic.sequence).order_by("-sequence").first(),
        "next": published.filter(sequence__gt=topic.sequence).order_by("sequence").first(),
        "questions": list(topic.questions.published().only("slug", "title", "kind").order_by("kind", "order")),
        "alternatives": (alternatives := list(topic.alternatives.all())),
        "alternative": next((a for a in alternatives if a.source == request.GET.get("text")), None),
        **controls_context(request, topic),
    }
    response = render(request, "topics/detail.html", context)
    return allow_diagram_styles(response) if topic.has_diagram else response


def search(request: HtmxHttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    results, problem, query = [], "", ""
    if "q" in request.GET:
        try:
            query = clean_query(raw)
            results = search_everything(query)
        except QueryProblem as exc:
            problem = str(exc)
    context = {"q": raw[: MAX_LENGTH * 2], "query": query, "results": results, "problem": problem}
    template = "topics/search.html#results" if request.htmx else "topics/search.html"
    return render(request, template, context)
