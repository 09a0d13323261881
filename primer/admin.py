from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html

from primer import history
from primer.inputs import parse_id
from primer.models import Version


class VersionsAdminMixin:
    """Adds a "Versions" page to a content admin: every earlier version, its diff with the
    current one, and a restore button."""

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
            with transaction.atomic():
                self.restore_version(request, obj, version)
            messages.success(
                request,
                f"Restored the version of {version.created_at:%Y-%m-%d %H:%M}; the one it replaced is kept too.",
            )
            return redirect(request.path)
        current = history.snapshot(obj)
        rows = [
            {
                "version": v,
                "diff": history.diff(v.data, current) if "__rubric__" not in v.data else self.rubric_diff(obj, v),
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

    def rubric_diff(self, obj, version: Version):
        return history.diff({"rubric": version.data["__rubric__"]}, {"rubric": self.current_rubric(obj)})

    def current_rubric(self, obj) -> dict:
        return {}


class PublishActionsMixin:
    """Bulk publish / unpublish for content with a `status` (and maybe a `published_at`)."""

    actions = ["publish", "unpublish"]

    @admin.action(description="Publish the selected items")
    def publish(self, request: HttpRequest, queryset) -> None:
        from django.utils import timezone

        from topics.models import Status

        count = queryset.exclude(status=Status.PUBLISHED).update(status=Status.PUBLISHED)
        if any(f.name == "published_at" for f in queryset.model._meta.fields):
            queryset.filter(published_at__isnull=True).update(published_at=timezone.now())
        self.message_user(request, f"Published {count} {self._noun(count)}.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected items (back to draft)")
    def unpublish(self, request: HttpRequest, queryset) -> None:
        from topics.models import Status

        count = queryset.filter(status=Status.PUBLISHED).update(status=Status.DRAFT)
        self.message_user(request, f"Unpublished {count} {self._noun(count)}.", messages.SUCCESS)

    def _noun(self, count: int) -> str:
        meta = self.model._meta
        return str(meta.verbose_name if count == 1 else meta.verbose_name_plural)
