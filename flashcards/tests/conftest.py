"""Fixtures for the flashcards tests."""

from __future__ import annotations

import pytest

from flashcards.models import Card, Deck


@pytest.fixture
def make_decks(db):
    """`count` decks of `cards` published cards each, in bulk (so the HTML is written out, not rendered)."""

    def make(count: int, cards: int, *, prefix: str = "deck", order: int | None = None) -> list[Deck]:
        decks = Deck.objects.bulk_create(
            Deck(slug=f"{prefix}-{n}", title=f"{prefix.title()} {n:03}", order=n if order is None else order)
            for n in range(count)
        )
        Card.objects.bulk_create(
            Card(deck=deck, guid=f"{deck.slug}-{c}", front=front, back="Yes.", front_html=f"<p>{front}</p>",
                 back_html="<p>Yes.</p>", order=c)
            for deck in decks
            for c, front in enumerate(f"{deck.title}, card {c}?" for c in range(cards))
        )  # fmt: skip
        return decks

    return make
