"""Load `content/questions/*.md` (question, primary sample solution, rubric) and
`content/solutions/*.md` (further sample solutions), and write them back.

A file's body is split into the prompt and the solution's steps by its `##` headings:
`## Prompt`, `## Step 1: ...` to `## Step 4: ...`, and `## Talking points`. Checkpoints,
reference numbers and errata live in the front matter.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from curation.content import Decision, LoadReport, Sync
from primer.content import (
    ContentError,
    ContentFile,
    content_files,
    file_text,
    links_field,
    markdown_value,
    parse_file,
    slug_and_keys,
    string_field,
    string_list_field,
    write_text,
)
from primer.publication import Publication
from questions.engine.estimates import Estimate, reference_value
from questions.engine.grade import SPECIAL_QUALIFIERS
from questions.engine.numbers import parse_reference
from questions.lexicon import lexicon_concept_ids
from questions.models import (
    Difficulty,
    Erratum,
    Kind,
    Level,
    Question,
    SampleSolution,
    SolutionStep,
    Step,
    lines,
)
from questions.rubric import (
    CHECKPOINT_FIELDS,
    GIVEN_FIELDS,
    NUMBER_FIELDS,
    engine_given,
    rubric_replace,
    rubric_snapshot,
    same_rubric,
)
from questions.steps import split, steps_of
from topics.content import split_name
from topics.models import Topic

KEYS = (
    "title", "kind", "difficulty", "order", "status", "topics", "summary", "links", "practice", "code",
    "givens", "checkpoints", "numbers", "errata",
)  # fmt: skip
CODE_DIR = "code"


def split_sections(file: ContentFile) -> dict:
    """{"prompt": str, "steps": {n: (title, body)}} from the body's `##` headings (questions.steps)."""
    parts = split(file.body, first_line=file.body_line)
    if not parts.sections:
        if parts.other_headings:
            line, _, title = parts.other_headings[0]
            raise ContentError(file.path, line, f"unexpected heading '{title}': start with '## Prompt'")
        return {"prompt": file.body.strip("\n"), "steps": {}}
    if parts.before:
        raise ContentError(
            file.path, parts.before[0][0], "text before the first '## ' heading (start with '## Prompt')"
        )
    for line, level, title in parts.other_headings:
        if level <= 2:
            raise ContentError(
                file.path, line, f"unexpected heading '## {title}': use Prompt, Step 1 to Step 4, or Talking points"
            )
    result: dict = {"prompt": "", "steps": {}}
    for section in parts.sections:
        if section.level != 2:
            raise ContentError(file.path, section.line, f"'{section.title}' must be a '## ' heading")
        if section.kind == "prompt":
            result["prompt"] = section.body
        elif section.number in result["steps"]:
            raise ContentError(file.path, section.line, f"a second '## {section.title.split(':')[0]}' heading")
        else:
            result["steps"][section.number] = (section.title, section.body)
    return result


def _table_list(file: ContentFile, key: str) -> list[dict]:
    value = file.meta.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise file.error(key, f"'{key}' must be written as [[{key}]] tables")
    return value


def _step_of(file: ContentFile, key: str, item: dict, *, allow_talking_points: bool = False) -> int:
    step = item.get("step")
    highest = 5 if allow_talking_points else 4
    if not isinstance(step, int) or isinstance(step, bool) or not 1 <= step <= highest:
        raise file.error(key, f"each of '{key}' needs a step from 1 to {highest}")
    return step


CHECKPOINT_KEYS = {
    "key", "step", "label", "level", "weight", "explanation", "example", "concepts", "qualifiers", "contradicts",
    "estimate",
}  # fmt: skip
NUMBER_KEYS = {"key", "step", "name", "formula", "unit", "tolerance", "weight", "derivation", "keywords"}
GIVEN_KEYS = {"key", "name", "value", "unit", "words"}


def _ids(file: ContentFile, item: dict, key: str, label: str, *, required: bool = False) -> list[str]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise file.error("checkpoints", f"checkpoint '{label}': '{key}' must be a list of lexicon ids")
    if required and not value:
        raise file.error("checkpoints", f"checkpoint '{label}' needs 'concepts': the lexicon ids it is about")
    return [v.strip() for v in value]


