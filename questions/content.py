"""Load `content/questions/*.md` (question, primary sample solution, rubric), and write them back.

A file's body is split into the prompt and the solution's steps by its `##` headings:
`## Prompt`, `## Step 1: ...` to `## Step 4: ...`, and `## Talking points`. Checkpoints,
reference numbers and errata live in the front matter.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from primer import history
from primer.content import (
    SLUG,
    ContentError,
    ContentFile,
    LoadReport,
    content_files,
    links_field,
    markdown_value,
    parse_file,
    string_field,
    string_list_field,
    write_file,
    write_text,
)
from questions.engine.numbers import parse_reference
from questions.models import (
    Checkpoint,
    Difficulty,
    Erratum,
    Kind,
    Question,
    ReferenceNumber,
    SampleSolution,
    SolutionStep,
    Step,
)
from topics.models import Status, Topic

KEYS = (
    "title", "kind", "difficulty", "order", "status", "topics", "summary", "links", "practice", "code",
    "checkpoints", "numbers", "errata",
)  # fmt: skip
CODE_DIR = "code"
_HEADING = re.compile(r"^## +(?P<title>.+?)\s*$")
_STEP = re.compile(r"^step +(?P<number>[1-4])\b", re.IGNORECASE)


def split_sections(file: ContentFile) -> dict:
    """{"prompt": str, "steps": {n: (title, body)}} from the body's `##` headings (fences respected)."""
    sections: list[tuple[str, int, list[str]]] = []
    fence = None
    offset = file.body_line
    for number, line in enumerate(file.body.split("\n"), start=offset):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = None if fence == marker else (fence or marker)
        heading = None if fence else _HEADING.match(line)
        if heading:
            sections.append((heading.group("title"), number, []))
        elif sections:
            sections[-1][2].append(line)
        elif stripped and any(_HEADING.match(other) for other in file.body.split("\n")):
            raise ContentError(file.path, number, "text before the first '## ' heading (start with '## Prompt')")
    if not sections:
        return {"prompt": file.body.strip("\n"), "steps": {}}
    result = {"prompt": "", "steps": {}}
    for title, line, lines in sections:
        body = "\n".join(lines).strip("\n")
        step = _STEP.match(title)
        if title.lower() == "prompt":
            result["prompt"] = body
        elif step:
            number = int(step.group("number"))
            if number in result["steps"]:
                raise ContentError(file.path, line, f"a second '## Step {number}' heading")
            result["steps"][number] = (title, body)
        elif title.lower() == "talking points":
            result["steps"][Step.TALKING_POINTS] = (title, body)
        else:
            raise ContentError(
                file.path, line, f"unexpected heading '## {title}': use Prompt, Step 1 to Step 4, or Talking points"
            )
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


def _checkpoints(file: ContentFile) -> list[dict]:
    result, keys = [], set()
    for index, item in enumerate(_table_list(file, "checkpoints")):
        unknown = set(item) - {"step", "label", "weight", "explanation", "phrases", "key"}
        if unknown:
            raise file.error("checkpoints", f"unknown checkpoint field '{sorted(unknown)[0]}'")
        label = item.get("label")
        if not isinstance(label, str) or not label.strip() or len(label) > 200:
            raise file.error("checkpoints", "each checkpoint needs a label of at most 200 characters")
        phrases = item.get("phrases")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise file.error("checkpoints", f"checkpoint '{label}' needs a list of phrases")
        weight = item.get("weight", 2)
        if weight not in (1, 2, 3):
            raise file.error("checkpoints", f"checkpoint '{label}' has weight {weight!r}; use 1, 2 or 3")
        key = item.get("key") or slugify(label)[:80]
        if key in keys:
            raise file.error("checkpoints", f"two checkpoints share the key '{key}'")
        keys.add(key)
        result.append(
            {
                "key": key,
                "step": _step_of(file, "checkpoints", item),
                "label": label.strip(),
                "weight": weight,
                "explanation": str(item.get("explanation", "")).strip(),
                "phrases": [p.strip() for p in phrases],
                "order": index,
            }
        )
    return result


