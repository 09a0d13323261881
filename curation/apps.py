from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "curation"
    verbose_name = "Curation"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from curation.editors import ensure_editors_group

        # After every app (permissions appear app by app); the handler is idempotent.
        post_migrate.connect(ensure_editors_group, dispatch_uid="curation-editors-group")
        # Once per migrate, when every table exists: writes to the curriculum move its version on.
        post_migrate.connect(watch_curated_tables, sender=self, dispatch_uid="curation-content-stamp")


def watch_curated_tables(using: str = "default", **kwargs) -> None:
    """Every curated table, and the many-to-many tables between them, moves the page-cache version on."""
    from curation.history import CURATED
    from primer.pagecache import watch_tables

    tables = [model._meta.db_table for model in CURATED]
    tables += [
        field.remote_field.through._meta.db_table  # type: ignore[union-attr]
        for model in CURATED
        for field in model._meta.local_many_to_many
    ]
    watch_tables(tables, using=using)
