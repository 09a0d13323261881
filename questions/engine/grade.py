"""Grading an answer against a rubric: checkpoints by concept, estimates by arithmetic.

A checkpoint names the concepts it is about, the qualifiers its decision needs near them, and
the concepts that contradict it. For each checkpoint the engine looks through the whole answer
(its own step first) for a sentence that takes one of its concepts on and explains it:

- **met**: taken on, explained, every qualifier nearby (the same sentence or the next one in
  the same paragraph), in its own step or another ("found in step N");
- **partly**: explained, but a qualifier is missing ("names read replicas, not replication lag");
- **deferred**: put off ("add a cache later"): half, except in the scaling step, where planning
  what to add when is the answer;
- **named**: only named, in a list or a sentence that says nothing about it;
- **contradicted**: turned down ("we do not use a queue") or a contradicting decision taken
  ("an auto-increment counter"), with no sentence that meets it;
- **missed**.

One sentence earns full credit for at most three checkpoints; a sentence stuffed with terms
earns them as named. Estimates are judged in `estimates`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from questions.engine.estimates import (
    Estimate,
    EstimateResult,
    Found,
    Given,
    InputUse,
    given_values,
    judge,
    quantities,
    rival_words,
)
from questions.engine.lexicon import Lexicon, Mention
from questions.engine.meaning import Stance, stances
from questions.engine.prose import CLAUSE_WORDS, Prose, read
from questions.engine.text import FILLER, WORD, key_set, word_key

ENGINE_VERSION = 2
STEPS = (1, 2, 3, 4)
SCALING_STEP = 4
LEVELS = ("mid", "senior", "staff")
LEVEL_REACHED = 0.7  # share of a level's points a step needs to reach it
SENTENCE_CAPACITY = 3
CREDIT = {"met": 1.0, "partly": 0.5, "deferred": 0.5, "named": 0.25, "contradicted": 0.0, "missed": 0.0}
STATES = tuple(CREDIT)
VERDICTS = ("ok", "own_inputs", "slip", "missing")
SPECIAL_QUALIFIERS = {"#number": None, "#size": (1, 0), "#rate": (0, -1), "#throughput": (1, -1), "#duration": (0, 1)}
BANDS = ((80, "strong"), (60, "good"), (40, "fair"), (20, "weak"), (0, "off target"))


@dataclass(frozen=True)
class Checkpoint:
    key: str
    step: int
    label: str
    weight: int = 2
    level: str = "mid"
    concepts: tuple[str, ...] = ()  # any of these is what the checkpoint is about
    qualifiers: tuple[str, ...] = ()  # each must be near it; "a|b" means either
    contradicts: tuple[str, ...] = ()
    explanation: str = ""
    example: str = ""
    estimate: bool = False  # about estimation (counts toward the estimates' share)


@dataclass(frozen=True)
class Rubric:
    checkpoints: tuple[Checkpoint, ...] = ()
    estimates: tuple[Estimate, ...] = ()
    givens: tuple[Given, ...] = ()


@dataclass
class Span:
    step: int
    start: int
    end: int
    kind: str  # what the highlight shows: a state of a checkpoint, or "number-<verdict>"


@dataclass
class CheckpointResult:
    key: str
    step: int
    label: str
    weight: int
    level: str
    state: str
    credit: float = 0.0
    found_in: int = 0  # the step the evidence is in, when it is not the checkpoint's own
    sentence: str = ""
    note: str = ""  # what was missing, or what contradicted it
    explanation: str = ""
    example: str = ""
    spans: list[Span] = field(default_factory=list)


@dataclass
class StepReport:
    step: int
    earned: float
    possible: float
    level: str = ""  # the highest level the step reaches ("" below mid)
    checkpoints: list[CheckpointResult] = field(default_factory=list)
    numbers: list[EstimateResult] = field(default_factory=list)

    @property
    def score(self) -> int:
        return round(100 * self.earned / self.possible) if self.possible else 0


@dataclass
class Report:
    engine_version: int
    score: int
    earned: float
    possible: float
    band: str
    steps: list[StepReport]
    lexicon: str = ""  # digest of the lexicon that graded it

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def points(self) -> str:
        return f"{round(self.earned)} of {round(self.possible)}"


def band(score: float) -> str:
    return next(name for floor, name in BANDS if score >= floor)


# Reading the answer once -------------------------------------------------------------------


@dataclass
class StepText:
    step: int
    prose: Prose
    mentions: list[Mention]
    stances: list[Stance]
    by_concept: dict[str, list[int]]  # concept -> indexes into mentions
    numbers: list[Found]
    substantive: dict[int, bool]  # sentence -> says something, not a bare list
    leads: dict[int, int] = field(default_factory=dict)  # a list sentence -> where its lead ends ("Out of scope:")

    def explains(self, mention: Mention) -> bool:
        """Whether the mention's sentence says something about it: the lead of a list says what the list is."""
        lead = self.leads.get(mention.sentence)
        return self.substantive.get(mention.sentence, False) or (lead is not None and mention.end <= lead)


