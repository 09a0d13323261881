"""A reader searches as they type, opens a result and walks the curriculum."""

import re

import pytest
from django.conf import settings

from tests.support.browser import screenshot
from topics.content import load_topics

CONTENT = settings.CONTENT_DIR / "topics"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_as_you_type_open_a_result_and_follow_previous_and_next(page):
    load_topics(CONTENT)
    page.goto("/search/")
    page.get_by_label("Search topics and questions").press_sequentially("consistent hash", delay=40)
    page.wait_for_url(re.compile(r"q=consistent(\+|%20)hash"))  # live search keeps the address shareable
    page.locator(".search-results li a").first.wait_for()
    assert page.locator(".search-results mark").count() > 0
    screenshot(page, "search-live")

    page.get_by_role("link", name="Consistent hashing", exact=True).first.click()
    page.get_by_role("heading", level=1, name="Consistent hashing").wait_for()
    page.locator("pre.mermaid svg").first.wait_for()  # the diagram is drawn under the CSP
    screenshot(page, "topic-consistent-hashing")

    page.get_by_role("link", name="Next").click()
    page.get_by_role("heading", level=1, name="Distributed computing with MapReduce").wait_for()
    page.get_by_role("link", name="Previous").click()
    page.get_by_role("heading", level=1, name="Consistent hashing").wait_for()
    page.problems.assert_none()


def test_back_after_a_live_search_shows_the_whole_search_page(page):
    load_topics(CONTENT)
    page.goto("/topics/")
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Search topics and questions").wait_for()
    entries = page.evaluate("history.length")
    page.get_by_label("Search topics and questions").press_sequentially("bloom", delay=60)
    page.wait_for_url(re.compile(r"q=bloom"))
    page.locator(".search-results li a").first.wait_for()
    page.get_by_label("Search topics and questions").press_sequentially(" filters", delay=400)  # pauses
    page.wait_for_url(re.compile(r"q=bloom(\+|%20)filters"))
    page.locator(".search-results li a").first.wait_for()
    assert page.evaluate("history.length") == entries  # typing replaces the address, never adds

    page.get_by_role("link", name="Bloom filters").first.click()
    page.get_by_role("heading", level=1, name="Bloom filters").wait_for()
    page.go_back()
    page.wait_for_url(re.compile(r"q=bloom(\+|%20)filters"))
    page.locator("header.site-header").wait_for()  # the whole page, not the fragment
    assert page.get_by_label("Search topics and questions").input_value() == "bloom filters"
    page.get_by_role("link", name="Bloom filters").first.wait_for()
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    page.go_back()
    page.get_by_role("heading", level=1, name="Topics").wait_for()  # one Back past the search
    page.problems.assert_none()


def test_search_works_without_javascript(browser, live_server):
    load_topics(CONTENT)
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/search/")
    page.get_by_label("Search topics and questions").fill("bloom filter")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Bloom filters").first.wait_for()
    context.close()


def test_the_topics_index_and_a_calculator(page):
    load_topics(CONTENT)
    page.goto("/topics/")
    page.get_by_role("link", name="Sharding").first.wait_for()
    screenshot(page, "topics-index")
    page.goto("/reference/availability/")
    field = page.get_by_label("Availability (%)")
    field.fill("99.99")
    page.get_by_text("99.99% allows this much downtime").wait_for()
    assert "52 min 36 s" in page.locator("#calculator-result").inner_text()
    screenshot(page, "availability-calculator")
    page.problems.assert_none()
