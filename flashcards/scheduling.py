"""Spaced repetition with FSRS: what is due, reviewing, undo, intervals, due counts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler

from accounts.models import Learner
from flashcards.models import Card, CardState, Deck, Review
from primer.publication import Publication

RATINGS = [(Rating.Again, "Again"), (Rating.Hard, "Hard"), (Rating.Good, "Good"), (Rating.Easy, "Easy")]


def scheduler(learner: Learner) -> Scheduler:
    # No fuzzing: the same history always gives the same schedule (and testable intervals).
    return Scheduler(desired_retention=learner.desired_retention, enable_fuzzing=False)


def _published_cards():
    return Card.objects.published()


def new_allowance(user, learner: Learner, today: date) -> int:
    introduced = CardState.objects.filter(user=user, introduced_on=today).count()
    return max(0, learner.new_cards_per_day - introduced)


def next_card(user, learner: Learner, *, now: datetime, today: date, deck: Deck | None = None) -> Card | None:
    """The most overdue card, else a new one while today's allowance lasts."""
    cards = _published_cards().select_related("deck")
    if deck is not None:
        cards = cards.filter(deck=deck)
    due = (
        CardState.objects.filter(user=user, due__lte=now, card__in=cards)
        .select_related("card__deck")
        .order_by("due", "pk")
        .first()
    )
    if due is not None:
        return due.card
    if new_allowance(user, learner, today) <= 0:
        return None
    seen = CardState.objects.filter(user=user).values("card_id")
    return cards.exclude(pk__in=seen).order_by("deck__order", "order", "pk").first()


def _fsrs_card(card: Card, state: CardState | None, now: datetime) -> FsrsCard:
    if state is None:
        return FsrsCard(card_id=card.pk, due=now)
    return FsrsCard.from_dict(state.fsrs)


def intervals(user, learner: Learner, card: Card, now: datetime) -> list[dict]:
    """What each button would do: the next due time for Again, Hard, Good and Easy."""
    state = CardState.objects.filter(user=user, card=card).first()
    planner = scheduler(learner)
    result = []
    for rating, label in RATINGS:
        after, _ = planner.review_card(_fsrs_card(card, state, now), rating, review_datetime=now)
        result.append({"rating": int(rating), "label": label, "interval": humanise(after.due - now)})
    return result


def humanise(delta: timedelta) -> str:
    seconds = max(0, delta.total_seconds())
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    if days < 31:
        return f"{round(days)} d"
    if days < 365:
        return f"{days / 30.4:.1f} mo".replace(".0 ", " ")
    return f"{days / 365:.1f} y".replace(".0 ", " ")


@transaction.atomic
def review(
    *, user, learner: Learner, card: Card, rating: int, now: datetime, today: date, source: str = "review"
) -> CardState:
    state = CardState.objects.select_for_update().filter(user=user, card=card).first()
    previous, previous_due = (state.fsrs, state.due) if state else (None, None)
    after, _ = scheduler(learner).review_card(_fsrs_card(card, state, now), Rating(rating), review_datetime=now)
    if state is None:
        state = CardState(user=user, card=card, introduced_on=today)
    state.fsrs, state.due, state.reviews = after.to_dict(), after.due, state.reviews + 1
    state.save()
    Review.objects.create(
        user=user,
        card=card,
        rating=rating,
        reviewed_at=now,
        previous=previous,
        previous_due=previous_due,
        source=source,
    )
    return state


@transaction.atomic
def undo_last(*, user) -> Card | None:
    """Put the last reviewed card back as it was before its rating."""
    last = Review.objects.select_for_update().filter(user=user, source="review").order_by("-reviewed_at", "-pk").first()
    if last is None:
        return None
    state = CardState.objects.filter(user=user, card=last.card).first()
    if last.previous is None:
        if state:
            state.delete()
    elif state and last.previous_due is not None:
        state.fsrs, state.due, state.reviews = last.previous, last.previous_due, max(0, state.reviews - 1)
        state.save()
    card = last.card
    last.delete()
    return card


def due_counts(user, learner: Learner, *, now: datetime, today: date) -> list[dict]:
    """Per deck: reviews due now and new cards available today. Three queries."""
    due = dict(
        CardState.objects.filter(user=user, due__lte=now, card__status=Publication.PUBLISHED)
        .values("card__deck")
        .annotate(count=Count("pk"))
        .values_list("card__deck", "count")
    )
    decks = Deck.objects.annotate(
        total=Count("cards", filter=Q(cards__status=Publication.PUBLISHED)),
        unseen=Count(
            "cards",
            filter=Q(cards__status=Publication.PUBLISHED)
            & ~Q(cards__in=CardState.objects.filter(user=user).values("card_id")),
        ),
    ).order_by("order", "title")
    allowance = new_allowance(user, learner, today)
    rows = []
    for deck in decks:
        new = min(deck.unseen, allowance)
        rows.append({"deck": deck, "due": due.get(deck.pk, 0), "new": new, "total": deck.total})
    return rows


def rating_for_score(score: float) -> int:
    """An attempt's score as a rating for its exercise card."""
    if score < 50:
        return int(Rating.Again)
    if score < 70:
        return int(Rating.Hard)
    if score < 90:
        return int(Rating.Good)
    return int(Rating.Easy)


def rate_exercise_from_attempt(*, user, learner: Learner, question, score: float, now: datetime, today: date):
    """ "Redo Twitter in 9 days": the question's exercise card, rated by the attempt's score."""
    card = _published_cards().filter(question=question, deck__slug="exercises").first()
    if card is None:
        return None
    return review(
        user=user, learner=learner, card=card, rating=rating_for_score(score), now=now, today=today, source="attempt"
    )
