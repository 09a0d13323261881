from django.apps import AppConfig


class PrimerConfig(AppConfig):
    name = "primer"
    verbose_name = "Primer"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from primer.editors import ensure_editors_group
        from primer.history import track

        # After every app (permissions appear app by app); the handler is idempotent.
        post_migrate.connect(ensure_editors_group, dispatch_uid="primer-editors-group")
        from questions.models import Checkpoint, Question, ReferenceNumber, SolutionStep
        from topics.models import Card, Topic

        track(Topic, Question, SolutionStep, Checkpoint, ReferenceNumber, Card)
