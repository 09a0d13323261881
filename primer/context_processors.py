from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

# The main navigation, as URL names; `primer/urls.py` mounts every one of them.
NAVIGATION = [
    ("Topics", "topics:index"),
    ("Questions", "questions:index"),
    ("Study plan", "progress:plan"),
    ("Flashcards", "flashcards:index"),
    ("Reference", "reference:index"),
    ("Search", "search:index"),
]


@cache
def _addresses() -> list[tuple[str, str]]:
    return [(label, reverse(name)) for label, name in NAVIGATION]


def site(request: HttpRequest) -> dict:
    items = [{"label": label, "url": url, "current": request.path.startswith(url)} for label, url in _addresses()]
    return {"product_name": settings.SITE_NAME, "navigation": items}
