"""The one Markdown renderer: markdown-it-py, then nh3 with an explicit allow-list.

Every rendered HTML string in the project comes from `render` (or `render_with_toc`), so
everything a user or an editor writes is sanitised the same way.

Why markdown-it-py and not Python-Markdown: Python-Markdown's inline patterns are quadratic
on hostile input (8 KB of `[` took 13.6 s, 60 KB stopped a worker); markdown-it-py is a
CommonMark parser built to stay linear. Linear is not the same as cheap, so every render
also runs on a budget of parser steps and tokens: text that would cost more than about a
quarter of a second is refused with `RenderRefused`, deterministically (the same text is
always refused), instead of being rendered.

Images are shown as links: the site stores no uploaded images, and nothing anyone writes
makes a reader's browser fetch anything. Mermaid code blocks are passed through as
`<pre class="mermaid">` text for the browser to draw.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import nh3
from django.core.exceptions import ValidationError
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre",
    "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "code": {"class"},
    "div": {"class"},
    "pre": {"class"},
    "span": {"class"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
URL_SCHEMES = {"http", "https", "mailto"}
# A code block or a table wider than the column scrolls inside itself; tabindex="0" lets a
# keyboard reach it to scroll (WCAG 2.1.1; axe's scrollable-region-focusable).
FOCUSABLE = {"pre": {"tabindex": {"0"}}, "table": {"tabindex": {"0"}}}
_SCROLLERS = re.compile(r'<(pre|table)\b(?![^>]*\b(?:tabindex|class="mermaid"))([^>]*)>')

# The budget. Measured on this project's 2-core machine: real pages need at most a few
# thousand inline steps and tokens; hostile text is refused long before a second.
INLINE_STEPS = 30_000
BLOCK_TOKENS = 30_000
MAX_TABLE_COLUMNS = 64
MAX_CHARACTERS = 500_000


class RenderRefused(ValueError):  # noqa: N818 (a message for the writer, not a fault)
    """Text too costly to render, with a message for the person who wrote it."""


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: list[dict]  # [{"id", "name", "level", "children": [...]}] for h2 and h3


# Parser steps ------------------------------------------------------------------------------


def _count_inline_step(state: StateInline, silent: bool) -> bool:
    """First inline rule: runs once per parser step, counts it, never consumes anything."""
    budget = state.env.setdefault("__steps__", [0])
    budget[0] += 1
    if budget[0] > INLINE_STEPS:
        raise RenderRefused(
            "This text has too much Markdown punctuation to render safely (brackets, stars, backticks ...); "
            "simplify it or put it in a code block."
        )
    return False


def _guard_blocks(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """First block rule: refuses runaway token counts and tables too wide to read, as they grow."""
    if len(state.tokens) > BLOCK_TOKENS:
        raise RenderRefused("This text has too many blocks or table cells to render; split it up.")
    line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    if line.count("|") > MAX_TABLE_COLUMNS:
        raise RenderRefused(f"A table line has more than {MAX_TABLE_COLUMNS} columns; split the table.")
    return False


def _check_block_tokens(state: StateCore) -> None:
    if len(state.tokens) > BLOCK_TOKENS:
        raise RenderRefused("This text has too many blocks or table cells to render; split it up.")


def _heading_ids(state: StateCore) -> None:
    """Python-Markdown's `toc` ids (kept, so links to #anchors keep working), and the TOC."""
    seen: set[str] = set()
    suffixes: dict[str, int] = {}
    headings: list[dict] = []
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        name = "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))
        anchor = _unique(_slugify(name), seen, suffixes)
        token.attrSet("id", anchor)
        headings.append({"id": anchor, "name": name, "level": int(token.tag[1])})
    state.env["__toc__"] = _nest([h for h in headings if 2 <= int(h["level"]) <= 3])


