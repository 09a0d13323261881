"""Words as the engine compares them: one spelling (British and American agree), one stem.

Both sides of every comparison, the lexicon's names and the learner's answer, go through
`word_key`, so a rule here can never make one side match and the other not.
"""

from __future__ import annotations

import re
from functools import cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")

# A word: letters or digits, with an apostrophe part ("don't", "user's") kept together.
WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")

_SPELLINGS = {
    "cancelled": "canceled", "cancelling": "canceling", "labelled": "labeled", "labelling": "labeling",
    "modelled": "modeled", "modelling": "modeling", "travelled": "traveled", "travelling": "traveling",
    "signalled": "signaled", "signalling": "signaling", "channelled": "channeled", "queueing": "queuing",
    "defence": "defense", "licence": "license", "offence": "offense", "grey": "gray", "programme": "program",
}  # fmt: skip
_ENDINGS = (
    (re.compile(r"(?<=\w{3})isation(s?)$"), r"ization\1"),
    (re.compile(r"(?<=\w{3})is(e|ed|es|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w{2})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w{3})our(s?)$"), r"or\1"),
    (re.compile(r"(?<=\w{2})tre(s?)$"), r"ter\1"),
    (re.compile(r"(?<=\w{3})ogue(s?)$"), r"og\1"),
)


@cache
def word_key(word: str) -> str:
    """The comparable form of one word: lower case, American spelling, Snowball stem."""
    word = word.lower().replace("\u2019", "'")
    if "'" in word:
        word = word.split("'", 1)[0]
    word = _SPELLINGS.get(word, word)
    if len(word) >= 6:
        for pattern, replacement in _ENDINGS:
            word, changed = pattern.subn(replacement, word)
            if changed:
                break
    return _STEMMER.stemWord(word)


def is_negative_contraction(word: str) -> bool:
    return word.lower().replace("\u2019", "'").endswith("n't")


def keys(text: str) -> tuple[str, ...]:
    """The word keys of a short phrase, e.g. a lexicon name."""
    return tuple(word_key(match.group(0)) for match in WORD.finditer(text))


def key_set(words: str) -> frozenset[str]:
    """The word keys of a whitespace-separated list of words."""
    return frozenset(word_key(word) for word in words.split())


# Words that carry no idea of their own: they do not make a sentence an explanation.
FILLER = key_set("""
a an the this that these those it its it's we our us you your they their them i me my he she his her
is are was were be been being am do does did doing have has had having will would shall should can could
may might must and or nor but if then than so as of to in on at by for with from into onto over under
about up down out off via per each every all any some no not just also only very really too more most much
many such same other another both either neither there here where when which who whom whose what how why
use uses used using add adds added adding need needs needed get gets got put puts make makes made let lets
go goes going etc e g i e vs like one two thing things way ways lot lots well yes ok okay simply basically
don doesn isn aren won wasn weren didn shouldn couldn wouldn hasn haven can't
""")
