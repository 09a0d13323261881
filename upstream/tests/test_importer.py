"""Importing the upstream System Design Primer: a small stand-in in its format on every clone, and the
real copy where `../shared` holds it."""

import io
import shutil
import tarfile
import zipfile
from pathlib import Path

import genanki
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from flashcards.models import Card
from questions.models import SampleSolution
from tests.support.curriculum import load_curriculum
from topics.models import AlternativeText
from upstream import importer
from upstream.importer import PrimerImportError, import_primer

pytestmark = pytest.mark.django_db
UPSTREAM = Path(settings.BASE_DIR).parent / "shared" / "upstream" / "system-design-primer"
needs_upstream = pytest.mark.skipif(not UPSTREAM.is_dir(), reason="the upstream primer is not beside this checkout")


@pytest.fixture
def curriculum(db):
    load_curriculum("topics", "questions", "cards")


MINI = Path(__file__).resolve().parent / "fixtures" / "mini-primer"


def _anki_deck(path: Path) -> None:
    model = genanki.Model(31_337, "Mini", fields=[{"name": "Front"}, {"name": "Back"}], templates=[
        {"name": "Card", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])  # fmt: skip
    deck = genanki.Deck(73_313, "Mini primer::Basics")
    for n in range(3):
        deck.add_note(genanki.Note(model=model, fields=[f"Question {n}?", f"Answer {n}."], guid=f"mini-{n}"))
    genanki.Package(deck).write_to_file(str(path))


@pytest.fixture
def mini(tmp_path) -> Path:
    """Our small stand-in in the upstream format, with a generated Anki deck."""
    folder = tmp_path / "mini-primer"
    shutil.copytree(MINI, folder)
    (folder / "resources" / "flash_cards").mkdir(parents=True, exist_ok=True)
    _anki_deck(folder / "resources" / "flash_cards" / "basics.apkg")
    return folder


@pytest.fixture(params=["mini", "real"])
def source(request, mini) -> Path:
    """The primer to import: the stand-in (every clone), and the real copy where it is beside us."""
    if request.param == "real":
        if not UPSTREAM.is_dir():
            pytest.skip("the upstream primer is not beside this checkout")
        return UPSTREAM
    return mini


def test_every_index_topic_is_placed_and_the_solutions_attached(curriculum, source):
    report = import_primer(str(source))
    assert report.index
    assert [entry for entry, placed in report.index if not placed] == []
    assert report.count("conflict") == 0
    imported = SampleSolution.objects.filter(source="system-design-primer")
    assert "pastebin" in set(imported.values_list("question__slug", flat=True))
    assert all({1, 2, 3, 4} <= set(s.steps.values_list("step", flat=True)) for s in imported)
    text = AlternativeText.objects.get(topic__slug="cap-theorem")
    assert text.attribution.startswith("From the System Design Primer")


def test_the_mini_primer_maps_exactly_as_written(curriculum, mini):
    report = import_primer(str(mini))
    placed = {row.name: row.target for row in report.rows if row.kind == "topic" and row.action == "matched"}
    assert placed["CAP theorem"] == "cap-theorem"
    assert placed["CP - consistency and partition tolerance"] == "cp-systems"
    assert placed["Domain name system"] == "domain-name-system"
    dns = AlternativeText.objects.get(topic__slug="domain-name-system").body
    assert "### Disadvantage(s): DNS" in dns  # folded into the section above it
    cap = AlternativeText.objects.get(topic__slug="cap-theorem").body
    assert "Image not shown here" in cap and "images/test-diagram.png" in cap  # noqa: PT018
    assert "](/topics/cap-theorem/)" in AlternativeText.objects.get(topic__slug="consistency-patterns").body
    assert "A heading that matches no topic of ours" in dns  # unmatched headings stay with the text before them
    steps = SampleSolution.objects.get(source="system-design-primer").steps.order_by("step")
    assert [s.step for s in steps] == [1, 2, 3, 4, 5]
    assert Card.objects.filter(guid__startswith="anki:mini-").count() == 3
    assert report.cards.startswith("3 flashcard notes")


@needs_upstream
def test_the_real_primer_brings_all_eight_solutions_and_its_decks(curriculum):
    report = import_primer(str(UPSTREAM))
    assert AlternativeText.objects.count() >= 70
    imported = SampleSolution.objects.filter(source="system-design-primer")
    assert sorted(imported.values_list("question__slug", flat=True)) == sorted(
        ["pastebin", "twitter", "web-crawler", "mint", "social-graph", "query-cache", "sales-rank", "scaling-aws"]
    )
    assert Card.objects.filter(guid__startswith="anki:").count() == 56
    assert report.cards.startswith("56 flashcard notes")


def test_a_second_import_changes_nothing(curriculum, source):
    import_primer(str(source))
    stamps = list(AlternativeText.objects.order_by("pk").values_list("updated_at", flat=True))
    again = import_primer(str(source))
    assert again.count("matched") == again.count("updated") == 0
    assert list(AlternativeText.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_the_attribution_is_visible_and_the_learner_can_switch_texts(client, curriculum, source):
    import_primer(str(source))
    ours = client.get(reverse("topics:detail", args=["cap-theorem"])).content.decode()
    assert "System Design Primer</a>" in ours
    theirs = client.get(
        reverse("topics:detail", args=["cap-theorem"]), {"text": "system-design-primer"}
    ).content.decode()
    assert "licensed CC BY 4.0" in theirs
    assert "Image not shown here" in theirs  # relative images are dropped with a note
    solution = SampleSolution.objects.get(question__slug="pastebin", source="system-design-primer")
    page = client.get(reverse("questions:detail", args=["pastebin"]), {"solution": solution.pk}).content.decode()
    assert "licensed CC BY 4.0" in page


def test_an_editors_change_is_kept_and_reported_as_a_conflict(curriculum, source):
    import_primer(str(source))
    text = AlternativeText.objects.get(topic__slug="cap-theorem")
    text.body += "\n\nAn editor's clarification."
    text.save()
    report = import_primer(str(source))
    assert [(row.target, row.action) for row in report.conflicts] == [("cap-theorem", "conflict")]
    assert "An editor's clarification." in AlternativeText.objects.get(topic__slug="cap-theorem").body


def test_a_dry_run_prints_the_mapping_and_writes_nothing(curriculum, source, capsys):
    call_command("import_primer", str(source), dry_run=True)
    out = capsys.readouterr().out
    assert "topic    matched   CAP theorem -> cap-theorem" in out
    assert "Dry run, nothing written" in out
    assert not AlternativeText.objects.exists()
    assert not SampleSolution.objects.filter(source="system-design-primer").exists()


def test_an_archive_of_the_primer_imports_like_the_folder(curriculum, source, tmp_path):
    archive = tmp_path / "primer.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(source, arcname="system-design-primer-master")
    report = import_primer(str(archive))
    folder_report = import_primer(str(source))
    assert report.count("matched") == folder_report.count("unchanged") > 0


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: _zip(p / "x.zip", {"../evil/README.md": b"# The System Design Primer"}), "unsafe path"),
        (lambda p: _zip(p / "x.zip", {"README.md": b"hello"}), "No System Design Primer README.md"),
        (lambda p: (p / "x.txt").write_bytes(b"plain text") and p / "x.txt", "not a folder, a .zip or a .tar.gz"),
        (lambda p: p / "missing", "no such folder"),
    ],
    ids=["traversal", "not-the-primer", "not-an-archive", "missing"],
)
def test_hostile_or_wrong_sources_are_refused_with_nothing_written(curriculum, tmp_path, make, message):
    with pytest.raises(PrimerImportError, match=message):
        import_primer(str(make(tmp_path)))
    assert not AlternativeText.objects.exists()


