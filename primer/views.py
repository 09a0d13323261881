import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from primer.markdown import RenderRefused
from primer.markdown import render as render_markdown
from primer.pagecache import fill, personal_page

logger = logging.getLogger(__name__)
RETRY_AFTER = 10  # seconds: a database restart or fail-over usually takes a few


def _home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


_dashboard = personal_page(_home)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The home shell: an introduction (no query at all), or a signed-in learner's dashboard (the
    progress app's tag), from the cache while nothing it shows has changed (primer/pagecache.py)."""
    return (_dashboard if request.user.is_authenticated else _home)(request)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: 200 when the database answers, 503 with the reason."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        # The reason (a host, a socket path, a user name) goes to the log, not to whoever asks.
        logger.warning("healthz: the database does not answer: %s", exc)
        return JsonResponse({"db": "unavailable"}, status=503, headers={"Retry-After": str(RETRY_AFTER)})
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


def _filled(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """An error page may leave by a middleware outside the one that fills personal parts: fill them here."""
    response.content = fill(request, response.content.decode(response.charset)).encode(response.charset)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _filled(request, render(request, "403_csrf.html", {"reason": reason}, status=403))


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 with Retry-After when the cause is the database not answering.

    Django calls this inside its `except` block, so the exception is still at hand. The page is
    rendered without the request's context: nothing in it may need the database.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        body = loader.get_template("503.html").render({"retry_after": RETRY_AFTER})
        return HttpResponse(body, status=503, headers={"Retry-After": str(RETRY_AFTER)})
    return HttpResponseServerError(loader.get_template("500.html").render())


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _filled(request, render(request, "400.html", status=400))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _filled(request, render(request, "403.html", status=403))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _filled(request, render(request, "404.html", status=404))
