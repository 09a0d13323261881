"""Links an editor writes ("Further reading", references): http(s) or this site, nothing else."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

_CONTROL = re.compile(r"[\x00-\x20\x7f\\]")


def is_safe_url(url: object) -> bool:
    """True for http(s)://host/... and for /site/relative/paths; false for javascript:, //host, ..."""
    if not isinstance(url, str) or not url or len(url) > 2000 or _CONTROL.search(url):
        return False
    if url.startswith("/"):
        return not url.startswith("//")
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def validate_links(value: object) -> None:
    """A list of {"title": ..., "url": ...} whose every URL is safe (a model field validator)."""
    if not isinstance(value, list):
        raise ValidationError('Links are a list of {"title": "...", "url": "https://..."}.')
    for link in value:
        if not isinstance(link, dict) or set(link) != {"title", "url"} or not isinstance(link["title"], str):
            raise ValidationError('Each link is {"title": "...", "url": "https://..."} and nothing else.')
        if not is_safe_url(link["url"]):
            raise ValidationError(
                f"{link['url']!r} is not an http(s) address or a path on this site (such as /topics/caching/)."
            )
