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


def test_the_availability_calculator_answers_a_query(client):
    response = client.get(reverse("reference:availability"), {"availability": "99.99", "components": "99.9, 99.9"})
    html = response.content.decode()
    assert "52 min 36 s" in html  # 0.01% of a year: 3,155.76 s
    assert "99.8001%" in html
    assert "99.9999%" in html


def test_the_estimate_calculator_answers_htmx_with_its_result_only(client):
    params = {
        "daily_active_users": "1000000",
        "requests_per_user": "1",
        "read_write_ratio": "0",
        "object_size": "1",
        "object_unit": "KB",
        "retention_years": "1",
        "peak_factor": "3",
    }
    response = client.get(
        reverse("reference:estimate"), params, headers={"HX-Request": "true", "HX-Target": "calculator-result"}
    )
    html = response.content.decode()
    assert "<form" not in html
    assert "<td>11.6</td>" in html  # 1M / 86,400
    assert "<td>34.7</td>" in html  # peak x3
    assert "<td>365 GB</td>" in html  # 1 GB/day for a year


def test_bad_calculator_input_gets_a_message_and_no_result(client):
    response = client.get(reverse("reference:availability"), {"availability": "120", "components": "abc"})
    html = response.content.decode()
    assert "Ensure this value is less than or equal to 100" in html
    assert "“abc” is not a number." in html
    assert response.context["result"] is None


def test_the_powers_of_two_converter_converts(client):
    response = client.get(reverse("reference:powers-of-two"), {"value": "1", "unit": "TiB"})
    assert ("GB", "1,100") in response.context["conversions"]


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
