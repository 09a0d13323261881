"""The one Markdown renderer: Python-Markdown, then nh3 with an explicit allow-list.

Every rendered HTML string in the project comes from `render` (or `render_with_toc`), so
everything a user or an editor writes is sanitised the same way. Mermaid code blocks are
passed through as `<pre class="mermaid">` text for the browser to draw.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre",
    "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "code": {"class"},
    "div": {"class"},
    "pre": {"class"},
    "span": {"class"},
    "td": {"align"},
    "th": {"align"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
URL_SCHEMES = {"http", "https", "mailto"}

_MERMAID_FENCE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[ \t]*mermaid[ \t]*\n(?P<code>.*?)\n(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


class _MermaidPreprocessor(Preprocessor):
    """Stash ```mermaid blocks as escaped text before fenced_code highlights them."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)

        def stash(match: re.Match[str]) -> str:
            block = f'<pre class="mermaid">{html.escape(match.group("code"))}</pre>'
            return "\n\n" + self.md.htmlStash.store(block) + "\n\n"

        return _MERMAID_FENCE.sub(stash, text).split("\n")


class _MermaidExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.register(_MermaidPreprocessor(md), "mermaid", 30)


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            _MermaidExtension(),
            "fenced_code",
            "codehilite",
            "tables",
            "sane_lists",
            "toc",
        ],
        extension_configs={
            "codehilite": {"css_class": "highlight", "guess_lang": False},
            "toc": {"permalink": False, "toc_depth": "2-3"},
        },
        output_format="html",
    )


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: list[dict]  # [{"id", "name", "level", "children": [...]}], from Markdown's toc


def sanitise(unsafe_html: str) -> str:
    return nh3.clean(
        unsafe_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_with_toc(text: str) -> Rendered:
    md = _converter()
    body = md.convert(text or "")
    toc = [_toc_entry(token) for token in getattr(md, "toc_tokens", [])]
    return Rendered(html=sanitise(body), toc=toc)


def render(text: str) -> str:
    """Markdown to sanitised HTML (also markdownx's preview function)."""
    return render_with_toc(text).html


def _toc_entry(token: dict) -> dict:
    return {
        "id": token["id"],
        "name": html.unescape(re.sub(r"<[^>]+>", "", token["name"])),
        "level": token["level"],
        "children": [_toc_entry(child) for child in token.get("children", [])],
    }


def plain_text(rendered_html: str) -> str:
    """The words of rendered HTML, for search and snippets (no markup, no code blocks)."""
    text = re.sub(r"<pre\b.*?</pre>", " ", rendered_html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()
