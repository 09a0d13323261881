"""A person signs up, logs out and logs in again in the system Chromium."""

import pytest

from tests.support.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_log_out_and_log_in_again(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("margaret")
    page.get_by_label("Password", exact=True).fill("apollo guidance 1969")
    page.get_by_label("Password confirmation").fill("apollo guidance 1969")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_text("Welcome, margaret. Your account is ready.").wait_for()
    screenshot(page, "accounts-signed-up")

    page.locator(".account-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("margaret")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("Please enter a correct username and password").wait_for()
    screenshot(page, "accounts-login-error")

    page.get_by_label("Password").fill("apollo guidance 1969")
    page.get_by_role("button", name="Log in").click()
    page.locator(".account-menu summary", has_text="margaret").wait_for()
    page.problems.assert_none()


def test_the_theme_toggle_is_remembered(page):
    page.emulate_media(color_scheme="light")
    page.goto("/")
    page.get_by_role("button", name="Switch to the dark theme").click()
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    screenshot(page, "home-dark")
    page.problems.assert_none()