def _checkpoints(file: ContentFile) -> list[dict]:
    result, keys = [], set()
    for index, item in enumerate(_table_list(file, "checkpoints")):
        unknown = set(item) - CHECKPOINT_KEYS
        if unknown:
            raise file.error("checkpoints", f"unknown checkpoint field '{sorted(unknown)[0]}'")
        label = item.get("label")
        if not isinstance(label, str) or not label.strip() or len(label) > 200:
            raise file.error("checkpoints", "each checkpoint needs a label of at most 200 characters")
        weight = item.get("weight", 2)
        if weight not in (1, 2, 3):
            raise file.error("checkpoints", f"checkpoint '{label}' has weight {weight!r}; use 1, 2 or 3")
        level = item.get("level", Level.MID)
        if level not in Level.values:
            raise file.error("checkpoints", f"checkpoint '{label}': 'level' is one of {', '.join(Level.values)}")
        estimate = item.get("estimate", False)
        if not isinstance(estimate, bool):
            raise file.error("checkpoints", f"checkpoint '{label}': 'estimate' is true or false")
        key = item.get("key") or slugify(label)[:80]
        if key in keys:
            raise file.error("checkpoints", f"two checkpoints share the key '{key}'")
        keys.add(key)
        result.append(
            {
                "key": key,
                "step": _step_of(file, "checkpoints", item),
                "label": label.strip(),
                "level": level,
                "weight": weight,
                "explanation": str(item.get("explanation", "")).strip(),
                "example": str(item.get("example", "")).strip(),
                "concepts": _ids(file, item, "concepts", label, required=True),
                "qualifiers": _ids(file, item, "qualifiers", label),
                "contradicts": _ids(file, item, "contradicts", label),
                "estimate": estimate,
                "order": index,
            }
        )
    return result


