"""A learner sets up their time zone and plan, changes the timeline, and ticks items on the plan and the
dashboard, seeing the pace and counts move without a reload; every page fits a 390 px phone."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Learner
from progress.models import StudyPlan
from tests.support.browser import PASSWORD, screenshot
from tests.support.curriculum import load_curriculum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}

# WCAG contrast of an element's text on its own background, both computed by the browser.
CONTRAST = """(el) => {
    const rgb = (c) => c.match(/[0-9.]+/g).slice(0, 3).map(Number);
    const lum = (c) => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                         return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const style = getComputedStyle(el);
    const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
}"""


def log_in(page) -> None:
    get_user_model().objects.create_user("ada", password=PASSWORD)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator(".account-menu summary", has_text="ada").wait_for()


def mark_the_page(page) -> None:
    """A flag that a reload would wipe: still there afterwards means htmx did the work."""
    page.evaluate("window.notReloaded = true")


def assert_not_reloaded(page) -> None:
    assert page.evaluate("window.notReloaded === true")


def fits_a_phone(page, path: str) -> None:
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width} px wide at 390"


def test_plan_timeline_ticks_and_dashboard_without_reloads(page):
    load_curriculum("topics", "questions")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setTimezoneOverride", {"timezoneId": "Asia/Tokyo"})
    log_in(page)

    # The time zone: preselected from the browser while it is still the default, saved on request.
    page.goto(reverse("accounts:data"))
    assert page.get_by_role("combobox", name="Time zone").input_value() == "Asia/Tokyo"
    page.get_by_text("Your browser says you are in Asia/Tokyo: press Save to use it.").wait_for()
    page.locator("form.inline-fields").get_by_role("button", name="Save").click()
    page.get_by_text("Your days now follow Asia/Tokyo.").wait_for()
    assert page.get_by_role("combobox", name="Time zone").input_value() == "Asia/Tokyo"
    assert not page.locator("#time-zone-detected").is_visible()  # no longer the default: nothing to suggest
    learner = Learner.objects.get(user__username="ada")
    today = learner.today()

    # A plan: medium timeline, interview in 30 days.
    page.goto(reverse("progress:plan"))
    page.get_by_role("radio", name=re.compile("^Medium")).check()
    interview = today + timedelta(days=30)
    page.get_by_label("Interview date").fill(interview.isoformat())
    page.get_by_role("button", name="Make my plan").click()
    page.get_by_text("Your study plan is ready.").wait_for()

    # Changing the timeline: the date is still in the form, and stays. Long needs 6 weeks: a warning first.
    page.get_by_text("Change timeline or date").click()
    assert page.get_by_label("Interview date").input_value() == interview.isoformat()
    page.get_by_role("radio", name=re.compile("^Long")).check()
    page.get_by_role("button", name="Re-plan (keeps what is done)").click()
    warning = page.get_by_role("alert").filter(has_text="The long timeline is made for 6 weeks or more")
    warning.wait_for()
    assert "The medium timeline (2 to 6 weeks) fits the time you have" in warning.inner_text()
    assert page.get_by_role("radio", name=re.compile("^Long")).is_checked()
    assert page.get_by_label("Interview date").input_value() == interview.isoformat()
    screenshot(page, "plan-long-warning")
    page.get_by_label("Keep the long timeline anyway").check()
    page.get_by_role("button", name="Re-plan (keeps what is done)").click()
    page.get_by_text("Your study plan is ready.").wait_for()
    plan = StudyPlan.objects.get(user__username="ada")
    assert (plan.timeline, plan.interview_date) == ("long", interview)
    assert page.locator(".lead").first.inner_text().startswith(f"Long timeline, interview on {interview:%A} ")
    assert page.locator(".plan-note").inner_text().startswith("A long plan (6 weeks or more) in 30 days")

    # Ticking on the plan moves the pace without a reload.
    standing = page.locator("#plan-standing")
    assert standing.inner_text().startswith("On track: 0 done")
    mark_the_page(page)
    today_items = page.locator(".plan-day.is-today .plan-item")
    today_items.nth(0).locator("button.check").click()
    page.locator(".plan-day.is-today .plan-item.is-done").first.wait_for()
    page.get_by_text("Ahead by 1 item: 1 done").wait_for()
    today_items.nth(1).locator("button.check").click()
    page.get_by_text("Ahead by 2 items: 2 done").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('check')")  # focus stays on the tick
    assert_not_reloaded(page)
    screenshot(page, "plan-1280")
    page.set_viewport_size(PHONE)
    screenshot(page, "plan-390")
    page.set_viewport_size(WIDE)

    # The dashboard's Today list ticks the same way, and its pace and counts move.
    page.goto("/")
    total = plan.items.count()
    assert page.locator("#dashboard-progress .big-number").first.inner_text() == f"2 of {total} plan items"
    assert "You are ahead by 2 items." in page.locator("#dashboard-standing").inner_text()
    mark_the_page(page)
    first = page.locator("#today-heading + .plan-items .plan-item").first
    first.locator("button.check").click()
    page.locator("#today-heading + .plan-items .plan-item.is-done").wait_for()
    page.locator("#dashboard-progress .big-number", has_text=f"3 of {total} plan items").wait_for()
    page.locator("#dashboard-standing", has_text="You are ahead by 3 items.").wait_for()
    first.locator("button.check").click()  # and back
    page.locator("#dashboard-progress .big-number", has_text=f"2 of {total} plan items").wait_for()
    page.locator("#dashboard-standing", has_text="You are ahead by 2 items.").wait_for()
    assert_not_reloaded(page)
    screenshot(page, "dashboard-1280")
    page.set_viewport_size(PHONE)
    screenshot(page, "dashboard-390")

    # Destructive buttons are red, with AA contrast in both themes.
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(reverse("accounts:data"))
        for label in ("Delete my account", "Reset"):
            button = page.get_by_role("button", name=label, exact=True)
            ratio = button.evaluate(CONTRAST)
            assert ratio >= 4.5, (scheme, label, ratio)
            red, green, blue = map(
                int, re.findall(r"\d+", button.evaluate("e => getComputedStyle(e).backgroundColor"))[:3]
            )
            assert (red > 150, green < 80, blue < 80) == (True, True, True), (scheme, label)
        screenshot(page, f"account-390-{scheme}")
    page.emulate_media(color_scheme="light")

    for path in (reverse("progress:plan"), "/", reverse("accounts:data"), reverse("password_change")):
        fits_a_phone(page, path)

    # Signed out: the home page's cards are whole-card links with a visible focus ring.
    page.locator(".account-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    for path in ("/", reverse("login"), reverse("signup"), reverse("password_reset")):
        fits_a_phone(page, path)
    page.set_viewport_size(WIDE)
    page.goto("/")
    card = page.get_by_role("link", name="2. Follow a study plan", exact=True)
    card.focus()
    ring = card.evaluate(
        "e => getComputedStyle(e, '::after').outlineStyle + ' ' + getComputedStyle(e, '::after').outlineWidth"
    )
    assert ring == "solid 3px"
    first_card = page.locator(".start-cards .card", has_text="1. Read the topics")
    box = first_card.bounding_box()
    first_card.click(position={"x": box["width"] - 12, "y": box["height"] - 12})  # a corner, far from the title
    page.wait_for_url("**/topics/")
    page.problems.assert_none()