def _read_step(step: int, text: str, lexicon: Lexicon) -> StepText:
    prose = read(text)
    mentions = lexicon.mentions(prose)
    judged = stances(prose, mentions, lexicon)
    by_concept: dict[str, list[int]] = {}
    for i, mention in enumerate(mentions):
        by_concept.setdefault(mention.concept, []).append(i)
    named_words: dict[int, set[int]] = {}
    for mention in mentions:
        named_words.setdefault(mention.sentence, set()).update(range(mention.first, mention.last + 1))
    substantive, leads = {}, {}
    for sentence in prose.sentences:
        if _enumeration(prose, sentence.index):
            substantive[sentence.index] = False
            colon = prose.mask.find(": ", sentence.start, sentence.end)
            if colon >= 0:
                leads[sentence.index] = colon
            continue
        named = named_words.get(sentence.index, set())
        content = [w for w in sentence.words if w.index not in named and w.key not in FILLER]
        specifics = _SPECIFIC.findall(prose.text[sentence.start : sentence.end])
        content += specifics  # `user_id`, shard_key: a name in code is something said, though never evidence itself
        concepts = len({m.named for m in mentions if m.sentence == sentence.index})
        question = prose.text[sentence.start : sentence.end].rstrip(" *_)").endswith("?")
        enough = 1 if len(sentence.words) >= 6 else 2  # a longer sentence needs one word of its own, a short one two
        claim = (  # "Redis is sharded by user_id.", "This is very read heavy.": a terse claim, not a label
            len(sentence.words) + len(specifics) >= 3
            and concepts <= 2
            and any(w.key in _PREDICATES | _RELATIONS for w in sentence.words)
        )
        substantive[sentence.index] = not question and (len(content) >= max(enough, concepts / 2) or claim)
    return StepText(step, prose, mentions, judged, by_concept, quantities(prose, step), substantive, leads)


# Words that make a short sentence a claim about what it names.
_PREDICATES = key_set("is are was were be use uses go goes sit sits run runs keep keeps hold holds store stores")
# Words that relate what a short sentence names to something ("Shard by user.", "Cache behind the LB.").
_RELATIONS = key_set("by on per via behind through across into with before after")
_SPECIFIC = re.compile(r"`[^`\n]+`|\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b")
LIST_ITEM_WORDS = 4  # an item of a bare list: a few words between commas
LIST_ITEMS = 4
# Words that make an item a clause of prose ("then the database", "which is cheap"), not a list entry.
_PROSE_WORDS = CLAUSE_WORDS | key_set(
    "is are was were be has have had can will would should must may might we it they our each every"
)


def _enumeration(prose: Prose, index: int) -> bool:
    """A sentence that is a run of short items ("QPS, peak QPS, 4 writes/s, Redis, Kafka"), not a claim.

    Four or more items separated by commas or semicolons, at least three quarters of them of a
    few words; or three items that are all short after a heading word ("Components: a, b, c").
    Prose that lists a few things in passing ("we store users, pastes and counts in PostgreSQL")
    has longer items and stays a sentence.
    """
    sentence = prose.sentences[index]
    text = prose.mask[sentence.start : sentence.end]
    _, colon, after = text.partition(": ")
    items = [item for item in re.split(r"[,;]", after if colon else text) if item.strip(" .*_-")]
    short = 0
    for item in items:
        words = [word_key(w) for w in WORD.findall(item)]
        short += len(words) <= LIST_ITEM_WORDS and not any(w in _PROSE_WORDS for w in words)
    if len(items) >= LIST_ITEMS:
        return short >= 0.75 * len(items)
    return bool(colon) and len(items) == 3 and short == 3


# Checkpoints -------------------------------------------------------------------------------


