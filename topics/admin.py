from django.contrib import admin
from django.contrib.admin import widgets as admin_widgets
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from curation.admin import (
    MARKDOWN_EDITOR,
    LabelledAdminMixin,
    LabelledInlineMixin,
    PublishActionsMixin,
    VersionsAdminMixin,
)
from topics.models import AlternativeText, RelatedTopic, Topic, renumber


class SectionFilter(admin.SimpleListFilter):
    title = "section"
    parameter_name = "section"

    def lookups(self, request: HttpRequest, model_admin):
        return [(str(pk), title) for pk, title in Topic.objects.sections().values_list("pk", "title")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(models.Q(section_id=self.value()) | models.Q(pk=self.value()))
        return queryset


class RelatedTopicInline(LabelledInlineMixin, admin.TabularInline):
    model = RelatedTopic
    fk_name = "topic"
    extra = 1
    autocomplete_fields = ["related"]
    ordering = ["position"]


@admin.register(Topic)
class TopicAdmin(LabelledAdminMixin, PublishActionsMixin, VersionsAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "parent", "order", "depth", "status", "updated_at"]
    list_editable = ["order"]
    list_filter = ["status", "depth", SectionFilter]
    search_fields = ["title", "slug", "summary", "body"]
    ordering = ["sequence"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_at", "created_at", "updated_at", "versions_link"]
    inlines = [RelatedTopicInline]
    formfield_overrides = MARKDOWN_EDITOR
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "order", "depth", "status"]}),
        ("Text", {"fields": ["summary", "body", "advantages", "disadvantages", "links", "attribution"]}),
        ("Dates", {"fields": ["published_at", "created_at", "updated_at", "versions_link"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Only the body is Markdown; the summary and attribution stay plain text areas.
        if db_field.name in ("summary", "attribution"):
            kwargs["widget"] = admin_widgets.AdminTextareaWidget(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        renumber()


class AlternativeTextAdmin(LabelledAdminMixin, admin.ModelAdmin):
    list_display = ["topic", "label", "imported_at", "updated_at"]
    list_filter = ["source"]
    search_fields = ["topic__title", "body"]
    autocomplete_fields = ["topic"]
    readonly_fields = ["source_hash", "imported_at"]
    formfield_overrides = MARKDOWN_EDITOR


admin.site.register(AlternativeText, AlternativeTextAdmin)
