"""The lexicon as content: `content/lexicon/<area>.md` files, their records, and the engine's copy.

Each file is an area (title, order, notes for reviewers in the body) with `[[concepts]]`: id,
name, terms, products, exact names, broader concepts, and whether it is a failure mode. The
loader checks the whole lexicon at once (ids unique and well formed, broader concepts that
exist and never loop, no name given to two concepts) and keeps an editor's changes the way
every content kind does. `current_lexicon()` is the engine's compiled copy, rebuilt only when
a concept changes.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.db.models import Count, Max

from curation.content import Decision, LoadReport, Sync
from primer.content import (
    SLUG,
    ContentError,
    ContentFile,
    content_files,
    file_text,
    parse_file,
    slug_and_keys,
    string_field,
    write_text,
)
from questions.engine.lexicon import Concept as EngineConcept
from questions.engine.lexicon import Lexicon
from questions.models import Concept, LexiconArea, lines

KEYS = ("title", "order", "concepts")
CONCEPT_KEYS = ("id", "name", "terms", "products", "exact", "broader", "problem")
NAME_LISTS = ("terms", "products", "exact")


def _names(file: ContentFile, item: dict, key: str, concept: str) -> list[str]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() and len(v) <= 80 for v in value):
        raise file.error("concepts", f"concept '{concept}': '{key}' must be a list of names of at most 80 characters")
    if any("," in v or "\n" in v for v in value):
        raise file.error("concepts", f"concept '{concept}': a name in '{key}' cannot hold a comma or a line break")
    return [v.strip() for v in value]


def parse_area(file: ContentFile) -> dict:
    slug = slug_and_keys(file, KEYS)
    order = file.meta.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool) or order < 0:
        raise file.error("order", "'order' must be a whole number, 0 or more")
    items = file.meta.get("concepts", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise file.error("concepts", "'concepts' must be written as [[concepts]] tables")
    concepts = []
    for index, item in enumerate(items):
        unknown = sorted(set(item) - set(CONCEPT_KEYS))
        concept_id = item.get("id")
        if not isinstance(concept_id, str) or not SLUG.match(concept_id) or len(concept_id) > 80:
            raise file.error(
                "concepts", f"concept {index + 1}: 'id' must be a slug (lowercase letters, digits, hyphens)"
            )
        if unknown:
            raise file.error("concepts", f"concept '{concept_id}': unknown field '{unknown[0]}'")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > 120:
            raise file.error("concepts", f"concept '{concept_id}' needs a name of at most 120 characters")
        problem = item.get("problem", False)
        if not isinstance(problem, bool):
            raise file.error("concepts", f"concept '{concept_id}': 'problem' is true or false")
        names = {key: _names(file, item, key, concept_id) for key in NAME_LISTS}
        if not any(names.values()):
            raise file.error("concepts", f"concept '{concept_id}' needs at least one term, product or exact name")
        broader = item.get("broader", [])
        if not isinstance(broader, list) or not all(isinstance(b, str) for b in broader):
            raise file.error("concepts", f"concept '{concept_id}': 'broader' must be a list of concept ids")
        concepts.append({"id": concept_id, "name": name.strip(), **names, "broader": broader, "problem": problem})
    return {
        "slug": slug,
        "title": string_field(file, "title", max_length=120, required=True),
        "order": order,
        "notes": file.body,
        "concepts": concepts,
    }


def check_lexicon(parsed: list[tuple[ContentFile, dict]]) -> None:
    """The whole lexicon at once: ids unique, broader concepts real and never looping, no shared names."""
    where: dict[str, ContentFile] = {}
    broader: dict[str, list[str]] = {}
    for file, area in parsed:
        for concept in area["concepts"]:
            if concept["id"] in where:
                other = where[concept["id"]].path.name
                raise file.error("concepts", f"concept '{concept['id']}' is also in {other}")
            where[concept["id"]] = file
            broader[concept["id"]] = concept["broader"]
    names: dict[tuple[str, str], str] = {}
    for file, area in parsed:
        for concept in area["concepts"]:
            for parent in concept["broader"]:
                if parent not in where:
                    raise file.error(
                        "concepts", f"concept '{concept['id']}': broader concept '{parent}' does not exist"
                    )
            for key in NAME_LISTS:
                for name in concept[key]:
                    normal = ("exact", name) if key == "exact" else ("any", name.lower())
                    owner = names.setdefault(normal, concept["id"])
                    if owner != concept["id"]:
                        raise file.error("concepts", f"'{name}' names both '{owner}' and '{concept['id']}'")
    for start in broader:
        _no_loop(start, broader, where)
    for words, one, other in engine_lexicon(parsed).clashes()[:1]:
        raise where[other].error(
            "concepts", f"a name of '{one}' and one of '{other}' read alike once stemmed ('{words}'): keep one"
        )


def _no_loop(start: str, broader: dict[str, list[str]], where: dict[str, ContentFile]) -> None:
    path, stack = [], [(start, iter(broader[start]))]
    seen = {start}
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            seen.discard(node)
            continue
        if child in seen:
            path = [n for n, _ in stack] + [child]
            raise where[start].error("concepts", f"broader concepts loop: {' -> '.join(path)}")
        seen.add(child)
        stack.append((child, iter(broader.get(child, []))))


def read_folder(folder: Path) -> list[tuple[ContentFile, dict]]:
    parsed = [(file, parse_area(file)) for file in map(parse_file, content_files(folder))]
    check_lexicon(parsed)
    return parsed


def engine_lexicon(parsed: list[tuple[ContentFile, dict]]) -> Lexicon:
    """The engine's lexicon straight from files (for checking a question file on its own)."""
    return Lexicon.build(
        EngineConcept(
            c["id"],
            c["name"],
            tuple(c["terms"]),
            tuple(c["products"]),
            tuple(c["exact"]),
            tuple(c["broader"]),
            c["problem"],
        )
        for _, area in parsed
        for c in area["concepts"]
    )


