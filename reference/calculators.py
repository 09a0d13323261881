"""The reference calculators: pure functions, no Django, tested against hand-worked figures.

Availability and sizes are worked out with exact fractions, so a figure is never shown
rounded up to 100% nor a whole number of bytes rounded at all; estimates are rough by
nature and use floats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

type Number = int | float | Decimal | Fraction

SECONDS = {
    "year": 365.25 * 24 * 3600,
    "month": 365.25 * 24 * 3600 / 12,
    "week": 7 * 24 * 3600,
    "day": 24 * 3600,
}

# Size units: decimal (SI) and binary (IEC).
SIZE_UNITS = {
    "B": 1,
    "KB": 10**3,
    "MB": 10**6,
    "GB": 10**9,
    "TB": 10**12,
    "PB": 10**15,
    "EB": 10**18,
    "KiB": 2**10,
    "MiB": 2**20,
    "GiB": 2**30,
    "TiB": 2**40,
    "PiB": 2**50,
    "EiB": 2**60,
}

# Beyond the units one types in, for totals that outgrow an exabyte.
_LARGE_UNITS = {"YB": 10**24, "ZB": 10**21}

SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
TIMES_TEN_TO = "\N{MULTIPLICATION SIGN}10"  # as in 8.674 times ten to the minus 19


def exact(value: Number) -> Fraction:
    """The value as an exact fraction; a float counts as the decimal it prints as (0.1 is 1/10)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("Only finite numbers can be worked with.")
        return Fraction(repr(value))
    return Fraction(value)


def _as_decimal(value: Fraction, places: int, rounding: str) -> Decimal:
    """`value` to `places` decimal places, rounded in whole numbers (no precision to run out of)."""
    scaled = abs(value) * 10**places
    whole = math.floor(scaled + Fraction(1, 2)) if rounding == ROUND_HALF_UP else math.floor(scaled)
    return Decimal(-whole if value < 0 else whole).scaleb(-places)


def _decimal_places(value: Fraction) -> int | None:
    """How many decimal places write `value` exactly, or None when its decimals never end (1/3)."""
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    return max(twos, fives) if denominator == 1 else None


def _magnitude(value: Fraction) -> int:
    """The power of ten of the first significant digit: 0.05 -> -2, 1234 -> 3 (value > 0)."""
    magnitude = len(str(value.numerator)) - len(str(value.denominator))
    return magnitude if abs(value) >= Fraction(10) ** magnitude else magnitude - 1


# Availability --------------------------------------------------------------------------


def downtime(availability_percent: Number) -> dict[str, float]:
    """Allowed downtime in seconds per year / month / week / day at an availability."""
    percent = exact(availability_percent)
    if not 0 <= percent <= 100:
        raise ValueError("Availability is a percentage between 0 and 100.")
    unavailable = float(1 - percent / 100)
    return {period: unavailable * seconds for period, seconds in SECONDS.items()}


def nines(count: int) -> float:
    """3 -> 99.9, 5 -> 99.999."""
    if not 1 <= count <= 9:
        raise ValueError("Choose between 1 and 9 nines.")
    return float(Decimal(100) - Decimal(100) / Decimal(10) ** count)


def _fractions_up(availabilities: list[Number]) -> list[Fraction]:
    fractions = [exact(availability) / 100 for availability in availabilities]
    if any(not 0 <= fraction <= 1 for fraction in fractions):
        raise ValueError("Availability is a percentage between 0 and 100.")
    return fractions


def in_sequence(availabilities: list[Number]) -> Fraction:
    """Every component must be up: the availabilities multiply (a percentage, exactly)."""
    total = Fraction(1)
    for up in _fractions_up(availabilities):
        total *= up
    return total * 100


def in_parallel(availabilities: list[Number]) -> Fraction:
    """Any one component up is enough: the system is down only when all are down (a percentage, exactly)."""
    all_down = Fraction(1)
    for up in _fractions_up(availabilities):
        all_down *= 1 - up
    return (1 - all_down) * 100


