"""Reading a stored report back, field by field: a report is data a learner may have imported,
so nothing in it is trusted. Reports of engine version 1 (phrase lists) are read into the same
shape, so old attempts keep the report they were given until the learner re-grades them.
"""

from __future__ import annotations

import math

from questions.engine.estimates import EstimateResult, InputUse
from questions.engine.grade import BANDS, LEVELS, STATES, VERDICTS, CheckpointResult, Report, Span, StepReport, band

_OLD_VERDICTS = {"ok": "ok", "off_10x": "slip", "off_1000x": "slip", "off": "slip", "missing": "missing"}


def _mapping(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"{where} is not an object")
    return value


def _items(value: object, where: str, limit: int = 1000) -> list:
    if not isinstance(value, list) or len(value) > limit:
        raise ValueError(f"{where} is not a list")
    return value


def _number(value: object, where: str = "a number") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{where}: {value!r} is not a number")
    return float(value)


def _optional_number(value: object, where: str) -> float | None:
    return None if value is None else _number(value, where)


def _integer(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where} is not a whole number")
    return value


def _text(value: object, limit: int = 100_000) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("a text field is not a string")
    return value


def _choice(value: object, choices: tuple[str, ...], where: str) -> str:
    if value not in choices:
        raise ValueError(f"unknown {where} {value!r}")
    return str(value)


def _span(data: object) -> Span:
    record = _mapping(data, "span")
    return Span(
        _integer(record.get("step"), "span step"),
        _integer(record.get("start"), "span start"),
        _integer(record.get("end"), "span end"),
        _text(record.get("kind", ""), 40),
    )


def _checkpoint(data: object) -> CheckpointResult:
    c = _mapping(data, "checkpoint")
    return CheckpointResult(
        key=_text(c.get("key"), 200),
        step=_integer(c.get("step"), "step"),
        label=_text(c.get("label"), 500),
        weight=_integer(c.get("weight"), "weight"),
        level=_choice(c.get("level"), LEVELS, "level"),
        state=_choice(c.get("state"), STATES, "state"),
        credit=_number(c.get("credit"), "credit"),
        found_in=_integer(c.get("found_in", 0), "found_in"),
        sentence=_text(c.get("sentence", "")),
        note=_text(c.get("note", ""), 2000),
        explanation=_text(c.get("explanation", ""), 5000),
        example=_text(c.get("example", ""), 5000),
        spans=[_span(s) for s in _items(c.get("spans", []), "spans", 50)],
    )


def _input(data: object) -> InputUse:
    i = _mapping(data, "input")
    return InputUse(
        _text(i.get("key"), 200),
        _text(i.get("name"), 500),
        _text(i.get("prompt"), 200),
        _text(i.get("yours", ""), 500),
        _integer(i.get("step", 0), "input step"),
        _integer(i.get("start", -1), "input start"),
        _integer(i.get("end", -1), "input end"),
    )


def _estimate(data: object) -> EstimateResult:
    n = _mapping(data, "number")
    return EstimateResult(
        key=_text(n.get("key"), 200),
        step=_integer(n.get("step"), "step"),
        name=_text(n.get("name"), 500),
        unit=_text(n.get("unit"), 50),
        weight=_integer(n.get("weight"), "weight"),
        tolerance=_number(n.get("tolerance"), "tolerance"),
        expected=_number(n.get("expected"), "expected"),
        verdict=_choice(n.get("verdict"), VERDICTS, "verdict"),
        credit=_number(n.get("credit"), "credit"),
        found=_text(n.get("found", ""), 500),
        found_step=_integer(n.get("found_step", 0), "found_step"),
        start=_integer(n.get("start", -1), "start"),
        end=_integer(n.get("end", -1), "end"),
        value=_optional_number(n.get("value"), "value"),
        from_yours=_optional_number(n.get("from_yours"), "from_yours"),
        factor=_optional_number(n.get("factor"), "factor"),
        hint=_text(n.get("hint", ""), 500),
        derivation=_text(n.get("derivation", ""), 5000),
        inputs=[_input(i) for i in _items(n.get("inputs", []), "inputs", 50)],
    )


