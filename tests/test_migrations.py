"""A database made before the apps were layered migrates forward with every row.

The test migrates its database back to the state of the commit before the move (Learner,
CardState and Review in progress; Deck and Card in topics; Version in primer), fills every
table that moved with rows through the historical models, migrates forward, and compares the
rows through today's models: same counts, same values, same links, and content types that
followed their models.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import Learner
from curation.models import Version
from flashcards.models import Card, CardState, Deck, Review

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("primer", "0001_initial"),
    ("topics", "0005_rerender_with_markdown_it"),
    ("questions", "0004_rerender_with_markdown_it"),
    ("progress", "0005_rerender_with_markdown_it"),
    ("accounts", None),
    ("curation", None),
    ("flashcards", None),
]
WHEN = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _fill(apps) -> dict:
    users = apps.get_model("auth", "User").objects
    user, plain = users.create(username="before", password="!"), users.create(username="no-learner", password="!")
    learner = apps.get_model("progress", "Learner").objects.create(
        user=user, time_zone="Europe/Paris", calendar_token="token-kept-from-before", new_cards_per_day=7
    )
    topic = apps.get_model("topics", "Topic").objects.create(slug="t", title="T", summary="s", status="published")
    deck = apps.get_model("topics", "Deck").objects.create(slug="d", title="Deck", order=3)
    cards = [
        apps.get_model("topics", "Card").objects.create(deck=deck, guid=f"g{n}", front=f"F{n}", back="B", topic=topic)
        for n in range(3)
    ]
    state = apps.get_model("progress", "CardState").objects.create(
        user=user, card=cards[1], fsrs={"state": 2}, due=WHEN, introduced_on=date(2026, 11, 1), reviews=4
    )
    apps.get_model("progress", "Review").objects.create(user=user, card=cards[1], rating=3, reviewed_at=WHEN)
    content_types = apps.get_model("contenttypes", "ContentType").objects
    content_type = content_types.get_or_create(app_label="topics", model="card")[0]
    version = apps.get_model("primer", "Version").objects.create(
        content_type=content_type, object_id=cards[0].pk, object_repr="F0", data={"front": "old"}, via="admin"
    )
    return {"user": user.pk, "plain": plain.pk, "learner": learner.pk, "cards": [c.pk for c in cards],
            "state": state.pk, "version": version.pk, "deck": deck.pk}  # fmt: skip


def test_a_database_from_before_the_layers_migrates_with_every_row():
    old = _migrate(BEFORE)
    ids = _fill(old.loader.project_state([target for target in BEFORE if target[1]]).apps)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    learner = Learner.objects.get(pk=ids["learner"])
    assert (learner.user_id, learner.time_zone, learner.calendar_token, learner.new_cards_per_day) == (
        ids["user"],
        "Europe/Paris",
        "token-kept-from-before",
        7,
    )
    assert Learner.objects.filter(user_id=ids["plain"]).exists()  # made for the account that had none
    assert Deck.objects.get(pk=ids["deck"]).order == 3
    assert list(Card.objects.order_by("pk").values_list("pk", "guid", "deck_id")) == [
        (pk, f"g{n}", ids["deck"]) for n, pk in enumerate(ids["cards"])
    ]
    state = CardState.objects.get(pk=ids["state"])
    assert (state.card_id, state.reviews, state.fsrs, state.due) == (ids["cards"][1], 4, {"state": 2}, WHEN)
    assert Review.objects.get().card_id == ids["cards"][1]
    version = Version.objects.get(pk=ids["version"])
    assert (version.content_type.app_label, version.object_id) == ("flashcards", ids["cards"][0])
    assert version.content_type.model_class() is Card
    assert Card.objects.get(pk=ids["cards"][0]).topic.slug == "t"