def area_meta(area: LexiconArea) -> dict:
    return {
        "title": area.title,
        "order": area.order,
        "concepts": [
            {
                "id": c.slug,
                "name": c.name,
                "terms": lines(c.terms) or None,
                "products": lines(c.products) or None,
                "exact": lines(c.exact) or None,
                "broader": lines(c.broader) or None,
                "problem": c.problem or None,
            }
            for c in area.concepts.all()
        ],
    }


def area_text(area: LexiconArea) -> str:
    return file_text(area_meta(area), area.notes)


def _areas():
    return LexiconArea.objects.prefetch_related("concepts")


@transaction.atomic
def load_lexicon(folder: Path, sync: Sync | None = None) -> LoadReport:
    sync = sync or Sync("lexicon")
    parsed = read_folder(folder)
    report = LoadReport("lexicon")
    existing = {a.slug: a for a in _areas()}
    concepts = {c.slug: c for c in Concept.objects.all()}
    for file, data in parsed:
        area = existing.get(data["slug"])
        decision = sync.decide(
            data["slug"], file_text=file.text, record_text=area_text(area) if area else None, record=area
        )
        if decision == Decision.KEEP:
            report.conflicts.append(data["slug"])
            continue
        if decision == Decision.UNCHANGED:
            report.unchanged.append(data["slug"])
        else:
            created = area is None
            _apply(area or LexiconArea(slug=data["slug"]), data, concepts)
            (report.created if created else report.updated).append(data["slug"])
        sync.agree(data["slug"], file_text=file.text, record_text=area_text(_areas().get(slug=data["slug"])))
    in_files = {data["slug"] for _, data in parsed}
    for slug, area in existing.items():
        if area.from_content and slug not in in_files:
            area.delete()
            report.unpublished.append(slug)
    return report


def _apply(area: LexiconArea, data: dict, concepts: dict[str, Concept]) -> None:
    area.title, area.order, area.notes, area.from_content = data["title"], data["order"], data["notes"], True
    area.save()
    wanted = {c["id"] for c in data["concepts"]}
    Concept.objects.filter(area=area).exclude(slug__in=wanted).delete()
    for order, item in enumerate(data["concepts"]):
        concept = concepts.get(item["id"]) or Concept(slug=item["id"])
        values = {
            "area": area,
            "name": item["name"],
            "terms": "\n".join(item["terms"]),
            "products": "\n".join(item["products"]),
            "exact": "\n".join(item["exact"]),
            "broader": "\n".join(item["broader"]),
            "problem": item["problem"],
            "order": order,
        }
        if concept.pk is None or any(getattr(concept, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(concept, key, value)
            concept.save()
            concepts[item["id"]] = concept


def export_lexicon(folder: Path, sync: Sync | None = None) -> int:
    sync = sync or Sync("lexicon")
    count = 0
    for area in _areas().order_by("slug"):
        text = area_text(area)
        write_text(folder, f"{area.slug}.md", text)
        sync.agree(area.slug, file_text=text, record_text=text)
        count += 1
    return count


# The engine's copy -------------------------------------------------------------------------

_compiled: dict[str, object] = {}


def current_lexicon() -> Lexicon:
    """The lexicon as the engine reads it; rebuilt only when a concept was added, changed or removed."""
    stamp = Concept.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    key = (stamp["count"], stamp["latest"])
    if _compiled.get("key") != key:
        _compiled["lexicon"] = Lexicon.build(
            EngineConcept(
                c.slug,
                c.name,
                tuple(lines(c.terms)),
                tuple(lines(c.products)),
                tuple(lines(c.exact)),
                tuple(lines(c.broader)),
                c.problem,
            )
            for c in Concept.objects.all()
        )
        _compiled["key"] = key
    lexicon = _compiled["lexicon"]
    assert isinstance(lexicon, Lexicon)
    return lexicon


def lexicon_concept_ids() -> set[str]:
    return set(Concept.objects.values_list("slug", flat=True))


__all__ = ["ContentError", "current_lexicon", "engine_lexicon", "export_lexicon", "load_lexicon", "read_folder"]
