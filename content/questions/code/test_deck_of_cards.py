import random

import pytest
from deck_of_cards import BlackjackHand, BlackjackRound, Card, Deck, EmptyDeckError, Hand, Rank, Suit


class FixedRandom:
    """A random source that always picks index 0, to make shuffles predictable."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def randrange(self, stop: int, /) -> int:
        self.calls.append(stop)
        return 0


def cards(*labels: str) -> list[Card]:
    """Build cards from rank labels such as 'A', '10', 'K', all spades."""
    by_label = {rank.label: rank for rank in Rank}
    return [Card(by_label[label], Suit.SPADES) for label in labels]


def stacked(*labels: str) -> Deck:
    """A deck that deals the given labels in order, first label first."""
    return Deck(reversed(cards(*labels)))


def test_a_standard_deck_has_52_distinct_cards():
    deck = Deck.standard()
    assert len(deck) == 52
    assert len(set(deck)) == 52


def test_a_shoe_of_six_decks_holds_312_cards():
    assert len(Deck.standard(decks=6)) == 312


def test_the_same_seed_gives_the_same_shuffle():
    first = Deck.standard(rng=random.Random(7))
    second = Deck.standard(rng=random.Random(7))
    first.shuffle()
    second.shuffle()
    assert list(first) == list(second)
    assert list(first) != list(Deck.standard())


def test_shuffling_asks_the_injected_source_once_per_position():
    source = FixedRandom()
    deck = Deck(cards("A", "2", "3", "4"), rng=source)
    deck.shuffle()
    assert source.calls == [4, 3, 2]
    assert sorted(card.rank for card in deck) == [Rank.ACE, Rank.TWO, Rank.THREE, Rank.FOUR]


def test_dealing_takes_cards_from_the_top():
    deck = stacked("A", "K")
    assert deck.deal().rank is Rank.ACE
    assert deck.deal().rank is Rank.KING
    assert len(deck) == 0


def test_dealing_from_an_empty_deck_raises():
    deck = stacked("A")
    with pytest.raises(EmptyDeckError):
        deck.deal_many(2)
    deck.deal()
    with pytest.raises(EmptyDeckError):
        deck.deal()


def test_discarded_cards_return_when_the_deck_is_rebuilt():
    deck = Deck.standard(rng=random.Random(1))
    hand = Hand(deck.deal_many(5))
    deck.discard(hand.clear())
    assert len(deck) == 47
    deck.rebuild()
    assert len(deck) == 52
    assert len(hand) == 0


def test_picture_cards_count_ten_in_blackjack():
    assert BlackjackHand(cards("K", "Q")).value == 20
    assert BlackjackHand(cards("J", "9")).value == 19


def test_an_ace_counts_eleven_when_that_does_not_bust():
    hand = BlackjackHand(cards("A", "6"))
    assert hand.value == 17
    assert hand.is_soft


def test_an_ace_drops_to_one_when_eleven_would_bust():
    hand = BlackjackHand(cards("A", "6", "9"))
    assert hand.value == 16
    assert not hand.is_soft


def test_two_aces_count_twelve_not_twenty_two():
    assert BlackjackHand(cards("A", "A")).value == 12
    assert BlackjackHand(cards("A", "A", "9")).value == 21


def test_an_ace_and_a_ten_card_is_a_blackjack_but_three_cards_to_21_is_not():
    assert BlackjackHand(cards("A", "K")).is_blackjack
    three = BlackjackHand(cards("7", "7", "7"))
    assert three.value == 21
    assert not three.is_blackjack


def test_a_hand_over_21_is_bust():
    assert BlackjackHand(cards("K", "Q", "2")).is_bust


def test_the_dealer_stands_on_soft_17_by_default_and_hits_it_when_told():
    standing = BlackjackRound(stacked("10", "A", "9", "6", "5"))
    standing.deal_opening()
    standing.play_dealer()
    assert standing.dealer.value == 17
    hitting = BlackjackRound(stacked("10", "A", "9", "6", "5", "5"), dealer_hits_soft_17=True)
    hitting.deal_opening()
    hitting.play_dealer()
    assert len(hitting.dealer) == 4  # A 6 5 is a hard 12, so it draws again to a hard 17
    assert hitting.dealer.value == 17
    assert not hitting.dealer.is_soft


def test_a_round_reports_the_winner_and_returns_cards_to_the_discards():
    deck = stacked("10", "10", "9", "7")  # player 10+9, dealer 10+7
    round_ = BlackjackRound(deck)
    round_.deal_opening()
    round_.play_dealer()
    assert round_.outcome() == "player"
    round_.finish()
    deck.rebuild()
    assert len(deck) == 4


def test_a_busted_player_loses_even_if_the_dealer_would_bust():
    round_ = BlackjackRound(stacked("10", "10", "6", "6", "9", "10"))
    round_.deal_opening()
    round_.hit()
    assert round_.player.is_bust
    assert round_.outcome() == "dealer"