def _table_alignment(state: StateCore) -> None:
    """`style="text-align:right"` (stripped by the sanitiser) as the `align` attribute (kept)."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrGet("style") or ""
            match = re.search(r"text-align:\s*(left|right|center)", str(style))
            token.attrs.pop("style", None)
            if match:
                token.attrSet("align", match.group(1))


def _slugify(value: str) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def _unique(anchor: str, seen: set[str], suffixes: dict[str, int]) -> str:
    """`id`, then `id_1`, `id_2` ... as Python-Markdown numbers repeats (in constant time each)."""
    if anchor and anchor not in seen:
        seen.add(anchor)
        return anchor
    match = re.match(r"^(.*)_([0-9]+)$", anchor)
    base, number = (match.group(1), int(match.group(2))) if match else (anchor, 0)
    number = max(number, suffixes.get(base, 0)) + 1
    while f"{base}_{number}" in seen:
        number += 1
    suffixes[base] = number
    seen.add(f"{base}_{number}")
    return f"{base}_{number}"


def _nest(headings: list[dict]) -> list[dict]:
    toc: list[dict] = []
    for heading in headings:
        entry = {**heading, "children": []}
        if heading["level"] == 3 and toc and toc[-1]["level"] == 2:
            toc[-1]["children"].append(entry)
        else:
            toc.append(entry)
    return toc


# Rendering rules -------------------------------------------------------------------------


@cache
def _formatter() -> HtmlFormatter:
    return HtmlFormatter(cssclass="highlight", wrapcode=True)


def _code(source: str, language: str) -> str:
    try:
        lexer = get_lexer_by_name(language) if language else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    return highlight(source, lexer, _formatter())


def _fence(self, tokens, index, options, env) -> str:
    token = tokens[index]
    language = token.info.strip().split(maxsplit=1)[0].lower() if token.info.strip() else ""
    if language == "mermaid":
        return f'<pre class="mermaid">{html.escape(mermaid_source(token.content))}</pre>\n'
    return _code(token.content, language)


# Mermaid lines that change its configuration, run code on a click, or write CSS: none of
# the curriculum needs them, and in someone else's text each is a way to make the page act.
_MERMAID_UNSAFE = re.compile(
    r"^\s*(%%|click\b|call\b|callback\b|href\b|style\b|classDef\b|linkStyle\b|cssClass\b)", re.I
)


# A "<" that could open a tag. Mermaid decodes label text by parsing it as HTML in the page
# (measured: a label "<img src=x onerror=...>" made an element with the handler), so no label
# may hold one; "<<interface>>" annotations and "<br>" line breaks are the only tags kept.
_KEPT_TAGS = re.compile(r"<<\w{1,40}>>|<br\s*/?>")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def mermaid_source(source: str) -> str:
    """A diagram's source without directives, front matter, click handlers, styles or tags."""
    lines = source.rstrip("\n").split("\n")
    if lines and lines[0].strip() == "---":  # YAML front matter: a config block
        closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), len(lines) - 1)
        lines = lines[closing + 1 :]
    kept = "\n".join(line for line in lines if not _MERMAID_UNSAFE.match(line))
    pieces = _KEPT_TAGS.split(kept)
    tags = _KEPT_TAGS.findall(kept)
    neutral = [_TAG_START.sub("\u2039", piece) for piece in pieces]  # a look-alike that opens nothing
    return "".join(part for pair in zip(neutral, [*tags, ""], strict=True) for part in pair)


def _code_block(self, tokens, index, options, env) -> str:
    return _code(tokens[index].content, "")


