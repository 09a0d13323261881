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
    buttons = flashcards.intervals(user, learner, deck.cards.first(), NOW)
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
        assert flashcards.new_allowance(user, learner, learner.today()) == 1


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
