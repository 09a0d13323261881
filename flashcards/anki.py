"""Anki packages: export decks as .apkg (genanki), import .apkg files safely.

Export uses fixed model and deck ids and a note GUID derived from each card's own GUID, so
importing a newer export into Anki updates the notes instead of duplicating them.

Import treats the archive as hostile: size caps before and after decompression, no file is
ever written under a name taken from the archive, names that try to escape are refused,
the collection is opened read-only, and every field is sanitised when the card is saved.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import genanki
import zstandard
from django.db import transaction
from django.utils.text import slugify

from flashcards.models import Card, Deck
from primer.markdown import check as check_markdown
from primer.publication import Publication

MODEL_ID = 1_607_392_319  # never change: Anki matches notes to this model by id
MAX_ARCHIVE_BYTES = 100 * 1024 * 1024
MAX_COLLECTION_BYTES = 300 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, above which an entry looks like a zip bomb
MAX_NOTE_CHARS = 5_000
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
_REMOTE_IMAGE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//", re.IGNORECASE)
_LOCAL_IMAGE = re.compile(r"<img\b", re.IGNORECASE)
_CSS = ".card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; line-height: 1.5; }"


class AnkiImportError(ValueError):
    """An archive that cannot be imported, with the reason in plain words."""


# Export ---------------------------------------------------------------------------------


def deck_id(slug: str) -> int:
    return int(hashlib.sha1(f"primer-deck:{slug}".encode(), usedforsecurity=False).hexdigest()[:8], 16) | 1


def _model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        "Primer card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Primer GUID"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'}],
        css=_CSS,
    )


def export_apkg(decks: list[Deck]) -> bytes:
    model = _model()
    packages = []
    for deck in decks:
        anki_deck = genanki.Deck(deck_id(deck.slug), f"Primer::{deck.title}")
        for card in deck.cards.all():
            if card.status != Publication.PUBLISHED:
                continue
            anki_deck.add_note(
                genanki.Note(
                    model=model, fields=[card.front_html, card.back_html, card.guid], guid=genanki.guid_for(card.guid)
                )
            )
        packages.append(anki_deck)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.apkg"
        genanki.Package(packages).write_to_file(str(path))
        return path.read_bytes()


# Import ---------------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    flagged: list[tuple[str, list[str]]] = field(default_factory=list)  # (card guid, flags)
    decks: list[str] = field(default_factory=list)

    @property
    def notes(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)

    def summary(self) -> str:
        return (
            f"{self.notes} notes in {len(self.decks)} deck(s): {len(self.created)} created, "
            f"{len(self.updated)} updated, {len(self.unchanged)} unchanged, {len(self.flagged)} flagged"
        )


def read_collection(data: bytes) -> bytes:
    """The collection database inside an .apkg, checked and decompressed within the caps."""
    if len(data) > MAX_ARCHIVE_BYTES:
        raise AnkiImportError(f"The file is {len(data):,} bytes; the limit is {MAX_ARCHIVE_BYTES:,}.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise AnkiImportError("This is not an .apkg file: it is not a zip archive; nothing was imported.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise AnkiImportError(f"The archive is damaged ({exc}).") from None
    with archive:
        infos = archive.infolist()
        for info in infos:
            name = info.filename.replace("\\", "/")
            if name.startswith("/") or ".." in name.split("/") or re.match(r"^[A-Za-z]:", name):
                raise AnkiImportError(
                    f"The archive contains an unsafe file name ({info.filename!r}); nothing was imported."
                )
        if sum(info.file_size for info in infos) > MAX_COLLECTION_BYTES:
            raise AnkiImportError("The archive would unpack to more than 300 MB; nothing was imported.")
        for info in infos:
            if info.compress_size and info.file_size > 1_000_000 and info.file_size / info.compress_size > MAX_RATIO:
                raise AnkiImportError(
                    f"{info.filename} compresses suspiciously well (a zip bomb?); nothing was imported."
                )
        names = {info.filename for info in infos}
        for name in COLLECTIONS:
            if name in names:
                raw = _read_capped(archive, name)
                return _zstd(raw) if name.endswith("b") else raw
    raise AnkiImportError("The archive has no Anki collection (collection.anki21b, .anki21 or .anki2).")


def _read_capped(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        with archive.open(name) as handle:
            data = handle.read(MAX_COLLECTION_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise AnkiImportError(f"The archive is damaged: {name} cannot be read ({exc}); nothing was imported.") from None
    if len(data) > MAX_COLLECTION_BYTES:
        raise AnkiImportError("The collection is larger than 300 MB; nothing was imported.")
    return data


def _zstd(raw: bytes) -> bytes:
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw))
        data = reader.read(MAX_COLLECTION_BYTES + 1)
    except zstandard.ZstdError as exc:
        raise AnkiImportError(f"The compressed collection is damaged ({exc}).") from None
    if len(data) > MAX_COLLECTION_BYTES:
        raise AnkiImportError("The collection unpacks to more than 300 MB; nothing was imported.")
    return data


@dataclass(frozen=True)
class Note:
    guid: str
    deck: str
    fields: list[str]


def read_notes(collection: bytes) -> list[Note]:
    """Notes from an Anki collection (schema of anki2, anki21 or anki21b), opened read-only."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.sqlite"
        path.write_bytes(collection)
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise AnkiImportError(f"The collection cannot be opened ({exc}).") from None
        try:
            return _notes(connection)
        except AnkiImportError:
            raise
        except sqlite3.Error as exc:
            raise AnkiImportError(f"This is not a readable Anki collection ({exc}); nothing was imported.") from None
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            # json.JSONDecodeError is a ValueError: a decks column that is not the JSON Anki writes.
            raise AnkiImportError(
                f"The collection's decks or notes are not in Anki's format ({exc}); nothing was imported."
            ) from None
        finally:
            connection.close()


