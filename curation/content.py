"""The content pipeline: the kinds of content the apps register, and keeping files and database in step.

`content/` seeds the database and is the source of truth in git. Once a record is changed in
the database (the admin, an import, a restore), the database holds the newer text, and
`load_content` never overwrites it: it keeps it and reports a conflict, with both ways out
(`export_content` writes the database's text to the file; `load_content --force kind:name`
takes the file's). `ContentSync` remembers, for each file, the file and the record as they
were the last time they agreed; `Sync.decide` compares both with today's.

`load_content` runs every registered loader inside one transaction, so a broken file set
changes nothing; `export_content` asks each kind to write its records back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.db import models, transaction

from curation.history import current_via, edited_since_loaded
from curation.models import ContentSync


@dataclass
class LoadReport:
    kind: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.kind}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.unpublished)} unpublished, {len(self.conflicts)} kept"
        )


class Decision(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    KEEP = "keep"  # the database changed since the file was loaded: a conflict, the database wins


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Sync:
    """One kind's memory of its files: what to do with each, and recording that they agree."""

    def __init__(self, kind: str, *, force: Iterable[str] = ()) -> None:
        self.kind = kind
        self.force = set(force)
        self.rows = {row.name: row for row in ContentSync.objects.filter(kind=kind)}

    def decide(self, name: str, *, file_text: str, record_text: str | None, record: models.Model | None) -> Decision:
        """Create, update, leave alone, or keep the database's newer text."""
        if record is None or record_text is None:
            return Decision.CREATE
        if record_text == file_text:
            return Decision.UNCHANGED
        if name in self.force or "*" in self.force:
            return Decision.UPDATE
        row = self.rows.get(name)
        if row is None:
            # Loaded before files were tracked: trust the file, unless someone has edited the record.
            return Decision.KEEP if edited_since_loaded(record) else Decision.UPDATE
        record_changed = digest(record_text) != row.record_hash
        return Decision.KEEP if record_changed else Decision.UPDATE

    def agree(self, name: str, *, file_text: str, record_text: str) -> None:
        """The file and the record now say the same (just loaded, or just exported)."""
        values = {"file_hash": digest(file_text), "record_hash": digest(record_text)}
        row = self.rows.get(name)
        if row is None:
            self.rows[name] = ContentSync.objects.create(kind=self.kind, name=name, **values)
        elif (row.file_hash, row.record_hash) != (values["file_hash"], values["record_hash"]):
            ContentSync.objects.filter(pk=row.pk).update(**values)
            row.file_hash, row.record_hash = values["file_hash"], values["record_hash"]


def conflict_note(kind: str, name: str) -> str:
    return (
        f"{kind}/{name}: changed in the database since it was loaded; kept. "
        f"Keep it in the files with `manage.py export_content`, or take the file's with "
        f"`manage.py load_content --force {kind}:{name}`."
    )


@dataclass(frozen=True)
class ContentKind:
    name: str  # the folder under content/
    load: Callable[[Path, Sync], LoadReport]  # validates and writes; raises ContentError
    export: Callable[[Path, Sync], int]  # writes files, returns how many


REGISTRY: list[ContentKind] = []


def register(kind: ContentKind) -> None:
    """Add a kind. Kinds load in the order their apps are installed, so a kind that points at
    another's records (cards at topics and questions) comes from an app installed after it."""
    if all(existing.name != kind.name for existing in REGISTRY):
        REGISTRY.append(kind)


def load(directory: Path, *, only: Iterable[str] | None = None, force: dict[str, set[str]] | None = None) -> list:
    """Load every registered kind (or those named in `only`) from `directory`, in one transaction.

    Raises primer.content.ContentError for a malformed file; then nothing was written.
    """
    wanted = set(only) if only is not None else None
    token = current_via.set("content loader")
    try:
        with transaction.atomic():
            return [
                kind.load(directory / kind.name, Sync(kind.name, force=(force or {}).get(kind.name, ())))
                for kind in REGISTRY
                if (wanted is None or kind.name in wanted) and (directory / kind.name).is_dir()
            ]
    finally:
        current_via.reset(token)
