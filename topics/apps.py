from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "topics"

    def ready(self) -> None:
        from curation.content import ContentKind, register
        from curation.history import curate
        from topics import content
        from topics.models import AlternativeText, RelatedTopic, Topic

        curate(Topic)
        curate(RelatedTopic, AlternativeText, history=False)
        register(ContentKind(name="topics", load=content.load_topics, export=content.export_topics))
        register(ContentKind(name="alternatives", load=content.load_alternatives, export=content.export_alternatives))
