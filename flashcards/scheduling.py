"""Spaced repetition with FSRS: what is due, reviewing, undo, intervals, due counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler

from accounts.models import Learner
from flashcards.models import Card, CardState, Deck, Review
from primer.publication import Publication

RATINGS = [(Rating.Again, "Again"), (Rating.Hard, "Hard"), (Rating.Good, "Good"), (Rating.Easy, "Easy")]


def scheduler(learner: Learner) -> Scheduler:
    # No fuzzing: the same history always gives the same schedule (and testable intervals).
    return Scheduler(desired_retention=learner.desired_retention, enable_fuzzing=False)


def _published_cards(deck: Deck | None = None):
    cards = Card.objects.published()
    return cards if deck is None else cards.filter(deck=deck)


# New cards come deck by deck in this order; the decks page shares out the daily limit in the same one.
DECK_ORDER = ("order", "title", "pk")
NEW_CARD_ORDER = ("deck__order", "deck__title", "deck_id", "order", "pk")


@dataclass(frozen=True)
class Remaining:
    """What is left of today's review: cards due now, and new cards while the daily limit lasts."""

    due: int
    new: int
    unseen: int  # new cards there are, before the daily limit
    allowance: int  # new cards the daily limit still allows, in any deck

    @property
    def total(self) -> int:
        return self.due + self.new


def remaining(user, learner: Learner, *, now: datetime, today: date, deck: Deck | None = None) -> Remaining:
    """Counted as a review session shows them (the whole session, or one deck's). One query."""
    states = CardState.objects.filter(user=user, card=OuterRef("pk"))
    in_scope = Q(status=Publication.PUBLISHED) & (Q(deck=deck) if deck else Q())
    # Every card, counted three ways: due now, never seen (both in scope), and introduced today
    # (in any deck, since the daily limit is shared).
    counts = Card.objects.order_by().aggregate(
        due=Count("pk", filter=in_scope & Q(Exists(states.filter(due__lte=now)))),
        unseen=Count("pk", filter=in_scope & ~Q(Exists(states))),
        introduced=Count("pk", filter=Q(Exists(states.filter(introduced_on=today)))),
    )
    allowance = max(0, learner.new_cards_per_day - counts["introduced"])
    return Remaining(
        due=counts["due"], new=min(counts["unseen"], allowance), unseen=counts["unseen"], allowance=allowance
    )


@dataclass(frozen=True)
class ReviewSession:
    """The card to show now (with its state, None if new) and what is left, this card included."""

    card: Card | None
    state: CardState | None
    remaining: Remaining
    next_due: datetime | None = None  # when nothing is left: when the next review comes due


def review_session(user, learner: Learner, *, now: datetime, today: date, deck: Deck | None = None) -> ReviewSession:
    """The most overdue card, else a new one while today's allowance lasts.

    Two queries: the counts, then the card (or, once none is left, when the next one comes due).
    """
    left = remaining(user, learner, now=now, today=today, deck=deck)
    cards = _published_cards(deck)
    if left.due:
        due = (
            CardState.objects.filter(user=user, due__lte=now, card__in=cards)
            .select_related("card__deck", "card__topic")
            .order_by("due", "pk")
            .first()
        )
        if due is not None:
            return ReviewSession(card=due.card, state=due, remaining=left)
    if left.new:
        seen = CardState.objects.filter(user=user).values("card_id")
        card = cards.exclude(pk__in=seen).select_related("deck", "topic").order_by(*NEW_CARD_ORDER).first()
        if card is not None:
            return ReviewSession(card=card, state=None, remaining=left)
    next_due = CardState.objects.filter(user=user, card__in=cards).order_by("due").values_list("due", flat=True)
    return ReviewSession(card=None, state=None, remaining=left, next_due=next_due.first())


def next_card(user, learner: Learner, *, now: datetime, today: date, deck: Deck | None = None) -> Card | None:
    return review_session(user, learner, now=now, today=today, deck=deck).card


def _fsrs_card(card: Card, state: CardState | None, now: datetime) -> FsrsCard:
    if state is None:
        return FsrsCard(card_id=card.pk, due=now)
    return FsrsCard.from_dict(state.fsrs)


def intervals(learner: Learner, card: Card, state: CardState | None, now: datetime) -> list[dict]:
    """What each button would do: the next due time for Again, Hard, Good and Easy."""
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


@dataclass(frozen=True)
class DeckOverview:
    """Per deck: reviews due now, and the new cards "Review all" shows from it today."""

    rows: list[dict]
    limit: int  # new cards per day, shared by all decks
    introduced: int  # new cards seen today

    @property
    def allowance(self) -> int:
        return max(0, self.limit - self.introduced)

    @property
    def due(self) -> int:
        return sum(row["due"] for row in self.rows)

    @property
    def new(self) -> int:
        return sum(row["new"] for row in self.rows)

    @property
    def unseen(self) -> int:
        return sum(row["unseen"] for row in self.rows)

    @property
    def total(self) -> int:
        return sum(row["total"] for row in self.rows)


def deck_overview(user, learner: Learner, *, now: datetime, today: date) -> DeckOverview:
    """Three queries. The daily limit of new cards is shared out deck by deck, in the order a
    review of all decks introduces them, so the rows add up to what that review shows."""
    due = dict(
        CardState.objects.filter(user=user, due__lte=now, card__status=Publication.PUBLISHED)
        .values("card__deck")
        .annotate(count=Count("pk"))
        .values_list("card__deck", "count")
    )
    introduced = CardState.objects.filter(user=user, introduced_on=today).count()
    overview = DeckOverview(rows=[], limit=learner.new_cards_per_day, introduced=introduced)
    decks = Deck.objects.annotate(
        total=Count("cards", filter=Q(cards__status=Publication.PUBLISHED)),
        unseen=Count(
            "cards",
            filter=Q(cards__status=Publication.PUBLISHED)
            & ~Q(cards__in=CardState.objects.filter(user=user).values("card_id")),
        ),
    ).order_by(*DECK_ORDER)
    left = overview.allowance
    for deck in decks:
        new = min(deck.unseen, left)
        left -= new
        overview.rows.append(
            {"deck": deck, "due": due.get(deck.pk, 0), "new": new, "unseen": deck.unseen, "total": deck.total}
        )
    return overview


def due_counts(user, learner: Learner, *, now: datetime, today: date) -> list[dict]:
    """The rows of deck_overview (the dashboard lists them)."""
    return deck_overview(user, learner, now=now, today=today).rows


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
