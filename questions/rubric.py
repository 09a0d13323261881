"""The bridge between stored rubrics and the pure engine."""

from __future__ import annotations

import re

from questions.engine import Checkpoint, ReferenceNumber, grade
from questions.engine.grade import Report
from questions.models import Question

_STEP_HEADING = re.compile(r"^#{1,3}\s*step\s*([1-4])\b.*$", re.IGNORECASE | re.MULTILINE)


def engine_rubric(question: Question) -> tuple[list[Checkpoint], list[ReferenceNumber]]:
    checkpoints = [
        Checkpoint(c.key, c.step, c.label, tuple(c.phrase_list), c.weight) for c in question.checkpoints.all()
    ]
    numbers = [
        ReferenceNumber(n.key, n.step, n.name, n.value, n.unit, n.tolerance, tuple(n.keyword_list))
        for n in question.numbers.all()
    ]
    return checkpoints, numbers


def grade_answer(question: Question, answers: dict[int, str]) -> Report:
    checkpoints, numbers = engine_rubric(question)
    return grade(answers, checkpoints, numbers)


def split_answer(text: str) -> dict[int, str]:
    """An answer file's steps, marked by `## Step 1` ... `## Step 4` headings.

    Text before the first heading is ignored; a file with no headings is all step 1.
    """
    marks = list(_STEP_HEADING.finditer(text))
    if not marks:
        return {1: text.strip()}
    steps: dict[int, str] = {}
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        number = int(mark.group(1))
        steps[number] = (steps.get(number, "") + "\n" + text[mark.end() : end]).strip()
    return steps


def sample_answers(question: Question, solution=None) -> dict[int, str]:
    """A sample solution's steps as an answer (to test a rubric against its own sample)."""
    solution = solution or question.solutions.filter(is_primary=True).first()
    if solution is None:
        return {}
    return {step.step: step.body for step in solution.steps.all() if step.step <= 4}
