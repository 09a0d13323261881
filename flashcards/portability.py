"""The flashcards part of a learner's data file: card states and reviews (see accounts.portability)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from fsrs import Card as FsrsCard

from accounts.portability import ImportProblem, Part, Reader, iso, moment
from flashcards.models import Card, CardState, Review

FSRS_KEYS = {"card_id", "state", "step", "stability", "difficulty", "due", "last_review"}
SOURCES = ("review", "attempt")


def export(user) -> dict:
    return {
        "cards": [
            {
                "card": s.card.guid,
                "fsrs": s.fsrs,
                "due": s.due.isoformat(),
                "introduced_on": iso(s.introduced_on),
                "reviews": s.reviews,
            }
            for s in CardState.objects.for_user(user).select_related("card").order_by("card__guid")
        ],
        "reviews": [
            {
                "card": r.card.guid,
                "rating": r.rating,
                "reviewed_at": r.reviewed_at.isoformat(),
                "previous": r.previous,
                "previous_due": r.previous_due.isoformat() if r.previous_due else None,
                "source": r.source,
            }
            for r in Review.objects.filter(user=user).select_related("card").order_by("reviewed_at", "pk")
        ],
    }


def fsrs_state(value: Any, where: str, *, optional: bool = False) -> dict | None:
    """An FSRS card state exactly as the fsrs library writes it, or a clear refusal."""
    if value is None and optional:
        return None
    if not isinstance(value, dict) or set(value) != FSRS_KEYS:
        raise ImportProblem(f"{where}: the card state must have exactly the fields {', '.join(sorted(FSRS_KEYS))}.")

    def problem(message: str) -> ImportProblem:
        return ImportProblem(f"{where}: the card state {message}.")

    if isinstance(value["card_id"], bool) or not isinstance(value["card_id"], int) or value["card_id"] < 0:
        raise problem("has a card_id that is not a whole number")
    if value["state"] not in (1, 2, 3) or isinstance(value["state"], bool):
        raise problem("has a state other than 1, 2 or 3")
    if value["step"] is not None and (not isinstance(value["step"], int) or not 0 <= value["step"] <= 100):
        raise problem("has a step that is not a small whole number")
    for name in ("stability", "difficulty"):
        number = value[name]
        if number is not None and (
            isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(number) or number < 0
        ):
            raise problem(f"has a {name} that is not a positive number")
    moment(value["due"], problem)
    if value["last_review"] is not None:
        moment(value["last_review"], problem)
    return dict(FsrsCard.from_dict(value).to_dict())  # type: ignore[arg-type]  # checked field by field above


def read(data: dict) -> dict:
    frame = Reader({key: data.get(key) for key in ("cards", "reviews")}, "the file", {"cards", "reviews"})
    cards = dict(Card.objects.published().values_list("guid", "pk"))
    return {"cards": _states(frame.items("cards"), cards), "reviews": _reviews(frame.items("reviews"), cards)}


def _states(entries: list, cards: dict[str, int]) -> list[dict]:
    states, seen = [], set()
    for index, entry in enumerate(entries):
        where = f"card state {index + 1}"
        row = Reader(entry, where, {"card", "fsrs", "due", "introduced_on", "reviews"})
        guid = row.text("card", limit=100, required=True)
        if guid in seen:
            raise row.problem("card", f"repeats the card '{guid}'")
        seen.add(guid)
        state = {
            "fsrs": fsrs_state(entry.get("fsrs"), where),
            "due": row.moment("due", required=True),
            "introduced_on": row.day("introduced_on") or date.today(),
            "reviews": row.integer("reviews", low=0, high=1_000_000, default=0),
        }
        if guid in cards:
            states.append({"card_id": cards[guid], **state})
    return states


def _reviews(entries: list, cards: dict[str, int]) -> list[dict]:
    reviews = []
    for index, entry in enumerate(entries):
        where = f"review {index + 1}"
        row = Reader(entry, where, {"card", "rating", "reviewed_at", "previous", "previous_due", "source"})
        guid = row.text("card", limit=100, required=True)
        review = {
            "rating": row.integer("rating", low=1, high=4),
            "reviewed_at": row.moment("reviewed_at", required=True),
            "previous": fsrs_state(entry.get("previous"), where, optional=True),
            "previous_due": row.moment("previous_due"),
            "source": row.choice("source", SOURCES, default="review"),
        }
        if guid in cards:
            reviews.append({"card_id": cards[guid], **review})
    return reviews


def write(user, reading: dict) -> dict:
    CardState.objects.filter(user=user).delete()
    CardState.objects.bulk_create(CardState(user=user, **state) for state in reading["cards"])
    Review.objects.filter(user=user).delete()
    Review.objects.bulk_create(Review(user=user, **review) for review in reading["reviews"])
    return {"cards": len(reading["cards"])}


PART = Part(keys=("cards", "reviews"), export=export, read=read, write=write)
