"""Admin mixins every content admin shares: versions with diff and restore, bulk publishing."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import widgets as admin_widgets
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from markdownx.widgets import AdminMarkdownxWidget

from curation import history
from curation.models import Version
from primer.http import parse_id
from primer.publication import Publication

# The type of ModelAdmin.formfield_overrides, and the two every content admin uses.
FieldOverrides = dict[type[models.Field], dict[str, Any]]
MARKDOWN_EDITOR: FieldOverrides = {models.TextField: {"widget": AdminMarkdownxWidget}}


def text_areas(rows: int) -> FieldOverrides:
    """Plain text areas of `rows` lines for every text field (for inlines, where the editor is too big)."""
    return {models.TextField: {"widget": admin_widgets.AdminTextareaWidget(attrs={"rows": rows})}}


def labelled_formset(formset_class: type) -> type:
    """The formset with every field of every row named for assistive technology.

    A tabular inline or an editable change list shows one column heading above many inputs,
    so no input has a <label> of its own: each gets an aria-label of its column and row
    ("Order, Sharding"; "Delete, related topic 2"). The autocomplete boxes copy it (admin-labels.js).
    """

    class Labelled(formset_class):
        def add_fields(self, form, index) -> None:
            super().add_fields(form, index)
            instance = getattr(form, "instance", None)
            row = (
                str(instance)
                if instance is not None and instance.pk
                else f"new row {'' if index is None else index + 1}"
            )
            for name, field in form.fields.items():
                label = "Delete" if name == "DELETE" else str(field.label or name.replace("_", " ").capitalize())
                field.widget.attrs.setdefault("aria-label", f"{label}, {row.strip()}")

    Labelled.__name__ = formset_class.__name__
    return Labelled


class LabelledInlineMixin(admin.options.InlineModelAdmin):
    """An inline whose rows' inputs carry their column's name (see labelled_formset)."""

    def get_formset(self, request, obj=None, **kwargs):
        return labelled_formset(super().get_formset(request, obj, **kwargs))


class LabelledAdminMixin(admin.ModelAdmin):
    """A content admin whose editable change list names its inputs, and whose autocomplete
    boxes carry the name of their field."""

    class Media:
        js = ["js/admin-labels.js"]

    def get_changelist_formset(self, request, **kwargs):
        return labelled_formset(super().get_changelist_formset(request, **kwargs))


class VersionsAdminMixin(admin.ModelAdmin):
    """Adds a "Versions" page to a content admin: every earlier version, its diff with the
    current one, and a restore button.

    A version whose data is not one row (its keys start with "__", like a question's
    "__rubric__") is shown and restored by the admin's `data_diff` and `restore_version`.
    """

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        extra = [
            path(
                "<id:pk>/versions/",
                self.admin_site.admin_view(self.versions_view),
                name="{}_{}_versions".format(*info),
            ),
        ]
        return extra + super().get_urls()

    @admin.display(description="Earlier versions")
    def versions_link(self, obj) -> str:
        if not obj or not obj.pk:
            return "None yet."
        info = self.model._meta.app_label, self.model._meta.model_name
        count = history.versions_of(obj).count()
        return format_html(
            '<a href="{}">{} earlier version{}: compare and restore</a>',
            reverse("admin:{}_{}_versions".format(*info), args=[obj.pk]),
            count,
            "" if count == 1 else "s",
        )

    def versions_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = get_object_or_404(self.model, pk=pk)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        versions = list(history.versions_of(obj))
        if request.method == "POST":
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            version_id = parse_id(request.POST.get("version"))
            if version_id is None:
                return HttpResponseBadRequest("Choose a version to restore.")
            # A version restores only onto the object (and the kind of object) it was taken from.
            version = get_object_or_404(history.versions_of(obj), pk=version_id)
            try:
                with transaction.atomic():
                    self.restore_version(request, obj, version)
            except history.CannotRestore as exc:
                messages.error(request, str(exc))
                return redirect(request.path)
            messages.success(
                request,
                f"Restored the version of {version.created_at:%Y-%m-%d %H:%M}; the one it replaced is kept too.",
            )
            return redirect(request.path)
        current = history.snapshot(obj)
        rows = [
            {
                "version": v,
                "diff": self.data_diff(obj, v) if _is_data(v) else history.diff(v.data, current),
            }
            for v in versions
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "rows": rows,
            "title": f"Versions of “{obj}”",
        }
        return render(request, "admin/versions.html", context)

    def restore_version(self, request: HttpRequest, obj, version: Version) -> None:
        history.restore(obj, version)

    def data_diff(self, obj, version: Version):
        return history.diff(version.data, {})


def _is_data(version: Version) -> bool:
    return any(str(key).startswith("__") for key in version.data)


class PublishActionsMixin(admin.ModelAdmin):
    """Bulk publish / unpublish for content with a `status` (and maybe a `published_at`).

    Each row is saved on its own, so each keeps a version like an edit in the form does.
    """

    actions = ["publish", "unpublish"]

    @admin.action(description="Publish the selected items")
    def publish(self, request: HttpRequest, queryset) -> None:
        count = self._set_status(queryset.exclude(status=Publication.PUBLISHED), Publication.PUBLISHED)
        self.message_user(request, f"Published {count} {self._noun(count)}.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected items (back to draft)")
    def unpublish(self, request: HttpRequest, queryset) -> None:
        count = self._set_status(queryset.filter(status=Publication.PUBLISHED), Publication.DRAFT)
        self.message_user(request, f"Unpublished {count} {self._noun(count)}.", messages.SUCCESS)

    @transaction.atomic
    def _set_status(self, queryset, status: str) -> int:
        count = 0
        for item in queryset:
            item.status = status
            item.save()
            count += 1
        return count

    def _noun(self, count: int) -> str:
        meta = self.model._meta
        return str(meta.verbose_name if count == 1 else meta.verbose_name_plural)