def count_nines(availability_percent: Number) -> int | None:
    """The nines an availability has: 99.95 -> 3, 99.9999 -> 6; None for 100% (no downtime at all)."""
    down = 1 - exact(availability_percent) / 100
    if down <= 0:
        return None
    count = 0
    while down * 10 ** (count + 1) <= 1:
        count += 1
    return count


EXACT_PERCENT_PLACES = 8
MAX_PERCENT_PLACES = 12


def format_percent(availability_percent: Number) -> str:
    """An availability with the digits that matter, never rounded up: '99.85005%', '99.9800%'.

    Shown exactly when that takes few enough decimals, else cut down (never up) to three
    significant digits of the downtime, so 99.99999999% stays below 100%. Past a dozen
    decimals the cut is marked with an ellipsis (the nines are counted separately).
    """
    percent = exact(availability_percent)
    if percent in (0, 100):
        return f"{percent}%"
    places = _decimal_places(percent)
    wanted = max(2, 2 - _magnitude(100 - percent))
    if places is not None and places <= min(max(wanted, EXACT_PERCENT_PLACES), MAX_PERCENT_PLACES):
        return f"{_as_decimal(percent, places, ROUND_DOWN)}%"
    shown = min(wanted, MAX_PERCENT_PLACES)
    text = f"{_as_decimal(percent, shown, ROUND_DOWN)}"
    return f"{text}…%" if shown < wanted else f"{text}%"


def format_duration(seconds: float) -> str:
    """A human-sized duration: '8 h 45 min', '52 min 36 s', '864 ms'."""
    if seconds <= 0:
        return "none"
    if seconds < 1e-6:
        return "less than 1 µs"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.001 else f"{seconds * 1e6:.0f} µs"
    if seconds < 60:
        return f"{seconds:.1f} s"
    if seconds < 3600:
        minutes, rest = divmod(round(seconds), 60)
        return f"{minutes} min {rest} s"
    if seconds < 86400:
        hours, rest = divmod(round(seconds), 3600)
        return f"{hours} h {rest // 60} min"
    days, rest = divmod(round(seconds), 86400)
    return f"{days} d {rest // 3600} h"


# Sizes ---------------------------------------------------------------------------------


def convert_size(value: Number, unit: str) -> dict[str, Fraction]:
    """The same quantity in every size unit, exactly."""
    if unit not in SIZE_UNITS:
        raise ValueError(f"Unknown unit {unit!r}.")
    amount = exact(value)
    if amount < 0:
        raise ValueError("Sizes are finite and not negative.")
    size_bytes = amount * SIZE_UNITS[unit]
    return {name: size_bytes / factor for name, factor in SIZE_UNITS.items()}


def format_exact(value: Number, digits: int = 4) -> str:
    """A whole number in full, a short decimal as it is, anything else rounded and marked '≈'.

    1 GiB in bytes is '1,073,741,824', in KB '1,073,741.824', in MB '≈1,074' (never
    '1,074,000': rounding keeps every digit before the point), in GB '≈1.074'.
    """
    amount = exact(value)
    if amount.denominator == 1:
        return f"{amount.numerator:,}"
    places = _decimal_places(amount)
    magnitude = _magnitude(abs(amount))
    if places is not None and (places <= 3 or magnitude + places + 1 <= digits):
        if magnitude < -6:
            return _scientific(amount, digits, approximate=False)
        return f"{_as_decimal(amount, places, ROUND_HALF_UP):,f}"
    if magnitude < -6:
        return _scientific(amount, digits, approximate=True)
    rounded = _as_decimal(amount, max(0, digits - 1 - magnitude), ROUND_HALF_UP)
    if abs(rounded) >= 10 ** (magnitude + 1) and magnitude + 1 < digits:  # 0.99999 became 1.0000
        rounded = _as_decimal(amount, digits - 2 - magnitude, ROUND_HALF_UP)
    return f"≈{rounded:,f}"


