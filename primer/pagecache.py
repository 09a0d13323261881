"""Pages and parts of pages cached by the curriculum's version, never by time.

The version is one row, `primer_content_stamp`, that a statement trigger on every curated table
moves on by one whenever anything there is inserted, updated, deleted or truncated: an editor's
save in the admin, `load_content`, the upstream importer, a bulk update, raw SQL. A cache key
holds the version, so a change to the curriculum makes every older entry unreachable at once, in
every worker and every instance, whichever cache is configured.

The row is read first and within the request's own transaction rules (READ COMMITTED): a writer
bumps it inside its transaction, so a reader sees the new version only once the new text is
committed too. A reader that saw the old version and then newer text caches the newer text under
the old key, which the next request (seeing the new version) never reads: stale is impossible,
an extra render is the worst case.

Keys hold the code's version too (`code_stamp`), so after a deploy no instance serves a page that
a shared cache kept from the code before.

A page's personal parts (the account menu, a learner's status and notes, the bars of their
progress) are never part of what is stored: a template marks each with `{% personal name args %}`,
which renders a hole, and `fill` (run by PersonalPartsMiddleware on every HTML response) renders
each hole for the person asking, one batch per kind. So the same stored page serves a visitor and
every learner; only editors, who may see drafts, always get a page rendered for them.

`shared_page` caches a whole page by version: the body with its holes and with the CSP nonce
taken out (each response gets a fresh one put back). A visitor's page gets an ETag, so a browser
that asks again with If-None-Match gets 304. A page that set a cookie, used a CSRF token or
carries a message for this visitor is never stored.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache as cache_for_process
from functools import wraps
from pathlib import Path

from django.core.cache import cache
from django.db import connection, connections
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from primer.http import wants_fragment

logger = logging.getLogger(__name__)

NONCE_HOLE = "\x00csp-nonce\x00"  # NUL never reaches a page (RefuseNulMiddleware), so this cannot collide
STAMP_TABLE = "primer_content_stamp"
TRIGGER_FUNCTION = "primer_bump_content_stamp"


@cache_for_process
def code_stamp() -> str:
    """What this checkout's code and templates are, so a deploy never serves pages a shared
    cache (Redis) kept from the code before it: every .py and .html file's path, size and time."""
    from django.conf import settings

    root = Path(settings.BASE_DIR)
    skip = {".venv", ".data", "staticfiles", "node_modules", ".git", "content"}
    digest = hashlib.blake2b(digest_size=8)
    for folder, names, files in os.walk(root):
        names[:] = sorted(name for name in names if name not in skip and not name.startswith("."))
        for name in sorted(files):
            if name.endswith((".py", ".html")):
                stat = (Path(folder) / name).stat()
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def content_stamp(request: HttpRequest | None = None) -> int:
    """The curriculum's version: one read of a one-row table, once per request when it is given."""
    if request is not None and hasattr(request, "primer_content_stamp"):
        return int(request.primer_content_stamp)
    stamp = _read_content_stamp()
    if request is not None:
        request.primer_content_stamp = stamp  # type: ignore[attr-defined]
    return stamp


def _read_content_stamp() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {STAMP_TABLE}")  # noqa: S608 - a constant
        row = cursor.fetchone()
    return row[0] if row else 0


def watch_tables(tables: Iterable[str], using: str = "default") -> None:
    """Make every write to these tables move the stamp on (idempotent; run after each migrate)."""
    with connections[using].cursor() as cursor:
        for table in sorted(set(tables)):
            quoted = connections[using].ops.quote_name(table)
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER primer_content_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {quoted} FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER_FUNCTION}()"
            )


# ---------------------------------------------------------------- personal parts

