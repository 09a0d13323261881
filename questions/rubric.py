"""A question's rubric: its one snapshot, its one way to change, and the bridge to the pure engine.

Every writer of a rubric (the content loader, the admin's inlines, a restore) goes through
`rubric_change`, which keeps the rubric it replaces as a version, works the reference numbers'
values out from their formulas and bumps `rubric_version` once, so stored reports can say which
rubric graded them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from django.db import models, transaction

from curation.history import CannotRestore, record_data
from questions.engine.estimates import Estimate, FormulaError, reference_value
from questions.engine.estimates import Given as EngineGiven
from questions.engine.grade import Checkpoint as EngineCheckpoint
from questions.engine.grade import Report, Rubric, grade
from questions.lexicon import current_lexicon
from questions.models import Checkpoint, Given, Question, ReferenceNumber, lines

# The fields of a rubric, in one place: the snapshot, the version data, the loader's comparison.
CHECKPOINT_FIELDS = (
    "step", "key", "label", "level", "explanation", "example", "weight", "concepts", "qualifiers", "contradicts",
    "estimate", "order",
)  # fmt: skip
NUMBER_FIELDS = ("step", "key", "name", "formula", "unit", "tolerance", "weight", "derivation", "keywords", "order")
GIVEN_FIELDS = ("key", "name", "value", "unit", "words", "order")
VERSION_KEY = "__rubric__"


def rubric_snapshot(question: Question) -> dict:
    """{"checkpoints": [...], "numbers": [...], "givens": [...]}, each row's fields as stored."""
    return {
        "checkpoints": [
            {name: getattr(c, name) for name in CHECKPOINT_FIELDS}
            for c in sorted(question.checkpoints.all(), key=lambda c: (c.step, c.order, c.pk))
        ],
        "numbers": [
            {name: getattr(n, name) for name in NUMBER_FIELDS}
            for n in sorted(question.numbers.all(), key=lambda n: (n.step, n.order, n.pk))
        ],
        "givens": [
            {name: getattr(g, name) for name in GIVEN_FIELDS}
            for g in sorted(question.givens.all(), key=lambda g: (g.order, g.pk))
        ],
    }


def same_rubric(one: dict, other: dict) -> bool:
    """Whether two snapshots grade alike (numbers compared as numbers, 40 == 40.0)."""

    def normal(rubric: dict) -> tuple:
        numbers = [{**n, "tolerance": float(n["tolerance"])} for n in rubric.get("numbers", [])]
        givens = [{**g, "value": float(g["value"])} for g in rubric.get("givens", [])]
        return rubric.get("checkpoints", []), numbers, givens

    return normal(one) == normal(other)


def refresh_values(question: Question) -> None:
    """Work every reference number's value out from its formula and the question's givens."""
    givens = [engine_given({name: getattr(g, name) for name in GIVEN_FIELDS}) for g in question.givens.all()]
    for number in question.numbers.all():
        try:
            value = reference_value(engine_estimate({name: getattr(number, name) for name in NUMBER_FIELDS}), givens)
        except (FormulaError, ValueError):
            value = math.nan  # shown as a broken formula; grading skips nothing, it finds no match
        if not (number.value == value or (math.isnan(value) and math.isnan(number.value))):
            ReferenceNumber.objects.filter(pk=number.pk).update(value=value)


@contextmanager
def rubric_change(question: Question, *, via: str | None = None) -> Iterator[None]:
    """Around any change to a question's rubric: keep the old one, bump the version, refresh the values."""
    with transaction.atomic():
        before = rubric_snapshot(question)
        if before["checkpoints"] or before["numbers"] or before["givens"]:
            record_data(question, {VERSION_KEY: before}, label=f"Rubric of {question}", via=via)
        yield
        _forget_prefetched(question)
        refresh_values(question)
        Question.objects.filter(pk=question.pk).update(rubric_version=models.F("rubric_version") + 1)
        question.refresh_from_db(fields=["rubric_version"])
        _forget_prefetched(question)


