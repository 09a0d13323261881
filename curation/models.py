"""Curation's records: the versions every content save keeps, and what the files last said."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Version(models.Model):
    """A curated row as it was before one change (or a whole rubric, under `__rubric__`)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=200)
    data = models.JSONField(help_text="The fields as they were before the change.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(max_length=40, default="admin", help_text="admin, content loader, import, restore ...")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "primer_version"  # made by the primer app before curation had one
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"], name="primer_vers_content_975fdc_idx")
        ]

    def __str__(self) -> str:
        return f"{self.object_repr} before {self.created_at:%Y-%m-%d %H:%M}"


class ContentSync(models.Model):
    """What one content file and its record looked like the last time they agreed.

    `load_content` compares both hashes with today's file and today's record: a record
    changed in the database since then (the admin, an import, a restore) is kept and
    reported, never overwritten by the file.
    """

    kind = models.CharField(max_length=40)
    name = models.CharField(max_length=200, help_text="The file's name without .md")
    file_hash = models.CharField(max_length=64, help_text="SHA-256 of the file as last loaded or written.")
    record_hash = models.CharField(max_length=64, help_text="SHA-256 of the record as a file, at that moment.")
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="content_sync_once")]

    def __str__(self) -> str:
        return f"{self.kind}/{self.name}"
