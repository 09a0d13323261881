"""The comparison engine against the labelled corpus, on both halves.

The corpus (`benchmarks/corpus/`, docs/grading-corpus.md) was written by authors who saw only the
prompts and labelled by reviewers who never saw the engine. Authors `a*` are the tuning half;
authors `b*` are held out: nothing in the lexicon or the rubrics was changed while reading them.
`make bench-engine` prints every figure per question. No timing is asserted here.

The floors below are what the engine reached when the corpus was first labelled (2026-12-01),
kept so that no change makes it worse. They are not the goal: the goal (precision 0.90, recall
0.85, strong answers 80% or more, off-topic 10% or less, another question's answer 40 points
below) is tracked in the open grading issue, and each floor is raised as the engine gets there.
"""

from __future__ import annotations

import statistics
from functools import cache

import pytest

from benchmarks.corpus import Counts, Result, answers, evaluate, questions, upstream_answers

SPLITS = ("tuning", "held-out")


@cache
def results() -> tuple[Result, ...]:
    return tuple(evaluate(answer) for question in questions() for answer in answers(question))


def _part(split: str, kind: str | None = None) -> list[Result]:
    return [r for r in results() if r.answer.split == split and (kind is None or r.answer.kind == kind)]


def test_every_system_design_question_has_a_labelled_corpus():
    labelled = {r.answer.question for r in results()}
    kinds = {(r.answer.question, r.answer.kind) for r in results()}
    assert len(labelled) == 15
    for question in labelled:
        for kind in ("strong", "average", "fluent-wrong", "keyword-list", "other-question", "off-topic"):
            assert (question, kind) in kinds, (question, kind)
    for result in results():  # a reviewer's label for every checkpoint and estimate of the rubric
        report_keys = {c.key for step in result.report.steps for c in step.checkpoints}
        assert set(result.answer.labels) == report_keys, result.answer.id


@pytest.mark.parametrize(("split", "precision", "recall"), [("tuning", 0.78, 0.85), ("held-out", 0.72, 0.74)])
def test_checkpoints_found_agree_with_the_reviewer(split, precision, recall):
    counts = Counts()
    for result in _part(split):
        counts += result.checkpoints
    assert counts.precision >= precision, f"{split}: precision {counts.precision:.3f} ({counts})"
    assert counts.recall >= recall, f"{split}: recall {counts.recall:.3f} ({counts})"


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize(
    ("kind", "low", "high", "mean_low", "mean_high"),
    [
        ("strong", 50, 100, 70, 100),
        ("average", 15, 80, 40, 60),  # one average answer (scaling-aws a2) is graded 77
        ("fluent-wrong", 0, 40, 0, 30),
        ("keyword-list", 0, 30, 0, 25),
        ("off-topic", 0, 20, 0, 10),
    ],
)
def test_each_kind_of_answer_scores_in_its_band(split, kind, low, high, mean_low, mean_high):
    scores = {f"{r.answer.question}/{r.answer.id}": r.report.score for r in _part(split, kind)}
    assert len(scores) == 15
    outside = {name: score for name, score in scores.items() if not low <= score <= high}
    assert outside == {}, f"{split} {kind} answers outside {low}-{high}%"
    assert mean_low <= statistics.mean(scores.values()) <= mean_high


def test_a_keyword_list_scores_below_every_real_answer_to_the_same_question():
    for question in questions():
        mine = [r for r in results() if r.answer.question == question]
        lists = max(r.report.score for r in mine if r.answer.kind == "keyword-list")
        strong = min(r.report.score for r in mine if r.answer.kind == "strong")
        assert lists < strong, question


def test_a_questions_own_strong_answers_outscore_another_questions():
    for question in questions():
        mine = [r for r in results() if r.answer.question == question]
        own = statistics.mean(r.report.score for r in mine if r.answer.kind == "strong")
        other = statistics.mean(r.report.score for r in mine if r.answer.kind == "other-question")
        assert own - other >= 5, (question, own, other)


def test_a_contradiction_the_report_shows_is_one_the_reviewer_saw():
    counts = Counts()
    for result in results():
        counts += result.contradictions
    assert counts.tp + counts.fn >= 300  # the fluent-but-wrong answers take plenty of wrong decisions
    assert counts.precision >= 0.75, counts
    assert counts.recall >= 0.25, counts


def test_estimates_are_judged_as_the_reviewer_judged_them():
    counts = Counts()
    for result in results():
        counts += result.numbers
    assert counts.tp + counts.fn >= 250
    assert counts.precision >= 0.80, counts
    assert counts.recall >= 0.70, counts


def test_the_upstream_primers_own_solutions_are_graded():
    upstream = [evaluate(answer) for answer in upstream_answers()]
    if not upstream:
        pytest.skip("the upstream primer is not beside this checkout (../shared/upstream)")
    scores = {r.answer.question: r.report.score for r in upstream}
    assert len(scores) == 8
    assert statistics.mean(scores.values()) >= 32, scores
    counts = Counts()
    for result in upstream:
        counts += result.checkpoints
    assert counts.precision >= 0.85, counts
