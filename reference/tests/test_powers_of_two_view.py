"""The powers of two: the table and the converter, exact where the value is a whole number."""

import pytest
from django.urls import reverse

from reference.tests.calculator_requests import HTMX, message_slot

pytestmark = pytest.mark.django_db

URL = reverse("reference:powers-of-two")


def _conversions(client, value: str, unit: str) -> dict[str, str]:
    return dict(client.get(URL, {"value": value, "unit": unit}, headers=HTMX).context["conversions"])


def test_a_gibibyte_in_bytes_is_exact(client):
    sizes = _conversions(client, "1", "GiB")
    assert sizes["B"] == "1,073,741,824"  # not 1,074,000,000
    assert sizes["KiB"] == "1,048,576"
    assert sizes["KB"] == "1,073,741.824"
    assert sizes["GB"] == "≈1.074"


def test_a_tebibyte_in_decimal_units(client):
    sizes = _conversions(client, "1", "TiB")
    assert sizes["B"] == "1,099,511,627,776"
    assert sizes["GB"] == "≈1,100"  # 1,099.51...


def test_a_decimal_input_is_taken_as_written(client):
    assert _conversions(client, "0.1", "GiB")["B"] == "107,374,182.4"


def test_the_largest_size_is_still_exact(client):
    sizes = _conversions(client, "1e18", "EiB")
    assert sizes["B"] == "1,152,921,504,606,846,976,000,000,000,000,000,000"


def test_the_table_shows_exact_values_in_full(client):
    html = client.get(URL).content.decode()
    assert "18,446,744,073,709,551,616" in html
    assert "4,294,967,296" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("value", "", "Enter a number"),
        ("value", "abc", "“abc” is not a number."),
        ("value", "-1", "Enter 0 or more; it cannot be negative."),
        ("value", "1e400", "Enter at most 1,000,000,000,000,000,000"),
        ("value", "99999999999999999999999", "Enter at most 1,000,000,000,000,000,000"),
        ("unit", "ZB", "Select a valid choice."),
    ],
)
def test_each_bad_value_gets_its_message_and_no_figures(client, field, value, message):
    response = client.get(URL, {"value": "1", "unit": "GiB", field: value}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["conversions"] is None
    assert "<table" not in html
    assert message in message_slot(html, field)
