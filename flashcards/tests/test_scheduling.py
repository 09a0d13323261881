from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler

from accounts.models import Learner
from flashcards import scheduling as flashcards
from flashcards.models import Card, CardState, Deck, Review
from tests.support.accounts import learner_of

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 22)


@pytest.fixture
def deck(db):
    deck = Deck.objects.create(slug="numbers", title="Numbers", order=1)
    for index in range(6):
        Card.objects.create(deck=deck, guid=f"num-{index}", front=f"Front {index}", back=f"Back {index}", order=index)
    return deck


@pytest.fixture
def learner(user):
    return learner_of(user, new_cards_per_day=20)


@pytest.mark.parametrize("rating", [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy])
def test_each_rating_schedules_exactly_as_fsrs_does(user, learner, deck, rating):
    card = deck.cards.first()
    state = flashcards.review(user=user, learner=learner, card=card, rating=int(rating), now=NOW, today=TODAY)
    expected, _ = Scheduler(desired_retention=0.9, enable_fuzzing=False).review_card(
        FsrsCard(card_id=card.pk, due=NOW), rating, review_datetime=NOW
    )
    assert state.due == expected.due
    assert state.fsrs == expected.to_dict()


def test_a_second_review_builds_on_the_stored_state(user, learner, deck):
    card = deck.cards.first()
    first = flashcards.review(user=user, learner=learner, card=card, rating=3, now=NOW, today=TODAY)
    later = first.due + timedelta(minutes=1)
    second = flashcards.review(user=user, learner=learner, card=card, rating=3, now=later, today=TODAY)
    assert second.due > first.due
    assert second.reviews == 2


def test_the_buttons_show_the_next_interval_of_each_rating(user, learner, deck):
    buttons = flashcards.intervals(learner, deck.cards.first(), None, NOW)
    assert [b["label"] for b in buttons] == ["Again", "Hard", "Good", "Easy"]
    assert buttons[0]["interval"] == "1 min"
    assert buttons[3]["interval"].endswith("d")


def test_undo_puts_the_card_back_as_it_was(user, learner, deck):
    card = deck.cards.first()
    first = flashcards.review(user=user, learner=learner, card=card, rating=3, now=NOW, today=TODAY)
    flashcards.review(user=user, learner=learner, card=card, rating=1, now=first.due, today=TODAY)
    assert flashcards.undo_last(user=user) == card
    state = CardState.objects.get(user=user, card=card)
    assert (state.fsrs, state.due, state.reviews) == (first.fsrs, first.due, 1)
    flashcards.undo_last(user=user)
    assert not CardState.objects.filter(user=user, card=card).exists()
    assert flashcards.undo_last(user=user) is None


def test_new_cards_stop_at_the_daily_limit_and_come_back_the_next_day(user, learner, deck):
    learner.new_cards_per_day = 2
    for _ in range(2):
        card = flashcards.next_card(user, learner, now=NOW, today=TODAY)
        flashcards.review(user=user, learner=learner, card=card, rating=4, now=NOW, today=TODAY)
    assert flashcards.next_card(user, learner, now=NOW, today=TODAY) is None
    assert flashcards.next_card(user, learner, now=NOW + timedelta(days=1), today=TODAY + timedelta(days=1)) is not None


def test_due_cards_come_before_new_ones_most_overdue_first(user, learner, deck):
    cards = list(deck.cards.all())
    flashcards.review(user=user, learner=learner, card=cards[3], rating=1, now=NOW, today=TODAY)
    flashcards.review(user=user, learner=learner, card=cards[4], rating=1, now=NOW - timedelta(minutes=5), today=TODAY)
    assert flashcards.next_card(user, learner, now=NOW + timedelta(hours=1), today=TODAY) == cards[4]


def test_the_day_follows_the_learners_time_zone(user, learner, deck):
    # 23:30 UTC is already tomorrow in Tokyo: yesterday's new cards no longer count.
    learner.time_zone = "Asia/Tokyo"
    learner.new_cards_per_day = 1
    card = flashcards.next_card(user, learner, now=NOW, today=TODAY)
    flashcards.review(user=user, learner=learner, card=card, rating=4, now=NOW, today=TODAY)
    late = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=late):
        assert learner.today() == date(2026, 11, 23)
        assert flashcards.remaining(user, learner, now=late, today=learner.today()).allowance == 1


