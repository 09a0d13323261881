from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "curation"
    verbose_name = "Curation"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from curation.editors import ensure_editors_group

        # After every app (permissions appear app by app); the handler is idempotent.
        post_migrate.connect(ensure_editors_group, dispatch_uid="curation-editors-group")
