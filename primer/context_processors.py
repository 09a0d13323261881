from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

# The main navigation. An entry shows once its app has the page (its URL resolves), so
# the menu never offers a page that does not exist yet.
NAVIGATION = [
    ("Topics", "topics:index"),
    ("Questions", "questions:index"),
    ("Study plan", "progress:plan"),
    ("Flashcards", "progress:cards"),
    ("Reference", "reference:index"),
    ("Search", "search"),
]


def _navigation(path: str) -> list[dict]:
    items = []
    for label, name in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "current": path.startswith(url)})
    return items


def site(request: HttpRequest) -> dict:
    return {"product_name": settings.SITE_NAME, "navigation": _navigation(request.path)}