def _numbers(file: ContentFile) -> list[dict]:
    result, keys = [], set()
    for index, item in enumerate(_table_list(file, "numbers")):
        unknown = set(item) - {"step", "name", "value", "unit", "tolerance", "derivation", "keywords", "key"}
        if unknown:
            raise file.error("numbers", f"unknown number field '{sorted(unknown)[0]}'")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise file.error("numbers", "each reference number needs a name")
        value = item.get("value")
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise file.error("numbers", f"number '{name}' needs a positive value")
        unit = item.get("unit", "")
        try:
            parse_reference(value, unit)
        except ValueError as exc:
            raise file.error("numbers", f"number '{name}': {exc}") from None
        tolerance = item.get("tolerance", 50)
        if not isinstance(tolerance, int | float) or not 0 < tolerance <= 1000:
            raise file.error("numbers", f"number '{name}' needs a tolerance between 0 and 1000 percent")
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
                "value": value,
                "unit": unit,
                "tolerance": tolerance,
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
    slug = file.path.stem
    if not SLUG.match(slug):
        raise ContentError(file.path, 1, f"file name {slug!r} is not a slug (lowercase letters, digits, hyphens)")
    unknown = sorted(set(file.meta) - set(KEYS))
    if unknown:
        raise file.error(unknown[0], f"unknown key '{unknown[0]}' (allowed: {', '.join(KEYS)})")
    kind = file.meta.get("kind")
    if kind not in Kind.values:
        raise file.error("kind", f"'kind' must be one of {', '.join(Kind.values)}")
    difficulty = file.meta.get("difficulty", Difficulty.MEDIUM)
    if difficulty not in Difficulty.values:
        raise file.error("difficulty", f"'difficulty' must be one of {', '.join(Difficulty.values)}")
    status = file.meta.get("status", Status.PUBLISHED)
    if status not in Status.values:
        raise file.error("status", f"'status' must be one of {', '.join(Status.values)}")
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
        "numbers": _numbers(file),
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


def _check_references(parsed: list[tuple[ContentFile, dict]]) -> None:
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


def _rubric_of(question: Question) -> tuple:
    checkpoints = [
        (c.key, c.step, c.label, c.weight, c.explanation, c.phrase_list, c.order) for c in question.checkpoints.all()
    ]
    numbers = [
        (n.key, n.step, n.name, n.value, n.unit, n.tolerance, n.derivation, n.keyword_list, n.order)
        for n in question.numbers.all()
    ]
    return checkpoints, numbers


def _rubric_from(data: dict) -> tuple:
    checkpoints = [
        (c["key"], c["step"], c["label"], c["weight"], c["explanation"], c["phrases"], c["order"])
        for c in data["checkpoints"]
    ]
    numbers = [
        (n["key"], n["step"], n["name"], float(n["value"]), n["unit"], float(n["tolerance"]), n["derivation"],
         n["keywords"], n["order"])
        for n in data["numbers"]
    ]  # fmt: skip
    return checkpoints, numbers