def _scientific(value: Fraction, digits: int, *, approximate: bool) -> str:
    """'8.674 times ten to the minus 19' for numbers too small to write out."""
    magnitude = _magnitude(abs(value))
    mantissa = _as_decimal(value / Fraction(10) ** magnitude, digits - 1, ROUND_HALF_UP).normalize()
    if abs(mantissa) >= 10:  # 9.9999 rounded up to 10.000
        mantissa, magnitude = mantissa / 10, magnitude + 1
    power = str(magnitude).translate(SUPERSCRIPTS)
    return f"{'≈' if approximate else ''}{mantissa:f}{TIMES_TEN_TO}{power}"


def human_bytes(size_bytes: float) -> str:
    """1_500_000 -> '1.5 MB' (decimal units, as capacity planning usually uses)."""
    units = {**_LARGE_UNITS, **{name: SIZE_UNITS[name] for name in ("EB", "PB", "TB", "GB", "MB", "KB")}}
    for name, factor in units.items():
        if size_bytes >= factor:
            return f"{significant(size_bytes / factor)} {name}"
    return f"{significant(size_bytes)} B"


def significant(value: float, digits: int = 3) -> str:
    """3 significant digits, no trailing zeros: 1234.5 -> '1,230'; below 0.0001 in powers of ten."""
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    if magnitude < -4:
        mantissa = f"{value / 10**magnitude:.{digits - 1}f}".rstrip("0").rstrip(".")
        return f"{mantissa}{TIMES_TEN_TO}{str(magnitude).translate(SUPERSCRIPTS)}"
    rounded = round(value, digits - 1 - magnitude)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.{max(0, digits - 1 - magnitude)}f}".rstrip("0").rstrip(".")


POWERS_OF_TWO = [
    (power, 2**power, approx, name)
    for power, approx, name in [
        (7, "128", ""),
        (8, "256", ""),
        (10, "1 thousand", "1 KiB"),
        (16, "65 thousand", "64 KiB"),
        (20, "1 million", "1 MiB"),
        (30, "1 billion", "1 GiB"),
        (32, "4.3 billion", "4 GiB"),
        (40, "1.1 trillion", "1 TiB"),
        (50, "1.1 quadrillion", "1 PiB"),
        (60, "1.15 quintillion", "1 EiB"),
        (64, "18.4 quintillion", "16 EiB"),
    ]
]


# Back-of-the-envelope estimates --------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    reads_per_day: float
    writes_per_day: float
    requests_per_day: float
    average_rps: float
    peak_rps: float
    read_rps: float
    write_rps: float
    peak_read_rps: float
    peak_write_rps: float
    storage_per_day: float  # bytes
    storage_per_year: float
    storage_total: float
    ingress_per_second: float  # bytes/s written, on average
    egress_per_second: float  # bytes/s read, on average
    peak_ingress_per_second: float
    peak_egress_per_second: float


def split_by_ratio(requests_per_user: float, reads: float, writes: float) -> tuple[float, float]:
    """Requests split by a reads:writes ratio: 10 requests at 4:1 are 8 reads and 2 writes."""
    if reads < 0 or writes < 0 or not math.isfinite(reads + writes):
        raise ValueError("A ratio's sides cannot be negative.")
    if reads + writes == 0:
        raise ValueError("A ratio of 0:0 says nothing: give reads, writes or both.")
    read_share = reads / (reads + writes)
    return requests_per_user * read_share, requests_per_user * (1 - read_share)


