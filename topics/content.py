"""Load `content/topics/*.md` into Topic rows, and write them back.

Validation happens for every file before anything is written; the caller
(`load_content`) wraps the whole run in one transaction, so an error anywhere changes
nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from primer.content import (
    SLUG,
    ContentError,
    ContentFile,
    LoadReport,
    content_files,
    links_field,
    parse_file,
    string_field,
    string_list_field,
    write_file,
)
from topics.models import Depth, RelatedTopic, Status, Topic, renumber, set_related

KEYS = (
    "title", "parent", "order", "depth", "status", "summary", "related",
    "advantages", "disadvantages", "links", "attribution",
)  # fmt: skip
REQUIRED = ("title", "summary")
FIELDS = ("title", "order", "depth", "status", "summary", "body", "advantages", "disadvantages", "links", "attribution")


def parse_topic(file: ContentFile) -> dict:
    """Validate one file; return the Topic fields plus 'parent' and 'related' slugs."""
    slug = file.path.stem
    if not SLUG.match(slug):
        raise ContentError(file.path, 1, f"file name {slug!r} is not a slug (lowercase letters, digits, hyphens)")
    unknown = sorted(set(file.meta) - set(KEYS))
    if unknown:
        raise file.error(unknown[0], f"unknown key '{unknown[0]}' (allowed: {', '.join(KEYS)})")
    order = file.meta.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool) or order < 0:
        raise file.error("order", "'order' must be a whole number, 0 or more")
    depth = file.meta.get("depth", Depth.CORE)
    if depth not in Depth.values:
        raise file.error("depth", f"'depth' must be one of {', '.join(Depth.values)}, not {depth!r}")
    status = file.meta.get("status", Status.PUBLISHED)
    if status not in Status.values:
        raise file.error("status", f"'status' must be one of {', '.join(Status.values)}, not {status!r}")
    parent = string_field(file, "parent", max_length=100)
    if parent == slug:
        raise file.error("parent", "a topic cannot be its own parent")
    return {
        "slug": slug,
        "title": string_field(file, "title", max_length=200, required=True),
        "parent": parent or None,
        "order": order,
        "depth": depth,
        "status": status,
        "summary": string_field(file, "summary", max_length=600, required=True),
        "body": file.body,
        "related": string_list_field(file, "related"),
        "advantages": string_list_field(file, "advantages"),
        "disadvantages": string_list_field(file, "disadvantages"),
        "links": links_field(file),
        "attribution": string_field(file, "attribution", max_length=2000),
    }


def _check_references(parsed: list[tuple[ContentFile, dict]]) -> None:
    known = {data["slug"] for _, data in parsed} | set(Topic.objects.values_list("slug", flat=True))
    parents = {data["slug"]: data["parent"] for _, data in parsed}
    for file, data in parsed:
        if data["parent"] and data["parent"] not in known:
            raise file.error("parent", f"parent '{data['parent']}' is not a topic")
        for slug in data["related"]:
            if slug not in known:
                raise file.error("related", f"related topic '{slug}' does not exist")
        seen, node = {data["slug"]}, data["parent"]
        while parents.get(node):
            node = parents[node]
            if node in seen:
                raise file.error("parent", f"the parents of '{data['slug']}' form a cycle")
            seen.add(node)


@transaction.atomic
def load_topics(folder: Path) -> LoadReport:
    parsed = [(file, parse_topic(file)) for file in map(parse_file, content_files(folder))]
    _check_references(parsed)
    report = LoadReport("topics")
    existing = {topic.slug: topic for topic in Topic.objects.select_related("parent")}
    related_now: dict[int, list[str]] = {}
    for link in RelatedTopic.objects.select_related("related").order_by("topic_id", "position", "pk"):
        related_now.setdefault(link.topic_id, []).append(link.related.slug)
    saved: dict[str, Topic] = {}
    for _, data in parsed:
        topic = existing.get(data["slug"]) or Topic(slug=data["slug"])
        before = None if topic.pk is None else {name: getattr(topic, name) for name in FIELDS}
        for name in FIELDS:
            setattr(topic, name, data[name])
        topic.from_content = True
        after = {name: getattr(topic, name) for name in FIELDS}
        if before is None:
            topic.save()
            report.created.append(topic.slug)
        elif before != after:
            topic.save()
            report.updated.append(topic.slug)
        else:
            report.unchanged.append(topic.slug)
        saved[topic.slug] = topic
    everything = {**existing, **saved}
    for _, data in parsed:
        topic = saved[data["slug"]]
        parent = everything[data["parent"]] if data["parent"] else None
        related = [everything[slug] for slug in data["related"]]
        parent_changed = topic.parent_id != (parent.pk if parent else None)
        related_changed = related_now.get(topic.pk, []) != data["related"]
        if parent_changed:
            topic.parent = parent
            topic.save(update_fields=["parent"])
        if related_changed:
            set_related(topic, related)
        if (parent_changed or related_changed) and topic.slug in report.unchanged:
            report.unchanged.remove(topic.slug)
            report.updated.append(topic.slug)
    gone = [
        topic
        for slug, topic in existing.items()
        if topic.from_content and slug not in saved and topic.status == Status.PUBLISHED
    ]
    for topic in gone:
        topic.status = Status.DRAFT
        topic.save(update_fields=["status", "updated_at"])
        report.unpublished.append(topic.slug)
    renumber()
    return report


def topic_meta(topic: Topic, related: list[str]) -> dict:
    return {
        "title": topic.title,
        "parent": topic.parent.slug if topic.parent else None,
        "order": topic.order,
        "depth": topic.depth,
        "status": None if topic.status == Status.PUBLISHED else topic.status,
        "summary": topic.summary,
        "related": related or None,
        "advantages": topic.advantages or None,
        "disadvantages": topic.disadvantages or None,
        # jsonb does not keep key order; write each link as title, then url.
        "links": [{"title": link["title"], "url": link["url"]} for link in topic.links] or None,
        "attribution": topic.attribution or None,
    }


def export_topics(folder: Path) -> int:
    count = 0
    related: dict[int, list[str]] = {}
    for link in RelatedTopic.objects.select_related("related").order_by("topic_id", "position", "pk"):
        related.setdefault(link.topic_id, []).append(link.related.slug)
    for topic in Topic.objects.select_related("parent").order_by("slug"):
        write_file(folder, f"{topic.slug}.md", topic_meta(topic, related.get(topic.pk, [])), topic.body)
        count += 1
    return count
