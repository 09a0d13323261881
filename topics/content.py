"""Load `content/topics/*.md` into Topic rows (and `content/alternatives/` into their other texts),
and write them back.

Validation happens for every file before anything is written; the caller
(`load_content`) wraps the whole run in one transaction, so an error anywhere changes
nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction

from curation.content import Decision, LoadReport, Sync
from primer.content import (
    ContentError,
    ContentFile,
    content_files,
    file_text,
    links_field,
    parse_file,
    slug_and_keys,
    string_field,
    string_list_field,
    write_text,
)
from primer.publication import Publication
from topics.models import AlternativeText, Depth, RelatedTopic, Topic, renumber, set_related

KEYS = (
    "title", "parent", "order", "depth", "status", "summary", "related",
    "advantages", "disadvantages", "links", "attribution",
)  # fmt: skip
REQUIRED = ("title", "summary")
FIELDS = ("title", "order", "depth", "status", "summary", "body", "advantages", "disadvantages", "links", "attribution")


def parse_topic(file: ContentFile) -> dict:
    """Validate one file; return the Topic fields plus 'parent' and 'related' slugs."""
    slug = slug_and_keys(file, KEYS)
    order = file.meta.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool) or order < 0:
        raise file.error("order", "'order' must be a whole number, 0 or more")
    depth = file.meta.get("depth", Depth.CORE)
    if depth not in Depth.values:
        raise file.error("depth", f"'depth' must be one of {', '.join(Depth.values)}, not {depth!r}")
    status = file.meta.get("status", Publication.PUBLISHED)
    if status not in Publication.values:
        raise file.error("status", f"'status' must be one of {', '.join(Publication.values)}, not {status!r}")
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
def load_topics(folder: Path, sync: Sync | None = None) -> LoadReport:
    sync = sync or Sync("topics")
    parsed = [(file, parse_topic(file)) for file in map(parse_file, content_files(folder))]
    _check_references(parsed)
    report = LoadReport("topics")
    existing = {topic.slug: topic for topic in Topic.objects.select_related("parent")}
    related_now = _related_slugs()
    saved: dict[str, Topic] = {}
    kept: set[str] = set()
    for file, data in parsed:
        topic = existing.get(data["slug"])
        current = topic_text(topic, related_now.get(topic.pk, [])) if topic else None
        decision = sync.decide(data["slug"], file_text=file.text, record_text=current, record=topic)
        if decision == Decision.KEEP:
            report.conflicts.append(data["slug"])
            kept.add(data["slug"])
            continue
        topic = topic or Topic(slug=data["slug"])
        before = None if topic.pk is None else {name: getattr(topic, name) for name in FIELDS}
        for name in FIELDS:
            setattr(topic, name, data[name])
        topic.from_content = True
        if before != {name: getattr(topic, name) for name in FIELDS}:
            topic.save()
            (report.created if before is None else report.updated).append(topic.slug)
        else:
            report.unchanged.append(topic.slug)
        saved[topic.slug] = topic
    everything = {**existing, **saved}
    for _, data in parsed:
        if data["slug"] in kept:
            continue
        topic = saved[data["slug"]]
        _link(topic, data, everything, related_now, report)
    for file, data in parsed:
        if data["slug"] not in kept:
            topic = saved[data["slug"]]
            sync.agree(data["slug"], file_text=file.text, record_text=topic_text(topic, data["related"]))
    gone = [
        topic
        for slug, topic in existing.items()
        if topic.from_content and slug not in saved and slug not in kept and topic.status == Publication.PUBLISHED
    ]
    for topic in gone:
        topic.status = Publication.DRAFT
        topic.save(update_fields=["status", "updated_at"])
        report.unpublished.append(topic.slug)
    renumber()
    return report


def _related_slugs() -> dict[int, list[str]]:
    related: dict[int, list[str]] = {}
    for link in RelatedTopic.objects.select_related("related").order_by("topic_id", "position", "pk"):
        related.setdefault(link.topic_id, []).append(link.related.slug)
    return related


def _link(topic: Topic, data: dict, everything: dict[str, Topic], related_now: dict, report: LoadReport) -> None:
    """Set a topic's parent and related topics once every topic of the file set exists."""
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


