"""A generic deck of playing cards, with Blackjack as the example game.

Cards, decks and hands know nothing about any game's rules. A game adds meaning by
subclassing Hand (here, BlackjackHand scores aces as 1 or 11) or by composing the generic
pieces in its own class (BlackjackRound). Shuffling takes an injectable random source so
that a test, or a replay of a dealt game, can fix the order of the cards.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import Protocol


class Suit(Enum):
    CLUBS = "♣"
    DIAMONDS = "♦"
    HEARTS = "♥"
    SPADES = "♠"


class Rank(IntEnum):
    ACE = 1
    TWO = 2
    THREE = 3
    FOUR = 4
    FIVE = 5
    SIX = 6
    SEVEN = 7
    EIGHT = 8
    NINE = 9
    TEN = 10
    JACK = 11
    QUEEN = 12
    KING = 13

    @property
    def label(self) -> str:
        return {Rank.ACE: "A", Rank.JACK: "J", Rank.QUEEN: "Q", Rank.KING: "K"}.get(self, str(self.value))


@dataclass(frozen=True, slots=True)
class Card:
    """An immutable card. Equal cards compare equal, so several decks can share a shoe."""

    rank: Rank
    suit: Suit

    def __str__(self) -> str:
        return f"{self.rank.label}{self.suit.value}"


class RandomSource(Protocol):
    """Anything that can pick an index below ``stop``; random.Random qualifies."""

    def randrange(self, stop: int, /) -> int: ...


class EmptyDeckError(Exception):
    """Raised when more cards are dealt than remain."""


class Deck:
    """An ordered pile of cards; the end of the list is the top of the deck."""

    def __init__(self, cards: Iterable[Card], rng: RandomSource | None = None) -> None:
        self._cards: list[Card] = list(cards)
        self._discards: list[Card] = []
        self._rng: RandomSource = rng if rng is not None else random.Random()

    @classmethod
    def standard(cls, decks: int = 1, rng: RandomSource | None = None) -> Deck:
        """A 52-card French deck, or several shuffled together as a casino shoe."""
        cards = [Card(rank, suit) for _ in range(decks) for suit in Suit for rank in Rank]
        return cls(cards, rng)

    def shuffle(self) -> None:
        """Fisher-Yates: every permutation is equally likely given a fair source. O(n)."""
        cards = self._cards
        for i in range(len(cards) - 1, 0, -1):
            j = self._rng.randrange(i + 1)
            cards[i], cards[j] = cards[j], cards[i]

    def deal(self) -> Card:
        """Take the top card. O(1)."""
        if not self._cards:
            raise EmptyDeckError("no cards left to deal")
        return self._cards.pop()

    def deal_many(self, count: int) -> list[Card]:
        if count > len(self._cards):
            raise EmptyDeckError(f"asked for {count} cards, {len(self._cards)} left")
        return [self.deal() for _ in range(count)]

    def discard(self, cards: Iterable[Card]) -> None:
        """Put played cards on the discard pile until the deck is rebuilt."""
        self._discards.extend(cards)

    def rebuild(self) -> None:
        """Gather the discard pile back into the deck and shuffle it."""
        self._cards.extend(self._discards)
        self._discards.clear()
        self.shuffle()

    def __len__(self) -> int:
        return len(self._cards)

    def __iter__(self) -> Iterator[Card]:
        """Cards from the top down, without dealing them."""
        return reversed(self._cards)


class Hand:
    """The cards one player holds. Games subclass it to add scoring."""

    def __init__(self, cards: Iterable[Card] = ()) -> None:
        self.cards: list[Card] = list(cards)

    def add(self, card: Card) -> None:
        self.cards.append(card)

    def clear(self) -> list[Card]:
        """Empty the hand and return its cards, for the discard pile."""
        cards, self.cards = self.cards, []
        return cards

    def __len__(self) -> int:
        return len(self.cards)

    def __str__(self) -> str:
        return " ".join(str(card) for card in self.cards)


class BlackjackHand(Hand):
    """A Blackjack hand: number cards at face value, pictures 10, aces 1 or 11."""

    TARGET = 21

    @staticmethod
    def card_value(card: Card) -> int:
        """The hard value of a card, counting an ace as 1."""
        return min(card.rank.value, 10)

    def _hard_total_and_aces(self) -> tuple[int, bool]:
        total = sum(self.card_value(card) for card in self.cards)
        return total, any(card.rank is Rank.ACE for card in self.cards)

    @property
    def value(self) -> int:
        """The best total: at most one ace can count 11, since two would make 22."""
        total, has_ace = self._hard_total_and_aces()
        if has_ace and total + 10 <= self.TARGET:
            return total + 10
        return total

    @property
    def is_soft(self) -> bool:
        """True when an ace is counting 11, so one more card cannot bust the hand."""
        total, has_ace = self._hard_total_and_aces()
        return has_ace and total + 10 <= self.TARGET

    @property
    def is_blackjack(self) -> bool:
        return len(self.cards) == 2 and self.value == self.TARGET

    @property
    def is_bust(self) -> bool:
        return self.value > self.TARGET


class BlackjackRound:
    """One round between a player and the dealer, using the generic deck and hands."""

    def __init__(self, deck: Deck, dealer_hits_soft_17: bool = False) -> None:
        self.deck = deck
        self.player = BlackjackHand()
        self.dealer = BlackjackHand()
        self.dealer_hits_soft_17 = dealer_hits_soft_17

    def deal_opening(self) -> None:
        for _ in range(2):
            self.player.add(self.deck.deal())
            self.dealer.add(self.deck.deal())

    def hit(self) -> Card:
        card = self.deck.deal()
        self.player.add(card)
        return card

    def play_dealer(self) -> None:
        """The dealer draws to 17, and on a soft 17 too if the table's rule says so."""
        while self.dealer.value < 17 or (self.dealer_hits_soft_17 and self.dealer.value == 17 and self.dealer.is_soft):
            self.dealer.add(self.deck.deal())

    def outcome(self) -> str:
        """'player', 'dealer' or 'push', from the player's point of view."""
        player, dealer = self.player, self.dealer
        if player.is_bust:
            return "dealer"
        if player.is_blackjack and not dealer.is_blackjack:
            return "player"
        if dealer.is_blackjack and not player.is_blackjack:
            return "dealer"
        if dealer.is_bust or player.value > dealer.value:
            return "player"
        if dealer.value > player.value:
            return "dealer"
        return "push"

    def finish(self) -> None:
        """Return both hands to the deck's discard pile."""
        self.deck.discard(self.player.clear() + self.dealer.clear())
