"""Every payload of the corpus, through every field anyone writes, on every page that shows it.

Each test builds a world (tests/support/world.py) with one payload in every field, renders
each page as the role that sees it, and compares what could act on the page (scripts without
the page's nonce, event handlers, htmx attributes, active tags, script URLs) with the same
page built from plain words. Anything the payload added is a finding. The browser test
(test_xss_browser.py) renders the same worlds in Chromium.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.db import transaction
from django.template import Context, Template
from django.utils.html import format_html

from curation import history
from primer.fulltext import highlight as search_highlight
from primer.markdown import render
from primer.templatetags.primer_tags import safe_href
from progress import reports
from questions.engine.grade import Span
from tests.support.html import page_findings, unsafe_markup
from tests.support.payloads import PAYLOADS, chunks
from tests.support.world import build_world

pytestmark = pytest.mark.django_db
_BASELINE: dict[int, dict[int, Counter]] = {}


def _nonce(response) -> str:
    match = re.search(r"'nonce-([^']+)'", response.get("Content-Security-Policy", ""))
    return match.group(1) if match else ""


def _render(world) -> list[tuple[str, str, int, Counter, str]]:
    rows = []
    requests = [(role, url, None) for role, url in [*world.pages, *(("visitor", url) for url in world.searches)]]
    for role, url, data in [*requests, *world.posts]:
        client = world.clients[role]
        response = client.get(url) if data is None else client.post(url, data())
        html = response.content.decode() if response.get("Content-Type", "").startswith("text/html") else ""
        rows.append((role, url, response.status_code, page_findings(html, _nonce(response)), html))
    return rows


def _baseline(size: int) -> dict[int, Counter]:
    """A plain-words world's findings per page (once per test process and size, then rolled back)."""
    if size not in _BASELINE:
        with transaction.atomic():
            rows = _render(build_world([f"Plain words about caching, number {n}." for n in range(size)]))
            _BASELINE[size] = {index: row[3] for index, row in enumerate(rows)}
            transaction.set_rollback(True)
    return _BASELINE[size]


CHUNK = 10
CHUNKS = chunks(CHUNK)


@pytest.mark.parametrize("payloads", CHUNKS, ids=[f"payloads-{i * CHUNK:03d}" for i in range(len(CHUNKS))])
def test_the_payloads_add_nothing_that_could_act_to_any_page(payloads):
    baseline = _baseline(len(payloads))
    world = build_world(payloads)
    problems = []
    for index, (role, url, status, found, _) in enumerate(_render(world)):
        if status >= 500:
            problems.append(f"{role} {url}: status {status}")
        extra = found - baseline.get(index, Counter())
        if extra:
            problems.append(f"{role} {url}: {sorted(extra)}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("payload", PAYLOADS, ids=[f"p{i:03d}" for i in range(len(PAYLOADS))])
def test_each_payload_alone_comes_out_of_every_renderer_inert(payload):
    """The renderers every page uses, one payload at a time (the pages above see them in groups)."""
    outputs = {
        "markdown": render(payload),
        "autoescape": Template("<p title='{{ v }}' data-x=\"{{ v }}\">{{ v }}</p>").render(Context({"v": payload})),
        "marked": reports.marked_answer(payload, [Span(1, 0, len(payload), "met"), Span(1, 0, 1, payload)]),
        "diff": reports.word_diff(payload, "plain " + payload),
        "history": history.diff({"body": payload}, {"body": payload + " edited"}),
        "search": search_highlight(f"\x02{payload}\x03 {payload}"),
        "link": format_html('<a href="{}">x</a>', safe_href(payload)),
    }
    problems = {name: unsafe_markup(html) for name, html in outputs.items() if unsafe_markup(html)}
    assert problems == {}


def test_the_checker_sees_what_an_unescaped_title_would_let_through():
    page = '<script nonce="n">ours()</script><h1><img src=x onerror=alert(1)></h1><div hx-get="/x" hx-trigger="load">'
    assert page_findings(page, "n") == Counter(["<img>", "<img onerror>", "<div hx-get=/x>", "<div hx-trigger=load>"])
    assert page_findings('<script nonce="other">theirs()</script>', "n") == Counter(["<script>"])
