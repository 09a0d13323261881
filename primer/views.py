from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from primer import throttle
from primer.clientip import client_ip
from primer.forms import SignupForm
from primer.markdown import RenderRefused
from primer.markdown import render as render_markdown


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        from progress.views import dashboard

        return dashboard(request)
    return render(request, "home.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: 200 when the database answers, 503 with the reason."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return JsonResponse({"db": "error", "reason": reason}, status=503)
    return JsonResponse({"db": "ok"})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return redirect(static("favicon.svg"), permanent=True)


def safe_next(request: HttpRequest) -> str | None:
    """The request's `next` address when it stays on this site, else None."""
    target = request.POST.get("next") or request.GET.get("next")
    # A path on this site only: "/plan/", never "//host", "https://..." or a bare word, which
    # redirect() would try to reverse as a URL name.
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return None


def _too_many(request: HttpRequest, what: str) -> HttpResponse:
    response = render(request, "429.html", {"what": what}, status=429)
    response["Retry-After"] = "3600"
    return response


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(safe_next(request) or settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.hit("signup", client_ip(request), limit=settings.SIGNUPS_PER_HOUR):
            return _too_many(request, "accounts were made from your address")
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}. Your account is ready.")
        return redirect(safe_next(request) or settings.LOGIN_REDIRECT_URL)
    return render(request, "registration/signup.html", {"form": form, "next": safe_next(request) or ""})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, with a cap on emails per client address and per email address.

    Past the cap on the email address the page still says "sent" (so the form never tells
    whether an address has an account) but no email goes out.
    """

    def form_valid(self, form):
        if not throttle.hit("password-reset-ip", client_ip(self.request), limit=settings.PASSWORD_RESETS_PER_HOUR):
            return _too_many(self.request, "password-reset emails were asked for from your address")
        email = form.cleaned_data["email"].strip().lower()
        if not throttle.hit("password-reset-email", email, limit=settings.PASSWORD_RESETS_PER_HOUR):
            return redirect(self.get_success_url())
        return super().form_valid(form)


@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """markdownx's preview endpoint, with our renderer, for signed-in users only."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden("Sign in to preview Markdown.")
    text = request.POST.get("content", "")
    if len(text) > settings.MARKDOWN_PREVIEW_MAX_CHARS:
        message = (
            f"Too long to preview: {len(text):,} characters (the limit is {settings.MARKDOWN_PREVIEW_MAX_CHARS:,})."
        )
        return HttpResponse(format_html("<p>{}</p>", message), status=413)
    try:
        return HttpResponse(render_markdown(text))
    except RenderRefused as exc:
        return HttpResponse(format_html("<p>{}</p>", str(exc)), status=413)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
