"""Flashcards: decks and cards (shared content), and each learner's memory of each card."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from primer.markdown import render, validate_markdown
from primer.publication import Publication, PublishableQuerySet


class Deck(models.Model):
    """A flashcard deck: one per curriculum section, plus numbers, object-oriented and exercises."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    attribution = models.TextField(blank=True, help_text="Source and licence of imported decks.")
    from_content = models.BooleanField(default=False, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "topics_deck"  # the table it had when decks lived in the topics app
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class Card(models.Model):
    deck = models.ForeignKey(Deck, on_delete=models.CASCADE, related_name="cards")
    guid = models.CharField(max_length=100, unique=True, help_text="Stable identity, also used for Anki notes.")
    front = models.TextField(help_text="Markdown.", validators=[validate_markdown])
    back = models.TextField(help_text="Markdown.", validators=[validate_markdown])
    front_html = models.TextField(blank=True, editable=False)
    back_html = models.TextField(blank=True, editable=False)
    topic = models.ForeignKey("topics.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="cards")
    question = models.ForeignKey(
        "questions.Question", null=True, blank=True, on_delete=models.SET_NULL, related_name="cards"
    )
    flags = models.JSONField(default=list, blank=True, help_text="Problems noted on import (remote image, ...).")
    order = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Publication.choices, default=Publication.PUBLISHED)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        db_table = "topics_card"
        ordering = ["deck__order", "order", "pk"]

    def __str__(self) -> str:
        return self.front[:80]

    def save(self, *args, **kwargs) -> None:
        self.front_html = render(self.front)
        self.back_html = render(self.back)
        super().save(*args, **kwargs)


class CardStateQuerySet(models.QuerySet):
    def for_user(self, user) -> CardStateQuerySet:
        return self.filter(user=user)


class CardState(models.Model):
    """One learner's FSRS memory state for one card."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_states")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="+")
    fsrs = models.JSONField(help_text="fsrs.Card.to_dict()")
    due = models.DateTimeField(db_index=True)
    introduced_on = models.DateField(help_text="The learner's day it was first shown (new-cards-per-day limit).")
    reviews = models.PositiveIntegerField(default=0)

    objects = CardStateQuerySet.as_manager()

    class Meta:
        db_table = "progress_cardstate"  # the table it had when it lived in the progress app
        constraints = [models.UniqueConstraint(fields=["user", "card"], name="card_state_once")]
        indexes = [models.Index(fields=["user", "due"], name="progress_ca_user_id_fde8ab_idx")]

    def __str__(self) -> str:
        return f"{self.user} · card {self.card_id} due {self.due:%Y-%m-%d}"


class Review(models.Model):
    """A rating given to a card, with the state before it (so the last one can be undone)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField()
    reviewed_at = models.DateTimeField()
    previous = models.JSONField(null=True, blank=True, help_text="The card state before this review; null if new.")
    previous_due = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=20, default="review", help_text="review | attempt")

    class Meta:
        db_table = "progress_review"
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} rated card {self.card_id}: {self.rating}"
