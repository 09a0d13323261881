import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
import zstandard
from django.core.management import call_command
from django.core.management.base import CommandError

from flashcards.anki import AnkiImportError, export_apkg, import_apkg, read_collection, read_notes
from flashcards.models import Card, Deck

pytestmark = pytest.mark.django_db
UPSTREAM = (
    Path(__file__).resolve().parents[3] / "shared" / "upstream" / "system-design-primer" / "resources" / "flash_cards"
)


@pytest.fixture
def deck(db):
    deck = Deck.objects.create(slug="caching", title="Caching")
    Card.objects.create(deck=deck, guid="cache-001", front="Why **cache-aside**?", back="Lazy loading.")
    Card.objects.create(deck=deck, guid="cache-002", front="What is a stampede?", back="Many misses at once.")
    return deck


def test_export_then_import_gives_the_same_notes_and_no_duplicates(deck):
    data = export_apkg([deck])
    notes = read_notes(read_collection(data))
    assert [n.fields[:2] for n in notes] == [
        ["<p>Why <strong>cache-aside</strong>?</p>", "<p>Lazy loading.</p>"],
        ["<p>What is a stampede?</p>", "<p>Many misses at once.</p>"],
    ]
    assert {n.deck for n in notes} == {"Primer::Caching"}
    first = import_apkg(data)
    second = import_apkg(data)
    assert len(first.created) == 2
    assert second.created == second.updated == []
    assert Card.objects.filter(guid__startswith="anki:").count() == 2


def test_export_ids_are_stable_so_anki_updates_rather_than_duplicates(deck):
    first = {n.guid for n in read_notes(read_collection(export_apkg([deck])))}
    Card.objects.filter(guid="cache-001").update(back="Changed back.")
    second = {n.guid for n in read_notes(read_collection(export_apkg([deck])))}
    assert first == second


@pytest.mark.skipif(not UPSTREAM.is_dir(), reason="the upstream primer's decks are not beside this checkout")
def test_the_three_upstream_decks_import_as_56_flagged_notes():
    reports = [
        import_apkg(path.read_bytes(), attribution="System Design Primer, CC BY 4.0")
        for path in sorted(UPSTREAM.glob("*.apkg"))
    ]
    assert sum(r.notes for r in reports) == 56
    flags = [flag for r in reports for _, fs in r.flagged for flag in fs]
    assert any(f.startswith("remote image") for f in flags)
    assert any(f.startswith("oversized note") for f in flags)
    assert all("<script" not in card.front_html + card.back_html for card in Card.objects.all())
    again = [import_apkg(path.read_bytes()) for path in sorted(UPSTREAM.glob("*.apkg"))]
    assert sum(len(r.created) + len(r.updated) for r in again) == 0


def _zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _collection(tables: str) -> bytes:
    connection = sqlite3.connect(":memory:")
    connection.executescript(tables)
    return connection.serialize()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"definitely not a zip", "not a zip archive"),
        (_zip({"../../etc/passwd": b"x", "collection.anki2": b"y"}), "unsafe file name"),
        (_zip({"/abs/path": b"x"}), "unsafe file name"),
        (_zip({"collection.anki2": b"\0" * 20_000_000}), "zip bomb"),
        (_zip({"media": b"{}"}), "has no Anki collection"),
        (_zip({"collection.anki2": b"not sqlite at all" * 100}), "not a readable Anki collection"),
        (_zip({"collection.anki2": _collection("CREATE TABLE secrets (x);")}), "no cards, col, notes table"),
        (_zip({"collection.anki21b": b"not zstd"}), "compressed collection is damaged"),
    ],
    ids=[
        "not-a-zip",
        "traversal",
        "absolute-path",
        "zip-bomb",
        "no-collection",
        "not-sqlite",
        "unexpected-tables",
        "bad-zstd",
    ],
)
def test_hostile_archives_get_a_clear_error_and_change_nothing(deck, data, message):
    before = list(Card.objects.values_list("guid", "front"))
    with pytest.raises(AnkiImportError, match=message):
        import_apkg(data)
    assert list(Card.objects.values_list("guid", "front")) == before
    assert Deck.objects.count() == 1


def test_an_anki21b_collection_is_read_through_zstd(deck):
    inner = read_collection(export_apkg([deck]))
    data = _zip({"collection.anki21b": zstandard.ZstdCompressor().compress(inner), "collection.anki2": b"old"})
    assert len(read_notes(read_collection(data))) == 2


def test_the_command_reports_and_explains_errors(tmp_path, deck, capsys):
    good = tmp_path / "deck.apkg"
    good.write_bytes(export_apkg([deck]))
    call_command("import_apkg", str(good))
    assert "2 notes in 1 deck(s): 2 created" in capsys.readouterr().out
    bad = tmp_path / "bad.apkg"
    bad.write_bytes(b"nope")
    with pytest.raises(CommandError, match="not a zip archive"):
        call_command("import_apkg", str(bad))


def test_the_admin_imports_an_upload(staff_client, deck):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile("deck.apkg", export_apkg([deck]))
    response = staff_client.post(reverse("admin:flashcards_deck_import"), {"file": upload, "attribution": "test"})
    assert "2 notes in 1 deck(s)" in response.content.decode()
