"""Estimates judged like arithmetic.

A question states its figures (givens: "10 million new pastes a month", "2 KB per paste");
each reference estimate is a formula over them ("pastes * paste_size"). For a learner's
answer the engine reads the learner's own figures for those givens where they wrote them,
recomputes the estimate from those, and judges the learner's result against that: a different
assumption with the arithmetic right is credited and named; a slip is given its real factor
("5x high") and, where the factor gives it away, its likely cause. A number that only repeats
a given ("10 million pastes a month") is never taken as a result, and a number is only
compared with an estimate of the same meaning (its dimensions and the words around it).
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field

from questions.engine.numbers import KINDS, Quantity, parse_quantities, parse_reference
from questions.engine.prose import Prose
from questions.engine.text import keys


@dataclass(frozen=True)
class Given:
    key: str  # the name formulas use
    name: str
    value: float
    unit: str
    words: tuple[str, ...] = ()  # words a learner would write beside it


@dataclass(frozen=True)
class Estimate:
    key: str
    step: int
    name: str
    unit: str
    formula: str
    words: tuple[str, ...] = ()
    tolerance: float = 50.0  # percent either way
    weight: int = 1
    derivation: str = ""


class FormulaError(ValueError):
    pass


Value = tuple[float, tuple[int, int]]


def evaluate(formula: str, values: dict[str, Value]) -> Value:
    """A formula of givens, numbers, + - * / and brackets, with dimensions checked."""
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"formula {formula!r} is not arithmetic") from exc
    return _evaluate(tree.body, values, formula)


def _evaluate(node: ast.AST, values: dict[str, Value], formula: str) -> Value:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return float(node.value), (0, 0)
    if isinstance(node, ast.Name):
        if node.id not in values:
            raise FormulaError(f"formula {formula!r} names {node.id!r}, which is not a given")
        return values[node.id]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
        (left, left_dims), (right, right_dims) = (_evaluate(n, values, formula) for n in (node.left, node.right))
        if isinstance(node.op, ast.Add | ast.Sub):
            if left_dims != right_dims:
                raise FormulaError(f"formula {formula!r} adds quantities of different kinds")
            return (left + right if isinstance(node.op, ast.Add) else left - right), left_dims
        if isinstance(node.op, ast.Mult):
            return left * right, (left_dims[0] + right_dims[0], left_dims[1] + right_dims[1])
        if right == 0:
            raise FormulaError(f"formula {formula!r} divides by zero")
        return left / right, (left_dims[0] - right_dims[0], left_dims[1] - right_dims[1])
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value, dims = _evaluate(node.operand, values, formula)
        return -value, dims
    raise FormulaError(f"formula {formula!r} may use only givens, numbers, + - * / and brackets")


def formula_names(formula: str) -> list[str]:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"formula {formula!r} is not arithmetic") from exc
    return sorted({node.id for node in ast.walk(tree) if isinstance(node, ast.Name)})


def given_values(givens: tuple[Given, ...] | list[Given]) -> dict[str, Value]:
    values = {}
    for given in givens:
        quantity = parse_reference(given.value, given.unit)
        values[given.key] = (quantity.value, quantity.dims)
    return values


def reference_value(estimate: Estimate, givens: tuple[Given, ...] | list[Given]) -> float:
    """The estimate's value in its own unit, from the prompt's figures (checks the dimensions)."""
    value, dims = evaluate(estimate.formula, given_values(givens))
    unit = parse_reference(1.0, estimate.unit)
    if dims != unit.dims:
        raise FormulaError(
            f"formula {estimate.formula!r} gives a {_kind(dims)}, but the unit {estimate.unit!r} is a {unit.kind}"
        )
    return value / unit.value


def _kind(dims: tuple[int, int]) -> str:
    return KINDS.get(dims, "quantity of another kind")


# Reading the answer -----------------------------------------------------------------------


@dataclass
class Found:
    """A quantity in the answer with the words around it."""

    quantity: Quantity
    step: int
    own: frozenset[str]  # word keys inside the quantity's text ("40 reads per second")
    clause: frozenset[str]
    sentence: frozenset[str]


def quantities(prose: Prose, step: int) -> list[Found]:
    found = []
    for quantity in parse_quantities(prose.mask):
        sentence = next((s for s in prose.sentences if s.start <= quantity.start < s.end), None)
        if sentence is None:
            continue
        own = frozenset(w.key for w in sentence.words if quantity.start <= w.start < quantity.end)
        after = [w for w in sentence.words if w.start >= quantity.start]
        clause_id = after[0].clause if after else sentence.words[-1].clause
        clause = frozenset(w.key for w in sentence.words if w.clause == clause_id)
        found.append(Found(quantity, step, own, clause, frozenset(w.key for w in sentence.words)))
    return found


def _meaning(found: Found, words: tuple[str, ...], others: frozenset[str] = frozenset()) -> int:
    """How surely a figure is this estimate: its own words (3), its clause (2), its sentence (1).

    `others` are the words of the question's other estimates: a figure whose own words name only
    another's ("22.5B feed writes a day" beside an estimate of feed reads) is not this one.
    """
    wanted = {key for word in words for key in keys(word)}
    if found.own & (others - wanted) and not found.own & (wanted - others):
        return 0
    if not wanted:
        return 1
    if wanted & found.own:
        return 3
    if wanted & found.clause:
        return 2
    if wanted & found.sentence:
        return 1
    return 0


def rival_words(estimate: Estimate, estimates: list[Estimate] | tuple[Estimate, ...]) -> frozenset[str]:
    """The words of the question's other estimates."""
    return frozenset(key for other in estimates if other is not estimate for word in other.words for key in keys(word))