def _givens(file: ContentFile) -> list[dict]:
    result, keys = [], set()
    for index, item in enumerate(_table_list(file, "givens")):
        unknown = set(item) - GIVEN_KEYS
        if unknown:
            raise file.error("givens", f"unknown given field '{sorted(unknown)[0]}'")
        key = item.get("key")
        if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", key):
            raise file.error(
                "givens", "each given needs a key: lowercase letters, digits and _, starting with a letter"
            )
        if key in keys:
            raise file.error("givens", f"two givens share the key '{key}'")
        keys.add(key)
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise file.error("givens", f"given '{key}' needs a name")
        value = item.get("value")
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise file.error("givens", f"given '{key}' needs a positive value")
        unit = item.get("unit", "")
        try:
            parse_reference(value, unit)
        except ValueError as exc:
            raise file.error("givens", f"given '{key}': {exc}") from None
        words = item.get("words", [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise file.error("givens", f"given '{key}': words must be a list of strings")
        result.append({"key": key, "name": name.strip(), "value": value, "unit": unit, "words": words, "order": index})
    return result


def _numbers(file: ContentFile, givens: list[dict]) -> list[dict]:
    result, keys = [], set()
    engine_givens = [engine_given(g) for g in givens]
    for index, item in enumerate(_table_list(file, "numbers")):
        unknown = set(item) - NUMBER_KEYS
        if unknown:
            raise file.error("numbers", f"unknown number field '{sorted(unknown)[0]}'")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise file.error("numbers", "each reference number needs a name")
        unit = item.get("unit", "")
        formula = item.get("formula")
        if not isinstance(formula, str) or not formula.strip():
            raise file.error("numbers", f"number '{name}' needs a formula over the givens")
        try:
            reference_value(Estimate("", 1, name, unit, formula), engine_givens)  # names, arithmetic, unit kind
        except ValueError as exc:
            raise file.error("numbers", f"number '{name}': {exc}") from None
        tolerance = item.get("tolerance", 50)
        if not isinstance(tolerance, int | float) or not 0 < tolerance <= 1000:
            raise file.error("numbers", f"number '{name}' needs a tolerance between 0 and 1000 percent")
        weight = item.get("weight", 1)
        if weight not in (1, 2, 3):
            raise file.error("numbers", f"number '{name}' has weight {weight!r}; use 1, 2 or 3")
        keywords = item.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise file.error("numbers", f"number '{name}': keywords must be a list of strings")
        key = item.get("key") or slugify(name)[:80]
        if key in keys:
            raise file.error("numbers", f"two numbers share the key '{key}'")
        keys.add(key)
        result.append(
            {
                "key": key,
                "step": _step_of(file, "numbers", item),
                "name": name.strip(),
                "formula": formula.strip(),
                "unit": unit,
                "tolerance": tolerance,
                "weight": weight,
                "derivation": str(item.get("derivation", "")).strip(),
                "keywords": keywords,
                "order": index,
            }
        )
    return result


def _errata(file: ContentFile) -> list[dict]:
    result = []
    for item in _table_list(file, "errata"):
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise file.error("errata", "each erratum needs a text")
        result.append(
            {
                "step": _step_of(file, "errata", item, allow_talking_points=True),
                "text": markdown_value(file, "errata", text.strip()),
            }
        )
    return result


def parse_question(file: ContentFile) -> dict:
    slug = slug_and_keys(file, KEYS)
    kind = file.meta.get("kind")
    if kind not in Kind.values:
        raise file.error("kind", f"'kind' must be one of {', '.join(Kind.values)}")
    difficulty = file.meta.get("difficulty", Difficulty.MEDIUM)
    if difficulty not in Difficulty.values:
        raise file.error("difficulty", f"'difficulty' must be one of {', '.join(Difficulty.values)}")
    status = file.meta.get("status", Publication.PUBLISHED)
    if status not in Publication.values:
        raise file.error("status", f"'status' must be one of {', '.join(Publication.values)}")
    order = file.meta.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool) or order < 0:
        raise file.error("order", "'order' must be a whole number, 0 or more")
    sections = split_sections(file)
    data = {
        "slug": slug,
        "title": string_field(file, "title", max_length=200, required=True),
        "kind": kind,
        "difficulty": difficulty,
        "status": status,
        "order": order,
        "summary": string_field(file, "summary", max_length=600, required=True),
        "topics": string_list_field(file, "topics"),
        "links": links_field(file),
        "practice": string_field(file, "practice", max_length=100) or None,
        "code_filename": string_field(file, "code", max_length=100),
        "prompt": sections["prompt"],
        "steps": sections["steps"],
        "checkpoints": _checkpoints(file),
        "givens": (givens := _givens(file)),
        "numbers": _numbers(file, givens),
        "errata": _errata(file),
    }
    if kind != Kind.ADDITIONAL:
        missing = [n for n in (1, 2, 3, 4) if n not in data["steps"] or not data["steps"][n][1].strip()]
        if missing:
            raise ContentError(file.path, 1, f"the sample solution has no '## Step {missing[0]}' section")
        if not data["prompt"]:
            raise ContentError(file.path, 1, "a '## Prompt' section is required")
    if data["code_filename"]:
        code_path = file.path.parent / CODE_DIR / data["code_filename"]
        if not re.fullmatch(r"[a-z0-9_]+\.py", data["code_filename"]) or not code_path.is_file():
            raise file.error("code", f"code file {CODE_DIR}/{data['code_filename']} does not exist")
        data["code"] = code_path.read_text(encoding="utf-8")
    else:
        data["code"] = ""
    return data


def check_concepts(file: ContentFile, data: dict, known: set[str]) -> None:
    """Every concept a checkpoint names is in the lexicon."""
    for checkpoint in data["checkpoints"]:
        for key in ("concepts", "qualifiers", "contradicts"):
            for entry in checkpoint[key]:
                for concept in entry.split("|"):
                    concept = concept.strip()
                    if concept not in known and concept not in SPECIAL_QUALIFIERS:
                        raise file.error(
                            "checkpoints",
                            f"checkpoint '{checkpoint['label']}': '{concept}' in {key} is not in the lexicon",
                        )


def _check_references(parsed: list[tuple[ContentFile, dict]]) -> None:
    concepts = lexicon_concept_ids()
    for file, data in parsed:
        check_concepts(file, data, concepts)
    topics = set(Topic.objects.values_list("slug", flat=True))
    questions = {data["slug"] for _, data in parsed} | set(Question.objects.values_list("slug", flat=True))
    for file, data in parsed:
        for slug in data["topics"]:
            if slug not in topics:
                raise file.error("topics", f"topic '{slug}' does not exist")
        if data["practice"] and data["practice"] not in questions:
            raise file.error("practice", f"question '{data['practice']}' does not exist")


QUESTION_FIELDS = (
    "title",
    "kind",
    "difficulty",
    "status",
    "order",
    "summary",
    "links",
    "prompt",
    "code_filename",
    "code",
)


LIST_FIELDS = ("concepts", "qualifiers", "contradicts", "keywords", "words")


def rubric_from_file(data: dict) -> dict:
    """A parsed file's rubric in the shape of questions.rubric.rubric_snapshot (lists as lines)."""

    def row(item: dict, fields: tuple[str, ...]) -> dict:
        return {name: "\n".join(item[name]) if name in LIST_FIELDS else item[name] for name in fields}

    return {
        "checkpoints": [row(c, CHECKPOINT_FIELDS) for c in data["checkpoints"]],
        "numbers": [row(n, NUMBER_FIELDS) for n in data["numbers"]],
        "givens": [row(g, GIVEN_FIELDS) for g in data["givens"]],
    }


def _primary_solution(question: Question) -> SampleSolution:
    solution = question.solutions.filter(is_primary=True).first()
    if solution is None:
        solution = SampleSolution.objects.create(
            question=question, label="Primer", is_primary=True, from_content=True, attribution=""
        )
    return solution


def _save_steps(solution: SampleSolution, steps: dict) -> bool:
    current = {s.step: s for s in solution.steps.all()}
    changed = False
    for number, (title, body) in steps.items():
        step = current.pop(number, None) or SolutionStep(solution=solution, step=number)
        if step.pk is None or step.title != title or step.body != body:
            step.title, step.body = title, body
            step.save()
            changed = True
    for leftover in current.values():
        leftover.delete()
        changed = True
    return changed


def _save_errata(question: Question, errata: list[dict]) -> bool:
    current = [(e.step, e.text) for e in question.errata.filter(solution__isnull=True)]
    wanted = [(e["step"], e["text"]) for e in errata]
    if current == wanted:
        return False
    question.errata.filter(solution__isnull=True).delete()
    for step, text in wanted:
        Erratum.objects.create(question=question, step=step, text=text)
    return True


@transaction.atomic
def load_questions(folder: Path, sync: Sync | None = None) -> LoadReport:
    sync = sync or Sync("questions")
    parsed = [(file, parse_question(file)) for file in map(parse_file, content_files(folder))]
    _check_references(parsed)
    report = LoadReport("questions")
    existing = {q.slug: q for q in _questions()}
    topics = {t.slug: t for t in Topic.objects.only("pk", "slug")}
    saved: dict[str, Question] = {}
    for file, data in parsed:
        question = existing.get(data["slug"])
        raw = _raw_text(file, data)
        decision = sync.decide(
            data["slug"], file_text=raw, record_text=question_text(question) if question else None, record=question
        )
        if decision == Decision.KEEP:
            report.conflicts.append(data["slug"])
            continue
        question, created, changed = _apply(question or Question(slug=data["slug"]), data, topics)
        (report.created if created else report.updated if changed else report.unchanged).append(question.slug)
        saved[question.slug] = question
    for _, data in parsed:
        question = saved.get(data["slug"])
        if question is None:
            continue
        practice = saved.get(data["practice"]) or existing.get(data["practice"]) if data["practice"] else None
        if question.practice_id != (practice.pk if practice else None):
            question.practice = practice
            question.save(update_fields=["practice"])
    fresh = {q.slug: q for q in _questions().filter(slug__in=saved)}
    for file, data in parsed:
        if data["slug"] in saved:
            sync.agree(data["slug"], file_text=_raw_text(file, data), record_text=question_text(fresh[data["slug"]]))
    in_files = {data["slug"] for _, data in parsed}
    for slug, question in existing.items():
        if question.from_content and slug not in in_files and question.status == Publication.PUBLISHED:
            question.status = Publication.DRAFT
            question.save(update_fields=["status", "updated_at"])
            report.unpublished.append(slug)
    return report


def _questions():
    return Question.objects.select_related("practice").prefetch_related(
        "checkpoints", "numbers", "givens", "topics", "errata", "solutions__steps"
    )


def _raw_text(file: ContentFile, data: dict) -> str:
    """The file as it will be compared with the record: its text, and its code file's."""
    return file.text + (f"\n--- {data['code_filename']}\n{data['code']}" if data["code_filename"] else "")


def _apply(question: Question, data: dict, topics: dict[str, Topic]) -> tuple[Question, bool, bool]:
    """Write one question from its file: fields, rubric, topics, primary solution, errata."""
    created = question.pk is None
    before = None if created else {name: getattr(question, name) for name in QUESTION_FIELDS}
    for name in QUESTION_FIELDS:
        setattr(question, name, data[name])
    question.from_content = True
    changed = created or before != {name: getattr(question, name) for name in QUESTION_FIELDS}
    if changed:
        question.save()
    rubric = rubric_from_file(data)
    if created:
        rubric_replace(question, rubric, first=True)
    elif not same_rubric(rubric_snapshot(question), rubric):
        rubric_replace(question, rubric, via="content loader")
        changed = True
    if created or sorted(t.slug for t in question.topics.all()) != sorted(data["topics"]):
        question.topics.set([topics[slug] for slug in data["topics"]])
        changed = True
    if data["steps"]:
        changed |= _save_steps(_primary_solution(question), data["steps"])
    changed |= _save_errata(question, data["errata"])
    return question, created, changed


def question_meta(question: Question) -> dict:
    errata = [{"step": e.step, "text": e.text} for e in question.errata.all() if e.solution_id is None]
    return {
        "title": question.title,
        "kind": question.kind,
        "difficulty": question.difficulty,
        "order": question.order,
        "status": None if question.status == Publication.PUBLISHED else question.status,
        "topics": sorted(t.slug for t in question.topics.all()) or None,
        "summary": question.summary,
        "links": [{"title": link["title"], "url": link["url"]} for link in question.links] or None,
        "practice": question.practice.slug if question.practice else None,
        "code": question.code_filename or None,
        "givens": [
            {
                "key": g.key,
                "name": g.name,
                "value": _plain(g.value),
                "unit": g.unit,
                "words": lines(g.words) or None,
            }
            for g in question.givens.all()
        ]
        or None,
        "checkpoints": [
            {
                "key": c.key,
                "step": c.step,
                "level": c.level,
                "weight": c.weight,
                "label": c.label,
                "explanation": c.explanation or None,
                "example": c.example or None,
                "concepts": lines(c.concepts),
                "qualifiers": lines(c.qualifiers) or None,
                "contradicts": lines(c.contradicts) or None,
                "estimate": c.estimate or None,
            }
            for c in question.checkpoints.all()
        ]
        or None,
        "numbers": [
            {
                "key": n.key,
                "step": n.step,
                "name": n.name,
                "formula": n.formula,
                "unit": n.unit,
                "tolerance": _plain(n.tolerance),
                "weight": n.weight if n.weight != 1 else None,
                "derivation": n.derivation or None,
                "keywords": lines(n.keywords) or None,
            }
            for n in question.numbers.all()
        ]
        or None,
        "errata": errata or None,
    }


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def question_body(question: Question) -> str:
    solution = next((s for s in question.solutions.all() if s.is_primary), None)
    steps = sorted(solution.steps.all(), key=lambda s: s.step) if solution else []
    if not steps:
        return question.prompt  # an additional question: its framing, no headings
    parts = []
    if question.prompt:
        parts.append(f"## Prompt\n\n{question.prompt}")
    for step in steps:
        title = step.title or (f"Step {step.step}: {Step(step.step).label}" if step.step <= 4 else "Talking points")
        parts.append(f"## {title}\n\n{step.body}")
    return "\n\n".join(parts)


def question_text(question: Question) -> str:
    """The question as its file (and its code file), from a record prefetched as `_questions()` does."""
    text = file_text(question_meta(question), question_body(question))
    return text + (f"\n--- {question.code_filename}\n{question.code}" if question.code_filename else "")


def export_questions(folder: Path, sync: Sync | None = None) -> int:
    sync = sync or Sync("questions")
    count = 0
    for question in _questions().order_by("slug"):
        text = file_text(question_meta(question), question_body(question))
        write_text(folder, f"{question.slug}.md", text)
        if question.code_filename and question.code:
            code_dir = folder / CODE_DIR
            code_dir.mkdir(exist_ok=True)
            write_text(code_dir, question.code_filename, question.code)
        sync.agree(question.slug, file_text=question_text(question), record_text=question_text(question))
        count += 1
    return count


# Further sample solutions: content/solutions/<question>--<source>.md ---------------------------


def solution_text(solution: SampleSolution) -> str:
    body = "\n\n".join(f"## {s.title or f'Step {s.step}'}\n\n{s.body}" for s in solution.steps.all())
    meta = {
        "label": solution.label,
        "attribution": solution.attribution or None,
        "source_hash": solution.source_hash or None,
    }
    return file_text(meta, body)


@transaction.atomic
def load_solutions(folder: Path, sync: Sync | None = None) -> LoadReport:
    sync = sync or Sync("solutions")
    report = LoadReport("solutions")
    questions = {q.slug: q for q in Question.objects.all()}
    existing = {
        (s.question_id, s.source): s for s in SampleSolution.objects.exclude(source="").prefetch_related("steps")
    }
    for file in map(parse_file, content_files(folder)):
        slug, source = split_name(file.path)
        if slug not in questions:
            raise ContentError(file.path, 1, f"question '{slug}' does not exist")
        steps = steps_of(file.body)
        if not steps:
            raise ContentError(file.path, file.body_line, "no '## Step N' headings in the solution")
        values = {
            "label": string_field(file, "label", max_length=200, required=True),
            "attribution": string_field(file, "attribution", max_length=2000),
            "source_hash": string_field(file, "source_hash", max_length=64),
        }
        solution = existing.get((questions[slug].pk, source))
        current = solution_text(solution) if solution else None
        decision = sync.decide(file.path.stem, file_text=file.text, record_text=current, record=solution)
        if decision == Decision.KEEP:
            report.conflicts.append(file.path.stem)
            continue
        created = solution is None
        if solution is None:
            solution = SampleSolution.objects.create(
                question=questions[slug], source=source, is_primary=False, order=10, **values
            )
        else:
            for name, value in values.items():
                setattr(solution, name, value)
            solution.save()
        current_steps = {s.step: (s.title, s.body) for s in solution.steps.all()}
        if current_steps != steps:
            solution.steps.all().delete()
            for number, (title, body) in sorted(steps.items()):
                SolutionStep.objects.create(solution=solution, step=number, title=title, body=body)
        (report.created if created else report.updated if current_steps != steps else report.unchanged).append(
            file.path.stem
        )
        solution = SampleSolution.objects.prefetch_related("steps").get(pk=solution.pk)
        sync.agree(file.path.stem, file_text=file.text, record_text=solution_text(solution))
    return report


def export_solutions(folder: Path, sync: Sync | None = None) -> int:
    sync = sync or Sync("solutions")
    count = 0
    for solution in SampleSolution.objects.exclude(source="").select_related("question").prefetch_related("steps"):
        name = f"{solution.question.slug}--{solution.source}"
        text = solution_text(solution)
        write_text(folder, f"{name}.md", text)
        sync.agree(name, file_text=text, record_text=text)
        count += 1
    return count
