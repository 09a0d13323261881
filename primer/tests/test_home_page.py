"""The visitor's home page: each "Where to start" card is one link named by its title."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_each_where_to_start_card_is_one_link_named_by_its_title(client):
    html = client.get("/").content.decode()
    steps = re.search(r'<ol class="card-list start-cards">(.*?)</ol>', html, re.S).group(1)
    cards = re.findall(r'<li class="card">(.*?)</li>', steps, re.S)
    expected = [
        (reverse("topics:index"), "1. Read the topics"),
        (reverse("progress:plan"), "2. Follow a study plan"),
        (reverse("questions:index"), "3. Practise the four steps"),
        (reverse("flashcards:index"), "4. Remember it"),
    ]
    assert len(cards) == len(expected)
    for card, (href, title) in zip(cards, expected, strict=True):
        assert re.findall(r"<a\b[^>]*>(.*?)</a>", card) == [title]  # one link, its text the title
        assert f'<h3><a class="card-link" href="{href}">{title}</a></h3>' in card
