"""What a page costs and whom it leaves out, measured in Chromium: axe-core, widths, bytes, scripts.

axe-core is vendored (static/vendor/axe-core, from `make vendor`) and evaluated by the
driver, which the page's Content Security Policy does not govern: the page itself keeps its
strict policy, so a violation it causes is still reported.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

AXE_SOURCE = (Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js").read_text()
BLOCKING = ("serious", "critical")
STATIC_URL = "/static/"
HTMX = "django_htmx/htmx-2.min.js"

# Each script of ours a page may load (its path under /static/), and what on the page it acts
# on. A script loaded where its selector matches nothing is dead weight; a script the table
# does not know fails too, so a new one is added here with what it is for. The admin's pages
# load Django's own scripts whatever they show, and are not checked.
SCRIPT_USES = {
    "js/theme.js": "#theme-toggle",
    HTMX: "[hx-get], [hx-post], [hx-put], [hx-delete], [hx-trigger]",
    "js/diagrams.js": "pre.mermaid",
    # Mermaid is big: it is used only when a diagram is on show (not one inside a closed <details>).
    "vendor/mermaid/mermaid.min.js": "pre.mermaid[data-processed], pre.mermaid svg",
    "js/practice.js": "#attempt",
    "js/review.js": "#card-back",
    "js/timezone.js": "select[data-detect-time-zone]",
    "js/admin-labels.js": "select.admin-autocomplete",
}


def axe_violations(page, *, impacts: tuple[str, ...] = BLOCKING) -> list[str]:
    """The page's axe-core violations of the given impacts, one readable line each."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    found = page.evaluate(
        """async (impacts) => {
            const result = await window.axe.run(document, {resultTypes: ["violations"]});
            return result.violations.filter(v => impacts.includes(v.impact)).map(v =>
                `${v.impact} ${v.id}: ${v.help} -- ` +
                v.nodes.slice(0, 4).map(n => n.target.join(" ") + " " + (n.failureSummary || "").split("\\n")[1]).join(" | "));
        }""",
        list(impacts),
    )
    return list(found)


def sideways(page) -> int:
    """How many pixels the page scrolls sideways (0 when it fits the viewport)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def overlapping_controls(page) -> list[str]:
    """Pairs of visible controls whose boxes overlap (a button under a field, a label over a link)."""
    return page.evaluate(
        """() => {
            const controls = [...document.querySelectorAll(
                "button, input:not([type=hidden]), select, textarea, summary, a.button")]
                .filter(e => e.offsetParent !== null && !e.closest("details:not([open]) > :not(summary)"));
            const box = e => e.getBoundingClientRect();
            const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
                (e.textContent.trim() ? " '" + e.textContent.trim().slice(0, 30) + "'" : "");
            const found = [];
            for (let i = 0; i < controls.length; i++) {
                const a = box(controls[i]);
                if (a.width === 0 || a.height === 0) continue;
                for (let j = i + 1; j < controls.length; j++) {
                    if (controls[i].contains(controls[j]) || controls[j].contains(controls[i])) continue;
                    const b = box(controls[j]);
                    if (b.width === 0 || b.height === 0) continue;
                    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                    if (x > 2 && y > 2) found.push(name(controls[i]) + " overlaps " + name(controls[j]));
                }
            }
            return found;
        }"""
    )


@dataclass
class Weight:
    """What a page's load fetched from this site, by resource."""

    resources: dict[str, tuple[int, int]] = field(default_factory=dict)  # path: (bytes, gzip bytes)

    @property
    def total(self) -> int:
        return sum(size for size, _ in self.resources.values())

    @property
    def total_gzip(self) -> int:
        return sum(size for _, size in self.resources.values())

    @property
    def scripts(self) -> list[str]:
        return [path for path in self.resources if path.endswith(".js")]


def record_weight(page) -> Weight:
    """Start counting what the page fetches; the returned Weight fills in as responses arrive."""
    weight = Weight()

    def on_response(response) -> None:
        path = urlparse(response.url).path
        if response.request.method != "GET" or response.status >= 300:
            return
        try:
            body = response.body()
        except Exception:
            return
        weight.resources[path] = (len(body), len(gzip.compress(body, 6)))

    page.on("response", on_response)
    return weight


def script_problems(page, weight: Weight) -> list[str]:
    """Scripts the page loaded that act on nothing on it (or that SCRIPT_USES does not know),
    and htmx missing where the page has hx- attributes."""
    problems: list[str] = []
    if urlparse(page.url).path.startswith("/admin/"):
        return problems
    for path in weight.scripts:
        name = path.removeprefix(STATIC_URL)
        selector = SCRIPT_USES.get(name)
        if selector is None:
            problems.append(f"{name}: not in SCRIPT_USES; say what on a page it acts on")
        elif not page.evaluate("(selector) => document.querySelector(selector) !== null", selector):
            problems.append(f"{name} ({weight.resources[path][0]:,} bytes): nothing on the page matches {selector!r}")
    loaded = {path.removeprefix(STATIC_URL) for path in weight.scripts}
    if HTMX not in loaded and page.evaluate("(s) => document.querySelector(s) !== null", SCRIPT_USES[HTMX]):
        problems.append("the page has hx- attributes but does not load htmx (a template misses {% uses_htmx %})")
    return problems