def _notes(connection: sqlite3.Connection) -> list[Note]:
    connection.execute("PRAGMA query_only = ON")
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = {"notes", "cards", "col"} - tables
    if missing:
        raise AnkiImportError(
            f"This SQLite file is not an Anki collection: it has no {', '.join(sorted(missing))} table."
        )
    if "decks" in tables:  # anki21b keeps decks in their own table
        decks = dict(connection.execute("SELECT id, name FROM decks"))
    else:
        row = connection.execute("SELECT decks FROM col").fetchone()
        if row is None:
            raise AnkiImportError("The collection has no deck list (its col table is empty); nothing was imported.")
        decks = {int(k): str(v["name"]) for k, v in json.loads(row[0]).items()}
    note_decks = dict(connection.execute("SELECT nid, MIN(did) FROM cards GROUP BY nid"))
    notes = []
    for nid, guid, fields in connection.execute("SELECT id, guid, flds FROM notes ORDER BY id"):
        name = str(decks.get(note_decks.get(nid), "Imported")).replace("\x1f", "::")
        notes.append(Note(guid=str(guid), deck=name, fields=str(fields).split("\x1f")))
    return notes


def _flags(front: str, back: str) -> list[str]:
    flags = []
    text = front + back
    if _REMOTE_IMAGE.search(text):
        flags.append("remote image (not loaded: the site serves nothing from elsewhere)")
    elif _LOCAL_IMAGE.search(text):
        flags.append("image from the package's media (not imported)")
    if len(text) > MAX_NOTE_CHARS:
        flags.append(f"oversized note ({len(text):,} characters)")
    return flags


def _check_note(note: Note) -> None:
    """Refuse, before anything is written, a note this site could not store or render."""
    if len(note.guid) > 95 or not note.guid:
        raise AnkiImportError(f"A note has an unusable id ({note.guid[:40]!r}...); nothing was imported.")
    if any("\x00" in text for text in (note.guid, note.deck, *note.fields)):
        raise AnkiImportError(f"Note {note.guid} contains a NUL character; nothing was imported.")
    for text in note.fields:
        problem = check_markdown(text)
        if problem:
            raise AnkiImportError(f"Note {note.guid} cannot be shown: {problem} Nothing was imported.")


@transaction.atomic
def import_apkg(data: bytes, *, attribution: str = "") -> ImportReport:
    """Import an .apkg into shared decks. Re-importing the same file changes nothing."""
    notes = read_notes(read_collection(data))
    report = ImportReport()
    existing = {card.guid: card for card in Card.objects.filter(guid__startswith="anki:")}
    decks: dict[str, Deck] = {}
    for note in notes:
        _check_note(note)
    for index, note in enumerate(notes):
        deck_name = (note.deck.split("::")[-1] or "Imported")[:200]
        if deck_name not in decks:
            slug = slugify(f"anki-{deck_name}")[:100] or "anki-imported"
            deck, _ = Deck.objects.get_or_create(
                slug=slug, defaults={"title": deck_name, "order": 900, "attribution": attribution}
            )
            decks[deck_name] = deck
            report.decks.append(deck_name)
        front = note.fields[0] if note.fields else ""
        back = "<br>".join(part for part in note.fields[1:] if part.strip())
        guid = f"anki:{note.guid}"
        flags = _flags(front, back)
        card = existing.get(guid) or Card(guid=guid)
        values = {"deck_id": decks[deck_name].pk, "front": front, "back": back, "flags": flags, "order": index}
        if card.pk is None:
            report.created.append(guid)
        elif any(getattr(card, key) != value for key, value in values.items()):
            report.updated.append(guid)
        else:
            report.unchanged.append(guid)
            if flags:
                report.flagged.append((guid, flags))
            continue
        for key, value in values.items():
            setattr(card, key, value)
        card.save()  # renders and sanitises front and back
        if flags:
            report.flagged.append((guid, flags))
    return report
