"""Keeping and restoring versions of curated content.

A `pre_save` hook on every tracked model stores the row as it was before the save, with
who changed it (the signed-in admin user, via a context variable set by middleware) and
how (admin, content loader, import, restore). Restoring is itself a save, so it can be
undone the same way: nothing an editor does is unrecoverable.
"""

from __future__ import annotations

import contextvars
import difflib
import json

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import pre_save
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from curation.models import Version

current_user: contextvars.ContextVar = contextvars.ContextVar("history_user", default=None)
current_via: contextvars.ContextVar = contextvars.ContextVar("history_via", default="admin")
# Derived fields are rebuilt on save; history keeps what people write.
SKIPPED = {"id", "body_html", "body_text", "toc", "has_diagram", "sequence", "level", "section", "search_vector",
           "prompt_html", "code_html", "search_text", "front_html", "back_html", "text_html", "updated_at",
           "created_at", "rubric_version"}  # fmt: skip


def snapshot(instance: models.Model) -> dict:
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED or isinstance(field, models.GeneratedField):
            continue
        value = field.value_from_object(instance)
        data[field.attname] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def _record_previous(sender, instance: models.Model, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    previous = sender._default_manager.filter(pk=instance.pk).first()
    if previous is None:
        return
    before, after = snapshot(previous), snapshot(instance)
    if before == after:
        return
    user = current_user.get()
    Version.objects.create(
        content_type=ContentType.objects.get_for_model(sender),
        object_id=instance.pk,
        object_repr=str(previous)[:200],
        data=before,
        user=user if getattr(user, "is_authenticated", False) else None,
        via=current_via.get(),
    )


def track(*model_classes: type[models.Model]) -> None:
    for model in model_classes:
        pre_save.connect(_record_previous, sender=model, dispatch_uid=f"history-{model._meta.label}")


def versions_of(instance: models.Model):
    return Version.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).select_related("user")


def diff(old: dict, new: dict) -> SafeString:
    """A readable line diff of two snapshots, field by field, as escaped HTML."""
    rows = []
    for key in sorted(set(old) | set(new)):
        before, after = _text(old.get(key)), _text(new.get(key))
        if before == after:
            continue
        lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=2)
        body = format_html_join(
            "\n",
            '<span class="diff-{}">{}</span>',
            (
                ("add" if line.startswith("+") else "del" if line.startswith("-") else "ctx", line)
                for line in list(lines)[2:]
            ),
        )
        rows.append(format_html('<h3>{}</h3><pre class="history-diff">{}</pre>', key, body))
    if not rows:
        return format_html("<p>{}</p>", "No difference in the tracked fields.")
    return format_html_join("", "{}", ((row,) for row in rows))


def _text(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)


def restore(instance: models.Model, version: Version) -> models.Model:
    """Put a version's fields back (the current state is itself kept as a version)."""
    for attname, value in version.data.items():
        field = next((f for f in instance._meta.concrete_fields if f.attname == attname), None)
        if field is None:
            continue
        setattr(instance, attname, field.to_python(value) if value is not None else None)
    token = current_via.set("restore")
    try:
        instance.save()
    finally:
        current_via.reset(token)
    return instance


class CannotRestore(Exception):  # noqa: N818 (read as a sentence: "cannot restore")
    """A version that cannot be put back as it is; the message says why."""


def record_data(instance: models.Model, data: dict, *, label: str, via: str | None = None) -> Version:
    """Keep something that is not one row (a question's whole rubric, say) as a version of `instance`.

    `data` is stored as given; the model's admin knows how to show and restore it.
    """
    user = current_user.get()
    return Version.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        object_repr=label[:200],
        data=data,
        user=user if getattr(user, "is_authenticated", False) else None,
        via=via or current_via.get(),
    )


def edited_since_loaded(instance: models.Model) -> bool:
    """Whether the newest change to `instance` came from someone (the admin, an import, a restore),
    not from the content loader: a record with no file history of its own to trust."""
    latest = versions_of(instance).values_list("via", flat=True).first()
    return latest is not None and latest not in ("content loader", "migration")


# What editors curate ----------------------------------------------------------------------

CURATED: list[type[models.Model]] = []


def curate(*model_classes: type[models.Model], history: bool = True) -> None:
    """Register content models: editors get permissions on them; with `history`, saves keep versions.

    Each content app calls this from its AppConfig.ready, so curation never imports them.
    """
    for model in model_classes:
        if model not in CURATED:
            CURATED.append(model)
        if history:
            track(model)
