"""The draft/published vocabulary every kind of curated content shares."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Publication(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Publication.PUBLISHED)

    def visible_to(self, user):
        """Published rows; drafts too for someone who may preview them (an editor)."""
        if getattr(user, "is_staff", False):
            return self
        return self.published()


def stamp_published(instance) -> None:
    """Set `published_at` the first time an instance is saved as published."""
    if instance.status == Publication.PUBLISHED and getattr(instance, "published_at", "") is None:
        instance.published_at = timezone.now()
