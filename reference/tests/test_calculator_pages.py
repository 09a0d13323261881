"""What every calculator page does: the whole page, the htmx fragment, Back, and bad input."""

import pytest
from django.urls import reverse

from reference.tests.calculator_requests import ESTIMATE, HISTORY_RESTORE, HTMX, message_slot, vary

pytestmark = pytest.mark.django_db

CALCULATORS = {
    "estimate": ESTIMATE,
    "availability": {"availability": "99.9", "components": "99.9, 99.95"},
    "powers-of-two": {"value": "1", "unit": "GiB"},
}
# A value each calculator cannot use, in a field, and the first words of what it says.
BAD = {
    "estimate": ("daily_active_users", "1e400", "Enter at most 10,000,000,000"),
    "availability": ("availability", "101", "Enter at most 100%"),
    "powers-of-two": ("value", "-1", "Enter 0 or more"),
}


@pytest.mark.parametrize("name", CALCULATORS)
def test_it_is_a_whole_page_without_an_account(client, name):
    response = client.get(reverse(f"reference:{name}"), CALCULATORS[name])
    html = response.content.decode()
    assert response.status_code == 200
    assert '<header class="site-header">' in html
    assert "<form" in html
    assert "<table" in html


@pytest.mark.parametrize("name", CALCULATORS)
def test_htmx_gets_the_result_alone(client, name):
    response = client.get(reverse(f"reference:{name}"), CALCULATORS[name], headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<header" not in html
    assert "<form" not in html
    assert "<table" in html


@pytest.mark.parametrize("name", CALCULATORS)
@pytest.mark.parametrize("headers", [{}, HTMX, HISTORY_RESTORE], ids=["page", "fragment", "restore"])
def test_every_answer_varies_on_the_htmx_headers_so_a_cache_keeps_page_and_fragment_apart(client, name, headers):
    response = client.get(reverse(f"reference:{name}"), CALCULATORS[name], headers=headers)
    assert {"hx-request", "hx-target", "hx-history-restore-request"} <= vary(response)


@pytest.mark.parametrize("name", CALCULATORS)
@pytest.mark.parametrize("target", [None, "calculator-result"])
def test_a_history_restore_after_back_gets_the_whole_page(client, name, target):
    headers = {**HISTORY_RESTORE, **({"HX-Target": target} if target else {})}
    response = client.get(reverse(f"reference:{name}"), CALCULATORS[name], headers=headers)
    html = response.content.decode()
    assert '<header class="site-header">' in html
    assert "<form" in html


@pytest.mark.parametrize("name", CALCULATORS)
def test_typing_replaces_the_address_and_the_server_checks_the_values(client, name):
    html = client.get(reverse(f"reference:{name}")).content.decode()
    assert 'hx-replace-url="true"' in html
    assert "hx-push-url" not in html
    assert "novalidate" in html  # the browser's check would stop htmx sending: no request, stale figures
    assert 'type="number"' not in html  # it would send "" for "abc"


@pytest.mark.parametrize("name", CALCULATORS)
def test_a_bad_value_replaces_the_figures_with_a_message_naming_the_field(client, name):
    field, value, message = BAD[name]
    response = client.get(reverse(f"reference:{name}"), {**CALCULATORS[name], field: value}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<table" not in html  # no figure, stale or new
    assert message in html
    label = response.context["form"][field].label
    assert f'<a href="#id_{field}">{label}</a>: {message}' in html
    assert message in message_slot(html, field)  # and by the field, swapped in out of band
    assert f'id="id_{field}_error" hx-swap-oob="true"' in html


@pytest.mark.parametrize("name", CALCULATORS)
def test_a_corrected_value_empties_its_message_by_the_field(client, name):
    response = client.get(reverse(f"reference:{name}"), CALCULATORS[name], headers=HTMX)
    html = response.content.decode()
    field = BAD[name][0]
    assert f'id="id_{field}_error" hx-swap-oob="true"' in html
    assert message_slot(html, field) == ""


@pytest.mark.parametrize("name", CALCULATORS)
def test_without_javascript_a_bad_value_is_shown_by_its_field_and_in_place_of_the_figures(client, name):
    field, value, message = BAD[name]
    response = client.get(reverse(f"reference:{name}"), {**CALCULATORS[name], field: value})
    html = response.content.decode()
    assert message in message_slot(html, field)
    assert "hx-swap-oob" not in html  # a whole page has one slot per field, in place
    assert html.count(f'id="id_{field}_error"') == 1
    assert 'class="result-table' not in html


@pytest.mark.parametrize("name", CALCULATORS)
def test_it_rejects_post(client, name):
    assert client.post(reverse(f"reference:{name}"), CALCULATORS[name]).status_code == 405
