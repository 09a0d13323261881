from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "topics"

    def ready(self) -> None:
        from primer.content import ContentKind, register
        from topics.content import export_topics, load_topics

        register(ContentKind(name="topics", load=load_topics, export=export_topics))