HOLE = re.compile("\x00p:([a-z-]+)((?::[^\x00:]*)*)\x00")
# A renderer gets the request and the arguments of every hole of its kind on the page (in order),
# and the page's other holes (a progress bar may count the statuses around it); it returns one
# piece of HTML per hole.
Holes = list[tuple[str, ...]]
Renderer = Callable[[HttpRequest, Holes, dict[str, Holes]], list[str]]
REGIONS: dict[str, Renderer] = {}
LAST = "htmx"  # filled after the others, which may be the ones that need it


def region(name: str) -> Callable[[Renderer], Renderer]:
    """Register how a kind of personal part is rendered (apps call this at import of their tags)."""

    def register(renderer: Renderer) -> Renderer:
        REGIONS[name] = renderer
        return renderer

    return register


def hole(name: str, *args: object) -> SafeString:
    """The mark a template leaves where a personal part goes."""
    parts = [str(arg) for arg in args]
    if any(":" in part or "\x00" in part for part in parts):
        raise ValueError(f"a hole's arguments cannot hold ':' or NUL: {parts!r}")
    return mark_safe("\x00p:" + ":".join([name, *parts]) + "\x00")  # noqa: S308 - no text of anyone's in it


def fill(request: HttpRequest, text: str) -> str:
    """Every hole in `text`, rendered for this request; an unknown or failing kind leaves nothing.
    A part may itself hold holes (a stored part's CSRF fields): they are filled in a second round."""
    for _ in range(3):
        filled = _fill_once(request, text)
        if filled == text or "\x00p:" not in filled:
            return filled
        text = filled
    return HOLE.sub("", text)


def _fill_once(request: HttpRequest, text: str) -> str:
    found = [(match.group(1), tuple(match.group(2).split(":")[1:])) for match in HOLE.finditer(text)]
    if not found:
        return text
    by_kind: dict[str, Holes] = defaultdict(list)
    for name, args in found:
        by_kind[name].append(args)
    pieces: dict[str, list[str]] = {}
    for name in sorted(by_kind, key=lambda name: name == LAST):
        renderer = REGIONS.get(name)
        try:
            pieces[name] = renderer(request, by_kind[name], by_kind) if renderer else []
        except Exception:
            logger.exception("the personal part %r could not be rendered", name)
            pieces[name] = []
        if renderer is None:
            logger.error("no renderer for the personal part %r", name)
    cursor = {name: iter(values) for name, values in pieces.items()}
    return HOLE.sub(lambda match: str(next(cursor[match.group(1)], "")), text)


@region("htmx")
def _htmx(request: HttpRequest, holes: Holes, others: dict[str, Holes]) -> list[str]:
    from django.template import Context
    from django_htmx.templatetags.django_htmx import htmx_script

    wanted = any(args == ("1",) for args in holes) or getattr(request, "primer_uses_htmx", False)
    nonce = getattr(request, "_csp_nonce", "")
    return [htmx_script(Context({"csp_nonce": nonce})) if wanted else ""] * len(holes)


@region("account")
def _account(request: HttpRequest, holes: Holes, others: dict[str, Holes]) -> list[str]:
    """The way in (for a visitor, back to this address), or the account menu: the same on every
    page for one person, so kept by who they are, with a hole for its form's CSRF field."""
    from django.template.loader import render_to_string

    user = getattr(request, "user", None)
    key = None
    if user is not None and user.is_authenticated:
        key = f"account:{code_stamp()}:{user.pk}:{user.get_username()}:{user.is_staff}"
    html = cache.get(key) if key else None
    if html is None:
        html = render_to_string("_account.html", {"user": user}, request=request)
        if key:
            cache.set(key, html, 24 * 3600)
    return [html] * len(holes)


def _who(request: HttpRequest) -> str | None:
    """ "visitor" or "learner" when the stored page may serve this request, else None: editors (who
    may see drafts), other methods, and someone with a message waiting (it is theirs alone)."""
    if request.method not in ("GET", "HEAD") or "messages" in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "visitor"
    return None if user.is_staff else "learner"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
    )


def shared_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a page that is the same for everyone but its personal parts from the cache, by version."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        who = _who(request)
        if who is None:
            return view(request, *args, **kwargs)
        return _from_cache(request, lambda: view(request, *args, **kwargs), [], visitor=who == "visitor")

    return wrapper