@dataclass
class _Evidence:
    state: str
    step: int
    sentence: int
    spans: list[Span]
    note: str = ""

    def rank(self, own_step: int) -> tuple:
        order = {"met": 0, "deferred": 1, "partly": 2, "named": 3}
        return (order[self.state], self.step != own_step, self.step, self.sentence)


def _window(text: StepText, sentence: int) -> set[int]:
    block = text.prose.sentences[sentence].block
    return {
        i
        for i in (sentence - 1, sentence, sentence + 1)
        if 0 <= i < len(text.prose.sentences) and text.prose.sentences[i].block == block
    }


def _qualifier_met(text: StepText, alternatives: str, window: set[int]) -> Mention | Found | None:
    for option in alternatives.split("|"):
        option = option.strip()
        if option in SPECIAL_QUALIFIERS:
            dims = SPECIAL_QUALIFIERS[option]
            for found in text.numbers:
                sentence = _sentence_of(text.prose, found.quantity.start)
                if sentence in window and (dims is None or found.quantity.dims == dims):
                    return found
            continue
        for i in text.by_concept.get(option, ()):
            mention = text.mentions[i]
            if mention.sentence in window and text.stances[i] != Stance.REJECTED:
                return mention
    return None


def _sentence_of(prose: Prose, position: int) -> int:
    for sentence in prose.sentences:
        if sentence.start <= position < sentence.end:
            return sentence.index
    return -1


def _evidence(checkpoint: Checkpoint, text: StepText, lexicon: Lexicon) -> tuple[list[_Evidence], list[_Evidence]]:
    """Sentences that show the checkpoint, and sentences that contradict it."""
    shows, contradicts = [], []
    for concept in checkpoint.concepts:
        for i in text.by_concept.get(concept, ()):
            mention, stance = text.mentions[i], text.stances[i]
            span = Span(text.step, mention.start, mention.end, "")
            if stance == Stance.REJECTED:
                note = f"turned down: {lexicon.name(mention.named)}"
                contradicts.append(_Evidence("contradicted", text.step, mention.sentence, [span], note))
                continue
            window = _window(text, mention.sentence)
            missing, spans = [], [span]
            for qualifier in checkpoint.qualifiers:
                met = _qualifier_met(text, qualifier, window)
                if met is None:
                    missing.append(" or ".join(_qualifier_name(q, lexicon) for q in qualifier.split("|")))
                elif isinstance(met, Mention):
                    spans.append(Span(text.step, met.start, met.end, ""))
            if not text.explains(mention):
                shows.append(_Evidence("named", text.step, mention.sentence, spans, "named, not explained"))
            elif missing:
                shows.append(_Evidence("partly", text.step, mention.sentence, spans, "not said: " + "; ".join(missing)))
            elif stance == Stance.DEFERRED and checkpoint.step != SCALING_STEP:
                shows.append(_Evidence("deferred", text.step, mention.sentence, spans, "left for later"))
            else:
                shows.append(_Evidence("met", text.step, mention.sentence, spans))
    for concept in checkpoint.contradicts:
        for i in text.by_concept.get(concept, ()):
            mention = text.mentions[i]
            if text.stances[i] == Stance.TAKEN and text.explains(mention):
                span = Span(text.step, mention.start, mention.end, "")
                note = f"chooses {lexicon.name(mention.named)}"
                contradicts.append(_Evidence("contradicted", text.step, mention.sentence, [span], note))
    return shows, contradicts


def _qualifier_name(qualifier: str, lexicon: Lexicon) -> str:
    special = {"#number": "a figure", "#size": "a size", "#rate": "a rate", "#throughput": "a throughput"}
    return special.get(qualifier, "a duration" if qualifier == "#duration" else lexicon.name(qualifier.strip()))


