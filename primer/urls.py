"""The only module that names the apps: it mounts each one's URLs."""

from django.contrib import admin
from django.urls import include, path, register_converter

from primer import views
from primer.http import IdConverter

# Before the apps' URL modules are included: they use <id:pk>.
register_converter(IdConverter, "id")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that do not name an icon (the admin's).
    path("favicon.ico", views.favicon),
    path("accounts/", include("accounts.urls")),
    path("account/", include("accounts.data_urls")),
    path("topics/", include("topics.urls")),
    path("questions/", include("questions.urls")),
    path("reference/", include("reference.urls")),
    path("cards/", include("flashcards.urls")),
    path("search/", include("search.urls")),
    path("", include("progress.urls")),
    # markdownx's preview URL, served by our own view; its upload URL is deliberately absent.
    path("markdownx/markdownify/", views.markdown_preview, name="markdownx_markdownify"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = admin.site.site_title = "Primer administration"
admin.site.index_title = "Content, learners and imports"

handler400 = "primer.views.bad_request"
handler403 = "primer.views.permission_denied"
handler404 = "primer.views.page_not_found"
handler500 = "primer.views.server_error"