def estimate(
    *,
    daily_active_users: float,
    reads_per_user: float,
    writes_per_user: float,
    write_size_bytes: float,
    read_size_bytes: float | None = None,
    retention_years: float,
    peak_factor: float = 2.0,
) -> Estimate:
    """Average and peak request rates, storage and bandwidth for a read/write workload.

    Each write stores one object of `write_size_bytes`; each read returns `read_size_bytes`
    (a write's size when not given: reading back what was written).
    """
    read_size = write_size_bytes if read_size_bytes is None else read_size_bytes
    values = {
        "daily active users": daily_active_users,
        "reads per user": reads_per_user,
        "writes per user": writes_per_user,
        "size of a write": write_size_bytes,
        "size of a read": read_size,
        "retention": retention_years,
    }
    for name, value in values.items():
        if value < 0 or not math.isfinite(value):
            raise ValueError(f"The {name} cannot be negative.")
    if peak_factor < 1:
        raise ValueError("The peak factor is 1 or more (peak traffic is at least the average).")
    reads, writes = daily_active_users * reads_per_user, daily_active_users * writes_per_user
    read_rps, write_rps = reads / SECONDS["day"], writes / SECONDS["day"]
    stored_per_day = writes * write_size_bytes
    return Estimate(
        reads_per_day=reads,
        writes_per_day=writes,
        requests_per_day=reads + writes,
        average_rps=read_rps + write_rps,
        peak_rps=(read_rps + write_rps) * peak_factor,
        read_rps=read_rps,
        write_rps=write_rps,
        peak_read_rps=read_rps * peak_factor,
        peak_write_rps=write_rps * peak_factor,
        storage_per_day=stored_per_day,
        storage_per_year=stored_per_day * 365,
        storage_total=stored_per_day * 365 * retention_years,
        ingress_per_second=write_rps * write_size_bytes,
        egress_per_second=read_rps * read_size,
        peak_ingress_per_second=write_rps * write_size_bytes * peak_factor,
        peak_egress_per_second=read_rps * read_size * peak_factor,
    )


# Latency -------------------------------------------------------------------------------

# The classic figures (Jeff Dean's and Peter Norvig's lists, as usually quoted around 2012)
# with a rough modern equivalent: hardware moved, the orders of magnitude mostly did not.
LATENCY_NUMBERS = [
    ("L1 cache reference", 0.5, "~1 ns"),
    ("Branch mispredict", 5, "~3-5 ns"),
    ("L2 cache reference", 7, "~3-5 ns"),
    ("Mutex lock/unlock, uncontended", 25, "~15-25 ns"),
    ("Main memory reference", 100, "~80-100 ns"),
    ("Compress 1 KB with a fast compressor", 3_000, "~1-2 µs (LZ4, Snappy)"),
    ("Send 1 KB over a 1 Gbps network", 10_000, "~1 µs at 10 Gbps"),
    ("Read 4 KB at random from an SSD", 150_000, "~20-100 µs (NVMe)"),
    ("Read 1 MB sequentially from memory", 250_000, "~20-50 µs"),
    ("Round trip within one datacentre", 500_000, "~100-500 µs"),
    ("Read 1 MB sequentially from an SSD", 1_000_000, "~150-300 µs (NVMe)"),
    ("Disk seek", 10_000_000, "~5-10 ms (still mechanical)"),
    ("Read 1 MB sequentially from a spinning disk", 20_000_000, "~5-10 ms"),
    ("Packet round trip California to the Netherlands", 150_000_000, "~140-150 ms (light in fibre)"),
]


def latency_scale(numbers: list[tuple[str, float, str]] = LATENCY_NUMBERS) -> list[dict]:
    """Rows for the latency chart: each value as text and as a bar on a log scale (0-1)."""
    rows = sorted(numbers, key=lambda row: row[1])
    low, high = math.log10(rows[0][1]), math.log10(rows[-1][1])
    return [
        {
            "label": label,
            "ns": value,
            "text": format_nanoseconds(value),
            "modern": modern,
            "fraction": 0.02 + 0.98 * (math.log10(value) - low) / (high - low),
            "times_l1": significant(value / rows[0][1]),
        }
        for label, value, modern in rows
    ]


def format_nanoseconds(value: float) -> str:
    if value < 1_000:
        return f"{significant(value)} ns"
    if value < 1_000_000:
        return f"{significant(value / 1_000)} µs"
    if value < 1_000_000_000:
        return f"{significant(value / 1_000_000)} ms"
    return f"{significant(value / 1_000_000_000)} s"
