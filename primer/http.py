"""Typed requests, safe redirects and reading ids: the helpers every app's views share."""

from __future__ import annotations

import re

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

_ID = re.compile(r"[0-9]{1,18}")  # fits PostgreSQL's bigint; anything longer is no row of ours


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (for type checkers)."""

    htmx: HtmxDetails


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """True when htmx asked for part of a page to swap in; a history restore gets the whole page.

    htmx restores a page it has not cached (Back, Forward) by fetching its address again; that
    request must get the page with its header and styles, not the fragment typed into it.
    """
    return bool(request.htmx) and not request.htmx.history_restore_request


def safe_next(request: HttpRequest) -> str | None:
    """The request's `next` address when it is a path on this site, else None.

    Only "/plan/"-like paths: never "//host", "https://...", or a bare word that redirect()
    would try to reverse as a URL name.
    """
    target = request.POST.get("next") or request.GET.get("next")
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return None


def parse_id(value: object) -> int | None:
    """A database id from a form or query value, or None when it cannot be one."""
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None


class IdConverter:
    """`<id:pk>` in URLs: an int converter that refuses numbers PostgreSQL cannot hold (404, not 500)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
