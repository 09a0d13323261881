from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from primer import views
from primer.forms import LoginForm
from primer.inputs import IdConverter
from topics import views as topic_views

# Before the apps' URL modules are included: they use <id:pk>.
register_converter(IdConverter, "id")

accounts = [
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that do not name an icon (the admin's).
    path("favicon.ico", views.favicon),
    path("accounts/", include(accounts)),
    path("topics/", include("topics.urls")),
    path("questions/", include("questions.urls")),
    path("reference/", include("topics.reference_urls")),
    path("", include("progress.urls")),
    path("search/", topic_views.search, name="search"),
    # markdownx's preview URL, served by our own view; its upload URL is deliberately absent.
    path("markdownx/markdownify/", views.markdown_preview, name="markdownx_markdownify"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = admin.site.site_title = "Primer administration"
admin.site.index_title = "Content, learners and imports"

handler400 = "primer.views.bad_request"
handler403 = "primer.views.permission_denied"
handler404 = "primer.views.page_not_found"
