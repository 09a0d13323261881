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


def bump_content_stamp() -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE primer_content_stamp SET value = nextval('primer_content_stamp_seq')")


pytestmark = pytest.mark.django_db
SIGNED_IN = "session, user with their learner"  # every signed-in page starts with these two
STAMP = "the curriculum's version"  # a shared page is stored by it (primer/pagecache.py)
# Served from the cache: the version, then only the asker's own parts (a learner's: session, user, ...).
CACHED = {
    ("visitor", "topics"): 1, ("visitor", "topic"): 1, ("visitor", "questions"): 1, ("visitor", "question"): 1,
    ("visitor", "search"): 1,
    ("learner", "topics"): 3,  # session, user with learner, version (statuses kept by the data version)
    ("learner", "topic"): 3,  # session, user with learner, version (the controls kept by the data version)
    ("learner", "question"): 3,
    ("learner", "questions"): 3,  # session, user, version
    ("learner", "search"): 3,
    ("learner", "home"): 3,  # session, user with learner, version (the cards due kept until the next falls due)
    ("learner", "plan"): 3,  # session, user with learner, version
}  # fmt: skip

PAGES = [
    # (who, address, queries, what they are)
    ("visitor", "home", 0, "none: the home page is a shell"),
    ("visitor", "topics", 2, f"{STAMP}, the published topics"),
    (
        "visitor",
        "topic",
        8,
        f"{STAMP}, topic with parent and grandparent, children, related, previous, next, questions, texts",
    ),
    (
        "visitor",
        "questions",
        4,
        f"{STAMP}, questions with their practice link, their topics, the filter's topic choices",
    ),
    ("visitor", "question", 9, f"{STAMP}, question, topics, solutions, steps, errata, checkpoints, numbers, listed-as"),
    ("visitor", "search", 3, f"{STAMP}, topics that match, questions that match"),
    ("visitor", "shared", 4, "attempt with question and owner, solutions, their steps, the attempt's steps"),
    (
        "learner",
        "home",
        15,
        f"{SIGNED_IN}, {STAMP}, plan, plan items, activity, finished per section, sections, "
        "topics per section, attempts, bookmarks, due cards per deck, new cards today, decks, the next card due",
    ),
    ("learner", "plan", 5, f"{SIGNED_IN}, {STAMP}, plan, plan items with their topics and questions"),
    ("learner", "plan-print", 4, f"{SIGNED_IN}, plan, plan items"),
    ("learner", "topics", 4, f"{SIGNED_IN}, {STAMP}, topics (their statuses kept by data version)"),
    ("learner", "topic", 10, f"{SIGNED_IN}, the visitor's 8, the learner's progress on it"),
    ("learner", "question", 11, f"{SIGNED_IN}, the visitor's 9, the learner's progress on it"),
    ("learner", "questions", 6, f"{SIGNED_IN}, the visitor's 4"),
    ("learner", "search", 5, f"{SIGNED_IN}, the visitor's 3"),
    ("learner", "practice", 4, f"{SIGNED_IN}, question, the learner's attempts at it"),
    ("learner", "editor", 6, f"{SIGNED_IN}, attempt with question, solutions, their steps, the attempt's steps"),
    (
        "learner",
        "report",
        12,
        f"{SIGNED_IN}, attempt, solutions, steps, previous attempt, its steps, this one's "
        "steps, score history, the exercise card's due date, checkpoints to tick, the lexicon's stamp",
    ),
    ("learner", "cards", 5, f"{SIGNED_IN}, due per deck, new today, decks with counts"),
    ("learner", "review", 5, f"{SIGNED_IN}, the most overdue card, its state for the intervals, undo"),
    ("learner", "review-deck", 6, f"{SIGNED_IN}, deck, the deck's most overdue card, its state, undo"),
    ("learner", "data", 3, f"{SIGNED_IN}, sections for the reset form"),
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
    counts, hits = {}, {}
    for who, name, _, _ in PAGES:
        client = user_client if who == "learner" else Client()
        address = _address(name, ids)
        assert client.get(address).status_code == 200, address  # warm: the session, caches
        bump_content_stamp()  # a visitor's page must be rendered again: count what that takes
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200
        counts[(who, name)] = len(queries.captured_queries)
        if (who, name) in CACHED:
            with CaptureQueriesContext(connection) as again:
                assert client.get(address).status_code == 200
            hits[(who, name)] = len(again.captured_queries)
            assert "SELECT value FROM primer_content_stamp" in [q["sql"] for q in again.captured_queries]
    assert counts == {(who, name): expected for who, name, expected, _ in PAGES}
    assert hits == CACHED
