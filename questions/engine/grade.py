"""Grading: checkpoints hit or missed (with the words that matched), reference numbers
found and judged, and weighted scores per step and overall."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from questions.engine.numbers import Quantity, parse_quantities, parse_reference
from questions.engine.text import find_phrase, normalise, phrase_stems, sentence_around

ENGINE_VERSION = 1
STEPS = (1, 2, 3, 4)
NUMBER_WEIGHT = 2
KEYWORD_WINDOW = 60  # characters either side of a number in which its keywords count


@dataclass(frozen=True)
class Checkpoint:
    key: str  # stable identifier within the rubric
    step: int
    label: str
    phrases: tuple[str, ...]
    weight: int = 1


@dataclass(frozen=True)
class ReferenceNumber:
    key: str
    step: int
    name: str
    value: float
    unit: str
    tolerance: float = 50.0  # percent
    keywords: tuple[str, ...] = ()


@dataclass
class CheckpointResult:
    key: str
    step: int
    label: str
    weight: int
    hit: bool
    phrase: str = ""
    start: int = -1  # span of the matched words in that step's answer
    end: int = -1
    sentence: str = ""


@dataclass
class NumberResult:
    key: str
    step: int
    name: str
    expected: float
    unit: str
    tolerance: float
    verdict: str  # ok | off_10x | off_1000x | off | missing
    found: str = ""
    ratio: float | None = None
    start: int = -1
    end: int = -1


@dataclass
class StepReport:
    step: int
    score: float
    earned: float
    possible: float
    checkpoints: list[CheckpointResult] = field(default_factory=list)
    numbers: list[NumberResult] = field(default_factory=list)


@dataclass
class Report:
    engine_version: int
    score: float
    steps: list[StepReport]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> Report:
        """A stored report read back, checked field by field; ValueError when it is not one."""
        record = _mapping(data, "report")
        steps = [_step_report(item) for item in _items(record.get("steps"), "steps")]
        return cls(_integer(record.get("engine_version"), "engine_version"), _number(record.get("score")), steps)


VERDICTS = ("ok", "off_10x", "off_1000x", "off", "missing")


def _mapping(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"{where} is not an object")
    return value


def _items(value: object, where: str) -> list:
    if not isinstance(value, list) or len(value) > 1000:
        raise ValueError(f"{where} is not a list")
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{value!r} is not a number")
    return float(value)


def _integer(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where} is not a whole number")
    return value


def _text(value: object, limit: int = 100_000) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("a text field is not a string")
    return value


def _step_report(data: object) -> StepReport:
    record = _mapping(data, "step")
    checkpoints = [
        CheckpointResult(
            key=_text(c.get("key"), 200),
            step=_integer(c.get("step"), "step"),
            label=_text(c.get("label"), 500),
            weight=_integer(c.get("weight"), "weight"),
            hit=bool(c.get("hit")),
            phrase=_text(c.get("phrase", ""), 500),
            start=_integer(c.get("start", -1), "start"),
            end=_integer(c.get("end", -1), "end"),
            sentence=_text(c.get("sentence", "")),
        )
        for c in (_mapping(item, "checkpoint") for item in _items(record.get("checkpoints"), "checkpoints"))
    ]
    numbers = []
    for item in _items(record.get("numbers"), "numbers"):
        n = _mapping(item, "number")
        if n.get("verdict") not in VERDICTS:
            raise ValueError(f"unknown verdict {n.get('verdict')!r}")
        ratio = n.get("ratio")
        numbers.append(
            NumberResult(
                key=_text(n.get("key"), 200),
                step=_integer(n.get("step"), "step"),
                name=_text(n.get("name"), 500),
                expected=_number(n.get("expected")),
                unit=_text(n.get("unit"), 50),
                tolerance=_number(n.get("tolerance")),
                verdict=n["verdict"],
                found=_text(n.get("found", ""), 500),
                ratio=None if ratio is None else _number(ratio),
                start=_integer(n.get("start", -1), "start"),
                end=_integer(n.get("end", -1), "end"),
            )
        )
    return StepReport(
        step=_integer(record.get("step"), "step"),
        score=_number(record.get("score")),
        earned=_number(record.get("earned")),
        possible=_number(record.get("possible")),
        checkpoints=checkpoints,
        numbers=numbers,
    )


def _judge(ratio: float, tolerance: float) -> str:
    if max(ratio, 1 / ratio) <= 1 + tolerance / 100:
        return "ok"
    distance = abs(math.log10(ratio))
    if 0.6 <= distance <= 1.4:
        return "off_10x"
    if 2.5 <= distance <= 3.5:
        return "off_1000x"
    return "off"


def _keyword_score(text: str, quantity: Quantity, keywords: tuple[tuple[str, ...], ...]) -> int:
    window = text[max(0, quantity.start - KEYWORD_WINDOW) : quantity.end + KEYWORD_WINDOW]
    tokens = normalise(window)
    return sum(1 for stems in keywords if find_phrase(tokens, stems) is not None)


def _grade_number(number: ReferenceNumber, texts: dict[int, str]) -> NumberResult:
    expected = parse_reference(number.value, number.unit)
    keywords = tuple(phrase_stems(word) for word in number.keywords or tuple(number.name.lower().split()))
    result = NumberResult(number.key, number.step, number.name, number.value, number.unit, number.tolerance, "missing")
    # Look in the number's own step first, then anywhere in the answer.
    for steps in ((number.step,), tuple(s for s in STEPS if s != number.step)):
        candidates = []
        for step in steps:
            text = texts.get(step, "")
            for quantity in parse_quantities(text):
                if quantity.kind != expected.kind or quantity.value <= 0:
                    continue
                closeness = abs(math.log10(quantity.value / expected.value)) if expected.value > 0 else 0
                score = _keyword_score(text, quantity, keywords)
                candidates.append((-score, closeness, step, quantity.start, quantity))
        if candidates:
            *_, step, _, quantity = min(candidates, key=lambda c: c[:4])
            ratio = quantity.value / expected.value if expected.value else 1.0
            result.verdict = _judge(ratio, number.tolerance)
            result.found, result.ratio = quantity.text, ratio
            if step == number.step:
                result.start, result.end = quantity.start, quantity.end
            return result
    return result


def _grade_checkpoint(checkpoint: Checkpoint, text: str, tokens: list) -> CheckpointResult:
    result = CheckpointResult(checkpoint.key, checkpoint.step, checkpoint.label, checkpoint.weight, False)
    for phrase in checkpoint.phrases:
        match = find_phrase(tokens, phrase_stems(phrase))
        if match is not None:
            result.hit, result.phrase = True, phrase
            result.start, result.end = match.start, match.end
            result.sentence = sentence_around(text, match.start, match.end)
            break
    return result


def grade(answers: dict[int, str], checkpoints: list[Checkpoint], numbers: list[ReferenceNumber]) -> Report:
    """Grade an answer (step number -> text) against a rubric."""
    texts = {step: answers.get(step, "") or "" for step in STEPS}
    tokens = {step: normalise(texts[step]) for step in STEPS}
    steps, earned_total, possible_total = [], 0.0, 0.0
    for step in STEPS:
        report = StepReport(step, 0.0, 0.0, 0.0)
        for checkpoint in (c for c in checkpoints if c.step == step):
            result = _grade_checkpoint(checkpoint, texts[step], tokens[step])
            report.checkpoints.append(result)
            report.possible += checkpoint.weight
            report.earned += checkpoint.weight if result.hit else 0
        for number in (n for n in numbers if n.step == step):
            found = _grade_number(number, texts)
            report.numbers.append(found)
            report.possible += NUMBER_WEIGHT
            report.earned += NUMBER_WEIGHT if found.verdict == "ok" else 0
        report.score = round(100 * report.earned / report.possible, 1) if report.possible else 0.0
        earned_total += report.earned
        possible_total += report.possible
        steps.append(report)
    score = round(100 * earned_total / possible_total, 1) if possible_total else 0.0
    return Report(ENGINE_VERSION, score, steps)
