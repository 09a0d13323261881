from django.apps import AppConfig


class FlashcardsConfig(AppConfig):
    name = "flashcards"
    verbose_name = "Flashcards"

    def ready(self) -> None:
        from accounts import portability
        from curation.content import ContentKind, register
        from curation.history import curate
        from flashcards import content
        from flashcards import portability as cards_data
        from flashcards.models import Card, Deck

        curate(Card, Deck)
        # Cards point at topics and questions, which load first (their apps come first).
        register(ContentKind(name="cards", load=content.load_cards, export=content.export_cards))
        portability.register(cards_data.PART)
