"""Imported and edited records as content files, so the files stay the source of truth.

`content/alternatives/<topic>--<source>.md` holds another source's text of a topic and
`content/solutions/<question>--<source>.md` an additional sample solution. Both round-trip
through `load_content` and `export_content` like the curriculum itself.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction

from primer.content import ContentError, LoadReport, content_files, parse_file, string_field, write_file

_NAME = re.compile(r"^(?P<slug>[a-z0-9-]+?)--(?P<source>[a-z0-9-]+)$")
_STEP = re.compile(r"^## +(?P<title>(?:Step +(?P<number>[1-4])\b.*|Additional talking points.*|Talking points.*))$")


def _split(path: Path) -> tuple[str, str]:
    match = _NAME.match(path.stem)
    if not match:
        raise ContentError(path, 1, "the file name must be <slug>--<source>.md")
    return match.group("slug"), match.group("source")


@transaction.atomic
def load_alternatives(folder: Path) -> LoadReport:
    from topics.models import AlternativeText, Topic

    report = LoadReport("alternatives")
    topics = {t.slug: t for t in Topic.objects.all()}
    for file in map(parse_file, content_files(folder)):
        slug, source = _split(file.path)
        if slug not in topics:
            raise ContentError(file.path, 1, f"topic '{slug}' does not exist")
        values = {
            "label": string_field(file, "label", max_length=120, required=True),
            "attribution": string_field(file, "attribution", max_length=2000, required=True),
            "source_hash": string_field(file, "source_hash", max_length=64),
            "body": file.body,
        }
        text = AlternativeText.objects.filter(topic=topics[slug], source=source).first()
        if text is None:
            AlternativeText.objects.create(topic=topics[slug], source=source, **values)
            report.created.append(file.path.stem)
        elif any(getattr(text, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(text, name, value)
            text.save()
            report.updated.append(file.path.stem)
        else:
            report.unchanged.append(file.path.stem)
    return report


def export_alternatives(folder: Path) -> int:
    from topics.models import AlternativeText

    count = 0
    for text in AlternativeText.objects.select_related("topic").order_by("topic__slug", "source"):
        meta = {"label": text.label, "attribution": text.attribution, "source_hash": text.source_hash or None}
        write_file(folder, f"{text.topic.slug}--{text.source}.md", meta, text.body)
        count += 1
    return count


@transaction.atomic
def load_solutions(folder: Path) -> LoadReport:
    from questions.models import Question, SampleSolution, SolutionStep

    report = LoadReport("solutions")
    questions = {q.slug: q for q in Question.objects.all()}
    for file in map(parse_file, content_files(folder)):
        slug, source = _split(file.path)
        if slug not in questions:
            raise ContentError(file.path, 1, f"question '{slug}' does not exist")
        steps: dict[int, tuple[str, list[str]]] = {}
        current = None
        for line in file.body.splitlines():
            match = _STEP.match(line)
            if match:
                current = int(match.group("number")) if match.group("number") else 5
                steps[current] = (match.group("title"), [])
            elif current is not None:
                steps[current][1].append(line)
        if not steps:
            raise ContentError(file.path, file.body_line, "no '## Step N' headings in the solution")
        solution, created = SampleSolution.objects.get_or_create(
            question=questions[slug], source=source, defaults={"label": source, "is_primary": False, "order": 10}
        )
        solution.label = string_field(file, "label", max_length=200, required=True)
        solution.attribution = string_field(file, "attribution", max_length=2000)
        solution.source_hash = string_field(file, "source_hash", max_length=64)
        solution.save()
        wanted = {n: (t, "\n".join(lines).strip()) for n, (t, lines) in steps.items()}
        current_steps = {s.step: (s.title, s.body) for s in solution.steps.all()}
        if current_steps != wanted:
            solution.steps.all().delete()
            for number, (title, body) in sorted(wanted.items()):
                SolutionStep.objects.create(solution=solution, step=number, title=title, body=body)
        (report.created if created else report.updated if current_steps != wanted else report.unchanged).append(
            file.path.stem
        )
    return report


def export_solutions(folder: Path) -> int:
    from questions.models import SampleSolution

    count = 0
    for solution in SampleSolution.objects.exclude(source="").select_related("question").prefetch_related("steps"):
        body = "\n\n".join(f"## {s.title or f'Step {s.step}'}\n\n{s.body}" for s in solution.steps.all())
        meta = {
            "label": solution.label,
            "attribution": solution.attribution or None,
            "source_hash": solution.source_hash or None,
        }
        write_file(folder, f"{solution.question.slug}--{solution.source}.md", meta, body)
        count += 1
    return count
