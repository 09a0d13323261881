import pytest
from django.conf import settings

from flashcards.content import export_cards, load_cards
from flashcards.models import Card, Deck
from primer.publication import Publication
from questions.content import load_questions
from questions.lexicon import load_lexicon
from questions.models import Kind, Question
from topics.content import load_topics

pytestmark = pytest.mark.django_db
CONTENT = settings.BASE_DIR / "content"


@pytest.fixture
def decks(db):
    load_topics(CONTENT / "topics")
    load_lexicon(CONTENT / "lexicon")
    load_questions(CONTENT / "questions")
    load_cards(CONTENT / "cards")
    return Deck.objects.all()


def test_there_are_at_least_150_original_cards_in_the_expected_decks(decks):
    assert Card.objects.filter(status=Publication.PUBLISHED).count() >= 150
    slugs = set(decks.values_list("slug", flat=True))
    sections = {"foundations", "edge-and-traffic", "application-layer", "database", "cache", "asynchronism",
                "communication", "security", "distributed-systems", "specialised-storage", "reliability"}  # fmt: skip
    assert sections | {"numbers", "object-oriented", "exercises"} <= slugs


def test_every_system_design_question_has_an_exercise_card(decks):
    questions = set(Question.objects.filter(kind=Kind.SYSTEM_DESIGN).values_list("slug", flat=True))
    carded = set(Card.objects.filter(deck__slug="exercises").values_list("question__slug", flat=True))
    assert questions == carded


def test_cards_are_rendered_and_sanitised(decks):
    for card in Card.objects.all():
        assert card.front_html
        assert card.back_html
        assert "<script" not in card.front_html + card.back_html


def test_loading_twice_changes_nothing_and_export_is_byte_identical(decks, tmp_path):
    report = load_cards(CONTENT / "cards")
    assert report.created == report.updated == []
    export_cards(tmp_path)
    for path in sorted((CONTENT / "cards").glob("*.md")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_card_pointing_at_a_missing_topic_is_refused(db, tmp_path):
    from primer.content import ContentError

    (tmp_path / "deck.md").write_text(
        '+++\ntitle = "D"\n\n[[cards]]\nguid = "d-1"\nfront = "F"\nback = "B"\ntopic = "ghost"\n+++\n'
    )
    with pytest.raises(ContentError, match="topic 'ghost' does not exist"):
        load_cards(tmp_path)
    assert not Card.objects.exists()


def test_a_deck_whose_card_was_edited_in_the_admin_is_kept_whole_on_the_next_load(tmp_path):
    import shutil

    from curation.content import load
    from curation.history import current_via
    from tests.support.curriculum import load_curriculum

    load_curriculum("topics", "questions")
    shutil.copytree(settings.CONTENT_DIR / "cards", tmp_path / "cards")
    load(tmp_path, only=["cards"])
    card = Card.objects.filter(deck__slug="cache").first()
    token = current_via.set("admin")
    try:
        card.back = "An editor's clearer answer."
        card.save()
    finally:
        current_via.reset(token)
    (report,) = load(tmp_path, only=["cards"])
    assert report.conflicts == ["cache"]
    card.refresh_from_db()
    assert card.back == "An editor's clearer answer."
