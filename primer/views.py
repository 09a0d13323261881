from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from primer.markdown import RenderRefused
from primer.markdown import render as render_markdown


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The home shell: an introduction, or a signed-in learner's dashboard (the progress app's tag)."""
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
