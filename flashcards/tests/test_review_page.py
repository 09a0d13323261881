"""The review page: one card at a time, how many are left, rating and undo with and without htmx."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from flashcards import scheduling
from flashcards.models import Card, CardState
from tests.support.accounts import learner_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _left(html: str) -> str:
    """The text of the "n left" count."""
    match = re.search(r'<span id="cards-left-count"[^>]*>(.*?)</span>', html, re.S)
    assert match, "no count"
    return re.sub(r"<[^>]+>", "", match.group(1))


def _due_again(user, cards) -> None:
    learner = learner_of(user)
    for card in cards:
        scheduling.review(user=user, learner=learner, card=card, rating=3, now=timezone.now(), today=learner.today())
    # Seen on an earlier day, due an hour ago: reviews, not new cards of today's allowance.
    CardState.objects.filter(user=user).update(
        due=timezone.now() - timedelta(hours=1), introduced_on=learner.today() - timedelta(days=5)
    )


def _rate(client, card_id: int, rating: str = "4", **extra) -> str:
    data = {"card": card_id, "rating": rating, **extra}
    return client.post(reverse("flashcards:review"), data, headers=HTMX).content.decode()


def test_it_shows_how_many_cards_are_left_new_and_due(user, user_client, make_decks):
    [deck] = make_decks(1, 10)
    _due_again(user, deck.cards.all()[:3])
    learner_of(user, new_cards_per_day=4)
    html = user_client.get(reverse("flashcards:review")).content.decode()
    assert _left(html) == "7 cards left: 4 new, 3 due"


def test_the_count_is_a_polite_live_region_outside_the_swapped_card(user, user_client, make_decks):
    make_decks(1, 2)
    html = user_client.get(reverse("flashcards:review")).content.decode()
    region = re.search(r'<p class="cards-left" role="status" aria-live="polite" aria-atomic="true">(.*?)</p>', html)
    assert region
    assert 'id="cards-left-count"' in region.group(1)
    assert html.index("cards-left-count") < html.index('id="review-area"')
    assert html.count('id="cards-left-count"') == 1


def test_each_rating_counts_down_and_undo_counts_back_up(user, user_client, make_decks):
    make_decks(1, 3)
    first = user_client.get(reverse("flashcards:review")).context["card"]
    response = user_client.post(reverse("flashcards:review"), {"card": first.pk, "rating": "4"}, headers=HTMX)
    fragment, second = response.content.decode(), response.context["card"]
    # The fragment carries the new count out of band, into the live region that stays on the page.
    assert '<span id="cards-left-count" hx-swap-oob="true">' in fragment
    assert _left(fragment) == "2 cards left: 2 new, 0 due"
    assert _left(_rate(user_client, second.pk)) == "1 card left: 1 new, 0 due"
    undone = user_client.post(reverse("flashcards:undo"), headers=HTMX).content.decode()
    assert _left(undone) == "2 cards left: 2 new, 0 due"
    assert second.front in undone  # the undone card is back


def test_after_the_last_card_it_says_done_and_when_the_next_one_is_due(user, user_client, make_decks):
    [deck] = make_decks(1, 2)
    first, last = deck.cards.all()
    _rate(user_client, first.pk, "1")  # again: back in a minute
    done = _rate(user_client, last.pk, "4")
    assert _left(done) == "No cards left for now"
    assert '<h2 id="review-done" tabindex="-1">Done for now</h2>' in done
    assert "The next one is due in 1 min." in done
    assert 'id="card-front"' not in done


def test_after_the_daily_limit_it_says_so(user, user_client, make_decks):
    [deck] = make_decks(1, 5)
    learner_of(user, new_cards_per_day=1)
    done = _rate(user_client, deck.cards.first().pk)
    assert "You have reached today\u2019s limit of 1 new card: 4 more wait for tomorrow" in done


def test_a_deck_review_counts_only_that_deck_but_the_shared_limit(user, user_client, make_decks):
    first, second = make_decks(2, 15)
    for card in first.cards.all()[:12]:
        _rate(user_client, card.pk)
    html = user_client.get(reverse("flashcards:review") + "?deck=" + second.slug).content.decode()
    assert _left(html) == "8 cards left: 8 new, 0 due"  # 20 a day, 12 seen in the other deck
    fragment = _rate(user_client, Card.objects.filter(deck=second).first().pk, deck=second.slug)
    assert _left(fragment) == "7 cards left: 7 new, 0 due"
    assert "Deck 001, card 1?" in fragment


def test_the_card_and_the_done_message_can_take_focus(user, user_client, make_decks):
    make_decks(1, 1)
    html = user_client.get(reverse("flashcards:review")).content.decode()
    assert 'id="card-front" tabindex="-1"' in html
    assert 'id="card-answer" tabindex="-1"' in html
    assert 'aria-keyshortcuts="3"' in html
    assert 'aria-keyshortcuts="u"' not in html  # nothing to undo yet


def test_without_javascript_a_rating_returns_to_the_next_card(user, user_client, make_decks):
    [deck] = make_decks(1, 2)
    response = user_client.post(reverse("flashcards:review"), {"card": deck.cards.first().pk, "rating": "3"})
    assert response.status_code == 302
    assert response["Location"] == reverse("flashcards:review") + "#review-area"
    page = user_client.get(response["Location"]).content.decode()
    assert _left(page) == "1 card left: 1 new, 0 due"


@pytest.mark.parametrize("scale", [1, 10])
def test_the_page_makes_the_same_queries_with_ten_times_the_cards(
    user, user_client, make_decks, django_assert_num_queries, scale
):
    decks = make_decks(3 * scale, 10)
    _due_again(user, Card.objects.filter(deck__in=decks[::2])[: 5 * scale])
    address = reverse("flashcards:review")
    user_client.get(address)  # warm: the session
    # 1. the session 2. the user with their learner 3. the counts 4. the most overdue card with its state 5. undo
    with django_assert_num_queries(5):
        html = user_client.get(address).content.decode()
    assert _left(html) == f"{5 * scale + 20} cards left: 20 new, {5 * scale} due"
    learner_of(user, new_cards_per_day=0)
    CardState.objects.filter(user=user).update(due=timezone.now() + timedelta(days=2))
    # 1. the session 2. the user with their learner 3. the counts 4. when the next card is due 5. undo
    with django_assert_num_queries(5):
        html = user_client.get(address).content.decode()
    assert "The next one is due in 2 d." in html


def test_it_hides_other_users_cards(user, other_user, user_client, make_decks):
    [deck] = make_decks(1, 4)
    _due_again(other_user, deck.cards.all())
    response = user_client.get(reverse("flashcards:review"))
    assert _left(response.content.decode()) == "4 cards left: 4 new, 0 due"
    assert response.context["left"].due == 0


def test_it_needs_a_signed_in_learner_and_undo_needs_post(user_client):
    assert Client().get(reverse("flashcards:review"))["Location"].startswith(reverse("login"))
    assert user_client.get(reverse("flashcards:undo")).status_code == 405