def _restates(found: Found, givens: list[Given]) -> bool:
    for given in givens:
        reference = parse_reference(given.value, given.unit)
        same_kind = reference.dims == found.quantity.dims and reference.period == found.quantity.period
        if same_kind and reference.written and math.isclose(found.quantity.written, reference.written, rel_tol=0.01):
            return True
    return False


@dataclass
class InputUse:
    key: str
    name: str
    prompt: str  # the prompt's figure, as the rubric writes it
    yours: str = ""  # the learner's own figure for it, as written, when it differs
    step: int = 0
    start: int = -1
    end: int = -1


@dataclass
class EstimateResult:
    key: str
    step: int
    name: str
    unit: str
    weight: int
    tolerance: float
    expected: float  # from the prompt's figures, in `unit`
    verdict: str  # ok | own_inputs | slip | missing
    credit: float = 0.0
    found: str = ""
    found_step: int = 0
    start: int = -1
    end: int = -1
    value: float | None = None  # the learner's result, in `unit`
    from_yours: float | None = None  # what the learner's own figures give, in `unit`, when they differ
    factor: float | None = None  # the learner's result / what it should be from their figures
    hint: str = ""
    derivation: str = ""
    inputs: list[InputUse] = field(default_factory=list)

    @property
    def slip(self) -> str:
        """'5x high': how far the result is from what the learner's own figures give."""
        return factor_text(self.factor) if self.factor else ""

    @property
    def changed_inputs(self) -> list[InputUse]:
        return [i for i in self.inputs if i.yours]


_SLIPS = (
    (8, "a byte is 8 bits"),
    (30, "a month has about 2.6 million seconds and a day 86,400"),
    (12, "a year has 12 months"),
    (365, "a year has 365 days"),
    (24, "a day has 24 hours"),
    (3600, "an hour has 3,600 seconds"),
    (60, "a minute has 60 seconds"),
    (1000, "a factor of 1,000: check the unit prefix (K, M, G, T) or the zeros"),
    (10**6, "a factor of a million: check the unit prefixes or the zeros"),
    (10, "a factor of 10: check the zeros"),
    (100, "a factor of 100: check the zeros, or a percentage"),
)


def slip_hint(factor: float) -> str:
    distance = abs(math.log10(factor))
    for size, hint in _SLIPS:
        if abs(distance - math.log10(size)) <= 0.06:
            return hint
    return ""


