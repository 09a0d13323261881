"""The availability calculator: downtime for a target, and components combined without rounding up."""

import pytest
from django.urls import reverse

from reference.tests.calculator_requests import HTMX, message_slot

pytestmark = pytest.mark.django_db

URL = reverse("reference:availability")


def _combined(response) -> dict[str, dict]:
    return dict(response.context["result"]["combined"])


def test_it_answers_a_query(client):
    response = client.get(URL, {"availability": "99.99", "components": "99.9, 99.9"})
    html = response.content.decode()
    assert "52 min 36 s" in html  # 0.01% of a year: 3,155.76 s
    assert "99.8001%" in html  # in sequence: 0.999^2
    assert "99.9999%" in html  # in parallel: 1 - 0.001^2


def test_components_in_parallel_show_their_nines_and_never_a_hundred_percent(client):
    # 1 - (0.0001)^3 = 99.9999999999%: twelve nines, once shown as 100.000000%
    response = client.get(URL, {"availability": "99.9", "components": "99.99, 99.99, 99.99"}, headers=HTMX)
    html = response.content.decode()
    parallel = _combined(response)["In parallel (any one is enough)"]
    assert parallel["percent"] == "99.9999999999%"
    assert parallel["nines"] == 12
    assert "12 nines" in html
    assert "100.0" not in html
    assert "100%" not in html


def test_redundancy_past_a_dozen_decimals_is_cut_short_and_marked(client):
    response = client.get(URL, {"availability": "99.9", "components": "99.999, 99.999, 99.999, 99.999, 99.999"})
    parallel = _combined(response)["In parallel (any one is enough)"]
    assert parallel["percent"] == "99.999999999999…%"
    assert parallel["nines"] == 25
    assert parallel["per_year"] == "less than 1 µs"


def test_percent_signs_are_accepted(client):
    response = client.get(URL, {"availability": "99.95%", "components": "99.9%; 99.9%"})
    assert response.context["result"]["availability"] == "99.95"
    assert _combined(response)["In sequence (all must be up)"]["percent"] == "99.8001%"


def test_one_component_asks_for_a_second(client):
    html = client.get(URL, {"availability": "99.9", "components": "99.9"}).content.decode()
    assert "Add a second component" in html
    assert "In parallel" not in html


def test_the_nines_table_is_exact(client):
    table = client.get(URL).context["table"]
    assert [row["percent"] for row in table] == ["90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("availability", "", "Enter a number"),
        ("availability", "abc", "“abc” is not a number. Enter one such as 99.9 or 99.95%."),
        ("availability", "-1", "Enter 0 or more; it cannot be negative."),
        ("availability", "101", "Enter at most 100% (nothing is up more than all the time)."),
        ("availability", "1e400", "Enter at most 100%"),
        ("availability", "99999999999999999999999", "Enter at most 100%"),
        ("components", "abc", "“abc” is not a number."),
        ("components", "99.9, 120", "120 is not a percentage between 0 and 100."),
        ("components", "99.9, -1", "-1 is not a percentage between 0 and 100."),
        ("components", "99.9, 1e400", "1e400 is not a percentage between 0 and 100."),
        ("components", ", ".join(["99"] * 21), "Combine at most 20 components."),
        ("components", "9" * 501, "Keep the list under 500 characters."),
    ],
)
def test_each_bad_value_gets_its_message_and_no_figures(client, field, value, message):
    response = client.get(URL, {"availability": "99.9", "components": "99.9, 99.95", field: value}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["result"] is None
    assert "<table" not in html
    assert message in message_slot(html, field)
