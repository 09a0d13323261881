"""Turning prose into comparable tokens: case, punctuation, hyphens, stems, synonyms, negation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_SENTENCE_BREAK = re.compile(r"[.!?;](?=\s|$)|\n\s*\n|\n\s*[-*+]\s|\n\s*\d+\.\s|\n#+\s|\|")

# Words that, just before a phrase in the same sentence, mean the writer rejects it.
NEGATIONS = frozenset({"no", "not", "without", "never", "none", "nor", "neither"})
NEGATION_WINDOW = 3

# Each canonical term with the other ways people write it. Matching happens after stemming,
# so plurals and verb forms need no entry of their own.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "load balancer": ("lb", "elb", "alb", "nlb", "load balancing"),
    "memory cache": ("redis", "memcached", "memcache", "in memory cache", "elasticache", "cache cluster"),
    "object store": ("s3", "object storage", "blob store", "blob storage", "gcs", "azure blob"),
    "sql database": (
        "rdbms", "relational database", "relational db", "sql db", "mysql", "postgres", "postgresql", "rds", "aurora",
    ),
    "nosql database": ("nosql", "nosql db", "non relational database"),
    "key value store": ("kv store", "key value database", "dynamodb", "key value db"),
    "content delivery network": ("cdn", "cloudfront", "edge cache"),
    "message queue": ("mq", "kafka", "sqs", "rabbitmq", "queue", "message broker", "pub sub", "pubsub"),
    "database": ("db",),
    # Not "follower": it stems to "follow", which social-network answers use for something else.
    "read replica": ("read replicas", "follower replica", "follower node", "slave", "replica"),
    "primary database": ("master", "leader", "primary db", "master database", "leader database"),
    "request per second": ("rps", "qps", "queries per second", "requests per sec", "req s", "req sec"),
    "time to live": ("ttl",),
    "api gateway": ("gateway",),
    "web socket": ("websocket", "websockets", "ws"),
    "consistent hash": ("hash ring", "consistent hashing"),
    "uuid": ("guid",),
    "autoscal": ("auto scaling", "autoscaling", "auto scale", "autoscale", "auto scaling group", "asg"),
}  # fmt: skip


@dataclass(frozen=True)
class Token:
    stem: str
    start: int  # character offsets in the original text
    end: int
    sentence: int
    negation: bool


def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def _raw_tokens(text: str) -> list[Token]:
    breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)]
    tokens, sentence, next_break = [], 0, 0
    for match in _TOKEN.finditer(text.replace("\u2019", "'")):
        while next_break < len(breaks) and breaks[next_break] < match.start():
            sentence += 1
            next_break += 1
        word = match.group(0).lower()
        negation = word in NEGATIONS or word.endswith("n't")
        if "'" in word:
            word = word.split("'")[0]
        tokens.append(Token(_stem(word), match.start(), match.end(), sentence, negation))
    return tokens


@cache
def _synonym_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    table = {}
    for canonical, variants in SYNONYMS.items():
        target = tuple(token.stem for token in _raw_tokens(canonical))
        for variant in (canonical, *variants):
            table[tuple(token.stem for token in _raw_tokens(variant))] = target
    return table


@cache
def _longest_variant() -> int:
    return max(len(key) for key in _synonym_table())


def normalise(text: str) -> list[Token]:
    """Tokens with stems, synonyms replaced by their canonical words (keeping the original span)."""
    raw = _raw_tokens(text)
    table, longest = _synonym_table(), _longest_variant()
    out: list[Token] = []
    i = 0
    while i < len(raw):
        for size in range(min(longest, len(raw) - i), 0, -1):
            window = raw[i : i + size]
            if len({t.sentence for t in window}) > 1:
                continue
            target = table.get(tuple(t.stem for t in window))
            if target is not None:
                first, last = window[0], window[-1]
                out.extend(Token(stem, first.start, last.end, first.sentence, False) for stem in target)
                i += size
                break
        else:
            out.append(raw[i])
            i += 1
    return out


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    sentence: int


def phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(token.stem for token in normalise(phrase))


def find_phrase(tokens: list[Token], stems: tuple[str, ...]) -> Match | None:
    """The first occurrence of `stems` in `tokens` that is not negated, or None."""
    if not stems:
        return None
    size = len(stems)
    for i in range(len(tokens) - size + 1):
        if tokens[i].stem != stems[0]:
            continue
        window = tokens[i : i + size]
        if tuple(t.stem for t in window) != stems or len({t.sentence for t in window}) > 1:
            continue
        if _negated(tokens, i):
            continue
        return Match(window[0].start, window[-1].end, window[0].sentence)
    return None


def _negated(tokens: list[Token], index: int) -> bool:
    sentence = tokens[index].sentence
    for j in range(max(0, index - NEGATION_WINDOW), index):
        if tokens[j].sentence == sentence and tokens[j].negation:
            return True
    return False


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or list item, or line) of `text` holding the span, trimmed."""
    left = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n", "; ", "|"))
    stops = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n", "; ", "|")) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    return text[left + 1 if left >= 0 else 0 : right].strip(" \t|-*#")
