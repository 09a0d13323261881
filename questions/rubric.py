"""A question's rubric: its one snapshot, its one way to change, and the bridge to the pure engine.

Every writer of a rubric (the content loader, the admin's inlines, a restore) goes through
`rubric_change`, which keeps the rubric it replaces as a version and bumps `rubric_version`
once, so stored reports can say which rubric graded them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from django.db import models, transaction

from curation.history import record_data
from questions.engine import Checkpoint as EngineCheckpoint
from questions.engine import ReferenceNumber as EngineNumber
from questions.engine import grade
from questions.engine.grade import Report
from questions.models import Checkpoint, Question, ReferenceNumber
from questions.steps import answer_steps

# The fields of a rubric, in one place: the snapshot, the version data, the loader's comparison.
CHECKPOINT_FIELDS = ("step", "key", "label", "explanation", "weight", "phrases", "order")
NUMBER_FIELDS = ("step", "key", "name", "value", "unit", "tolerance", "derivation", "keywords", "order")
VERSION_KEY = "__rubric__"


def rubric_snapshot(question: Question) -> dict:
    """{"checkpoints": [...], "numbers": [...]}, each row's fields as stored."""
    return {
        "checkpoints": [
            {name: getattr(c, name) for name in CHECKPOINT_FIELDS}
            for c in sorted(question.checkpoints.all(), key=lambda c: (c.step, c.order, c.pk))
        ],
        "numbers": [
            {name: getattr(n, name) for name in NUMBER_FIELDS}
            for n in sorted(question.numbers.all(), key=lambda n: (n.step, n.order, n.pk))
        ],
    }


def same_rubric(one: dict, other: dict) -> bool:
    """Whether two snapshots grade alike (numbers compared as numbers, 40 == 40.0)."""

    def normal(rubric: dict) -> tuple:
        numbers = [{**n, "value": float(n["value"]), "tolerance": float(n["tolerance"])} for n in rubric["numbers"]]
        return rubric["checkpoints"], numbers

    return normal(one) == normal(other)


@contextmanager
def rubric_change(question: Question, *, via: str | None = None) -> Iterator[None]:
    """Around any change to a question's checkpoints or numbers: keep the old rubric, bump the version."""
    with transaction.atomic():
        before = rubric_snapshot(question)
        if before["checkpoints"] or before["numbers"]:
            record_data(question, {VERSION_KEY: before}, label=f"Rubric of {question}", via=via)
        yield
        Question.objects.filter(pk=question.pk).update(rubric_version=models.F("rubric_version") + 1)
        question.refresh_from_db(fields=["rubric_version"])


def rubric_replace(question: Question, rubric: dict, *, via: str | None = None, first: bool = False) -> None:
    """Put a whole rubric in place (from a file, or a version being restored).

    `first`: the question was just made, so there is no rubric to keep and version 1 stays.
    """
    with nullcontext() if first else rubric_change(question, via=via):
        question.checkpoints.all().delete()
        question.numbers.all().delete()
        Checkpoint.objects.bulk_create(
            Checkpoint(question=question, **{name: c[name] for name in CHECKPOINT_FIELDS})
            for c in rubric["checkpoints"]
        )
        ReferenceNumber.objects.bulk_create(
            ReferenceNumber(question=question, **{name: n[name] for name in NUMBER_FIELDS}) for n in rubric["numbers"]
        )
    if hasattr(question, "_prefetched_objects_cache"):
        question._prefetched_objects_cache.pop("checkpoints", None)
        question._prefetched_objects_cache.pop("numbers", None)


# The engine -------------------------------------------------------------------------------


def engine_rubric(question: Question) -> tuple[list[EngineCheckpoint], list[EngineNumber]]:
    checkpoints = [
        EngineCheckpoint(c.key, c.step, c.label, tuple(c.phrase_list), c.weight) for c in question.checkpoints.all()
    ]
    numbers = [
        EngineNumber(n.key, n.step, n.name, n.value, n.unit, n.tolerance, tuple(n.keyword_list))
        for n in question.numbers.all()
    ]
    return checkpoints, numbers


def grade_answer(question: Question, answers: dict[int, str]) -> Report:
    checkpoints, numbers = engine_rubric(question)
    return grade(answers, checkpoints, numbers)


def split_answer(text: str) -> dict[int, str]:
    """An answer file's steps, marked by `## Step 1` ... `## Step 4` headings (questions.steps)."""
    return answer_steps(text)


def sample_answers(question: Question, solution=None) -> dict[int, str]:
    """A sample solution's steps as an answer (to test a rubric against its own sample)."""
    solution = solution or question.solutions.filter(is_primary=True).first()
    if solution is None:
        return {}
    return {step.step: step.body for step in solution.steps.all() if step.step <= 4}
