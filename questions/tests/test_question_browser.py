"""A visitor reads a question in Chromium: Mermaid (5.5 MB) loads only once the sample is opened."""

import pytest

from tests.support.browser import screenshot
from tests.support.curriculum import load_curriculum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def mermaid_requests(page) -> list[str]:
    seen: list[str] = []

    def on_request(request) -> None:
        if "mermaid" in request.url:
            seen.append(request.url)

    page.on("request", on_request)
    return seen


def test_the_diagram_library_loads_only_when_the_sample_is_opened_and_then_draws(page):
    load_curriculum("topics", "questions")
    fetched = mermaid_requests(page)
    page.goto("/questions/pastebin/")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 4000)  # scrolling past the closed sample does not load it either
    page.wait_for_load_state("networkidle")
    assert fetched == []
    assert page.evaluate("typeof window.mermaid") == "undefined"

    page.get_by_text("Show sample solution").click()
    diagram = page.locator("#solution pre.mermaid").first
    diagram.scroll_into_view_if_needed()
    diagram.locator("svg").wait_for()
    assert len(fetched) == 1 and fetched[0].endswith("/mermaid.min.js")  # noqa: PT018
    # Shrunk to fit at most to 3/4 of its own width; past that, in a box the keyboard can reach and scroll.
    assert diagram.get_attribute("tabindex") == "0"
    assert diagram.get_attribute("role") == "region"
    natural = diagram.evaluate("pre => pre.querySelector('svg').viewBox.baseVal.width")
    drawn = diagram.evaluate("pre => pre.querySelector('svg').getBoundingClientRect().width")
    assert natural * 0.75 - 1 <= drawn <= natural + 1
    room = diagram.evaluate("pre => pre.clientWidth")
    assert (diagram.get_attribute("data-wide") is not None) == (drawn > room)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the diagram scrolls, not the page
    screenshot(page, "question-sample-diagram-390")
    page.problems.assert_none()


def test_object_oriented_samples_are_headed_with_the_object_oriented_steps(page):
    load_curriculum("topics", "questions")
    page.goto("/questions/parking-lot/")
    page.get_by_text("Show sample solution").click()
    headings = page.locator("#solution .solution-step h2").all_inner_texts()
    assert headings[:4] == [
        "Step 1: Use cases, constraints and assumptions",
        "Step 2: Core objects and their relations",
        "Step 3: Key methods, data structures and complexity",
        "Step 4: Concurrency and extensions",
    ]
    page.locator("#solution pre.mermaid svg").first.wait_for()  # the class diagram
    page.problems.assert_none()
