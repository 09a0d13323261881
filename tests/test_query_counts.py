"""Every main page in a fixed number of SQL queries, the same with ten times the data.

`grow_everything` fills every table the pages read (topics, relations, questions with their
solutions, rubrics and errata, decks and cards, a learner's progress, bookmarks, activity,
plan, attempts, card states and reviews) at scale 1 and scale 10. The comment beside each
count names the queries, in order (healthchecks style).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.support.growth import grow_everything

pytestmark = pytest.mark.django_db
SIGNED_IN = "session, user"  # every signed-in page starts with these two

PAGES = [
    # (who, address, queries, what they are)
    ("visitor", "home", 0, "none: the home page is a shell"),
    ("visitor", "topics", 1, "the published topics"),
    ("visitor", "topic", 7, "topic with parent and grandparent, children, related, previous, next, questions, texts"),
    ("visitor", "questions", 3, "questions with their practice link, their topics, the filter's topic choices"),
    ("visitor", "question", 8, "question, topics, solutions, steps, errata, checkpoints, numbers, listed-as"),
    ("visitor", "search", 2, "topics that match, questions that match"),
    ("visitor", "shared", 4, "attempt with question and owner, solutions, their steps, the attempt's steps"),
    (
        "learner",
        "home",
        14,
        f"{SIGNED_IN}, learner, plan, plan items, activity, finished per section, sections, "
        "topics per section, due cards per deck, new cards today, decks, attempts, bookmarks",
    ),
    ("learner", "plan", 5, f"{SIGNED_IN}, learner, plan, plan items with their topics and questions"),
    ("learner", "plan-print", 5, f"{SIGNED_IN}, plan, learner, plan items"),
    ("learner", "topics", 4, f"topics, {SIGNED_IN}, the learner's statuses"),
    ("learner", "topic", 10, f"{SIGNED_IN}, the visitor's 7, the learner's progress on it"),
    ("learner", "question", 11, f"{SIGNED_IN}, the visitor's 8, the learner's progress on it"),
    ("learner", "practice", 4, f"{SIGNED_IN}, question, the learner's attempts at it"),
    ("learner", "editor", 6, f"{SIGNED_IN}, attempt with question, solutions, their steps, the attempt's steps"),
    (
        "learner",
        "report",
        12,
        f"{SIGNED_IN}, attempt, solutions, steps, previous attempt, its steps, this one's "
        "steps, score history, the exercise card's due date, checkpoints to tick, the lexicon's stamp",
    ),
    ("learner", "cards", 6, f"{SIGNED_IN}, learner, due per deck, new today, decks with counts"),
    ("learner", "review", 6, f"{SIGNED_IN}, learner, the most overdue card, its state for the intervals, undo"),
    ("learner", "review-deck", 7, f"{SIGNED_IN}, deck, learner, the deck's most overdue card, its state, undo"),
    ("learner", "data", 4, f"{SIGNED_IN}, learner, sections for the reset form"),
]


def _address(name: str, ids: dict) -> str:
    return {
        "home": "/",
        "topics": reverse("topics:index"),
        "topic": reverse("topics:detail", args=[ids["topic"]]),
        "questions": reverse("questions:index"),
        "question": reverse("questions:detail", args=[ids["question"]]),
        "search": reverse("search:index") + "?q=cache",
        "shared": reverse("progress:shared", args=[ids["token"]]),
        "plan": reverse("progress:plan"),
        "plan-print": reverse("progress:plan-print"),
        "practice": reverse("progress:practice-start", args=[ids["question"]]),
        "editor": reverse("progress:attempt", args=[ids["draft"]]),
        "report": reverse("progress:attempt-report", args=[ids["report"]]),
        "cards": reverse("flashcards:index"),
        "review": reverse("flashcards:review"),
        "review-deck": reverse("flashcards:review") + "?deck=" + ids["deck"],
        "data": reverse("accounts:data"),
    }[name]


@pytest.mark.parametrize("scale", [1, 10])
def test_each_page_makes_the_same_queries_at_one_and_ten_times_the_data(user, user_client, scale):
    ids = grow_everything(user, scale)
    counts = {}
    for who, name, _, _ in PAGES:
        client = user_client if who == "learner" else Client()
        address = _address(name, ids)
        assert client.get(address).status_code == 200, address  # warm: the session, caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200
        counts[(who, name)] = len(queries.captured_queries)
    assert counts == {(who, name): expected for who, name, expected, _ in PAGES}
