"""A learner reviews five cards with the keyboard only."""

import pytest
from django.contrib.auth import get_user_model

from flashcards.models import Card, CardState, Deck, Review
from tests.support.browser import PASSWORD, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_review_five_cards_with_the_keyboard(page):
    deck = Deck.objects.create(slug="numbers", title="Numbers")
    for index in range(6):
        Card.objects.create(deck=deck, guid=f"n-{index}", front=f"Question **{index}**?", back=f"Answer {index}.")
    get_user_model().objects.create_user("alan", password=PASSWORD)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("alan")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/cards/review/")
    for index, key in enumerate(["3", "4", "1", "3", "2"]):
        page.locator(".card-front", has_text=f"Question {index}?").wait_for()
        page.keyboard.press("Space")
        page.get_by_text(f"Answer {index}.").wait_for()
        if index == 0:
            screenshot(page, "review-answer")
        page.keyboard.press(key)
    page.locator(".card-front", has_text="Question 5?").wait_for()  # "Again" brings card 2 back in a minute, not now
    assert Review.objects.count() == 5
    assert sorted(Review.objects.values_list("rating", flat=True)) == [1, 2, 3, 3, 4]
    page.keyboard.press("u")  # undo the last rating (card 4 rated Hard)
    page.locator(".card-front", has_text="Question 4?").wait_for()
    assert Review.objects.count() == 4
    assert CardState.objects.count() == 4
    page.problems.assert_none()
