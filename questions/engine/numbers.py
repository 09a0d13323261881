"""Quantities in prose: "40/s", "~400 reads per second", "4e7", "1.2 million", "12.7 GB",
"2 PB/month", "450GB in 3 years". Each becomes a value in base units (bytes, per second)
with a kind: count, size, rate (per second) or throughput (bytes per second)."""

from __future__ import annotations

import re
from dataclasses import dataclass

SECONDS = {
    "s": 1, "sec": 1, "second": 1, "seconds": 1, "secs": 1,
    "m": 60, "min": 60, "minute": 60, "minutes": 60, "mins": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86_400, "day": 86_400, "days": 86_400,
    "week": 604_800, "weeks": 604_800, "wk": 604_800,
    "mo": 2_592_000, "month": 2_592_000, "months": 2_592_000,
    "y": 31_536_000, "yr": 31_536_000, "year": 31_536_000, "years": 31_536_000,
}  # fmt: skip
BYTES = {
    "b": 1, "byte": 1, "bytes": 1,
    "kb": 10**3, "kilobyte": 10**3, "kilobytes": 10**3, "kib": 2**10,
    "mb": 10**6, "megabyte": 10**6, "megabytes": 10**6, "mib": 2**20,
    "gb": 10**9, "gigabyte": 10**9, "gigabytes": 10**9, "gib": 2**30,
    "tb": 10**12, "terabyte": 10**12, "terabytes": 10**12, "tib": 2**40,
    "pb": 10**15, "petabyte": 10**15, "petabytes": 10**15, "pib": 2**50,
    "eb": 10**18, "exabyte": 10**18, "exabytes": 10**18, "eib": 2**60,
}  # fmt: skip
MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "t": 1e12, "trillion": 1e12,
}  # fmt: skip
# Shorthand rates: "400 qps", "2k rps".
RATE_WORDS = {"qps", "rps", "tps", "ops", "iops"}

_NUMBER = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s*(?:[eE](?P<exp>[+-]?\d+)|[x\u00d7*]\s*10\s*\^\s*(?P<exp2>[+-]?\d+)))?"
)
_MULT = re.compile(r"\s*(?P<mult>thousand|millions?|billions?|trillion|bn|mn|mm)\b|(?P<glued>[kKmMbBtT])(?![a-zA-Z])")
_UNIT = re.compile(
    r"\s*(?P<unit>[kmgtpe]i?b|bytes?|kilobytes?|megabytes?|gigabytes?|terabytes?|petabytes?|exabytes?|b)(?![a-z])",
    re.IGNORECASE,
)
_PER = re.compile(
    r"(?:\s*[a-z][a-z\-']*){0,3}?"  # up to three words: "reads", "new pastes", "req"
    r"\s*(?:/|\bper\b|\ban?\b|\beach\b|\bevery\b)\s*(?P<period>s|sec|secs|seconds?|m|mins?|minutes?|h|hr|hrs|"
    r"hours?|d|days?|wk|weeks?|mo|months?|y|yr|years?)\b",
    re.IGNORECASE,
)
_RATE_WORD = re.compile(r"\s*(?P<word>qps|rps|tps|ops|iops)\b", re.IGNORECASE)
_DURATION = re.compile(r"\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|ms|µs|us|ns)\b")


@dataclass(frozen=True)
class Quantity:
    value: float  # in base units: items, bytes, items per second, bytes per second
    kind: str  # "count" | "size" | "rate" | "throughput"
    start: int
    end: int
    text: str


def _number(match: re.Match[str]) -> float:
    value = float(match.group("number").replace(",", ""))
    exponent = match.group("exp") or match.group("exp2")
    return value * 10 ** int(exponent) if exponent else value


def parse_quantities(text: str) -> list[Quantity]:
    found = []
    for match in _NUMBER.finditer(text):
        value, position = _number(match), match.end()
        # A multiplier word ("1.2 million") or letter glued to the digits ("5M", "4B", "2k").
        mult = _MULT.match(text, position)
        if mult and (mult.group("mult") or mult.group("glued")):
            value *= MULTIPLIERS[(mult.group("mult") or mult.group("glued")).lower()]
            position = mult.end()
        unit = _UNIT.match(text, position)
        if unit:
            size = value * BYTES[unit.group("unit").lower()]
            per = _PER.match(text, unit.end())
            if per and per.end() - unit.end() <= 40:
                period = SECONDS[per.group("period").lower()]
                found.append(_quantity(text, match.start(), per.end(), size / period, "throughput"))
            else:
                found.append(_quantity(text, match.start(), unit.end(), size, "size"))
            continue
        if _DURATION.match(text, position):
            continue  # "10 years", "200 ms": a duration, not an estimate
        rate_word = _RATE_WORD.match(text, position)
        if rate_word:
            found.append(_quantity(text, match.start(), rate_word.end(), value, "rate"))
            continue
        per = _PER.match(text, position)
        if per:
            period = SECONDS[per.group("period").lower()]
            found.append(_quantity(text, match.start(), per.end(), value / period, "rate"))
            continue
        found.append(_quantity(text, match.start(), position, value, "count"))
    return found


def _quantity(text: str, start: int, end: int, value: float, kind: str) -> Quantity:
    return Quantity(value, kind, start, end, text[start:end].strip())


def parse_reference(value: float, unit: str) -> Quantity:
    """A rubric's number, e.g. (4, "req/s") or (3.6, "TB") or (2, "PB/month"), in base units."""
    text = f"{value!r} {unit}".strip()
    quantities = parse_quantities(text)
    if len(quantities) != 1 or quantities[0].end < len(text):
        raise ValueError(f"unit {unit!r} is not understood (use '', 'req/s', 'GB', 'TB/month', ...)")
    return quantities[0]