def personal_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a signed-in learner's own page (the dashboard, the plan) from the cache while their
    data, the curriculum and the day stay the same: keyed by `learner.data_version`, which the
    database moves on with every write to their study data. Parts that change with the clock
    alone (cards falling due) are holes, filled per request."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = getattr(request, "user", None)
        learner = getattr(request, "learner", None)
        quiet = request.method in ("GET", "HEAD") and "messages" not in request.COOKIES
        if not quiet or user is None or not user.is_authenticated or learner is None:
            return view(request, *args, **kwargs)  # another method, a message waiting, or nobody's
        parts = [user.pk, learner.data_version, learner.today().isoformat()]
        return _from_cache(request, lambda: view(request, *args, **kwargs), parts, visitor=False)

    return wrapper


def _from_cache(
    request: HttpRequest, render: Callable[[], HttpResponse], parts: list, *, visitor: bool
) -> HttpResponse:
    whole = "part" if wants_fragment(request) else "page"  # type: ignore[arg-type]
    stamps = [code_stamp(), content_stamp(request), get_language(), whole, request.get_full_path(), *parts]
    digest = hashlib.blake2b("|".join(map(str, stamps)).encode(), digest_size=16).hexdigest()
    etag = f'"{digest}"'  # a visitor's parts depend on the address alone; a learner's do not
    if visitor and request.headers.get("If-None-Match") == etag:
        return _not_modified(etag)
    key = f"page:{digest}"
    # A visitor's parts depend on the address alone: their page is kept with them filled in.
    stored = cache.get(f"{key}:visitor") if visitor else None
    if stored is None:
        stored = cache.get(key)
    if stored is None:
        response = render()
        if not _storable(request, response):
            return response
        kept = {name: value for name, value in response.items() if name in KEPT_HEADERS}
        csp = getattr(response, "_csp_config", None)
        stored = (_holed(request, response.content.decode(response.charset)), response["Content-Type"], csp, kept)
        cache.set(key, stored, None)
    body, content_type, csp, headers = stored
    if visitor and "\x00p:" in body:
        body = _holed(request, fill(request, body.replace(NONCE_HOLE, _nonce(request))))
        cache.set(f"{key}:visitor", (body, content_type, csp, headers), None)
    response = HttpResponse(body.replace(NONCE_HOLE, _nonce(request)), content_type=content_type, headers=headers)
    if csp is not None:
        response._csp_config = csp  # type: ignore[attr-defined]
    if visitor:
        response["ETag"] = etag
    return response


@region("csrf")
def _csrf(request: HttpRequest, holes: Holes, others: dict[str, Holes]) -> list[str]:
    """A form's CSRF field, for a form inside a stored page (`{% personal "csrf" %}`)."""
    from django.middleware.csrf import get_token

    field = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
    return [field] * len(holes)


def _nonce(request: HttpRequest) -> str:
    return str(getattr(request, "_csp_nonce", ""))


def _holed(request: HttpRequest, text: str) -> str:
    """`text` with this response's nonce, if one was made, taken out (each response gets its own)."""
    used = getattr(request, "_csp_nonce", None)
    return text.replace(str(used), NONCE_HOLE) if used else text


def _not_modified(etag: str) -> HttpResponse:
    """304 with no CSP header: a browser merges a 304's headers into the copy it keeps, and a
    fresh nonce (or the plain policy instead of a diagram page's) would block that copy's own
    scripts and styles. Without the header the kept policy, nonce and all, stays as it was."""
    response = HttpResponseNotModified(headers={"ETag": etag})
    response._csp_config = {}  # type: ignore[attr-defined]  # empty: Django's middleware adds no header
    response._csp_ro_config = {}  # type: ignore[attr-defined]
    return response


KEPT_HEADERS = {"Content-Language", "X-Robots-Tag", "Link"}
