"""The real curriculum in a test's database, parsed and rendered once per test process.

The first test that asks loads `content/` with the real loader and keeps the rows; every later
test gets the same rows by bulk inserts (a few milliseconds instead of a second of parsing and
rendering). Each test still runs in its own transaction, rolled back at its end.
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.db.models import Model

from curation.content import load
from flashcards.models import Card, Deck
from questions.models import (
    Checkpoint,
    Concept,
    Erratum,
    Given,
    LexiconArea,
    Question,
    ReferenceNumber,
    SampleSolution,
    SolutionStep,
)
from topics.models import AlternativeText, RelatedTopic, Topic

MODELS: dict[str, list[type[Model]]] = {
    "topics": [Topic, RelatedTopic, AlternativeText],
    "lexicon": [LexiconArea, Concept],
    "questions": [
        Question,
        Question.topics.through,
        SampleSolution,
        SolutionStep,
        Given,
        Checkpoint,
        ReferenceNumber,
        Erratum,
    ],
    "cards": [Deck, Card],
}
_SNAPSHOTS: dict[tuple[str, ...], dict[type[Model], list]] = {}


def load_curriculum(*kinds: str) -> None:
    """Load the named kinds of content/ ("topics", "questions", "cards"; each needs the ones before it).

    Questions bring the lexicon their rubrics name.
    """
    asked = set(kinds or ("topics",)) | ({"lexicon"} if "questions" in kinds else set())
    kinds = tuple(kind for kind in MODELS if kind in asked)
    if kinds not in _SNAPSHOTS:
        load(settings.CONTENT_DIR, only=kinds)
        _SNAPSHOTS[kinds] = {model: list(model._default_manager.all()) for kind in kinds for model in MODELS[kind]}
        return
    for model, rows in _SNAPSHOTS[kinds].items():
        model._default_manager.bulk_create(copy.deepcopy(rows))
