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


def site(request: HttpRequest) -> dict:
    items = []
    for label, name in NAVIGATION:
        url = reverse(name)
        items.append({"label": label, "url": url, "current": request.path.startswith(url)})
    return {"product_name": settings.SITE_NAME, "navigation": items}
