from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from reference.views import LINK_LISTS, link_list

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["index", "approach", "study-guide", "powers-of-two", "latency", "availability", "estimate"]
)
def test_every_reference_page_renders_without_an_account(client, name):
    response = client.get(reverse(f"reference:{name}"))
    assert response.status_code == 200


def test_the_study_guide_grows_with_the_timeline(client, settings):
    html = client.get(reverse("reference:study-guide")).content.decode()
    assert "core, deeper, deepdive" in html
    guide = settings.STUDY_GUIDE
    assert guide["short"]["system_design"] < guide["medium"]["system_design"] < guide["long"]["system_design"]


def test_the_approach_covers_the_four_steps(client):
    html = client.get(reverse("reference:approach")).content.decode()
    for step in ("Step 1", "Step 2", "Step 3", "Step 4"):
        assert step in html


@pytest.mark.parametrize("name", sorted(LINK_LISTS))
def test_every_link_list_is_well_formed_and_renders(client, name):
    entries = link_list(name)
    assert len(entries) >= 15
    for entry in entries:
        assert urlsplit(entry["url"]).scheme == "https" or urlsplit(entry["url"]).scheme == "http", entry
        assert 5 <= len(entry["description"].split()) <= 40, entry
    response = client.get(reverse("reference:links", args=[name]))
    assert response.status_code == 200
    assert entries[0]["url"] in response.content.decode()


def test_an_unknown_list_is_not_found(client):
    assert client.get(reverse("reference:links", args=["nope"])).status_code == 404
