from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from markdownx.widgets import AdminMarkdownxWidget

from topics.models import RelatedTopic, Status, Topic, renumber


class SectionFilter(admin.SimpleListFilter):
    title = "section"
    parameter_name = "section"

    def lookups(self, request: HttpRequest, model_admin):
        return [(str(pk), title) for pk, title in Topic.objects.sections().values_list("pk", "title")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(models.Q(section_id=self.value()) | models.Q(pk=self.value()))
        return queryset


class RelatedTopicInline(admin.TabularInline):
    model = RelatedTopic
    fk_name = "topic"
    extra = 1
    autocomplete_fields = ["related"]
    ordering = ["position"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "parent", "order", "depth", "status", "updated_at"]
    list_editable = ["order"]
    list_filter = ["status", "depth", SectionFilter]
    search_fields = ["title", "slug", "summary", "body"]
    ordering = ["sequence"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_at", "created_at", "updated_at"]
    inlines = [RelatedTopicInline]
    actions = ["publish", "unpublish"]
    formfield_overrides = {models.TextField: {"widget": AdminMarkdownxWidget}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "order", "depth", "status"]}),
        ("Text", {"fields": ["summary", "body", "advantages", "disadvantages", "links", "attribution"]}),
        ("Dates", {"fields": ["published_at", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Only the body is Markdown; the summary and attribution stay plain text areas.
        if db_field.name in ("summary", "attribution"):
            kwargs["widget"] = admin.widgets.AdminTextareaWidget(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        renumber()

    @admin.action(description="Publish the selected topics")
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.exclude(status=Status.PUBLISHED).update(status=Status.PUBLISHED, updated_at=timezone.now())
        queryset.filter(published_at__isnull=True).update(published_at=timezone.now())
        self.message_user(request, f"Published {count} topic{'s' if count != 1 else ''}.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected topics (back to draft)")
    def unpublish(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.filter(status=Status.PUBLISHED).update(status=Status.DRAFT, updated_at=timezone.now())
        self.message_user(request, f"Unpublished {count} topic{'s' if count != 1 else ''}.", messages.SUCCESS)
