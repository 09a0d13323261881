"""What counts as dangerous markup in a page, read with a real HTML parser (not substrings)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

# Tags that run code, load other documents, submit or redirect.
ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "meta",
               "link", "style", "svg", "math", "img", "video", "audio", "source", "track", "input", "button",
               "textarea", "select", "template", "portal", "noscript"}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:", "livescript:")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser.elements


def element_findings(tag: str, attrs: list[tuple[str, str | None]], *, allowed_tags=frozenset()) -> list[str]:
    """What one element could do: an active tag, a handler, an htmx attribute, a script URL."""
    findings = []
    if tag in ACTIVE_TAGS and tag not in allowed_tags:
        findings.append(f"<{tag}>")
    for name, value in attrs:
        name = name.lower()
        text = (value or "").strip().lower().replace("\t", "").replace("\n", "").replace("\r", "")
        if name.startswith("on"):
            findings.append(f"<{tag} {name}>")
        elif name.startswith(("hx-", "data-hx-", "x-", "v-", ":", "@")) or name in ("style", "srcdoc", "formaction"):
            findings.append(f"<{tag} {name}={re.sub(r'[0-9]+', 'N', text)[:60]}>")  # ids differ between worlds
        elif name in URL_ATTRIBUTES and (text.startswith(BAD_SCHEMES) or (name != "href" and "xss-probe" in text)):
            # A link is a feature (nothing happens until someone clicks); a script URL is not.
            findings.append(f"<{tag} {name}={text[:60]}>")
        elif name == "http-equiv":
            findings.append(f"<{tag} http-equiv>")
    return findings


def unsafe_markup(html: str, *, allowed_tags: frozenset[str] = frozenset()) -> list[str]:
    """Everything in `html` (a fragment rendered from someone's text) that could act.

    Returns readable findings: event handlers, htmx or Alpine attributes, active tags,
    script-like URLs, inline styles. Empty means the fragment is inert.
    """
    return [
        finding for tag, attrs in elements(html) for finding in element_findings(tag, attrs, allowed_tags=allowed_tags)
    ]


def page_findings(html: str, nonce: str) -> Counter:
    """Findings on a whole page, leaving out the scripts that carry the page's own nonce."""
    found: Counter = Counter()
    for tag, attrs in elements(html):
        if tag == "script" and dict(attrs).get("nonce") == nonce and nonce:
            continue
        found.update(element_findings(tag, attrs))
    return found


def attribute_set(html: str) -> set[tuple[str, str, str]]:
    """(tag, attribute, value) for every htmx attribute in a page: to compare with a clean render."""
    return {
        (tag, name, value or "")
        for tag, attrs in elements(html)
        for name, value in attrs
        if name.startswith(("hx-", "data-hx-")) or name.startswith("on")
    }
