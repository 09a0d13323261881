"""A report as plain text, for the management commands (the site draws its own)."""

from __future__ import annotations

from questions.engine.estimates import EstimateResult, factor_text
from questions.engine.grade import CheckpointResult, Report

STATE_LABELS = {
    "met": "met",
    "partly": "partly",
    "deferred": "deferred",
    "named": "named",
    "contradicted": "CONTRADICTED",
    "missed": "MISSED",
}


def checkpoint_line(result: CheckpointResult) -> str:
    where = f" (found in step {result.found_in})" if result.found_in else ""
    note = f" [{result.note}]" if result.note else ""
    evidence = f'  "{result.sentence}"' if result.sentence else ""
    return f"[{STATE_LABELS[result.state]:<12}] {result.label} ({result.level}, weight {result.weight}){where}{note}{evidence}"


def number_line(result: EstimateResult) -> str:
    expected = f"expected {result.expected:,.3g} {result.unit}".rstrip()
    if result.verdict == "missing":
        return f"[{'MISSING':<12}] {result.name}: {expected}, no figure of that meaning"
    yours = f"yours {result.found!r}"
    if result.verdict == "ok":
        return f"[{'ok':<12}] {result.name}: {expected}, {yours}"
    if result.verdict == "own_inputs":
        changed = ", ".join(f"{i.name} {i.yours} (prompt: {i.prompt})" for i in result.inputs if i.yours)
        return f"[{'own inputs':<12}] {result.name}: {expected}, {yours}: right from your figures ({changed})"
    slip = factor_text(result.factor) if result.factor else "off"
    hint = f"; {result.hint}" if result.hint else ""
    return f"[{'SLIP':<12}] {result.name}: {expected}, {yours}: {slip}{hint}"


def report_lines(name: str, report: Report) -> list[str]:
    lines = [f"{name}: {report.score}% ({report.points} points, {report.band})"]
    for step in report.steps:
        level = f", reaches {step.level}" if step.level else ", below mid-level"
        lines.append(f"  Step {step.step}: {step.score}%{level}")
        lines.extend(f"    {checkpoint_line(result)}" for result in step.checkpoints)
        lines.extend(f"    {number_line(result)}" for result in step.numbers)
    return lines
