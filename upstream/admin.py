"""The admin's "Import the System Design Primer" page, on the alternative texts it makes."""

import tempfile

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from curation.history import current_via
from topics.admin import AlternativeTextAdmin
from topics.models import AlternativeText
from upstream.forms import PrimerUploadForm
from upstream.importer import MAX_DOWNLOAD, PrimerImportError, import_primer


class ImportingAlternativeTextAdmin(AlternativeTextAdmin):
    def get_urls(self):
        extra = [path("import/", self.admin_site.admin_view(self.import_view), name="topics_alternativetext_import")]
        return extra + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
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
        return render(request, "admin/upstream/import_primer.html", context, status=400 if form.errors else 200)


admin.site.unregister(AlternativeText)
admin.site.register(AlternativeText, ImportingAlternativeTextAdmin)
