"""A learner's data as one JSON file: everything they own, out and back in again without loss.

Each app that keeps something of a learner's registers a `Part` (the top-level keys it owns,
how to export them, how to read them from a file, how to write what it read), so this
module knows the file's frame and no app's data. An import is read in two passes: every
part reads its keys and raises `ImportProblem` (with where and why) at the first thing this
site could not store; only then does each part write, all in one transaction. Nothing in the
file is trusted: `Reader` checks texts for length and the NUL character, numbers for range,
dates for form, and each part checks its own keys for duplicates and looks up only what is
published.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.db import transaction

from accounts.models import Learner, time_zone_names

FORMAT = "primer-learner-data"
VERSION = 1
MAX_BYTES = 5 * 1024 * 1024
MAX_ITEMS = 20_000  # entries in any one list
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2200, 12, 31)


class ImportProblem(ValueError):  # noqa: N818 (a message for the learner)
    pass


@dataclass(frozen=True)
class Part:
    """One app's share of the file."""

    keys: tuple[str, ...]  # the top-level keys it owns
    export: Callable[[Any], dict]  # user -> {key: value}
    read: Callable[[dict], Any]  # the whole document -> what it will write (raises ImportProblem)
    write: Callable[[Any, Any], dict]  # (user, what it read) -> counts for the message


PARTS: list[Part] = []


def register(part: Part) -> None:
    if part not in PARTS:
        PARTS.append(part)


def export_data(user) -> dict:
    data: dict = {"format": FORMAT, "version": VERSION, "username": user.get_username()}
    for part in PARTS:
        data |= part.export(user)
    return data


def parse_upload(raw: bytes) -> dict:
    if len(raw) > MAX_BYTES:
        raise ImportProblem(f"The file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ImportProblem(f"The file is not valid JSON ({str(exc)[:200]}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem("This is not a Primer data export (its 'format' field is missing or different).")
    return data


def import_data(user, data: Any) -> dict:
    """Replace what the learner has with what the file holds, every part or none."""
    frame = Reader(data, "the file", {"format", "version", "username", *(key for part in PARTS for key in part.keys)})
    if data.get("format") != FORMAT:
        raise ImportProblem("This is not a Primer data export (its 'format' field is missing or different).")
    if data.get("version") != VERSION:
        raise ImportProblem(f"This export has version {data.get('version')!r:.20}; this site reads version {VERSION}.")
    frame.text("username", limit=150)
    readings = [(part, part.read(data)) for part in PARTS]
    counts: dict = {}
    with transaction.atomic():
        for part, reading in readings:
            counts |= part.write(user, reading)
    return counts


# The profile part ---------------------------------------------------------------------------


def _export_profile(user) -> dict:
    learner = Learner.objects.filter(user=user).first()
    return {"time_zone": learner.time_zone if learner else "UTC"}


def _read_profile(data: dict) -> str:
    time_zone = data.get("time_zone") or "UTC"
    if not isinstance(time_zone, str) or time_zone not in time_zone_names():
        raise ImportProblem(f"time_zone: {str(time_zone)[:40]!r} is not a time zone name such as Europe/London.")
    return time_zone


def _write_profile(user, time_zone: str) -> dict:
    learner, _ = Learner.objects.get_or_create(user=user)
    learner.time_zone = time_zone
    learner.save(update_fields=["time_zone"])
    return {}


PROFILE = Part(keys=("time_zone",), export=_export_profile, read=_read_profile, write=_write_profile)


# Reading ----------------------------------------------------------------------------------


class Reader:
    """Typed access to one JSON object, with `where` in every message."""

    def __init__(self, data: Any, where: str, keys: set[str]) -> None:
        if not isinstance(data, dict):
            raise ImportProblem(f"{where}: expected an object {{...}}, found {kind_of(data)}.")
        unknown = sorted(str(key) for key in set(data) - keys)
        if unknown:
            raise ImportProblem(f"{where}: unknown field '{unknown[0][:40]}'.")
        self.data, self.where = data, where

    def problem(self, name: str, message: str) -> ImportProblem:
        return ImportProblem(f"{self.where}: '{name}' {message}.")

    def text(self, name: str, *, limit: int, required: bool = False, default: str = "") -> str:
        value = self.data.get(name)
        if value is None and not required:
            return default
        if not isinstance(value, str):
            raise self.problem(name, f"must be text, not {kind_of(value)}")
        if "\x00" in value:
            raise self.problem(name, "holds a NUL character, which cannot be stored")
        if len(value) > limit:
            raise self.problem(name, f"is {len(value):,} characters; the limit is {limit:,}")
        if required and not value:
            raise self.problem(name, "is empty")
        return value

    def choice(self, name: str, choices: tuple[str, ...] | list[str], *, default: str | None = None) -> str:
        value = self.data.get(name, default)
        if not isinstance(value, str) or value not in choices:
            raise self.problem(name, f"must be one of {', '.join(choices)}")
        return value

    def integer(self, name: str, *, low: int, high: int, default: int | None = None) -> int:
        value = self.data.get(name, default)
        if value is None and default is not None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.problem(name, f"must be a whole number, not {kind_of(value)}")
        if not low <= value <= high:
            raise self.problem(name, f"must be between {low:,} and {high:,}")
        return value

    def boolean(self, name: str) -> bool:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            raise self.problem(name, "must be true or false")
        return value

    def day(self, name: str, *, required: bool = False) -> date | None:
        value = self.data.get(name)
        if value is None:
            if required:
                raise self.problem(name, "is missing (a date like 2026-11-22)")
            return None
        try:
            parsed = date.fromisoformat(value) if isinstance(value, str) and len(value) <= 10 else None
        except ValueError:
            parsed = None
        if parsed is None or not FIRST_DAY <= parsed <= LAST_DAY:
            raise self.problem(name, "is not a date like 2026-11-22")
        return parsed

    def moment(self, name: str, *, required: bool = False) -> datetime | None:
        value = self.data.get(name)
        if value is None:
            if required:
                raise self.problem(name, "is missing (a date and time like 2026-11-22T09:30:00+00:00)")
            return None
        return moment(value, lambda message: self.problem(name, message))

    def items(self, name: str) -> list:
        value = self.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.problem(name, f"must be a list, not {kind_of(value)}")
        if len(value) > MAX_ITEMS:
            raise self.problem(name, f"has {len(value):,} entries; the limit is {MAX_ITEMS:,}")
        return value


def kind_of(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


def moment(value: Any, problem: Callable[[str], ImportProblem]) -> datetime:
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) and len(value) <= 40 else None
    except ValueError:
        parsed = None
    if parsed is None or not FIRST_DAY <= parsed.date() <= LAST_DAY:
        raise problem("is not a date and time like 2026-11-22T09:30:00+00:00")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
