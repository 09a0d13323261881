"""The domain lexicon: each concept with every name it goes by, and finding them in prose.

A concept has terms (matched by word key, so plurals, verb forms and British spellings agree;
"fan-out", "fan out" and "fanout" are one), products (Redis, Kafka, S3: case does not matter)
and exact names (abbreviations and names that are also ordinary words, matched only as
written: "LB", "Spark"). A mention of a concept is also a mention of every broader concept
("Redis" is a memory cache, which is a cache).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from questions.engine.prose import CLAUSE_WORDS, Prose, Word
from questions.engine.text import WORD, keys, word_key


@dataclass(frozen=True)
class Concept:
    id: str
    name: str
    terms: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    problem: bool = False  # a failure mode: "avoid hot spots" still shows the writer handles hot spots


@dataclass(frozen=True)
class Mention:
    concept: str  # the concept named (or a broader one it implies)
    start: int
    end: int
    first: int  # index of its first and last word in the step's words
    last: int
    sentence: int
    clause: int
    named: str  # the concept actually written, before broadening


@dataclass
class Lexicon:
    concepts: dict[str, Concept]
    _by_first: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict, repr=False)
    _exact: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict, repr=False)
    _ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    digest: str = ""

    @classmethod
    def build(cls, concepts: Iterable[Concept]) -> Lexicon:
        by_id = {c.id: c for c in sorted(concepts, key=lambda c: c.id)}
        lexicon = cls(by_id)
        for concept in by_id.values():
            for name in (*concept.terms, *concept.products):
                for variant in _variants(name):
                    lexicon._by_first.setdefault(variant[0], []).append((variant, concept.id))
            for name in concept.exact:
                words = tuple(m.group(0) for m in WORD.finditer(name))
                if words:
                    lexicon._exact.setdefault(words[0], []).append((words, concept.id))
        for table in (lexicon._by_first, lexicon._exact):
            for entries in table.values():
                entries.sort(key=lambda entry: (-len(entry[0]), entry[1]))
        lexicon._ancestors = {cid: _ancestors(by_id, cid) for cid in by_id}
        lexicon.digest = hashlib.sha256(
            json.dumps([[c.id, c.terms, c.products, c.exact, c.broader, c.problem] for c in by_id.values()]).encode()
        ).hexdigest()[:12]
        return lexicon

    def owners(self, name: str, *, exact: bool = False) -> set[str]:
        """The concepts that already have `name`, or a name that reads like it once stemmed."""
        if exact:
            words = tuple(m.group(0) for m in WORD.finditer(name))
            return {cid for variant, cid in self._exact.get(words[0], []) if variant == words} if words else set()
        found = set()
        for variant in _variants(name):
            found |= {cid for other, cid in self._by_first.get(variant[0], []) if other == variant}
        return found

    def clashes(self) -> list[tuple[str, str, str]]:
        """Names of two concepts that read alike once stemmed ("generate ids", "generator ID"):
        (the words as read, one concept, the other); the matcher could only ever see one of them."""
        found = []
        for entries in self._by_first.values():
            owners: dict[tuple[str, ...], str] = {}
            for variant, concept_id in entries:
                owner = owners.setdefault(variant, concept_id)
                if owner != concept_id:
                    found.append((" ".join(variant), owner, concept_id))
        return sorted(set(found))

    def name(self, concept_id: str) -> str:
        concept = self.concepts.get(concept_id)
        return concept.name if concept else concept_id

    def is_problem(self, concept_id: str) -> bool:
        concept = self.concepts.get(concept_id)
        return bool(concept and concept.problem)

    def covers(self, concept_id: str) -> tuple[str, ...]:
        """The concept and every broader one."""
        return self._ancestors.get(concept_id, (concept_id,))

    def mentions(self, prose: Prose) -> list[Mention]:
        """Every concept named in the prose, longest name first, no two sharing a word."""
        words = prose.words
        found: list[Mention] = []
        i = 0
        while i < len(words):
            match = self._match_at(words, i)
            if match is None:
                i += 1
                continue
            size, concept_id = match
            first, last = words[i], words[i + size - 1]
            for covered in self.covers(concept_id):
                found.append(
                    Mention(covered, first.start, last.end, i, i + size - 1, first.sentence, first.clause, concept_id)
                )
            i += size
        return found

    def _match_at(self, words: list[Word], i: int) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        text = words[i].text
        exact = self._exact.get(text, []) + (self._exact.get(text[:-1], []) if text.endswith("s") else [])
        exact.sort(key=lambda entry: (-len(entry[0]), entry[1]))
        for entries, attribute in ((exact, "text"), (self._by_first.get(words[i].key, []), "key")):
            for variant, concept_id in entries:
                size = len(variant)
                if best is not None and size <= best[0]:
                    break
                window = words[i : i + size]
                if (
                    len(window) == size
                    and all(_same(getattr(w, attribute), v, attribute) for w, v in zip(window, variant, strict=True))
                    and _one_clause(window)
                ):
                    best = (size, concept_id)
                    break
        return best


def _one_clause(window: list[Word]) -> bool:
    """A name never spans punctuation; it may hold a word that would start a clause ("changes since")."""
    for before, word in itertools.pairwise(window):
        if word.clause != before.clause and not (word.key in CLAUSE_WORDS and word.clause == before.clause + 1):
            return False
    return True


def _same(written: str, name: str, attribute: str) -> bool:
    # An exact name also matches its plural as written ("LBs", "CDNs").
    return written == name or (attribute == "text" and written == name + "s")


def _variants(name: str) -> set[tuple[str, ...]]:
    """A name's word keys, and the same words joined ("fan out" -> "fanout")."""
    parts = keys(name.replace("-", " "))
    if not parts:
        return set()
    variants = {parts}
    raw = [m.group(0).replace("'", "").replace("\u2019", "") for m in WORD.finditer(name.replace("-", " "))]
    if 1 < len(raw) <= 3:
        variants.add((word_key("".join(raw)),))
    return variants


def _ancestors(concepts: dict[str, Concept], start: str) -> tuple[str, ...]:
    order, seen, stack = [], set(), [start]
    while stack:
        current = stack.pop(0)
        if current in seen or current not in concepts:
            continue
        seen.add(current)
        order.append(current)
        stack.extend(concepts[current].broader)
    return tuple(order) or (start,)