def _step(data: object) -> StepReport:
    s = _mapping(data, "step")
    level = s.get("level", "")
    return StepReport(
        step=_integer(s.get("step"), "step"),
        earned=_number(s.get("earned"), "earned"),
        possible=_number(s.get("possible"), "possible"),
        level="" if level == "" else _choice(level, LEVELS, "level"),
        checkpoints=[_checkpoint(c) for c in _items(s.get("checkpoints"), "checkpoints")],
        numbers=[_estimate(n) for n in _items(s.get("numbers"), "numbers")],
    )


def read_report(data: object) -> Report:
    """A stored report, checked field by field; ValueError when it is not one."""
    record = _mapping(data, "report")
    version = _integer(record.get("engine_version"), "engine_version")
    if version == 1:
        return _first_version(record)
    steps = [_step(s) for s in _items(record.get("steps"), "steps", 10)]
    score = _integer(record.get("score"), "score")
    return Report(
        version,
        score,
        _number(record.get("earned"), "earned"),
        _number(record.get("possible"), "possible"),
        _choice(record.get("band"), tuple(name for _, name in BANDS), "band"),
        steps,
        _text(record.get("lexicon", ""), 64),
    )


def _first_version(record: dict) -> Report:
    """A report of engine 1: hit or missed phrases, numbers with a verdict."""
    steps = []
    for item in _items(record.get("steps"), "steps", 10):
        s = _mapping(item, "step")
        checkpoints = []
        for entry in _items(s.get("checkpoints"), "checkpoints"):
            c = _mapping(entry, "checkpoint")
            hit = bool(c.get("hit"))
            step = _integer(c.get("step"), "step")
            start, end = _integer(c.get("start", -1), "start"), _integer(c.get("end", -1), "end")
            checkpoints.append(
                CheckpointResult(
                    key=_text(c.get("key"), 200),
                    step=step,
                    label=_text(c.get("label"), 500),
                    weight=_integer(c.get("weight"), "weight"),
                    level="mid",
                    state="met" if hit else "missed",
                    credit=1.0 if hit else 0.0,
                    sentence=_text(c.get("sentence", "")),
                    note=f"phrase “{_text(c.get('phrase', ''), 500)}”" if hit else "",
                    spans=[Span(step, start, end, "met")] if hit and 0 <= start < end else [],
                )
            )
        numbers = []
        for entry in _items(s.get("numbers"), "numbers"):
            n = _mapping(entry, "number")
            verdict = _OLD_VERDICTS.get(n.get("verdict"))  # type: ignore[arg-type]
            if verdict is None:
                raise ValueError(f"unknown verdict {n.get('verdict')!r}")
            step = _integer(n.get("step"), "step")
            numbers.append(
                EstimateResult(
                    key=_text(n.get("key"), 200),
                    step=step,
                    name=_text(n.get("name"), 500),
                    unit=_text(n.get("unit"), 50),
                    weight=2,
                    tolerance=_number(n.get("tolerance"), "tolerance"),
                    expected=_number(n.get("expected"), "expected"),
                    verdict=verdict,
                    credit=1.0 if verdict == "ok" else 0.0,
                    found=_text(n.get("found", ""), 500),
                    found_step=step if _integer(n.get("start", -1), "start") >= 0 else 0,
                    start=_integer(n.get("start", -1), "start"),
                    end=_integer(n.get("end", -1), "end"),
                    factor=_optional_number(n.get("ratio"), "ratio"),
                )
            )
        steps.append(
            StepReport(
                _integer(s.get("step"), "step"),
                _number(s.get("earned"), "earned"),
                _number(s.get("possible"), "possible"),
                "",
                checkpoints,
                numbers,
            )
        )
    score = round(_number(record.get("score"), "score"))
    earned, possible = sum(s.earned for s in steps), sum(s.possible for s in steps)
    return Report(1, score, earned, possible, band(score), steps, "")