def rubric_replace(question: Question, rubric: dict, *, via: str | None = None, first: bool = False) -> None:
    """Put a whole rubric in place (from a file, or a version being restored).

    `first`: the question was just made, so there is no rubric to keep and version 1 stays.
    """
    if rubric.get("checkpoints") and "concepts" not in rubric["checkpoints"][0]:
        raise CannotRestore(
            "This rubric was written for the first grading engine (phrase lists), which no longer exists; "
            "it is kept here to read, and cannot be restored."
        )
    with nullcontext() if first else rubric_change(question, via=via):
        question.checkpoints.all().delete()
        question.numbers.all().delete()
        question.givens.all().delete()
        Given.objects.bulk_create(
            Given(question=question, **{name: g[name] for name in GIVEN_FIELDS}) for g in rubric.get("givens", [])
        )
        Checkpoint.objects.bulk_create(
            Checkpoint(question=question, **{name: c[name] for name in CHECKPOINT_FIELDS})
            for c in rubric["checkpoints"]
        )
        ReferenceNumber.objects.bulk_create(
            ReferenceNumber(question=question, **{name: n[name] for name in NUMBER_FIELDS}) for n in rubric["numbers"]
        )
    if first:
        _forget_prefetched(question)
        refresh_values(question)
    _forget_prefetched(question)


def _forget_prefetched(question: Question) -> None:
    cache = getattr(question, "_prefetched_objects_cache", None)
    if cache is not None:
        for name in ("checkpoints", "numbers", "givens"):
            cache.pop(name, None)


# The engine -------------------------------------------------------------------------------


def _listed(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(lines(value)) if isinstance(value, str) else tuple(value)


def engine_given(row: dict) -> EngineGiven:
    """A given for the engine from a row (a snapshot's, lists as lines, or a parsed file's, lists as lists)."""
    return EngineGiven(row["key"], row["name"], float(row["value"]), row["unit"], _listed(row["words"]))


def engine_estimate(row: dict) -> Estimate:
    """A reference number for the engine from a row, as `engine_given` reads one."""
    return Estimate(
        key=row["key"],
        step=row["step"],
        name=row["name"],
        unit=row["unit"],
        formula=row["formula"],
        words=_listed(row["keywords"]),
        tolerance=float(row["tolerance"]),
        weight=row["weight"],
        derivation=row["derivation"],
    )


def rubric_from_data(data: dict) -> Rubric:
    """The engine's rubric from rows: a snapshot (lists as lines) or a parsed file (lists as lists)."""
    givens = tuple(engine_given(g) for g in data["givens"])
    checkpoints = tuple(
        EngineCheckpoint(
            key=c["key"],
            step=c["step"],
            label=c["label"],
            weight=c["weight"],
            level=c["level"],
            concepts=_listed(c["concepts"]),
            qualifiers=_listed(c["qualifiers"]),
            contradicts=_listed(c["contradicts"]),
            explanation=c["explanation"],
            example=c["example"],
            estimate=c["estimate"],
        )
        for c in data["checkpoints"]
    )
    estimates = []
    for row in data["numbers"]:
        estimate = engine_estimate(row)
        try:
            reference_value(estimate, givens)
        except ValueError:
            continue  # a formula that does not work out (an old rubric, a broken edit) grades nothing
        estimates.append(estimate)
    return Rubric(checkpoints, tuple(estimates), givens)


def engine_rubric(question: Question) -> Rubric:
    return rubric_from_data(rubric_snapshot(question))


def grade_answer(question: Question, answers: dict[int, str]) -> Report:
    return grade(answers, engine_rubric(question), current_lexicon())


def sample_answers(question: Question, solution=None) -> dict[int, str]:
    """A sample solution's steps as an answer (to test a rubric against its own sample)."""
    solution = solution or question.solutions.filter(is_primary=True).first()
    if solution is None:
        return {}
    return {step.step: step.body for step in solution.steps.all() if step.step <= 4}
