"""Flashcard decks as content: `content/cards/<deck>.md`, with the cards in the front matter.

A deck file is one unit for keeping files and database in step (see curation.content): a deck
whose cards were changed in the database since it was loaded is kept whole.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from curation.content import Decision, LoadReport, Sync
from flashcards.models import Card, Deck
from primer.content import (
    ContentFile,
    content_files,
    file_text,
    markdown_value,
    parse_file,
    slug_and_keys,
    string_field,
    write_text,
)
from primer.publication import Publication
from questions.models import Question
from topics.models import Topic

DECK_KEYS = ("title", "order", "description", "attribution", "cards")
CARD_KEYS = ("guid", "front", "back", "topic", "question", "status", "flags")


def parse_deck(file: ContentFile) -> dict:
    slug = slug_and_keys(file, DECK_KEYS)
    cards = file.meta.get("cards", [])
    if not isinstance(cards, list) or not all(isinstance(card, dict) for card in cards):
        raise file.error("cards", "cards are written as [[cards]] tables")
    parsed, guids = [], set()
    for index, card in enumerate(cards):
        unknown = sorted(set(card) - set(CARD_KEYS))
        if unknown:
            raise file.error("cards", f"card {index + 1}: unknown field '{unknown[0]}'")
        for field in ("guid", "front", "back"):
            if not isinstance(card.get(field), str) or not card[field].strip():
                raise file.error("cards", f"card {index + 1} needs a non-empty '{field}'")
        # Our own cards hold one idea; imported notes may be long, but they carry a flag saying so.
        limit = (200_000, 200_000) if card.get("flags") else (2_000, 5_000)
        if len(card["front"]) > limit[0] or len(card["back"]) > limit[1]:
            raise file.error("cards", f"card {card['guid']}: front or back is too long for one idea")
        if card["guid"] in guids:
            raise file.error("cards", f"two cards share the guid '{card['guid']}'")
        guids.add(card["guid"])
        parsed.append(
            {
                "guid": card["guid"].strip(),
                "front": markdown_value(file, "cards", card["front"].strip()),
                "back": markdown_value(file, "cards", card["back"].strip()),
                "topic": card.get("topic") or None,
                "question": card.get("question") or None,
                "status": card.get("status", Publication.PUBLISHED),
                "flags": [str(flag) for flag in card.get("flags", [])],
                "order": index,
            }
        )
    order = file.meta.get("order", 0)
    if not isinstance(order, int) or order < 0:
        raise file.error("order", "'order' must be a whole number, 0 or more")
    return {
        "slug": slug,
        "title": string_field(file, "title", max_length=200, required=True),
        "order": order,
        "description": string_field(file, "description", max_length=1000) or file.body.strip(),
        "attribution": string_field(file, "attribution", max_length=2000),
        "cards": parsed,
    }


@transaction.atomic
def load_cards(folder: Path, sync: Sync | None = None) -> LoadReport:
    sync = sync or Sync("cards")
    parsed = [(file, parse_deck(file)) for file in map(parse_file, content_files(folder))]
    topics = dict(Topic.objects.values_list("slug", "pk"))
    questions = dict(Question.objects.values_list("slug", "pk"))
    seen: set[str] = set()
    for file, parsed_deck in parsed:
        for card in parsed_deck["cards"]:
            if card["guid"] in seen:
                raise file.error("cards", f"the guid '{card['guid']}' is used in another deck too")
            seen.add(card["guid"])
            if card["topic"] and card["topic"] not in topics:
                raise file.error("cards", f"card {card['guid']}: topic '{card['topic']}' does not exist")
            if card["question"] and card["question"] not in questions:
                raise file.error("cards", f"card {card['guid']}: question '{card['question']}' does not exist")
    report = LoadReport("cards")
    existing = {card.guid: card for card in Card.objects.all()}
    decks = {deck.slug: deck for deck in Deck.objects.prefetch_related("cards__topic", "cards__question")}
    kept: set[str] = set()
    for file, data in parsed:
        deck = decks.get(data["slug"])
        decision = sync.decide(
            data["slug"], file_text=file.text, record_text=deck_text(deck) if deck else None, record=deck
        )
        if decision == Decision.KEEP and deck is not None:
            report.conflicts.append(data["slug"])
            kept.update(card.guid for card in deck.cards.all())
            continue
        changed = _apply_deck(data, deck, existing, topics, questions)
        deck = Deck.objects.prefetch_related("cards__topic", "cards__question").get(slug=data["slug"])
        sync.agree(data["slug"], file_text=file.text, record_text=deck_text(deck))
        target = report.created if decision == Decision.CREATE else report.updated if changed else report.unchanged
        target.append(data["slug"])
    gone = Card.objects.filter(deck__from_content=True, status=Publication.PUBLISHED).exclude(guid__in=seen | kept)
    for card in gone:
        card.status = Publication.DRAFT
        card.save()  # one at a time, so each keeps a version
        report.unpublished.append(card.guid)
    return report


def _apply_deck(data: dict, deck: Deck | None, existing: dict, topics: dict, questions: dict) -> bool:
    """Write one deck and its cards; whether anything changed."""
    changed = deck is None
    if deck is None:
        deck = Deck.objects.create(slug=data["slug"], title=data["title"])
    fields = {k: data[k] for k in ("title", "order", "description", "attribution")}
    if any(getattr(deck, k) != v for k, v in fields.items()) or not deck.from_content:
        for key, value in fields.items():
            setattr(deck, key, value)
        deck.from_content = True
        deck.save()
        changed = True
    for item in data["cards"]:
        card = existing.get(item["guid"]) or Card(guid=item["guid"])
        values = {
            "deck_id": deck.pk,
            "front": item["front"],
            "back": item["back"],
            "topic_id": topics.get(item["topic"]) if item["topic"] else None,
            "question_id": questions.get(item["question"]) if item["question"] else None,
            "status": item["status"],
            "flags": item["flags"],
            "order": item["order"],
        }
        if card.pk is not None and all(getattr(card, k) == v for k, v in values.items()):
            continue
        for key, value in values.items():
            setattr(card, key, value)
        card.save()
        changed = True
    return changed


def deck_text(deck: Deck) -> str:
    """The deck as its content file (cards from a prefetched `deck.cards`)."""
    cards = [
        {
            "guid": card.guid,
            "front": card.front,
            "back": card.back,
            "topic": card.topic.slug if card.topic else None,
            "question": card.question.slug if card.question else None,
            "status": None if card.status == Publication.PUBLISHED else card.status,
            "flags": card.flags or None,
        }
        for card in sorted(deck.cards.all(), key=lambda c: (c.order, c.pk))
    ]
    meta = {
        "title": deck.title,
        "order": deck.order,
        "description": deck.description or None,
        "attribution": deck.attribution or None,
        "cards": cards or None,
    }
    return file_text(meta, "")


def export_cards(folder: Path, sync: Sync | None = None) -> int:
    sync = sync or Sync("cards")
    count = 0
    # Every deck, imported ones included, so the files stay the source of truth.
    for deck in Deck.objects.prefetch_related("cards__topic", "cards__question"):
        text = deck_text(deck)
        write_text(folder, f"{deck.slug}.md", text)
        sync.agree(deck.slug, file_text=text, record_text=text)
        count += 1
    return count
