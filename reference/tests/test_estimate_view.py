"""The back-of-the-envelope calculator: a ratio or separate reads and writes, sizes, and bad input."""

import pytest
from django.urls import reverse

from reference.tests.calculator_requests import ESTIMATE, HTMX, message_slot

pytestmark = pytest.mark.django_db

URL = reverse("reference:estimate")


def _result(client, **changes):
    response = client.get(URL, {**ESTIMATE, **changes}, headers=HTMX)
    assert response.status_code == 200
    return response


def _rates(response) -> dict[str, tuple[str, str]]:
    return {label: (average, peak) for label, average, peak in response.context["result"]["rates"]}


def _volumes(response) -> dict[str, str]:
    return dict(response.context["result"]["volumes"])


def test_an_old_link_with_reads_per_write_still_works(client):
    # 1M users x 1 request, all writes (0 reads per write), 1 KB each, peak 3x: the link the page made before
    old = {key: value for key, value in ESTIMATE.items() if key not in ("traffic", "reads_per_user", "writes_per_user")}
    response = client.get(URL, old, headers=HTMX)
    html = response.content.decode()
    assert "<td>11.6</td>" in html  # 1M / 86,400
    assert "<td>34.7</td>" in html  # peak x3
    assert "<td>365 GB</td>" in html  # 1 GB/day for a year


def test_a_link_with_one_value_takes_the_defaults_for_the_rest(client):
    response = client.get(URL, {"daily_active_users": "86400"})
    assert _rates(response)["Requests per second"] == ("10", "20")  # 10 requests a user, peak 2x


def test_a_ratio_can_be_written_reads_to_writes(client):
    response = _result(client, requests_per_user="10", read_write_ratio="4:1")
    assert _volumes(response)["Reads per day"] == "8,000,000"
    assert _volumes(response)["Writes per day"] == "2,000,000"
    assert "10 requests at 4:1" in response.content.decode()


def test_a_write_heavy_ratio(client):
    response = _result(client, requests_per_user="10", read_write_ratio="1 : 4")
    assert _volumes(response)["Writes per day"] == "8,000,000"


def test_separate_reads_and_writes_per_user_with_their_own_sizes(client):
    # 1M users read 100 objects of 200 KB and write 2 of 1 MB a day; peak 3x
    # reads 100M/day = 1,157/s (3,472 peak) x 200 KB = 231 MB/s out (694 peak)
    # writes 2M/day = 23.1/s (69.4 peak) x 1 MB = 23.1 MB/s in; 2 TB a day, 730 TB a year
    response = _result(
        client,
        traffic="split",
        reads_per_user="100",
        writes_per_user="2",
        object_size="1",
        object_unit="MB",
        read_size="200",
        read_unit="KB",
        requests_per_user="not read in this mode",
    )
    rates, volumes = _rates(response), _volumes(response)
    assert rates["Reads per second"] == ("1,160", "3,470")
    assert rates["Writes per second"] == ("23.1", "69.4")
    assert rates["Requests per second"] == ("1,180", "3,540")
    assert rates["Bandwidth out (reads)"] == ("231 MB/s", "694 MB/s")
    assert rates["Bandwidth in (writes)"] == ("23.1 MB/s", "69.4 MB/s")
    assert volumes["Requests per day"] == "102,000,000"
    assert volumes["New storage per day"] == "2 TB"
    assert volumes["New storage per year"] == "730 TB"


def test_reads_return_a_write_when_no_read_size_is_given(client):
    response = _result(
        client, traffic="split", reads_per_user="1", writes_per_user="1", object_size="500", object_unit="B"
    )
    assert _rates(response)["Bandwidth out (reads)"] == _rates(response)["Bandwidth in (writes)"]


def test_a_read_only_workload_stores_nothing(client):
    response = _result(client, traffic="split", reads_per_user="5", writes_per_user="0")
    assert _volumes(response)["New storage per year"] == "0 B"


