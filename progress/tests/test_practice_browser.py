"""A learner practises a question: timed attempt, autosave through a reload, reveal, report, a second attempt."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from questions.content import load_questions
from questions.lexicon import load_lexicon
from tests.support.browser import PASSWORD, screenshot
from tests.support.pages import axe_violations
from topics.content import load_topics

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page):
    get_user_model().objects.create_user("grace", password=PASSWORD)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


SAVES = re.compile(r".*/steps/\d/save/$")


def wait_saved(page, step: int):
    page.locator(f"#step-{step} .save-status.is-saved").wait_for()


def submit_attempt(page, *, empty: list[str] | None = None):
    """Submit from the header: a dialog names the empty steps, then confirms."""
    page.get_by_role("button", name="Submit the attempt…").click()
    dialog = page.get_by_role("dialog", name="Submit your attempt?")
    if empty is not None:
        listed = dialog.locator(".submit-empty li").all_inner_texts()
        assert listed == empty, listed
    dialog.get_by_role("button", name="Submit the attempt and see the report").click()
    page.get_by_role("heading", name="Report:").wait_for()


def accessible_in_both_themes(page, name: str) -> None:
    """No serious axe-core finding (contrast, scrollable regions the keyboard cannot reach ...), light then dark."""
    assert axe_violations(page) == []
    page.locator("#theme-toggle").click()  # to dark: the diagrams are drawn again in its colours
    page.wait_for_function(
        "() => [...document.querySelectorAll('pre.mermaid[data-processed]')].every(p => p.querySelector('svg'))"
    )
    assert axe_violations(page) == []
    screenshot(page, f"{name}-dark")
    page.locator("#theme-toggle").click()


def fits_a_phone(page, name: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    screenshot(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


STEP_1 = (
    "Paste text, get a short link.\n\n"
    "- About **4 writes per second** and 40 reads per second; read heavy 10:1.\n"
    "- The code is MD5 of client IP + timestamp, base62 characters.\n\n"
    '<img src=x onerror="window.pwned = 1"> <script>window.pwned = 2</script>'
)
STEP_2 = (
    "A load balancer in front of stateless web servers, Redis, and S3 for paste bodies.\n\n"
    "```mermaid\nflowchart LR\n  Client --> LB[Load balancer] --> Web[Web servers] --> Redis\n  Web --> S3\n```"
)


def test_practise_a_question_end_to_end(page):
    load_topics(settings.BASE_DIR / "content" / "topics")
    load_lexicon(settings.BASE_DIR / "content" / "lexicon")
    load_questions(settings.BASE_DIR / "content" / "questions")
    log_in(page)
    mermaid: list[str] = []
    page.on("request", lambda request: mermaid.append(request.url) if "mermaid" in request.url else None)
    page.goto("/questions/pastebin/")
    page.get_by_role("link", name="Practise this question").click()
    page.get_by_role("button", name="Start a timed interview (45 minutes)").click()
    page.get_by_role("timer").wait_for()
    assert page.locator("#timer").inner_text().startswith(("44:", "45:"))

    # The question is open at the top; each step says what goes in it, linked to its field.
    assert page.locator("details.prompt-panel").get_attribute("open") is not None
    assert "10 million new pastes a month" in page.locator(".prompt-panel").inner_text()
    step_1 = page.get_by_label("Your answer for step 1 (Markdown)")
    assert "estimate the load" in page.locator(f"#{step_1.get_attribute('aria-describedby').split()[0]}").inner_text()
    page.wait_for_load_state("networkidle")
    assert mermaid == []  # nothing drawn yet, so no diagram library

    step_1.fill(STEP_1)
    page.get_by_label("Your answer for step 2 (Markdown)").fill(STEP_2)
    page.get_by_label("Your answer for step 2 (Markdown)").blur()
    wait_saved(page, 1)
    wait_saved(page, 2)
    page.reload()
    assert page.get_by_label("Your answer for step 1 (Markdown)").input_value() == STEP_1
    assert "load balancer" in page.get_by_label("Your answer for step 2 (Markdown)").input_value()

    # A jump to a step lands below the sticky header.
    page.get_by_role("link", name="Step 3: Core components").click()
    page.wait_for_function(
        "() => Math.abs(document.getElementById('step-3').getBoundingClientRect().top - "
        "document.getElementById('attempt-header').getBoundingClientRect().bottom) < 40"
    )
    header = page.locator("#attempt-header").bounding_box()
    assert page.locator("#step-3-title").bounding_box()["y"] >= header["y"] + header["height"]

    # Submitting a step opens its sample and locks it; reopening is explicit and recorded.
    page.get_by_role("button", name="Submit step 1 and compare").click()
    page.locator("#sample-1 h3", has_text="Sample solution").wait_for()
    assert page.get_by_label("Your answer for step 1 (Markdown)").get_attribute("readonly") is not None
    page.locator("#sample-2").get_by_role("button", name="Reveal it now (noted in your report)").click()
    page.locator("#sample-2 .badge", has_text="revealed early").wait_for()
    page.locator("#sample-2 pre.mermaid svg").wait_for()  # the revealed diagram is drawn
    assert len(mermaid) == 1
    assert page.locator("#step-2 .step-lock").is_visible()
    page.get_by_role("button", name="Reopen step 2 to edit it").click()
    step_2 = page.get_by_label("Your answer for step 2 (Markdown)")
    page.locator("#step-2 .step-reopened").wait_for()
    assert step_2.get_attribute("readonly") is None
    step_2.press("Control+End")
    step_2.type("\n\nPaste bodies expire after a year.")
    step_2.blur()
    wait_saved(page, 2)
    screenshot(page, "practice-editor")
    fits_a_phone(page, "practice-editor")
    accessible_in_both_themes(page, "practice-editor")

    submit_attempt(page, empty=["Step 3: Core components", "Step 4: Scaling"])
    assert page.locator("mark.mark-number-ok").count() >= 1
    assert "revealed before your own answer in step 2" in page.locator(".report-header").inner_text()
    assert "Step 2 was reopened after its sample was seen" in page.locator(".report-header").inner_text()
    # The answer is rendered Markdown (a list, bold, a drawn diagram); what it tried to run did not.
    answer_1 = page.locator("#report-step-1 ~ .report-panes .answer-rendered")
    assert answer_1.locator("li").count() == 2
    assert answer_1.locator("strong").first.inner_text() == "4 writes per second"
    assert answer_1.locator("img, script").count() == 0
    assert page.evaluate("window.pwned") is None
    drawn = page.locator("#report-step-2 ~ .report-panes .answer-rendered pre.mermaid")
    drawn.scroll_into_view_if_needed()
    drawn.locator("svg").wait_for()
    assert "Load balancer" in drawn.locator("svg").text_content()
    screenshot(page, "practice-report")
    fits_a_phone(page, "practice-report")
    accessible_in_both_themes(page, "practice-report")

    page.get_by_role("button", name="Start another attempt").click()
    again = page.get_by_label("Your answer for step 1 (Markdown)")
    again.fill(STEP_1.replace("MD5 of client IP + timestamp,", "7 random"))
    again.blur()
    wait_saved(page, 1)
    submit_attempt(page, empty=["Step 2: High-level design", "Step 3: Core components", "Step 4: Scaling"])
    assert "since your previous attempt" in page.locator(".delta").inner_text()
    assert page.locator(".score-chart text.date").count() == 2  # each attempt's date under its point
    chart = page.get_by_role("img", name="Your scores on this question")
    assert chart.locator("title").first.text_content().count("%") == 2  # each date with its score, for a reader
    diff = page.locator("details.diff").first
    diff.locator("summary").click()
    assert diff.locator(".diff-text del").all_inner_texts() == ["MD5 of client IP + timestamp,"]
    assert diff.locator(".diff-text ins").all_inner_texts() == ["7 random"]
    screenshot(page, "practice-second-report")
    fits_a_phone(page, "practice-second-report")
    page.problems.assert_none()


def test_text_typed_while_saves_fail_survives_a_reload_and_is_saved_later(page):
    from progress.models import AttemptStep

    load_topics(settings.BASE_DIR / "content" / "topics")
    load_lexicon(settings.BASE_DIR / "content" / "lexicon")
    load_questions(settings.BASE_DIR / "content" / "questions")
    log_in(page)
    page.goto("/practice/pastebin/")
    page.get_by_role("button", name="Start untimed").click()
    page.route(SAVES, lambda route: route.abort())  # the connection drops
    page.get_by_label("Your answer for step 1 (Markdown)").fill("Typed while offline: 4 writes per second.")
    page.get_by_label("Your answer for step 1 (Markdown)").blur()
    # The step's own status (the page's live region says it too, and is cleared after a while).
    page.locator("#step-1 .save-status.is-error", has_text="Could not reach the server").wait_for()
    page.reload()  # the page loads, saves still fail
    assert "Typed while offline" in page.get_by_label("Your answer for step 1 (Markdown)").input_value()
    page.unroute(SAVES)  # the connection is back: the restored text is saved
    page.locator("#step-1 .save-status.is-saved").wait_for(timeout=20_000)
    assert AttemptStep.objects.get(step=1).text == "Typed while offline: 4 writes per second."
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('primer-attempt-')).length") == 0