def test_due_counts_per_deck(user, learner, deck):
    flashcards.review(user=user, learner=learner, card=deck.cards.first(), rating=1, now=NOW, today=TODAY)
    [row] = flashcards.due_counts(user, learner, now=NOW + timedelta(hours=1), today=TODAY)
    assert (row["due"], row["new"], row["total"]) == (1, 5, 6)


def test_an_attempt_score_rates_the_questions_exercise_card(user, learner):
    from questions.models import Question

    question = Question.objects.create(slug="twitter", title="Twitter", summary="t", status="published")
    exercises = Deck.objects.create(slug="exercises", title="Exercises")
    card = Card.objects.create(deck=exercises, guid="ex-1", front="Design Twitter", back="...", question=question)
    state = flashcards.rate_exercise_from_attempt(
        user=user, learner=learner, question=question, score=75, now=NOW, today=TODAY
    )
    assert Review.objects.get(card=card).rating == int(Rating.Good)
    assert Review.objects.get(card=card).source == "attempt"
    assert state.due > NOW


def test_the_review_page_rates_with_htmx_and_without(user_client, user, deck):
    page = user_client.get(reverse("flashcards:review"))
    card = page.context["card"]
    assert "Front 0" in page.content.decode()
    fragment = user_client.post(
        reverse("flashcards:review"), {"card": card.pk, "rating": "3"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in fragment.content.decode()
    assert "Front 1" in fragment.content.decode()
    plain = user_client.post(reverse("flashcards:review"), {"card": fragment.context["card"].pk, "rating": "4"})
    assert plain.status_code == 302
    assert user_client.post(reverse("flashcards:review"), {"card": card.pk, "rating": "9"}).status_code == 400
    assert CardState.objects.filter(user=user).count() == 2


def test_the_decks_page_and_settings(user_client, user, deck):
    response = user_client.get(reverse("flashcards:index"))
    assert "Numbers" in response.content.decode()
    user_client.post(reverse("flashcards:index"), {"desired_retention": "0.85", "new_cards_per_day": "5"})
    learner = Learner.objects.get(user=user)
    assert (learner.desired_retention, learner.new_cards_per_day) == (0.85, 5)
    bad = user_client.post(reverse("flashcards:index"), {"desired_retention": "1.5", "new_cards_per_day": "5"})
    assert "less than or equal to 0.99" in bad.content.decode()


# What is left, as a session shows it ------------------------------------------------------


def _review_everything(user, learner, *, now, deck=None) -> list[Card]:
    """Rate every card the session shows Easy (none comes back today), in order."""
    shown = []
    while (card := flashcards.next_card(user, learner, now=now, today=TODAY, deck=deck)) is not None:
        flashcards.review(user=user, learner=learner, card=card, rating=4, now=now, today=TODAY)
        shown.append(card)
    return shown


def _make_due(user, cards, *, at=NOW - timedelta(days=1)) -> None:
    """Cards seen on an earlier day and due again since `at`."""
    for card in cards:
        fsrs = FsrsCard(card_id=card.pk, due=at).to_dict()
        CardState.objects.create(user=user, card=card, fsrs=fsrs, due=at, introduced_on=TODAY - timedelta(days=3))


def test_what_is_left_counts_due_cards_and_new_ones_up_to_the_daily_limit(user, learner, make_decks):
    [deck] = make_decks(1, 10)
    _make_due(user, deck.cards.all()[:3])
    learner.new_cards_per_day = 4
    left = flashcards.remaining(user, learner, now=NOW, today=TODAY)
    assert (left.due, left.new, left.total, left.unseen, left.allowance) == (3, 4, 7, 7, 4)


def test_what_is_left_is_exactly_what_the_session_then_shows(user, learner, make_decks):
    decks = make_decks(3, 5)
    _make_due(user, [decks[0].cards.first(), decks[2].cards.last()])
    Card.objects.filter(pk=decks[1].cards.first().pk).update(status="draft")  # drafts are never shown
    learner.new_cards_per_day = 7
    left = flashcards.remaining(user, learner, now=NOW, today=TODAY)
    assert len(_review_everything(user, learner, now=NOW)) == left.total == 2 + 7


def test_a_deck_counts_its_own_cards_against_the_limit_all_decks_share(user, learner, make_decks):
    first, second = make_decks(2, 6)
    learner.new_cards_per_day = 10
    _review_everything(user, learner, now=NOW, deck=first)  # six new cards from the first deck
    left = flashcards.remaining(user, learner, now=NOW, today=TODAY, deck=second)
    assert (left.due, left.new, left.unseen, left.allowance) == (0, 4, 6, 4)
    assert len(_review_everything(user, learner, now=NOW, deck=second)) == 4


def test_other_learners_reviews_do_not_count(user, other_user, learner, make_decks):
    make_decks(1, 5)
    other = learner_of(other_user)
    _review_everything(other_user, other, now=NOW)
    CardState.objects.filter(user=other_user).update(due=NOW - timedelta(hours=1))  # all due again, for them
    assert flashcards.remaining(user, learner, now=NOW, today=TODAY).total == 5
    assert flashcards.remaining(other_user, other, now=NOW, today=TODAY).due == 5


def test_the_session_hands_over_the_due_cards_state_for_the_buttons(user, learner, make_decks):
    [deck] = make_decks(1, 2)
    _make_due(user, [deck.cards.last()])
    session = flashcards.review_session(user, learner, now=NOW, today=TODAY)
    assert session.card == deck.cards.last()
    assert session.state == CardState.objects.get(user=user, card=session.card)
    assert flashcards.review_session(user, learner, now=NOW, today=TODAY, deck=deck).remaining.total == 2


def test_a_finished_session_says_when_the_next_card_comes_due(user, learner, make_decks):
    [deck] = make_decks(1, 2)
    card = flashcards.next_card(user, learner, now=NOW, today=TODAY)
    flashcards.review(user=user, learner=learner, card=card, rating=1, now=NOW, today=TODAY)  # back in a minute
    flashcards.review(user=user, learner=learner, card=deck.cards.last(), rating=4, now=NOW, today=TODAY)
    session = flashcards.review_session(user, learner, now=NOW, today=TODAY)
    assert (session.card, session.remaining.total) == (None, 0)
    assert session.next_due == CardState.objects.get(card=card).due
    assert flashcards.humanise(session.next_due - NOW) == "1 min"


# The decks page ---------------------------------------------------------------------------


@pytest.mark.parametrize("scale", [1, 10])
def test_the_decks_new_today_add_up_to_at_most_the_daily_limit(user, learner, make_decks, scale):
    decks = make_decks(14 * scale, 12)
    _make_due(user, [deck.cards.first() for deck in decks[::3]])
    for card in Card.objects.filter(deck=decks[-1])[1:6]:  # five new cards already seen today
        flashcards.review(user=user, learner=learner, card=card, rating=4, now=NOW, today=TODAY)
    overview = flashcards.deck_overview(user, learner, now=NOW, today=TODAY)
    assert (overview.limit, overview.introduced, overview.allowance) == (20, 5, 15)
    assert sum(row["new"] for row in overview.rows) == overview.new == 15
    assert sum(row["due"] for row in overview.rows) == overview.due == len(decks[::3])
    assert flashcards.remaining(user, learner, now=NOW, today=TODAY).total == overview.due + overview.new


def test_the_decks_new_today_are_the_cards_review_all_introduces(user, learner, make_decks):
    # Decks that share an order come by title, in the session as on the page.
    decks = make_decks(3, 4, prefix="zeta", order=0) + make_decks(3, 4, prefix="alpha", order=0)
    learner.new_cards_per_day = 10
    rows = flashcards.deck_overview(user, learner, now=NOW, today=TODAY).rows
    shares = {row["deck"].slug: row["new"] for row in rows}
    assert [row["deck"].slug for row in rows] == sorted(deck.slug for deck in decks)
    shown = [card.deck.slug for card in _review_everything(user, learner, now=NOW)]
    assert {slug: shown.count(slug) for slug in shares} == shares == {
        "alpha-0": 4, "alpha-1": 4, "alpha-2": 2, "zeta-0": 0, "zeta-1": 0, "zeta-2": 0,
    }  # fmt: skip


def test_no_new_cards_once_the_daily_limit_is_reached(user, learner, make_decks):
    make_decks(2, 3)
    learner.new_cards_per_day = 2
    _review_everything(user, learner, now=NOW)
    learner.new_cards_per_day = 1  # lowered after the day's new cards: none left, never below zero
    overview = flashcards.deck_overview(user, learner, now=NOW, today=TODAY)
    assert (overview.introduced, overview.allowance, overview.new, overview.unseen) == (2, 0, 0, 4)
