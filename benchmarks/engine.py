"""`make bench-engine`: the comparison engine against the labelled corpus (no database needed).

Prints, per question and overall, for the tuning half and the held-out half separately:
checkpoint precision, recall and F1 against the reviewer's labels, the score of each kind of
answer, how far another question's strong answer falls below this question's own, the upstream
primer's solutions, and the time to grade one answer.
"""

from __future__ import annotations

import statistics

from benchmarks.corpus import Counts, Result, answers, evaluate, p95, questions, upstream_answers

SPLITS = ("tuning", "held-out")
SHOWN_KINDS = ("strong", "average", "fluent-wrong", "keyword-list", "other-question", "off-topic")


def _mean(results: list[Result], kind: str) -> str:
    scores = [r.report.score for r in results if r.answer.kind == kind]
    return f"{statistics.mean(scores):.0f}" if scores else "-"


def _counts(results: list[Result], attribute: str = "checkpoints") -> Counts:
    total = Counts()
    for result in results:
        total += getattr(result, attribute)
    return total


def collect(repeat: int = 3) -> dict[str, list[Result]]:
    return {question: [evaluate(a, repeat=repeat) for a in answers(question)] for question in questions()}


def _other_gap(results: list[Result]) -> float | None:
    own = [r.report.score for r in results if r.answer.kind == "strong"]
    other = [r.report.score for r in results if r.answer.kind == "other-question"]
    return min(own) - max(other) if own and other else None


def run(repeat: int = 3) -> dict:
    by_question = collect(repeat)
    everything = [r for results in by_question.values() for r in results]
    header = f"{'question':<20} {'half':<8} {'n':>3} {'P':>5} {'R':>5} {'F1':>5}  " + " ".join(
        f"{k[:8]:>8}" for k in SHOWN_KINDS
    )
    print("Comparison engine against the labelled corpus (scores are the mean per kind, in %)")
    print(header)
    print("-" * len(header))
    for question, results in by_question.items():
        for split in SPLITS:
            part = [r for r in results if r.answer.split == split]
            if not part:
                continue
            c = _counts(part)
            kinds = " ".join(f"{_mean(part, k):>8}" for k in SHOWN_KINDS)
            print(f"{question:<20} {split:<8} {len(part):>3} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f}  {kinds}")
    print("-" * len(header))
    totals: dict[str, dict] = {}
    for split in SPLITS:
        part = [r for r in everything if r.answer.split == split]
        c = _counts(part)
        n = _counts(part, "numbers")
        kinds = " ".join(f"{_mean(part, k):>8}" for k in SHOWN_KINDS)
        print(f"{'all':<20} {split:<8} {len(part):>3} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f}  {kinds}")
        totals[split] = {"checkpoints": c, "numbers": n, "results": part}
    for split in SPLITS:
        n = totals[split]["numbers"]
        contradictions = _counts(totals[split]["results"], "contradictions")
        print(
            f"{split}: estimates P {n.precision:.2f} R {n.recall:.2f} ({n.tp + n.fn} labelled right); "
            f"contradictions found {contradictions.tp} of {contradictions.tp + contradictions.fn}, "
            f"{contradictions.fp} wrongly"
        )
    gaps = {q: _other_gap(results) for q, results in by_question.items()}
    shown = [f"{q} {g:+.0f}" for q, g in gaps.items() if g is not None]
    if shown:
        print("own strong answer minus the best other question's answer: " + ", ".join(shown))
    upstream = [evaluate(a, repeat=repeat) for a in upstream_answers()]
    if upstream:
        c = _counts(upstream)
        scores = ", ".join(f"{r.answer.question} {r.report.score}" for r in upstream)
        print(
            f"upstream solutions: {scores}; together {statistics.mean(r.report.score for r in upstream):.0f}; "
            f"P {c.precision:.2f} R {c.recall:.2f}"
        )
    else:
        print("upstream solutions: not here (../shared/upstream is not beside this checkout)")
    seconds = [r.seconds for r in everything + upstream]
    print(f"grading time per answer: median {1000 * statistics.median(seconds):.1f} ms, "
          f"p95 {1000 * p95(seconds):.1f} ms, max {1000 * max(seconds):.1f} ms ({len(seconds)} answers)")  # fmt: skip
    return {"by_question": by_question, "totals": totals, "upstream": upstream, "gaps": gaps}
