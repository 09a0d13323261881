"""The lexicon as content: loaded from content/lexicon/, checked as a whole, written back unchanged."""

import pytest
from django.conf import settings

from primer.content import ContentError
from questions.engine.prose import read
from questions.lexicon import current_lexicon, engine_lexicon, export_lexicon, load_lexicon, read_folder
from questions.models import Concept, LexiconArea

pytestmark = pytest.mark.django_db
LEXICON = settings.CONTENT_DIR / "lexicon"


def test_the_lexicon_loads_once_and_then_changes_nothing():
    report = load_lexicon(LEXICON)
    files = sorted(p.stem for p in LEXICON.glob("*.md") if p.name != "README.md")
    assert sorted(report.created + report.updated + report.unchanged) == files
    assert LexiconArea.objects.count() == len(files) >= 21
    assert Concept.objects.count() >= 450
    again = load_lexicon(LEXICON)
    assert again.created == again.updated == []
    assert sorted(again.unchanged) == files


def test_export_after_load_is_byte_identical(tmp_path):
    load_lexicon(LEXICON)
    export_lexicon(tmp_path)
    for path in sorted(LEXICON.glob("*.md")):
        if path.name != "README.md":
            assert (tmp_path / path.name).read_text() == path.read_text(), path.name


def test_the_engine_reads_the_database_copy_as_it_reads_the_files():
    load_lexicon(LEXICON)
    assert current_lexicon().digest == engine_lexicon(read_folder(LEXICON)).digest
    text = "Reads go to Redis first, then to the read replicas."
    names = [m.concept for m in current_lexicon().mentions(read(text))]
    assert {"memory-cache", "cache", "read-replica"} <= set(names)


@pytest.mark.parametrize(
    ("concepts", "message"),
    [
        (
            '[[concepts]]\nid = "a"\nname = "A"\nterms = ["same name"]\n[[concepts]]\nid = "b"\nname = "B"\n'
            'terms = ["same name"]',
            "names both 'a' and 'b'",
        ),
        (
            '[[concepts]]\nid = "a"\nname = "A"\nterms = ["generate ids"]\n[[concepts]]\nid = "b"\nname = "B"\n'
            'terms = ["generator id"]',
            "read alike once stemmed",
        ),
        (
            '[[concepts]]\nid = "a"\nname = "A"\nterms = ["x"]\nbroader = ["b"]\n[[concepts]]\nid = "b"\nname = "B"\n'
            'terms = ["y"]\nbroader = ["a"]',
            "loop",
        ),
        ('[[concepts]]\nid = "a"\nname = "A"\nterms = ["x"]\nbroader = ["nowhere"]', "does not exist"),
        ('area = "x"\n[[concepts]]\nid = "a"\nname = "A"\nterms = ["x"]', "area"),
    ],
)
def test_a_broken_lexicon_is_refused_with_its_file_and_nothing_changes(tmp_path, concepts, message):
    (tmp_path / "bad.md").write_text(f'+++\ntitle = "Bad"\norder = 1\n{concepts}\n+++\n\nNotes.\n')
    with pytest.raises(ContentError, match=message) as error:
        load_lexicon(tmp_path)
    assert str(tmp_path / "bad.md") in str(error.value)
    assert LexiconArea.objects.count() == 0


def test_an_area_removed_from_the_files_goes_with_its_concepts(tmp_path):
    for slug, term in (("one", "first thing"), ("two", "second thing")):
        (tmp_path / f"{slug}.md").write_text(
            f'+++\ntitle = "{slug}"\norder = 1\n[[concepts]]\nid = "{slug}-c"\nname = "C"\nterms = ["{term}"]\n+++\n'
        )
    load_lexicon(tmp_path)
    (tmp_path / "two.md").unlink()
    report = load_lexicon(tmp_path)
    assert report.unpublished == ["two"]
    assert list(Concept.objects.values_list("slug", flat=True)) == ["one-c"]


def test_the_admin_refuses_a_name_another_concept_has_or_reads_like():
    from django.core.exceptions import ValidationError

    area = LexiconArea.objects.create(slug="a", title="A")
    Concept.objects.create(area=area, slug="unique-id", name="Unique ID", terms="generate ids", exact="KGS")
    for fields, message in (
        ({"terms": "generator id"}, "already a name of 'unique-id', or reads like one once stemmed"),
        ({"terms": "worker id", "exact": "KGS"}, "'KGS' is already a name of 'unique-id'"),
    ):
        concept = Concept(area=area, slug="worker-id", name="Worker ID", **fields)
        with pytest.raises(ValidationError, match=message):
            concept.full_clean()
    Concept(area=area, slug="worker-id", name="Worker ID", terms="worker id").full_clean()


def test_an_editor_changing_a_concept_in_the_admin_sees_a_clash_and_loses_nothing(staff_client):
    from django.urls import reverse

    area = LexiconArea.objects.create(slug="a", title="A")
    Concept.objects.create(area=area, slug="unique-id", name="Unique ID", terms="generate ids")
    worker = Concept.objects.create(area=area, slug="worker-id", name="Worker ID", terms="worker id")
    url = reverse("admin:questions_concept_change", args=[worker.pk])
    form = {
        "area": area.pk, "slug": "worker-id", "name": "Worker ID", "terms": "worker id\ngenerator id",
        "products": "", "exact": "", "broader": "", "order": "0",
    }  # fmt: skip
    response = staff_client.post(url, form)
    assert response.status_code == 200
    assert "once stemmed" in response.content.decode()
    worker.refresh_from_db()
    assert worker.terms == "worker id"
