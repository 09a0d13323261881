"""Whether a sentence takes a concept on, turns it down, or puts it off.

Judged on the clause that holds the concept: "we do not use a queue", "without a cache",
"read replicas are not needed", "instead of polling" and "politeness doesn't matter" turn a
concept down; a negation elsewhere in the sentence does not ("if not, shard by hash"; "when
one node is not enough, shard"). "Later", "if needed" and "not needed until" put it off.
Failure modes (hot spots, a single point of failure) are exempt: avoiding one is handling it.
"""

from __future__ import annotations

from enum import StrEnum

from questions.engine.lexicon import Lexicon, Mention
from questions.engine.prose import Prose, Word
from questions.engine.text import FILLER, key_set, keys


class Stance(StrEnum):
    TAKEN = "taken"
    REJECTED = "rejected"
    DEFERRED = "deferred"


NEGATIONS = key_set("no not never without nor neither none")
REJECTING_VERBS = key_set(
    "avoid avoids avoiding skip skipping skips ignore ignores ignoring forgo forgoing eschew drop"
)
REJECTING_PHRASES = tuple(
    keys(p)
    for p in ("rather than", "instead of", "no need", "get rid of", "do away with", "simpler than", "preferable to",
              "better than")
)  # fmt: skip
# "X would only introduce stale reads", "X would add another cluster to run": an argument against X.
_WOULD_ONLY = key_set("only just merely introduce")
_WOULD_ADD = key_set("add adds")
_ADVERBS = key_set("only just merely also")
_COSTS = key_set("complexity complication cost costs latency overhead another extra operational burden")
# After a negation, these words take it: "not enough", "not only", "not always".
ABSORBERS = key_set(
    "enough sufficient sufficiently only just always all every necessarily possible feasible big large fast "
    "much many quite exactly immediately instantly strictly very too the"
)
# Words a negation skips on its way to the concept: "do not need a", "never use any".
_BRIDGE = key_set(
    "do does did is are was were be been will would should can could need needs needed require requires use "
    "uses using used want add adding have has any a an the we our it this that they separate dedicated extra "
    "second single central global shared another bother introduce introducing run running deploy deploying "
    "rely relying on depend keep keeping build building store storing put "
    "complexity cost overhead hassle burden of million billion thousand thousands hundreds few several"
)
AFTER_NEGATION = key_set(
    "need needed required require necessary support supported matter matters use used help worth justified "
    "warranted important relevant applicable apply want wanted care bother"
)
DISMISSIVE = key_set("unnecessary overkill unneeded superfluous irrelevant pointless")
# "X is skipped", "X can be ignored": these need the "be" before them ("clicks skip the service" is not one).
PASSIVE_DISMISSIVE = key_set("ignored skipped dropped omitted")
_BE = key_set("is are was were be been being")
_WOULD = keys("would")[0]
DEFERRING = tuple(
    keys(p)
    for p in (
        "later", "eventually", "in the future", "future", "down the road", "if needed", "when needed", "as needed",
        "if necessary", "when necessary", "if required", "when required", "at some point", "someday", "v2",
        "phase 2", "next phase", "not yet", "until",
    )
)  # fmt: skip
_COORDINATION = key_set("or nor and a an the any")
_OR = key_set("or nor")
_SCOPE = 6  # words between a negation and the concept it turns down


