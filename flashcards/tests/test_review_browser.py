"""Reviewing with the keyboard alone, in the system Chromium; both themes and a phone's width."""

import pytest
from django.contrib.auth import get_user_model

from flashcards.models import Card, CardState, Deck, Review
from tests.support.browser import PASSWORD, screenshot
from tests.support.curriculum import load_curriculum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What has focus, and whether a keyboard user can see it.
FOCUS = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  return {id: el.id, text: el.textContent.trim(), ring: el.matches(":focus-visible") && style.outlineStyle !== "none"
          && parseFloat(style.outlineWidth) >= 2};
}"""

# The contrast of every piece of visible text in <main> with the colours behind it (WCAG 2 formula).
CONTRASTS = """() => {
  const parse = c => { const p = c.match(/rgba?\\(([^)]+)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
                       return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const channel = v => (v /= 255) <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  const luminance = c => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const behind = el => {
    const chain = [];
    for (let e = el; e; e = e.parentElement) { chain.unshift(e); }
    return chain.reduce((under, e) => over(parse(getComputedStyle(e).backgroundColor), under), [255, 255, 255, 1]);
  };
  const found = [];
  for (const el of document.querySelectorAll("main *")) {
    const rect = el.getBoundingClientRect();
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) { continue; }
    if (rect.width <= 1 || rect.height <= 1 || getComputedStyle(el).visibility === "hidden") { continue; }
    const back = behind(el), text = over(parse(getComputedStyle(el).color), back);
    const [light, dark] = [luminance(text), luminance(back)].sort((a, b) => b - a);
    found.push({text: el.textContent.trim().slice(0, 40), rating: !!el.closest(".rating"),
                ratio: Math.round((light + 0.05) / (dark + 0.05) * 100) / 100});
  }
  return found;
}"""

# Pairs of elements (of one selector, within one parent) whose boxes overlap, and anything past the right edge.
LAYOUT = """([selector, width]) => {
  const boxes = [...document.querySelectorAll(selector)].map(el => [el, el.getBoundingClientRect()]);
  const overlaps = [];
  boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
    if (a.parentElement === b.parentElement && p.width && q.width && p.left < q.right - 0.5 && q.left < p.right - 0.5
        && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5) { overlaps.push(a.textContent.trim() + " / " + b.textContent.trim()); }
  }));
  const outside = [...document.querySelectorAll("body *")].filter(el => el.getBoundingClientRect().right > width + 0.5)
    .map(el => el.tagName + "." + el.className);
  return {scrollWidth: document.documentElement.scrollWidth, overlaps, outside};
}"""


def _log_in(page, username: str) -> None:
    get_user_model().objects.create_user(username, password=PASSWORD)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator(".account-menu summary", has_text=username).wait_for()


def _focus_lands_on(page, element_id: str) -> dict:
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=element_id)
    focus = page.evaluate(FOCUS)
    assert focus["ring"], focus  # a visible focus ring
    return focus


def _left(page) -> str:
    return page.locator(".cards-left").inner_text()


def test_a_whole_review_by_keyboard_alone(page):
    deck = Deck.objects.create(slug="numbers", title="Numbers")
    for index in range(6):
        Card.objects.create(deck=deck, guid=f"n-{index}", front=f"Question **{index}**?", back=f"Answer {index}.")
    _log_in(page, "alan")
    page.goto("/cards/review/")
    live = page.locator(".cards-left")
    assert (live.get_attribute("aria-live"), live.get_attribute("role")) == ("polite", "status")
    assert _left(page) == "6 cards left: 6 new, 0 due"

    # Space, Enter, and Tab with Enter (no shortcut at all) each show the answer; 1-4 rate.
    for index, (show, rating) in enumerate([("Space", "3"), ("Enter", "4"), ("Tab", "Good"), ("Space", "1")]):
        page.locator("#card-front", has_text=f"Question {index}?").wait_for()
        if index:
            _focus_lands_on(page, "card-front")  # the next card, not the top of the page
        if index == 1:
            screenshot(page, "review-next-card-focused")
        assert _left(page) == f"{6 - index} cards left: {6 - index} new, 0 due"
        if show == "Tab":
            page.keyboard.press("Tab")
            assert _focus_lands_on(page, "show-answer")["text"] == "Show answer"
            page.keyboard.press("Enter")
        else:
            page.keyboard.press(show)
        page.get_by_text(f"Answer {index}.").wait_for()
        _focus_lands_on(page, "card-answer")  # the summary hides: focus goes on to the answer
        if index == 0:
            screenshot(page, "review-answer")
        if rating == "Good":
            for _ in range(3):  # Again, Hard, Good
                page.keyboard.press("Tab")
            assert page.evaluate(FOCUS)["text"].startswith("Good")
            page.keyboard.press("Enter")
        else:
            page.keyboard.press(rating)

    page.locator("#card-front", has_text="Question 4?").wait_for()
    _focus_lands_on(page, "card-front")
    assert _left(page) == "2 cards left: 2 new, 0 due"  # "Again" brings card 3 back in a minute, not now
    page.keyboard.press("Space")
    page.keyboard.press("2")
    page.locator("#card-front", has_text="Question 5?").wait_for()
    _focus_lands_on(page, "card-front")
    assert _left(page) == "1 card left: 1 new, 0 due"

    page.keyboard.press("u")  # undo the last rating (card 4, Hard)
    page.locator("#card-front", has_text="Question 4?").wait_for()
    _focus_lands_on(page, "card-front")
    assert _left(page) == "2 cards left: 2 new, 0 due"
    assert Review.objects.count() == 4
    for index in (4, 5):
        page.locator("#card-front", has_text=f"Question {index}?").wait_for()
        _focus_lands_on(page, "card-front")
        page.keyboard.press("Space")
        _focus_lands_on(page, "card-answer")
        page.keyboard.press("4")

    assert "Done for now" in _focus_lands_on(page, "review-done")["text"]
    screenshot(page, "review-done")
    assert _left(page) == "No cards left for now"
    assert "The next one is due in 1 min." in page.locator("#review-area").inner_text()
    assert sorted(Review.objects.values_list("rating", flat=True)) == [1, 3, 3, 4, 4, 4]
    assert CardState.objects.count() == 6
    page.problems.assert_none()


def _check_layout(page, selector: str, width: int) -> None:
    layout = page.evaluate(LAYOUT, [selector, width])
    assert layout["scrollWidth"] <= width, layout  # nothing scrolls sideways
    assert layout["outside"] == [], layout
    assert layout["overlaps"] == [], layout


def _check_text_contrast(page, where: str) -> list[dict]:
    found = page.evaluate(CONTRASTS)
    low = [item for item in found if item["ratio"] < 4.5]
    assert not low, (where, low)
    return found


@pytest.mark.parametrize(("system", "chosen"), [("light", None), ("dark", None), ("light", "dark"), ("dark", "light")])
def test_cards_and_review_pages_read_well_in_both_themes_and_on_a_phone(page, system, chosen):
    load_curriculum("topics", "questions", "cards")
    page.emulate_media(color_scheme=system)
    _log_in(page, "ada")
    if chosen:
        page.evaluate(f"localStorage.setItem('primer-theme', {chosen!r})")
    theme = chosen or system
    name = f"{theme}{'-chosen' if chosen else ''}"
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/cards/")
        assert page.evaluate("getComputedStyle(document.body).colorScheme") == theme
        _check_text_contrast(page, f"cards page, {name}, {width}")
        _check_layout(page, ".decks td, .decks th", width)
        if not chosen:
            screenshot(page, f"flashcards-{theme}-{width}")

        page.goto("/cards/review/")
        _check_text_contrast(page, f"review page, question, {name}, {width}")
        page.keyboard.press("Space")
        page.locator(".ratings").wait_for()
        found = _check_text_contrast(page, f"review page, answer, {name}, {width}")
        assert len([item for item in found if item["rating"]]) == 8  # each button's label and interval
        _check_layout(page, ".ratings .rating, .flashcard > *", width)
        if not chosen:
            screenshot(page, f"review-{theme}-{width}")
    page.problems.assert_none()