def topic_meta(topic: Topic, related: list[str]) -> dict:
    return {
        "title": topic.title,
        "parent": topic.parent.slug if topic.parent else None,
        "order": topic.order,
        "depth": topic.depth,
        "status": None if topic.status == Publication.PUBLISHED else topic.status,
        "summary": topic.summary,
        "related": related or None,
        "advantages": topic.advantages or None,
        "disadvantages": topic.disadvantages or None,
        # jsonb does not keep key order; write each link as title, then url.
        "links": [{"title": link["title"], "url": link["url"]} for link in topic.links] or None,
        "attribution": topic.attribution or None,
    }


def topic_text(topic: Topic, related: list[str]) -> str:
    return file_text(topic_meta(topic, related), topic.body)


def export_topics(folder: Path, sync: Sync | None = None) -> int:
    sync = sync or Sync("topics")
    count = 0
    related = _related_slugs()
    for topic in Topic.objects.select_related("parent").order_by("slug"):
        text = topic_text(topic, related.get(topic.pk, []))
        write_text(folder, f"{topic.slug}.md", text)
        sync.agree(topic.slug, file_text=text, record_text=text)
        count += 1
    return count


# Alternative texts: content/alternatives/<topic>--<source>.md -------------------------------

_NAME = re.compile(r"^(?P<slug>[a-z0-9-]+?)--(?P<source>[a-z0-9-]+)$")


def split_name(path: Path) -> tuple[str, str]:
    """`<slug>--<source>.md` as (slug, source): the name of an imported or edited record's file."""
    match = _NAME.match(path.stem)
    if not match:
        raise ContentError(path, 1, "the file name must be <slug>--<source>.md")
    return match.group("slug"), match.group("source")


def alternative_text(text: AlternativeText) -> str:
    meta = {"label": text.label, "attribution": text.attribution, "source_hash": text.source_hash or None}
    return file_text(meta, text.body)


@transaction.atomic
def load_alternatives(folder: Path, sync: Sync | None = None) -> LoadReport:
    sync = sync or Sync("alternatives")
    report = LoadReport("alternatives")
    topics = {t.slug: t for t in Topic.objects.all()}
    existing = {(t.topic_id, t.source): t for t in AlternativeText.objects.select_related("topic")}
    for file in map(parse_file, content_files(folder)):
        slug, source = split_name(file.path)
        if slug not in topics:
            raise ContentError(file.path, 1, f"topic '{slug}' does not exist")
        values = {
            "label": string_field(file, "label", max_length=120, required=True),
            "attribution": string_field(file, "attribution", max_length=2000, required=True),
            "source_hash": string_field(file, "source_hash", max_length=64),
            "body": file.body,
        }
        text = existing.get((topics[slug].pk, source))
        current = alternative_text(text) if text else None
        decision = sync.decide(file.path.stem, file_text=file.text, record_text=current, record=text)
        if decision == Decision.KEEP:
            report.conflicts.append(file.path.stem)
            continue
        if text is None:
            text = AlternativeText.objects.create(topic=topics[slug], source=source, **values)
            report.created.append(file.path.stem)
        elif any(getattr(text, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(text, name, value)
            text.save()
            report.updated.append(file.path.stem)
        else:
            report.unchanged.append(file.path.stem)
        sync.agree(file.path.stem, file_text=file.text, record_text=alternative_text(text))
    return report


def export_alternatives(folder: Path, sync: Sync | None = None) -> int:
    sync = sync or Sync("alternatives")
    count = 0
    for text in AlternativeText.objects.select_related("topic").order_by("topic__slug", "source"):
        name = f"{text.topic.slug}--{text.source}"
        content = alternative_text(text)
        write_text(folder, f"{name}.md", content)
        sync.agree(name, file_text=content, record_text=content)
        count += 1
    return count
