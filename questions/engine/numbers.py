"""Quantities in prose: "40/s", "~400 reads per second", "4e7", "1.2 million", "12.7 GB",
"2 PB/month", "100 Mbps", "10 years", "20%". Each becomes a value in base units (items,
bytes, seconds) with its dimensions: bytes to the power b and seconds to the power s, so a
rate is (0, -1), a size (1, 0), a throughput (1, -1) and a duration (0, 1).

Megabits are not megabytes: "Mb", "Mbps", "Mbit/s" and "megabits" are bits (an eighth of a
byte); "MB", "mb" and "megabytes" are bytes.
"""

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
    "y": 31_536_000, "yr": 31_536_000, "yrs": 31_536_000, "year": 31_536_000, "years": 31_536_000,
}  # fmt: skip
_PREFIX = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12, "p": 10**15, "e": 10**18}
_BINARY = {"ki": 2**10, "mi": 2**20, "gi": 2**30, "ti": 2**40, "pi": 2**50, "ei": 2**60}
_BYTE_WORDS = {
    "byte": 1, "kilobyte": 10**3, "megabyte": 10**6, "gigabyte": 10**9, "terabyte": 10**12,
    "petabyte": 10**15, "exabyte": 10**18,
}  # fmt: skip
_BIT_WORDS = {"bit": 1, "kilobit": 10**3, "megabit": 10**6, "gigabit": 10**9, "terabit": 10**12}
MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "t": 1e12, "trillion": 1e12, "trillions": 1e12,
}  # fmt: skip
DURATIONS = {
    "ms": 0.001, "millisecond": 0.001, "milliseconds": 0.001, "us": 1e-6, "\u00b5s": 1e-6, "microsecond": 1e-6,
    "microseconds": 1e-6, "ns": 1e-9, "nanosecond": 1e-9, "nanoseconds": 1e-9,
}  # fmt: skip

_NUMBER = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s*(?:[eE](?P<exp>[+-]?\d+)(?![\w])|[x\u00d7*]\s*10\s*\^\s*(?P<exp2>[+-]?\d+)))?"
)
_MULT = re.compile(r"\s*(?P<mult>thousand|millions?|billions?|trillions?|bn|mn|mm)\b|(?P<glued>[kKmMbBtT])(?![a-zA-Z])")
# Bits, as engineers write them: 100 Mbps, 1 Gbit/s, 10 Mb/s, 2 megabits. Case matters for "Mb".
_BITS = re.compile(
    r"\s*(?:(?P<prefix>[kKMGTP])(?:(?P<persecond>bps|bit/s|b/s)|bits?)(?![a-zA-Z])"
    r"|(?P<cased>[MGTP])b(?![a-zA-Z])"
    r"|(?P<plain>bps)(?![a-zA-Z])"
    r"|(?P<word>(?:kilo|mega|giga|tera)?bits?)(?![a-zA-Z])(?P<wordpersecond>\s*(?:/\s*s(?:ec)?|per second)\b)?)"
)
_BYTES = re.compile(
    r"\s*(?P<unit>(?P<binary>[kKmMgGtTpPeE]i)B|(?P<prefix>[kKmMgGtTpPeE])B|[kK]b|[mgtpe]b|B|bytes?|"
    r"(?:kilo|mega|giga|tera|peta|exa)bytes?)(?![a-zA-Z])"
)
_PER = re.compile(
    r"(?:\s*[a-z][a-z\-']*){0,3}?"  # up to three words: "reads", "new pastes", "req"
    r"\s*(?:/|\bper\b|\ban?\b|\beach\b|\bevery\b)\s*(?P<period>s|sec|secs|seconds?|m|mins?|minutes?|h|hr|hrs|"
    r"hours?|d|days?|wk|weeks?|mo|months?|y|yr|yrs|years?)\b",
    re.IGNORECASE,
)
_RATE_WORD = re.compile(r"\s*(?P<word>qps|rps|tps|ops|iops)\b", re.IGNORECASE)
_DURATION = re.compile(
    r"\s*(?P<unit>milliseconds?|microseconds?|nanoseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?"
    r"|months?|years?|yrs?|ms|\u00b5s|us|ns)\b"
)
_PERCENT = re.compile(r"\s*(?:%|percent\b|per cent\b)")

KINDS = {(0, 0): "count", (1, 0): "size", (0, -1): "rate", (1, -1): "throughput", (0, 1): "duration"}