def _image(self, tokens, index, options, env) -> str:
    token = tokens[index]
    label = self.renderInlineAsText(token.children or [], options, env) or "image"
    return f'<a href="{html.escape(token.attrGet("src") or "", quote=True)}">{html.escape(label)}</a>'


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.inline.ruler.before("text", "budget", _count_inline_step)
    md.block.ruler.before("table", "guard", _guard_blocks, {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.core.ruler.after("block", "block_budget", _check_block_tokens)
    md.core.ruler.push("heading_ids", _heading_ids)
    md.core.ruler.push("table_alignment", _table_alignment)
    md.add_render_rule("fence", _fence)
    md.add_render_rule("code_block", _code_block)
    md.add_render_rule("image", _image)
    return md


def sanitise(unsafe_html: str) -> str:
    clean = nh3.clean(
        unsafe_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=FOCUSABLE,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _SCROLLERS.sub(r'<\1 tabindex="0"\2>', clean)


def render_with_toc(text: str) -> Rendered:
    text = text or ""
    if len(text) > MAX_CHARACTERS:
        raise RenderRefused(f"This text is {len(text):,} characters; the limit is {MAX_CHARACTERS:,}.")
    env: dict = {}
    body = _parser().render(text.replace("\x00", "\ufffd"), env)
    return Rendered(html=sanitise(body).rstrip("\n"), toc=env.get("__toc__", []))


def render(text: str) -> str:
    """Markdown to sanitised HTML (also markdownx's preview function)."""
    return render_with_toc(text).html


def render_stored(text: str) -> Rendered:
    """For text already in the database (a migration re-rendering it): never raises.

    Text the budget refuses is shown escaped, as it was written, with a note.
    """
    try:
        return render_with_toc(text)
    except RenderRefused as exc:
        notice = f"<p><em>{html.escape(str(exc))}</em></p><pre>{html.escape(text[:MAX_CHARACTERS])}</pre>"
        return Rendered(html=sanitise(notice), toc=[])


# Private-use characters mark where a highlight opens and closes while the text is rendered.
_OPEN, _KIND, _CLOSE = "\ue000", 0xE100, "\ue001"
_SENTINELS = re.compile("[\ue000\ue001\ue100-\ue1ff]")


def render_marked(text: str, marks: list[tuple[int, int, str]], classes: tuple[str, ...]) -> str:
    """Markdown to sanitised HTML with the (start, end, class) ranges of `text` in <mark>.

    Only a class listed in `classes` is drawn. The ranges are marked in the source, rendered,
    turned into <mark> elements and sanitised again, so a range that crosses an element's edge
    is split, never left open; the learner's own private-use characters are removed first.
    """
    text = _SENTINELS.sub("", text or "") if _SENTINELS.search(text or "") else (text or "")
    inserts: list[tuple[int, int, str]] = []
    position = -1
    for start, end, kind in sorted(marks):
        if kind not in classes or not 0 <= start < end <= len(text) or start < position:
            continue  # an unknown class, a range outside the text, or an overlap: the first wins
        inserts += [(start, 1, _OPEN + chr(_KIND + classes.index(kind))), (end, 0, _CLOSE)]
        position = end
    pieces, last = [], 0
    for at, _, marker in sorted(inserts, key=lambda item: (item[0], item[1])):
        pieces += [text[last:at], marker]
        last = at
    pieces.append(text[last:])
    rendered = render_stored("".join(pieces)).html

    def opening(match: re.Match[str]) -> str:
        return f'<mark class="{classes[ord(match.group(1)) - _KIND]}">'

    rendered = re.sub(_OPEN + "([\ue100-\ue1ff])", opening, rendered).replace(_CLOSE, "</mark>")
    return nh3.clean(
        _SENTINELS.sub("", rendered),
        tags=ALLOWED_TAGS | {"mark"},
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values={"mark": {"class": set(classes)}, **FOCUSABLE},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def check(text: str) -> str | None:
    """None when `text` renders, else the reason it cannot (for form and file validation)."""
    try:
        render(text)
    except RenderRefused as exc:
        return str(exc)
    return None


def validate_markdown(value: str) -> None:
    """A model field validator: the text must render within the budget."""
    problem = check(value)
    if problem:
        raise ValidationError(problem)


def plain_text(rendered_html: str) -> str:
    """The words of rendered HTML, for search and snippets (no markup, no code blocks)."""
    text = re.sub(r"<pre\b.*?</pre>", " ", rendered_html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()
