from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from curation.admin import (
    MARKDOWN_EDITOR,
    LabelledAdminMixin,
    PublishActionsMixin,
    VersionsAdminMixin,
    text_areas,
)
from flashcards.anki import MAX_ARCHIVE_BYTES, AnkiImportError, import_apkg
from flashcards.forms import ApkgUploadForm
from flashcards.models import Card, Deck


class CardInline(admin.StackedInline):
    model = Card
    extra = 0
    fields = ["guid", "front", "back", "topic", "question", "status", "order", "flags"]
    readonly_fields = ["flags"]
    autocomplete_fields = ["topic", "question"]
    formfield_overrides = text_areas(3)
    show_change_link = True


@admin.register(Deck)
class DeckAdmin(LabelledAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "order", "card_count", "from_content"]
    list_editable = ["order"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CardInline]

    @admin.display(description="Cards")
    def card_count(self, deck: Deck) -> int:
        return deck.cards.count()

    def get_urls(self):
        extra = [path("import/", self.admin_site.admin_view(self.import_view), name="flashcards_deck_import")]
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
        return render(request, "admin/flashcards/import_apkg.html", context, status=400 if form.errors else 200)


@admin.register(Card)
class CardAdmin(LabelledAdminMixin, PublishActionsMixin, VersionsAdminMixin, admin.ModelAdmin):
    list_display = ["short_front", "deck", "status", "topic", "question"]
    list_filter = ["deck", "status"]
    search_fields = ["front", "back", "guid"]
    autocomplete_fields = ["topic", "question"]
    readonly_fields = ["flags", "versions_link"]
    formfield_overrides = MARKDOWN_EDITOR

    @admin.display(description="Front")
    def short_front(self, card: Card) -> str:
        return card.front[:80]
