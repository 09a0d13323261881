"""The reference calculators: pure functions, no Django, tested against hand-worked figures."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

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


# Availability --------------------------------------------------------------------------


def downtime(availability_percent: float) -> dict[str, float]:
    """Allowed downtime in seconds per year / month / week / day at an availability."""
    if not 0 <= availability_percent <= 100:
        raise ValueError("Availability is a percentage between 0 and 100.")
    unavailable = 1 - availability_percent / 100
    return {period: unavailable * seconds for period, seconds in SECONDS.items()}


def nines(count: int) -> float:
    """3 -> 99.9, 5 -> 99.999."""
    if not 1 <= count <= 9:
        raise ValueError("Choose between 1 and 9 nines.")
    return float(Decimal(100) - Decimal(100) / Decimal(10) ** count)


def in_sequence(availabilities: list[float]) -> float:
    """Every component must be up: the availabilities multiply."""
    total = 1.0
    for availability in availabilities:
        total *= availability / 100
    return total * 100


def in_parallel(availabilities: list[float]) -> float:
    """Any one component up is enough: the system is down only when all are down."""
    all_down = 1.0
    for availability in availabilities:
        all_down *= 1 - availability / 100
    return (1 - all_down) * 100


def format_duration(seconds: float) -> str:
    """A human-sized duration: '8 h 45 min 56 s', '52.6 min', '864 ms'."""
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


def convert_size(value: float, unit: str) -> dict[str, float]:
    """The same quantity in every size unit."""
    if unit not in SIZE_UNITS:
        raise ValueError(f"Unknown unit {unit!r}.")
    if value < 0 or not math.isfinite(value):
        raise ValueError("Sizes are finite and not negative.")
    size_bytes = value * SIZE_UNITS[unit]
    return {name: size_bytes / factor for name, factor in SIZE_UNITS.items()}


def human_bytes(size_bytes: float) -> str:
    """1_500_000 -> '1.5 MB' (decimal units, as capacity planning usually uses)."""
    for name in ("EB", "PB", "TB", "GB", "MB", "KB"):
        if size_bytes >= SIZE_UNITS[name]:
            return f"{significant(size_bytes / SIZE_UNITS[name])} {name}"
    return f"{significant(size_bytes)} B"


def significant(value: float, digits: int = 3) -> str:
    """3 significant digits, no scientific notation, no trailing zeros: 1234.5 -> '1,230'."""
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
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


def estimate(
    *,
    daily_active_users: float,
    requests_per_user: float,
    read_write_ratio: float,
    object_size_bytes: float,
    retention_years: float,
    peak_factor: float = 2.0,
) -> Estimate:
    """Average and peak request rates, storage and bandwidth for a read/write workload.

    `read_write_ratio` is reads per write (10 means 10 reads for every write); each write
    stores one object of `object_size_bytes`, each read returns one.
    """
    values = {
        "daily active users": daily_active_users,
        "requests per user": requests_per_user,
        "object size": object_size_bytes,
        "retention": retention_years,
        "read/write ratio": read_write_ratio,
    }
    for name, value in values.items():
        if value < 0 or not math.isfinite(value):
            raise ValueError(f"The {name} cannot be negative.")
    if peak_factor < 1:
        raise ValueError("The peak factor is 1 or more (peak traffic is at least the average).")
    per_day = daily_active_users * requests_per_user
    average = per_day / SECONDS["day"]
    write_share = 1 / (read_write_ratio + 1)
    writes, reads = average * write_share, average * (1 - write_share)
    stored_per_day = per_day * write_share * object_size_bytes
    return Estimate(
        requests_per_day=per_day,
        average_rps=average,
        peak_rps=average * peak_factor,
        read_rps=reads,
        write_rps=writes,
        peak_read_rps=reads * peak_factor,
        peak_write_rps=writes * peak_factor,
        storage_per_day=stored_per_day,
        storage_per_year=stored_per_day * 365,
        storage_total=stored_per_day * 365 * retention_years,
        ingress_per_second=writes * object_size_bytes,
        egress_per_second=reads * object_size_bytes,
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
