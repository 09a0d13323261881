"""A learner works the estimate calculator, types something wrong, leaves and comes Back; every
reference calculator and the latency page fit a phone."""

import re

import pytest
from django.urls import reverse

from tests.support.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _result(page):
    return page.locator("#calculator-result")


def test_the_estimate_updates_as_you_type_says_what_is_wrong_and_survives_back(page):
    page.goto(reverse("reference:estimate"))
    users = page.get_by_label("Daily active users")
    users.fill("")
    users.press_sequentially("2000000", delay=30)
    page.wait_for_url(re.compile(r"daily_active_users=2000000"))  # the address follows the figures
    # 2M users x 10 requests = 20M a day = 231/s on average, 463/s at the default peak of 2x
    page.get_by_role("cell", name="231", exact=True).wait_for()
    assert "463" in _result(page).inner_text()
    history_length = page.evaluate("history.length")

    users.fill("1e400")
    message = _result(page).get_by_text("Enter at most 10,000,000,000")
    message.wait_for()
    assert _result(page).get_by_role("table").count() == 0  # the last figures are gone, not left stale
    assert "Daily active users" in _result(page).inner_text()
    page.locator("#id_daily_active_users_error").get_by_text("Enter at most 10,000,000,000").wait_for()

    users.fill("3000000")
    page.get_by_role("cell", name="347", exact=True).wait_for()  # 30M a day = 347/s
    assert page.locator("#id_daily_active_users_error").inner_text() == ""  # the message under the field went
    assert page.evaluate("history.length") == history_length  # typing replaced the address, no entry per pause

    page.get_by_label("Reads and writes per user").check()
    page.get_by_label("Reads per user per day").fill("100")
    page.get_by_label("Writes per user per day").fill("2")
    # 3M users x 2 writes of 1 KB = 6 GB a day; 3M x 100 reads = 300M a day = 3,470/s
    page.get_by_role("cell", name="6 GB", exact=True).wait_for()
    assert "3,470" in _result(page).inner_text()
    assert page.get_by_label("Requests per user per day").is_hidden()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reference").click()
    page.get_by_role("heading", level=1, name="Reference").wait_for()
    page.go_back()
    page.wait_for_url(re.compile(r"reads_per_user=100"))
    page.locator("header.site-header").wait_for(state="visible")  # the whole page, not a bare fragment
    assert page.get_by_role("heading", level=1, name="Back-of-the-envelope calculator").is_visible()
    assert page.get_by_label("Daily active users").input_value() == "3000000"
    assert page.get_by_role("cell", name="6 GB", exact=True).is_visible()
    page.problems.assert_none()


@pytest.mark.parametrize("name", ["estimate", "availability", "powers-of-two", "latency"])
def test_each_calculator_and_the_latency_numbers_fit_a_phone(page, name):
    page.set_viewport_size(PHONE)
    page.goto(reverse(f"reference:{name}"))
    page.locator("header.site-header").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if name == "estimate":
        page.get_by_label("Reads and writes per user").check()
        page.get_by_label("Daily active users").fill("abc")
        page.locator("#id_daily_active_users_error").get_by_text("is not a number").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.problems.assert_none()


def test_screenshots_of_the_estimate_page_on_a_phone_and_a_desktop(page):
    page.goto(reverse("reference:estimate"))
    page.get_by_role("cell", name="1,160", exact=True).wait_for()
    screenshot(page, "reference-estimate-1280")
    page.set_viewport_size(PHONE)
    page.get_by_label("Size of one read").fill("50")
    page.get_by_role("cell", name="52.6 MB/s", exact=True).wait_for()  # 1,052 reads a second x 50 KB
    screenshot(page, "reference-estimate-390")
    page.get_by_label("Peak / average").fill("0.5")
    page.locator("#id_peak_factor_error").get_by_text("Enter 1 or more").wait_for()
    screenshot(page, "reference-estimate-390-error")
    page.problems.assert_none()


def test_the_estimate_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto(reverse("reference:estimate"))
    page.get_by_label("Reads and writes per user").check()
    assert page.get_by_label("Requests per user per day").is_hidden()  # CSS alone hides the other way
    page.get_by_label("Writes per user per day").fill("-3")
    page.get_by_role("button", name="Calculate").click()
    page.locator("#id_writes_per_user_error").get_by_text("Enter 0 or more; it cannot be negative.").wait_for()
    assert page.locator("#calculator-result table").count() == 0
    page.get_by_label("Writes per user per day").fill("3")
    page.get_by_role("button", name="Calculate").click()
    page.get_by_role("cell", name="30,000,000", exact=True).wait_for()  # 10M users x 3 writes a day
    context.close()
