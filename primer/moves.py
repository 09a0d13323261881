"""For migrations that move a model to another app without touching its table."""

from django.db import migrations


def content_types_follow(app: str, moved: list[tuple[str, str]]) -> migrations.RunPython:
    """A RunPython that relabels the moved models' content types, so permissions, versions and
    the Editors group follow them (and back, when migrating backwards)."""

    def forwards(apps, schema_editor) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        for old_app, model in moved:
            content_type.objects.filter(app_label=old_app, model=model).update(app_label=app)

    def backwards(apps, schema_editor) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        for old_app, model in moved:
            content_type.objects.filter(app_label=app, model=model).update(app_label=old_app)

    return migrations.RunPython(forwards, backwards)