def test_a_huge_archive_is_refused_before_unpacking(curriculum, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_UNPACKED", 1000)
    path = _zip(tmp_path / "big.zip", {"README.md": b"x" * 5000})
    with pytest.raises(PrimerImportError, match="too large"):
        import_primer(str(path))


def test_a_symlink_in_a_tarball_is_refused(curriculum, tmp_path):
    path = tmp_path / "link.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("README.md")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        tar.addfile(info, io.BytesIO(b""))
    with pytest.raises(PrimerImportError, match="link or device"):
        import_primer(str(path))


@needs_upstream
def test_the_admin_imports_an_uploaded_archive(staff_client, curriculum, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    archive = tmp_path / "primer.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in UPSTREAM.rglob("*"):
            if file.is_file():
                zf.write(file, f"system-design-primer/{file.relative_to(UPSTREAM)}")
    upload = SimpleUploadedFile("primer.zip", archive.read_bytes())
    response = staff_client.post(reverse("admin:topics_alternativetext_import"), {"archive": upload, "dry_run": "on"})
    assert "Dry run:" in response.content.decode()
    assert not AlternativeText.objects.exists()


@needs_upstream
def test_a_fresh_database_loaded_from_the_exported_files_shows_the_same_pages(client, curriculum, tmp_path):
    import re

    from django.db import connection

    import_primer(str(UPSTREAM))
    pages = [
        ("/topics/cap-theorem/", {"text": "system-design-primer"}),
        ("/topics/sharding/", {}),
        ("/questions/pastebin/", {}),
        ("/questions/lru-cache/", {}),
        ("/topics/", {}),
    ]

    def snapshot() -> list[str]:
        out = []
        for url, params in pages:
            html = client.get(url, params).content.decode()
            html = re.sub(
                r'nonce="[^"]+"|csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"|\?solution=\d+', "", html
            )
            out.append(html)
        return out

    before = snapshot()
    call_command("export_content", dir=tmp_path)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # flush the test transaction's deferred checks first
        cursor.execute(
            "TRUNCATE topics_topic, topics_relatedtopic, topics_alternativetext, topics_deck, topics_card, "
            "questions_question, questions_samplesolution, questions_solutionstep, questions_checkpoint, "
            "questions_referencenumber, questions_erratum, questions_question_topics, primer_version CASCADE"
        )
    call_command("load_content", dir=tmp_path)
    assert snapshot() == before
