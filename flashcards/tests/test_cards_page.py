"""The decks page: due and new cards per deck, the new ones shared out of one daily limit."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from flashcards import scheduling
from flashcards.models import Card, CardState
from tests.support.accounts import learner_of

pytestmark = pytest.mark.django_db


def _rated(user, cards, rating: int = 4) -> None:
    learner = learner_of(user)
    for card in cards:
        scheduling.review(
            user=user, learner=learner, card=card, rating=rating, now=timezone.now(), today=learner.today()
        )


def _column(html: str, label: str) -> list[int]:
    """The deck rows' figures in one column (the total row, in <tfoot>, left out)."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [int(n) for n in re.findall(rf'data-label="{label}">(\d+)<', body)]


@pytest.mark.parametrize("scale", [1, 10])
def test_the_new_today_column_adds_up_to_at_most_the_daily_limit(
    user, user_client, make_decks, django_assert_num_queries, scale
):
    decks = make_decks(14 * scale, 12)
    _rated(user, Card.objects.filter(deck=decks[-1])[:3])  # three of today's twenty seen already
    CardState.objects.filter(user=user).update(due=timezone.now() - timedelta(hours=1))
    user_client.get(reverse("flashcards:index"))  # warm: the session
    # 1. the session 2. the user with their learner 3. due per deck 4. new cards seen today 5. decks with counts
    with django_assert_num_queries(5):
        response = user_client.get(reverse("flashcards:index"))
    html = response.content.decode()
    new = _column(html, "New today")
    assert len(new) == 14 * scale
    assert sum(new) == 17  # 20 a day, 3 seen: not 14 * scale decks of 12 each
    assert sum(_column(html, "Due now")) == 3
    assert re.search(r'<tfoot>.*data-label="New today">17<', html, re.S)
    assert "Left today: <strong>3</strong> due and <strong>17</strong> new." in html


def test_the_rows_share_the_limit_in_the_order_review_all_introduces_them(user, user_client, make_decks):
    make_decks(5, 8)
    html = user_client.get(reverse("flashcards:index")).content.decode()
    assert _column(html, "New today") == [8, 8, 4, 0, 0]
    first = user_client.get(reverse("flashcards:review")).context["card"]
    assert first.deck.slug == "deck-0"


def test_the_column_and_the_shared_limit_are_explained(user, user_client, make_decks):
    make_decks(2, 3)
    html = user_client.get(reverse("flashcards:index")).content.decode()
    assert '<th scope="col">New today</th>' in html
    assert "shares out your limit of 20 new cards a day" in html
    assert 'aria-describedby="cards-today new-today-note"' in html
    assert "Shared by all decks" in html  # the setting's help


def test_every_deck_with_new_cards_can_be_reviewed_on_its_own(user, user_client, make_decks):
    make_decks(3, 10)  # the third deck's share of today's 20 is zero
    html = user_client.get(reverse("flashcards:index")).content.decode()
    assert _column(html, "New today") == [10, 10, 0]
    assert 'href="/cards/review/?deck=deck-2">Review<span class="visually-hidden"> Deck 002</span>' in html


def test_once_the_limit_is_reached_the_page_says_so(user, user_client, make_decks):
    [deck] = make_decks(1, 6)
    learner_of(user, new_cards_per_day=2)
    _rated(user, deck.cards.all()[:2])
    html = user_client.get(reverse("flashcards:index")).content.decode()
    assert _column(html, "New today") == [0]
    assert "You have had today\u2019s 2 new cards; more come tomorrow." in html
    assert "(2 seen already)" in html


def test_it_hides_other_users_reviews(user, other_user, user_client, make_decks):
    [deck] = make_decks(1, 30)
    _rated(other_user, deck.cards.all()[:25])
    CardState.objects.filter(user=other_user).update(due=timezone.now() - timedelta(hours=1))
    html = user_client.get(reverse("flashcards:index")).content.decode()
    assert (_column(html, "Due now"), _column(html, "New today")) == ([0], [20])


def test_it_needs_a_signed_in_learner(client, make_decks):
    response = client.get(reverse("flashcards:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