def factor_text(factor: float) -> str:
    """'5x high', '30x low', '1.6x high'."""
    high = factor >= 1
    size = factor if high else 1 / factor
    shown = f"{size:.1f}" if size < 2 else f"{size:,.0f}" if size < 100 else f"{_round_to(size):,.0f}"
    return f"{shown.removesuffix('.0')}x {'high' if high else 'low'}"


def _round_to(value: float) -> float:
    digits = math.floor(math.log10(value)) - 1
    return round(value, -digits)


def judge(
    estimate: Estimate,
    givens: list[Given],
    answer: list[Found],
    *,
    from_prompt: dict[str, Value],
    rivals: frozenset[str] = frozenset(),
) -> EstimateResult:
    expected_base, dims = evaluate(estimate.formula, from_prompt)
    unit = parse_reference(1.0, estimate.unit)
    result = EstimateResult(
        estimate.key, estimate.step, estimate.name, estimate.unit, estimate.weight, estimate.tolerance,
        expected_base / unit.value, "missing", derivation=estimate.derivation,
    )  # fmt: skip
    used = [g for g in givens if g.key in set(formula_names(estimate.formula))]
    learner = dict(from_prompt)
    claimed: set[int] = set()
    for given in used:
        use = InputUse(given.key, given.name, _figure(given))
        mine = _learner_figure(given, answer)
        if mine is not None:
            prompt_value = from_prompt[given.key][0]
            claimed.add(id(mine))
            if not math.isclose(mine.quantity.value, prompt_value, rel_tol=0.02):
                learner[given.key] = (mine.quantity.value, mine.quantity.dims)
                use.yours, use.step = mine.quantity.text, mine.step
                use.start, use.end = mine.quantity.start, mine.quantity.end
        result.inputs.append(use)
    own_base, _ = evaluate(estimate.formula, learner)
    differs = any(use.yours for use in result.inputs)
    candidates = []
    for found in answer:
        if found.quantity.dims != dims or found.quantity.value <= 0 or id(found) in claimed:
            continue
        meaning = _meaning(found, estimate.words, rivals)
        if meaning == 0 or _restates(found, givens):
            continue
        closeness = abs(math.log10(found.quantity.value / own_base)) if own_base > 0 else 0.0
        candidates.append((-meaning, found.step != estimate.step, closeness, found.step, found.quantity.start, found))
    if not candidates:
        return result
    found = min(candidates, key=lambda c: c[:5])[-1]
    value = found.quantity.value
    result.found, result.found_step = found.quantity.text, found.step
    result.start, result.end = found.quantity.start, found.quantity.end
    result.value = value / unit.value
    if differs:
        result.from_yours = own_base / unit.value
    limit = 1 + estimate.tolerance / 100
    to_reference = value / expected_base if expected_base else 1.0
    to_own = value / own_base if own_base else 1.0
    if max(to_reference, 1 / to_reference) <= limit:
        result.verdict, result.credit = "ok", 1.0
    elif differs and max(to_own, 1 / to_own) <= limit:
        result.verdict, result.credit = "own_inputs", 1.0
    else:
        result.verdict, result.factor = "slip", to_own
        result.hint = slip_hint(to_own)
    return result


def _figure(given: Given) -> str:
    value = f"{given.value:,.10g}"
    unit = f"per {given.unit[1:]}" if given.unit.startswith("/") else given.unit
    return f"{value} {unit}".strip()


def _learner_figure(given: Given, answer: list[Found]) -> Found | None:
    """The learner's own figure for a given: same kind, and the given's words in its clause."""
    reference = parse_reference(given.value, given.unit)
    best = None
    for found in answer:
        if found.quantity.dims != reference.dims or found.quantity.period != reference.period:
            continue  # the learner's own figure is written the way the prompt writes it ("12 million a month")
        if found.quantity.value <= 0:
            continue
        meaning = _meaning(found, given.words)
        if meaning < 2:
            continue
        closeness = abs(math.log10(found.quantity.value / reference.value)) if reference.value > 0 else 0.0
        key = (-meaning, found.step, closeness, found.quantity.start)
        if best is None or key < best[0]:
            best = (key, found)
    return best[1] if best else None