@pytest.mark.parametrize("written", ["10000000", "10,000,000", "10 000 000", "1e7", "10_000_000", "+10000000"])
def test_numbers_can_be_written_as_people_write_them(client, written):
    response = _result(client, daily_active_users=written, requests_per_user="10", read_write_ratio="10:1")
    assert _rates(response)["Requests per second"] == ("1,160", "3,470")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("daily_active_users", "", "Enter a number, such as 1500, 1,500 or 1.5e3."),
        ("daily_active_users", "abc", "“abc” is not a number."),
        ("daily_active_users", "-5", "Enter 1 or more."),
        ("daily_active_users", "0", "Enter 1 or more."),
        ("daily_active_users", "1e400", "Enter at most 10,000,000,000 (more people than are alive)."),
        ("daily_active_users", "99999999999999999999999", "Enter at most 10,000,000,000"),
        ("daily_active_users", "1e99999999999999999999", "is not a number."),
        ("daily_active_users", "nan", "“nan” is not a number."),
        ("daily_active_users", "Infinity", "“Infinity” is not a number."),
        ("daily_active_users", "12,34", "Use a point for decimals"),
        ("daily_active_users", "9" * 41, "more than 40 characters"),
        ("requests_per_user", "0", "Enter more than 0 (with no requests there is nothing to estimate)."),
        ("requests_per_user", "-1", "Enter more than 0"),
        ("requests_per_user", "2000000", "Enter at most 1,000,000"),
        ("requests_per_user", "1e-999999999", "too close to zero"),
        ("read_write_ratio", "0:0", "0:0 has neither reads nor writes."),
        ("read_write_ratio", "-1", "Neither side of the ratio can be negative."),
        ("read_write_ratio", "a:b", "“a” is not a number."),
        ("read_write_ratio", "1:2:3", "Write reads to writes as 10:1"),
        ("read_write_ratio", "", "Enter reads to writes, such as 10:1."),
        ("read_write_ratio", "1e9:1", "Keep each side at most 1,000,000."),
        ("object_size", "0", "Enter more than 0 (every write stores something)."),
        ("object_size", "-1", "Enter more than 0"),
        ("read_size", "0", "Enter more than 0"),
        ("retention_years", "0", "Enter more than 0"),
        ("retention_years", "101", "Enter at most 100"),
        ("peak_factor", "0.5", "Enter 1 or more (the peak is at least the average)."),
        ("peak_factor", "1000", "Enter at most 100"),
        ("object_unit", "ZB", "Select a valid choice."),
    ],
)
def test_each_bad_value_gets_its_message_and_no_figures(client, field, value, message):
    response = _result(client, **{field: value})
    html = response.content.decode()
    assert response.context["result"] is None
    assert "<table" not in html
    assert message in message_slot(html, field)
    assert f"{response.context['form'][field].label}</a>: " in html


def test_a_request_bigger_than_a_petabyte_is_refused(client):
    response = _result(client, object_size="2", object_unit="PB")
    assert "Keep one request to 1 PB at most" in message_slot(response.content.decode(), "object_size")


def test_no_reads_and_no_writes_leave_nothing_to_estimate(client):
    response = _result(client, traffic="split", reads_per_user="0", writes_per_user="0")
    assert "With no reads and no writes" in message_slot(response.content.decode(), "writes_per_user")


def test_the_way_of_giving_traffic_not_chosen_is_not_checked(client):
    response = _result(client, traffic="split", requests_per_user="abc", read_write_ratio="0:0")
    assert response.context["result"] is not None
    response = _result(client, traffic="ratio", reads_per_user="-1", writes_per_user="abc")
    assert response.context["result"] is not None


def test_a_missing_number_in_the_chosen_way_is_asked_for(client):
    response = _result(client, traffic="split", reads_per_user="")
    assert "Enter a number" in message_slot(response.content.decode(), "reads_per_user")


def test_the_arithmetic_is_shown(client):
    html = _result(client, requests_per_user="10", read_write_ratio="10:1").content.decode()
    times = "\N{MULTIPLICATION SIGN}"
    assert f"1,000,000 users {times} 10 = 10,000,000 requests a day; ÷ 86,400 s = 116 a second" in html