def _phrase_at(words: list[Word], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(w.key for w in words[i : i + len(phrase)]) == phrase


def _is_negation(word: Word) -> bool:
    return word.negative or word.key in NEGATIONS


def _cues_before(words: list[Word], first: int, clause: int) -> bool:
    """A rejecting cue in the same clause before word `first`, close enough to reach it."""
    i = first - 1
    steps = 0
    while i >= 0 and words[i].clause == clause and steps <= _SCOPE:
        word = words[i]
        if word.key in REJECTING_VERBS:
            return True
        if any(_phrase_at(words, i - len(p) + 1, p) for p in REJECTING_PHRASES if i - len(p) + 1 >= 0):
            return True
        if _is_negation(word):
            following = words[i + 1] if i + 1 < len(words) else None
            return not (following and following.key in ABSORBERS and following.index < first)
        if word.key in _OR and i == first - 1 and i >= 1:
            i -= 2  # "no robots or DNS cache": the negation reaches past the other item of the pair
            steps += 2
            continue
        if word.key not in _BRIDGE and word.key not in FILLER and not word.key.isdigit():
            return False  # another idea stands between: "not lose data when the cache fails"
        i -= 1
        steps += 1
    return False


def _cues_after(words: list[Word], last: int, clause: int) -> bool:
    """'X is not needed', 'X doesn't matter', 'X would be overkill' in the same clause."""
    for i in range(last + 1, min(len(words), last + 1 + _SCOPE)):
        word = words[i]
        if word.clause != clause:
            return False
        if word.key in DISMISSIVE:
            return True
        if word.key in PASSIVE_DISMISSIVE and i > last + 1 and words[i - 1].key in _BE:
            return True
        # "chunking adds a lot of complexity for little benefit": its cost is the point made
        adds = word.key in _WOULD_ADD and (i == last + 1 or words[i - 1].key in _ADVERBS)
        if adds and any(w.key in _COSTS for w in words[i + 1 : i + 6] if w.clause == clause):
            return True
        if word.key == _WOULD and i + 1 < len(words) and words[i + 1].clause == clause:
            following = words[i + 1]
            if following.key in _WOULD_ONLY:
                return True
            if following.key in _WOULD_ADD and any(w.key in _COSTS for w in words[i + 2 : i + 5] if w.clause == clause):
                return True
        if _is_negation(word):
            ahead = words[i + 1 : i + 4]
            return any(w.key in AFTER_NEGATION and w.clause == clause for w in ahead)
    return False


def _deferred(prose: Prose, mention: Mention, clause_words: list[Word]) -> bool:
    opening = prose.sentences[mention.sentence].words[:2]
    for group in (clause_words, opening):  # the clause, or a sentence that opens "Later, ..."
        for i in range(len(group)):
            if any(_phrase_at(group, i, p) for p in DEFERRING):
                return True
    return False


def stances(prose: Prose, mentions: list[Mention], lexicon: Lexicon) -> list[Stance]:
    """The stance the text takes on each mention, in the same order."""
    words = prose.words
    clause_words: dict[int, list[Word]] = {}
    for word in words:
        clause_words.setdefault(word.clause, []).append(word)
    named = {i for m in mentions for i in range(m.first, m.last + 1)}
    by_clause: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_clause.setdefault(mention.clause, []).append(mention)
    rejected_clauses: set[int] = set()
    result: list[Stance] = []
    for mention in mentions:
        if lexicon.is_problem(mention.named):
            result.append(Stance.TAKEN)
            continue
        rejected = (
            _cues_before(words, mention.first, mention.clause)
            or _cues_after(words, mention.last, mention.clause)
            or _coordinated(words, mention, by_clause[mention.clause], rejected_clauses)
            or _list_goes_on(words, mention, clause_words, named, rejected_clauses)
        )
        if rejected:
            rejected_clauses.add(mention.clause)
        deferred = _deferred(prose, mention, clause_words[mention.clause])
        if deferred:
            result.append(Stance.DEFERRED)
        elif rejected:
            result.append(Stance.REJECTED)
        else:
            result.append(Stance.TAKEN)
    return result


def _coordinated(words: list[Word], mention: Mention, same_clause: list[Mention], rejected: set[int]) -> bool:
    """'we don't use a cache or a queue': the queue shares the cache's fate."""
    if mention.clause not in rejected:
        return False
    earlier = [m for m in same_clause if m.last < mention.first]
    if not earlier:
        return False
    return all(w.key in _COORDINATION for w in words[earlier[-1].last + 1 : mention.first])


def _list_goes_on(
    words: list[Word], mention: Mention, clause_words: dict[int, list[Word]], named: set[int], rejected: set[int]
) -> bool:
    """'We need no queue, a cache or replicas for this': a list after a rejection carries it on."""
    previous = mention.clause - 1
    if previous not in rejected or previous not in clause_words:
        return False
    if clause_words[previous][0].sentence != mention.sentence:
        return False
    leading = [w for w in clause_words[mention.clause] if w.index < mention.first]
    return all(w.index in named or w.key in _COORDINATION for w in leading)