def _grade_checkpoints(rubric: Rubric, texts: dict[int, StepText], lexicon: Lexicon) -> dict[str, CheckpointResult]:
    found = {}
    for checkpoint in rubric.checkpoints:
        shows, contradicts = [], []
        for step in STEPS:
            more_shows, more_contradicts = _evidence(checkpoint, texts[step], lexicon)
            shows += more_shows
            contradicts += more_contradicts
        shows.sort(key=lambda e: e.rank(checkpoint.step))
        contradicts.sort(key=lambda e: (e.step != checkpoint.step, e.step, e.sentence))
        found[checkpoint.key] = (checkpoint, shows, contradicts)
    load: dict[tuple[int, int], int] = {}
    results = {}
    # Heavier checkpoints claim a sentence first; the rubric's order breaks ties.
    order = sorted(rubric.checkpoints, key=lambda c: -c.weight)
    for checkpoint in order:
        _, shows, contradicts = found[checkpoint.key]
        chosen = None
        for evidence in shows:
            if evidence.state == "met":
                if load.get((evidence.step, evidence.sentence), 0) >= SENTENCE_CAPACITY:
                    continue
                load[(evidence.step, evidence.sentence)] = load.get((evidence.step, evidence.sentence), 0) + 1
            chosen = evidence
            break
        if chosen is None and shows:
            chosen = _Evidence("named", shows[0].step, shows[0].sentence, shows[0].spans, "its sentence carries others")
        if (chosen is None or chosen.state != "met") and contradicts:
            chosen = contradicts[0]
        results[checkpoint.key] = _result(checkpoint, chosen, texts)
    return results


def _result(checkpoint: Checkpoint, evidence: _Evidence | None, texts: dict[int, StepText]) -> CheckpointResult:
    result = CheckpointResult(
        checkpoint.key, checkpoint.step, checkpoint.label, checkpoint.weight, checkpoint.level, "missed",
        explanation=checkpoint.explanation, example=checkpoint.example,
    )  # fmt: skip
    if evidence is None:
        return result
    result.state, result.note = evidence.state, evidence.note
    result.credit = CREDIT[evidence.state]
    result.found_in = evidence.step if evidence.step != checkpoint.step else 0
    result.sentence = texts[evidence.step].prose.sentence_text(evidence.sentence)
    result.spans = [Span(s.step, s.start, s.end, evidence.state) for s in evidence.spans]
    return result


# The whole report ---------------------------------------------------------------------------


def _level(results: list[CheckpointResult]) -> str:
    reached = ""
    for index, level in enumerate(LEVELS):
        expected = [r for r in results if LEVELS.index(r.level) <= index]
        possible = sum(r.weight for r in expected)
        if not possible or sum(r.weight * r.credit for r in expected) < LEVEL_REACHED * possible:
            break
        reached = level
    return reached


def grade(answers: dict[int, str], rubric: Rubric, lexicon: Lexicon) -> Report:
    """Grade an answer (step number -> text) against a rubric."""
    texts = {step: _read_step(step, answers.get(step, "") or "", lexicon) for step in STEPS}
    checkpoints = _grade_checkpoints(rubric, texts, lexicon)
    answer_numbers = [found for step in STEPS for found in texts[step].numbers]
    from_prompt = given_values(rubric.givens)
    estimates = [
        judge(e, list(rubric.givens), answer_numbers, from_prompt=from_prompt, rivals=rival_words(e, rubric.estimates))
        for e in rubric.estimates
    ]
    steps = []
    for step in STEPS:
        report = StepReport(step, 0.0, 0.0)
        report.checkpoints = [checkpoints[c.key] for c in rubric.checkpoints if c.step == step]
        report.numbers = [e for e in estimates if e.step == step]
        report.possible = sum(c.weight for c in report.checkpoints) + sum(n.weight for n in report.numbers)
        report.earned = sum(c.weight * c.credit for c in report.checkpoints) + sum(
            n.weight * n.credit for n in report.numbers
        )
        report.level = _level(report.checkpoints)
        steps.append(report)
    earned = sum(s.earned for s in steps)
    possible = sum(s.possible for s in steps)
    score = round(100 * earned / possible) if possible else 0
    return Report(ENGINE_VERSION, score, earned, possible, band(score), steps, lexicon.digest)


def highlight_spans(report: Report) -> dict[int, list[Span]]:
    """Per step, the spans to highlight in the learner's text: checkpoints and numbers."""
    spans: dict[int, list[Span]] = {}
    for step in report.steps:
        for checkpoint in step.checkpoints:
            for span in checkpoint.spans:
                spans.setdefault(span.step, []).append(span)
        for number in step.numbers:
            if number.start >= 0 and number.found_step:
                spans.setdefault(number.found_step, []).append(
                    Span(number.found_step, number.start, number.end, f"number-{number.verdict}")
                )
    for items in spans.values():
        items.sort(key=lambda s: (s.start, -s.end))
    return spans


__all__ = [
    "ENGINE_VERSION",
    "Checkpoint",
    "CheckpointResult",
    "Estimate",
    "EstimateResult",
    "Given",
    "InputUse",
    "Report",
    "Rubric",
    "Span",
    "StepReport",
    "grade",
    "highlight_spans",
]
