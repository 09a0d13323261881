"""Curation takes over the Version table the primer app made (no change to the database),
and adds ContentSync."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from primer.moves import content_types_follow


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("primer", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Version",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("object_repr", models.CharField(max_length=200)),
                        ("data", models.JSONField(help_text="The fields as they were before the change.")),
                        (
                            "via",
                            models.CharField(
                                default="admin", help_text="admin, content loader, import, restore ...", max_length=40
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "primer_version",
                        "ordering": ["-created_at", "-pk"],
                        "indexes": [
                            models.Index(
                                fields=["content_type", "object_id", "created_at"],
                                name="primer_vers_content_975fdc_idx",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_types_follow("curation", [("primer", "version")]),
        migrations.CreateModel(
            name="ContentSync",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=40)),
                ("name", models.CharField(help_text="The file's name without .md", max_length=200)),
                (
                    "file_hash",
                    models.CharField(help_text="SHA-256 of the file as last loaded or written.", max_length=64),
                ),
                (
                    "record_hash",
                    models.CharField(help_text="SHA-256 of the record as a file, at that moment.", max_length=64),
                ),
                ("synced_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("kind", "name"), name="content_sync_once")],
            },
        ),
    ]
