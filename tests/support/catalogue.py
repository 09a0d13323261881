"""The smallest published catalogue the cross-app tests need: a topic, a question, a card."""

from __future__ import annotations

from dataclasses import dataclass

from flashcards.models import Card, Deck
from primer.publication import Publication
from questions.models import Kind, Question, SampleSolution, SolutionStep
from tests.support.rubric import add_checkpoint
from topics.models import Topic


@dataclass
class Catalogue:
    topic: Topic
    question: Question
    card: Card


def small_catalogue() -> Catalogue:
    topic = Topic.objects.create(slug="caching", title="Caching", summary="s", status=Publication.PUBLISHED)
    question = Question.objects.create(
        slug="pastebin",
        title="Pastebin",
        summary="s",
        kind=Kind.SYSTEM_DESIGN,
        prompt="p",
        status=Publication.PUBLISHED,
    )
    solution = SampleSolution.objects.create(question=question, is_primary=True)
    SolutionStep.objects.create(solution=solution, step=1, body="b")
    add_checkpoint(question, step=1)
    card = Card.objects.create(deck=Deck.objects.create(slug="d", title="D"), guid="c1", front="f", back="b")
    return Catalogue(topic, question, card)
