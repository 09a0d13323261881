from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from primer.csp import allow_diagram_styles
from primer.pagecache import shared_page
from primer.publication import Publication
from topics.models import RelatedTopic, Topic


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


@require_GET
@shared_page
def index(request: HttpRequest) -> HttpResponse:
    topics = list(
        Topic.objects.published()
        .in_curriculum_order()
        .only("slug", "title", "summary", "depth", "parent_id", "level", "sequence", "section_id")
    )
    # A learner's statuses and section bars come from the progress app's template tags.
    return render(request, "topics/index.html", {"tree": build_tree(topics), "topics": topics, "count": len(topics)})


@require_GET
@shared_page
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.visible_to(request.user).select_related("parent__parent"), slug=slug)
    published = Topic.objects.published().only("slug", "title", "sequence")
    related = RelatedTopic.objects.filter(topic=topic, related__status=Publication.PUBLISHED).select_related("related")
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
    }
    response = render(request, "topics/detail.html", context)
    return allow_diagram_styles(response) if topic.has_diagram else response
