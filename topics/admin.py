import tempfile

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from markdownx.widgets import AdminMarkdownxWidget

from primer.admin import PublishActionsMixin, VersionsAdminMixin
from topics.anki import MAX_ARCHIVE_BYTES, AnkiImportError, import_apkg
from topics.models import AlternativeText, Card, Deck, RelatedTopic, Topic, renumber


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
class TopicAdmin(PublishActionsMixin, VersionsAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "parent", "order", "depth", "status", "updated_at"]
    list_editable = ["order"]
    list_filter = ["status", "depth", SectionFilter]
    search_fields = ["title", "slug", "summary", "body"]
    ordering = ["sequence"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_at", "created_at", "updated_at", "versions_link"]
    inlines = [RelatedTopicInline]
    formfield_overrides = {models.TextField: {"widget": AdminMarkdownxWidget}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "order", "depth", "status"]}),
        ("Text", {"fields": ["summary", "body", "advantages", "disadvantages", "links", "attribution"]}),
        ("Dates", {"fields": ["published_at", "created_at", "updated_at", "versions_link"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Only the body is Markdown; the summary and attribution stay plain text areas.
        if db_field.name in ("summary", "attribution"):
            kwargs["widget"] = admin.widgets.AdminTextareaWidget(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        renumber()


class CardInline(admin.StackedInline):
    model = Card
    extra = 0
    fields = ["guid", "front", "back", "topic", "question", "status", "order", "flags"]
    readonly_fields = ["flags"]
    autocomplete_fields = ["topic", "question"]
    formfield_overrides = {models.TextField: {"widget": admin.widgets.AdminTextareaWidget(attrs={"rows": 3})}}
    show_change_link = True


class ApkgUploadForm(forms.Form):
    file = forms.FileField(
        label=".apkg file", help_text="At most 100 MB. Notes are sanitised; re-importing changes nothing."
    )
    attribution = forms.CharField(required=False, max_length=500, help_text="Source and licence, shown with the deck.")


@admin.register(Deck)
class DeckAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "order", "card_count", "from_content"]
    list_editable = ["order"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CardInline]

    @admin.display(description="Cards")
    def card_count(self, deck: Deck) -> int:
        return deck.cards.count()

    def get_urls(self):
        extra = [path("import/", self.admin_site.admin_view(self.import_view), name="topics_deck_import")]
        return extra + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ApkgUploadForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_ARCHIVE_BYTES:
                form.add_error("file", f"The file is {upload.size:,} bytes; the limit is {MAX_ARCHIVE_BYTES:,}.")
            else:
                try:
                    report = import_apkg(upload.read(), attribution=form.cleaned_data["attribution"])
                    self.message_user(request, report.summary(), messages.SUCCESS)
                except AnkiImportError as exc:
                    form.add_error("file", f"{exc}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "title": "Import an Anki deck",
        }
        return render(request, "admin/topics/import_apkg.html", context, status=400 if form.errors else 200)


@admin.register(Card)
class CardAdmin(PublishActionsMixin, VersionsAdminMixin, admin.ModelAdmin):
    list_display = ["short_front", "deck", "status", "topic", "question"]
    list_filter = ["deck", "status"]
    search_fields = ["front", "back", "guid"]
    autocomplete_fields = ["topic", "question"]
    readonly_fields = ["flags", "versions_link"]
    formfield_overrides = {models.TextField: {"widget": AdminMarkdownxWidget}}

    @admin.display(description="Front")
    def short_front(self, card: Card) -> str:
        return card.front[:80]


class PrimerUploadForm(forms.Form):
    archive = forms.FileField(label="Archive (.zip or .tar.gz of the primer)", help_text="At most 200 MB.")
    dry_run = forms.BooleanField(required=False, label="Dry run: show the mapping, write nothing")


@admin.register(AlternativeText)
class AlternativeTextAdmin(admin.ModelAdmin):
    list_display = ["topic", "label", "imported_at", "updated_at"]
    list_filter = ["source"]
    search_fields = ["topic__title", "body"]
    autocomplete_fields = ["topic"]
    readonly_fields = ["source_hash", "imported_at"]
    formfield_overrides = {models.TextField: {"widget": AdminMarkdownxWidget}}

    def get_urls(self):
        extra = [path("import/", self.admin_site.admin_view(self.import_view), name="topics_alternativetext_import")]
        return extra + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        from primer.history import current_via
        from primer.upstream import MAX_DOWNLOAD, PrimerImportError, import_primer

        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PrimerUploadForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["archive"]
            suffix = ".tar.gz" if upload.name.endswith((".tar.gz", ".tgz")) else ".zip"
            if upload.size > MAX_DOWNLOAD:
                form.add_error("archive", "The archive is larger than 200 MB.")
            else:
                with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
                    handle.flush()
                    token = current_via.set("import")
                    try:
                        report = import_primer(handle.name, dry_run=form.cleaned_data["dry_run"])
                    except PrimerImportError as exc:
                        form.add_error("archive", str(exc))
                    finally:
                        current_via.reset(token)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "title": "Import the System Design Primer",
        }
        return render(request, "admin/topics/import_primer.html", context, status=400 if form.errors else 200)
