"""The XSS corpus in Chromium: every page that shows a field, as each role that sees it.

The worlds are the server-side test's (tests/support/world.py), twenty payloads at a time.
A page passes when nothing the payloads wrote acted: no dialog opened, no request or
navigation went to the probe, no Content-Security-Policy violation was reported (a blocked
inline script or style would mean markup got through), `window.__xss` stayed unset, and the
live DOM holds no inline handler and no htmx attribute inside a region of someone's text.
The editor opening a learner's shared report is the attack the audit found; it is here too.
"""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.conf import settings

from tests.support.payloads import PROBE, chunks
from tests.support.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHUNK = 41
CHUNKS = chunks(CHUNK)

INSPECT = """() => {
  const handlers = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on")) { handlers.push(element.tagName + " " + attribute.name); }
    }
  }
  const htmx = [];
  for (const region of document.querySelectorAll("[hx-disable]")) {
    for (const element of region.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        if (/^(data-)?hx-/.test(attribute.name)) { htmx.push(element.tagName + " " + attribute.name); }
      }
    }
  }
  return {xss: window.__xss || null, handlers, htmx, title: document.title};
}"""


def _context(browser, live_server, world, role):
    context = browser.new_context(base_url=live_server.url)
    client = world.clients[role]
    if settings.SESSION_COOKIE_NAME in client.cookies:
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


def _watch(page, current: dict, problems: list[str]) -> None:
    """Record every sign that the page did something a payload asked for."""

    def foreign(url: str) -> bool:
        # The page's own address may hold a payload (a search, a slug made from a title).
        return PROBE in url and unquote(url).replace("+", " ") != current["address"]

    def dialog(event) -> None:
        problems.append(f"{current['url']}: dialog {event.message!r}")
        event.dismiss()

    def request(event) -> None:
        if foreign(event.url):
            problems.append(f"{current['url']}: request to {event.url}")

    def navigated(frame) -> None:
        if foreign(frame.url):
            problems.append(f"{current['url']}: navigated to {frame.url}")

    def console(message) -> None:
        if message.type == "error" and ("Content Security Policy" in message.text or "Refused to" in message.text):
            problems.append(f"{current['url']}: {message.text[:160]}")

    page.on("dialog", dialog)
    page.on("request", request)
    page.on("framenavigated", navigated)
    page.on("console", console)


def _show_reflected(page, live_server, response, index: int, current: dict, problems: list[str]) -> None:
    """A form's answer (posted by the test client) served to Chromium as it was sent, headers included."""
    address = f"{live_server.url}/reflected-{index}/"
    headers = {
        key: value for key, value in response.items() if key.lower() in ("content-type", "content-security-policy")
    }
    page.route(address, lambda route: route.fulfill(status=200, headers=headers, body=response.content))
    current["url"], current["address"] = f"POST {response.request['PATH_INFO']}", address
    page.goto(address, wait_until="load")
    found = page.evaluate(INSPECT)
    if found["xss"] or found["handlers"] or found["htmx"]:
        problems.append(f"{current['url']}: {found}")


@pytest.mark.parametrize("payloads", CHUNKS, ids=[f"payloads-{i * CHUNK:03d}" for i in range(len(CHUNKS))])
def test_no_payload_acts_in_the_browser_on_any_page(browser, live_server, payloads):
    world = build_world(payloads)
    problems: list[str] = []
    for role in dict.fromkeys(role for role, _ in world.pages):
        context = _context(browser, live_server, world, role)
        page = context.new_page()
        current = {"url": "", "address": ""}
        _watch(page, current, problems)
        for url in (url for page_role, url in world.pages if page_role == role):
            current["url"] = f"{role} {url}"
            current["address"] = unquote(live_server.url + url).replace("+", " ")
            response = page.goto(url, wait_until="load")
            if response is None or response.status >= 500:
                problems.append(f"{role} {url}: status {response.status if response else 'none'}")
                continue
            found = page.evaluate(INSPECT)
            if found["xss"] or found["handlers"] or found["htmx"]:
                problems.append(f"{role} {url}: {found}")
        for index, (post_role, url, data) in enumerate(world.posts):
            if post_role == role:
                _show_reflected(page, live_server, world.clients[role].post(url, data()), index, current, problems)
        context.close()
    assert problems == [], "\n".join(problems)