def _save_rubric(question: Question, data: dict) -> None:
    history.record_rubric(question, via="content loader")
    question.checkpoints.all().delete()
    question.numbers.all().delete()
    Checkpoint.objects.bulk_create(
        Checkpoint(question=question, **{**c, "phrases": "\n".join(c["phrases"])}) for c in data["checkpoints"]
    )
    ReferenceNumber.objects.bulk_create(
        ReferenceNumber(question=question, **{**n, "keywords": "\n".join(n["keywords"])}) for n in data["numbers"]
    )


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
def load_questions(folder: Path) -> LoadReport:
    parsed = [(file, parse_question(file)) for file in map(parse_file, content_files(folder))]
    _check_references(parsed)
    report = LoadReport("questions")
    existing = {q.slug: q for q in Question.objects.prefetch_related("checkpoints", "numbers", "topics")}
    topics = {t.slug: t for t in Topic.objects.only("pk", "slug")}
    saved: dict[str, Question] = {}
    for _, data in parsed:
        question = existing.get(data["slug"]) or Question(slug=data["slug"])
        created = question.pk is None
        before = None if created else {name: getattr(question, name) for name in QUESTION_FIELDS}
        for name in QUESTION_FIELDS:
            setattr(question, name, data[name])
        question.from_content = True
        changed = created or before != {name: getattr(question, name) for name in QUESTION_FIELDS}
        rubric_changed = not created and _rubric_of(question) != _rubric_from(data)
        if rubric_changed:
            question.rubric_version += 1
        if changed or rubric_changed:
            question.save()
        if created or rubric_changed:
            _save_rubric(question, data)
        if created or sorted(t.slug for t in question.topics.all()) != sorted(data["topics"]):
            question.topics.set([topics[slug] for slug in data["topics"]])
            changed = True
        if data["steps"]:
            changed |= _save_steps(_primary_solution(question), data["steps"])
        changed |= _save_errata(question, data["errata"])
        target = report.created if created else report.updated if (changed or rubric_changed) else report.unchanged
        target.append(question.slug)
        saved[question.slug] = question
    for _, data in parsed:
        question = saved[data["slug"]]
        practice = saved.get(data["practice"]) or existing.get(data["practice"]) if data["practice"] else None
        if question.practice_id != (practice.pk if practice else None):
            question.practice = practice
            question.save(update_fields=["practice"])
    for slug, question in existing.items():
        if question.from_content and slug not in saved and question.status == Status.PUBLISHED:
            question.status = Status.DRAFT
            question.save(update_fields=["status", "updated_at"])
            report.unpublished.append(slug)
    return report


def question_meta(question: Question) -> dict:
    errata = [{"step": e.step, "text": e.text} for e in question.errata.filter(solution__isnull=True)]
    return {
        "title": question.title,
        "kind": question.kind,
        "difficulty": question.difficulty,
        "order": question.order,
        "status": None if question.status == Status.PUBLISHED else question.status,
        "topics": sorted(t.slug for t in question.topics.all()) or None,
        "summary": question.summary,
        "links": [{"title": link["title"], "url": link["url"]} for link in question.links] or None,
        "practice": question.practice.slug if question.practice else None,
        "code": question.code_filename or None,
        "checkpoints": [
            {
                "step": c.step,
                "label": c.label,
                "weight": c.weight,
                "explanation": c.explanation or None,
                "phrases": c.phrase_list,
            }
            for c in question.checkpoints.all()
        ]
        or None,
        "numbers": [
            {
                "step": n.step,
                "name": n.name,
                "value": int(n.value) if float(n.value).is_integer() else n.value,
                "unit": n.unit,
                "tolerance": int(n.tolerance) if float(n.tolerance).is_integer() else n.tolerance,
                "derivation": n.derivation or None,
                "keywords": n.keyword_list or None,
            }
            for n in question.numbers.all()
        ]
        or None,
        "errata": errata or None,
    }


def question_body(question: Question) -> str:
    solution = question.solutions.filter(is_primary=True).first()
    if solution is None or not solution.steps.exists():
        return question.prompt  # an additional question: its framing, no headings
    parts = []
    if question.prompt:
        parts.append(f"## Prompt\n\n{question.prompt}")
    if solution:
        for step in solution.steps.all():
            title = step.title or (f"Step {step.step}: {Step(step.step).label}" if step.step <= 4 else "Talking points")
            parts.append(f"## {title}\n\n{step.body}")
    return "\n\n".join(parts)


def export_questions(folder: Path) -> int:
    count = 0
    queryset = Question.objects.select_related("practice").prefetch_related("topics", "checkpoints", "numbers")
    for question in queryset.order_by("slug"):
        write_file(folder, f"{question.slug}.md", question_meta(question), question_body(question))
        if question.code_filename and question.code:
            code_dir = folder / CODE_DIR
            code_dir.mkdir(exist_ok=True)
            write_text(code_dir, question.code_filename, question.code)
        count += 1
    return count


def content_folder() -> Path:
    return Path(settings.BASE_DIR) / "content" / "questions"