@dataclass(frozen=True)
class Quantity:
    value: float  # in base units: items, bytes, seconds, items per second, bytes per second
    dims: tuple[int, int]  # powers of bytes and seconds
    start: int
    end: int
    text: str
    period: float = 0  # seconds of the "per ..." it was written with (0: none)

    @property
    def kind(self) -> str:
        return KINDS.get(self.dims, "other")

    @property
    def written(self) -> float:
        """The value before dividing by its period: "10 million a month" -> 10 million."""
        return self.value * self.period if self.period else self.value


def _number(match: re.Match[str]) -> float:
    value = float(match.group("number").replace(",", ""))
    exponent = match.group("exp") or match.group("exp2")
    return value * 10 ** int(exponent) if exponent else value


def _bits(match: re.Match[str]) -> float:
    if match.group("prefix"):
        return _PREFIX[match.group("prefix").lower()] / 8
    if match.group("cased"):
        return _PREFIX[match.group("cased").lower()] / 8
    if match.group("plain"):
        return 1 / 8
    word = match.group("word").lower().rstrip("s")
    return _BIT_WORDS[word] / 8


def _bytes(match: re.Match[str]) -> float:
    unit = match.group("unit")
    if match.group("binary"):
        return _BINARY[match.group("binary").lower()]
    if match.group("prefix"):
        return _PREFIX[match.group("prefix").lower()]
    lower = unit.lower()
    if lower in ("b", "byte", "bytes"):
        return 1
    if len(lower) == 2:
        return _PREFIX[lower[0]]
    return _BYTE_WORDS[lower.rstrip("s")]


def parse_quantities(text: str) -> list[Quantity]:
    found = []
    for match in _NUMBER.finditer(text):
        value, position = _number(match), match.end()
        mult = _MULT.match(text, position)
        if mult and (mult.group("mult") or mult.group("glued")):
            glued = mult.group("glued")
            # "5MB" or "5Mbps" is a unit, not "5 million bytes": leave a letter that starts one.
            unit = glued and (_BYTES.match(text, mult.start()) or _BITS.match(text, mult.start()))
            if not (unit and unit.end() - unit.start() >= 2):
                value *= MULTIPLIERS[(mult.group("mult") or glued).lower()]
                position = mult.end()
        found.append(_read_unit(text, match.start(), position, value))
    return [q for q in found if q is not None]


def _read_unit(text: str, start: int, position: int, value: float) -> Quantity | None:
    bits = _BITS.match(text, position)
    size_unit = bits if bits else _BYTES.match(text, position)
    if size_unit:
        size = value * (_bits(bits) if bits else _bytes(size_unit))
        end = size_unit.end()
        if bits and (bits.group("persecond") or bits.group("plain") or bits.group("wordpersecond")):
            return _quantity(text, start, end, size, (1, -1), 1)
        per = _PER.match(text, end)
        if per and per.end() - end <= 40:
            period = SECONDS[per.group("period").lower()]
            return _quantity(text, start, per.end(), size / period, (1, -1), period)
        return _quantity(text, start, end, size, (1, 0))
    duration = _DURATION.match(text, position)
    if duration:
        unit = duration.group("unit").lower()
        seconds = DURATIONS.get(unit) or SECONDS.get(unit) or SECONDS.get(unit.rstrip("s"), 1)
        return _quantity(text, start, duration.end(), value * seconds, (0, 1))
    percent = _PERCENT.match(text, position)
    if percent:
        return _quantity(text, start, percent.end(), value / 100, (0, 0))
    rate_word = _RATE_WORD.match(text, position)
    if rate_word:
        return _quantity(text, start, rate_word.end(), value, (0, -1), 1)
    per = _PER.match(text, position)
    if per:
        period = SECONDS[per.group("period").lower()]
        return _quantity(text, start, per.end(), value / period, (0, -1), period)
    return _quantity(text, start, position, value, (0, 0))


def _quantity(text: str, start: int, end: int, value: float, dims: tuple[int, int], period: float = 0) -> Quantity:
    return Quantity(value, dims, start, end, text[start:end].strip(), period)


def parse_reference(value: float, unit: str) -> Quantity:
    """A rubric's figure, e.g. (4, "req/s") or (3.6, "TB") or (2, "PB/month"), in base units."""
    text = f"{value!r} {unit}".strip()
    quantities = parse_quantities(text)
    if len(quantities) != 1 or quantities[0].end < len(text):
        raise ValueError(f"unit {unit!r} is not understood (use '', 'req/s', 'GB', 'TB/month', 'Mbps', 'years', ...)")
    return quantities[0]
