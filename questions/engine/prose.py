"""The prose of an answer: what can be evidence, in blocks, sentences and clauses.

`prose_mask` blanks everything that is not prose with spaces, keeping every other character
where it was, so a position in the mask is the same position in the learner's text (the report
highlights by position). Code blocks, inline code that is not a plain word, URLs, link targets,
images, HTML tags, headings and identifiers such as `expires_in_minutes` are never evidence.

`read` then splits the prose into blocks (a paragraph, a list item, a table row), sentences
and clauses, and gives every word a position in that structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from questions.engine.text import WORD, is_negative_contraction, key_set, word_key

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-{2,})\s*$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_INDENTED = re.compile(r"^(?: {4,}|\t)")
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d{1,3}[.)])\s+")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = re.compile(r"(?P<open>\[)(?P<text>[^\]\n]*)(?P<close>\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
_HTML = re.compile(r"<!--.*?-->|</?[a-zA-Z][^<>\n]*>", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?P<code>.+?)\1", re.DOTALL)
_PLAIN_CODE = re.compile(r"[A-Za-z0-9 ]{1,40}")
_IDENTIFIER = re.compile(r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b|\b[a-z]+[A-Z][A-Za-z0-9]*\b|\b\w+\.\w+\(\S*")


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


_BIG_O = re.compile(r"\bO(\()(?:1|n|k|log n|n log n|log k|n log k|n\^?2|m \+ n)\)")
_HTTP_CALL = re.compile(r"(GET|POST|PUT|PATCH|DELETE|HEAD)\s+/")


def _blank_span(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def prose_mask(text: str) -> str:
    """`text` with everything that cannot be evidence replaced by spaces (same length)."""
    lines = text.split("\n")
    fence: str | None = None
    in_list = indented_code = False
    for i, line in enumerate(lines):
        marker = _FENCE.match(line)
        blank_before = i == 0 or not lines[i - 1].strip()
        if not fence and _INDENTED.match(line) and line.strip() and (indented_code or (blank_before and not in_list)):
            indented_code = True  # an indented code block: four spaces after a blank line, outside a list
            lines[i] = _blank(line)
            continue
        if line.strip():
            indented_code = False
            if _LIST_ITEM.match(line):
                in_list = True
            elif not line.startswith((" ", "\t")) and blank_before:
                in_list = False
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            lines[i] = _blank(line)
        elif marker:
            fence = marker.group(1)
            lines[i] = _blank(line)
        elif _HEADING.match(line) or _RULE.match(line) or _LINK_DEFINITION.match(line) or _TABLE_RULE.match(line):
            lines[i] = _blank(line)
        elif _SETEXT.match(line) and i and lines[i - 1].strip() and not _LIST_ITEM.match(lines[i - 1]):
            lines[i - 1], lines[i] = _blank(lines[i - 1]), _blank(line)
    chars = list("\n".join(lines))
    masked = "".join(chars)
    for pattern in (_IMAGE, _AUTOLINK, _URL, _HTML):
        for match in pattern.finditer(masked):
            _blank_span(chars, match.start(), match.end())
        masked = "".join(chars)
    for match in _CODE_SPAN.finditer(masked):
        code = match.group("code").strip()
        method = _HTTP_CALL.match(code)
        if method:  # `POST /pastes`: the method says "an endpoint"; the path is not prose
            keep = match.start("code") + match.group("code").index(method.group(1))
            _blank_span(chars, match.start(), keep)
            _blank_span(chars, keep + len(method.group(1)), match.end())
        elif _PLAIN_CODE.fullmatch(code):
            _blank_span(chars, match.start(), match.start(1) + len(match.group(1)))  # keep the word, lose the ticks
            _blank_span(chars, match.end() - len(match.group(1)), match.end())
        else:
            _blank_span(chars, match.start(), match.end())
    masked = "".join(chars)
    for match in _BIG_O.finditer(masked):  # O(1), O(log n): the brackets are notation, not a clause
        chars[match.start(1)] = chars[match.end() - 1] = " "
    masked = "".join(chars)
    for match in _LINK.finditer(masked):
        _blank_span(chars, match.start("open"), match.end("open"))
        _blank_span(chars, match.start("close"), match.end("close"))
    masked = "".join(chars)
    for match in _IDENTIFIER.finditer(masked):
        _blank_span(chars, match.start(), match.end())
    return "".join(chars)


# Sentences end at . ! ? followed by space and a capital, digit or Markdown mark, or at a line
# that starts something new; not after the abbreviations a design answer uses.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]*_]*\s+(?=[\"'(\[*_~]*[A-Z0-9])")
_ABBREVIATIONS = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|approx|incl|cf|fig|no|ca|est|min|max|avg|ie|eg)\.|\b[A-Z]\.)$")
# Clauses: punctuation, and the words that start another clause.
_CLAUSE_MARKS = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\s--\s")
CLAUSE_WORDS = key_set(
    "but while whereas although though however because since so unless otherwise when whenever if "
    "until once which where after before then instead meanwhile yet whether"
)


@dataclass
class Word:
    key: str  # word_key of the word
    text: str  # as written
    start: int
    end: int
    index: int  # position among all the words of the step
    block: int
    sentence: int  # global sentence number within the step
    clause: int  # global clause number within the step
    negative: bool = False  # a contraction such as "don't"


@dataclass
class Sentence:
    index: int
    block: int
    start: int
    end: int
    words: list[Word] = field(default_factory=list)
    in_list: bool = False  # a list item or a table cell
    table: bool = False


@dataclass
class Prose:
    text: str  # the learner's text, as written
    mask: str
    words: list[Word]
    sentences: list[Sentence]

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return " ".join(self.text[sentence.start : sentence.end].split()).strip(" *_#>|-")


def _blocks(mask: str) -> list[tuple[int, int, bool, bool]]:
    """(start, end, in a list, a table row) for each block of prose."""
    blocks, position = [], 0
    current: list[int] | None = None  # [start, end, list flag, table flag]
    for line in mask.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        stripped = line.strip()
        item = _LIST_ITEM.match(line)
        table = stripped.startswith("|") or stripped.count("|") >= 2
        if not stripped:
            if current:
                blocks.append(tuple(current))
            current = None
            continue
        if table:
            if current:
                blocks.append(tuple(current))
            blocks.append((start, end, True, True))
            current = None
            continue
        if item or current is None:
            if current:
                blocks.append(tuple(current))
            current = [start + (item.end() if item else 0), end, bool(item), False]
        else:
            current[1] = end
    if current:
        blocks.append(tuple(current))
    return blocks  # type: ignore[return-value]


def _sentence_spans(mask: str, start: int, end: int, table: bool) -> list[tuple[int, int]]:
    if table:
        spans, cell_start = [], start
        for i in range(start, end + 1):
            if i == end or mask[i] == "|":
                if mask[cell_start:i].strip():
                    spans.append((cell_start, i))
                cell_start = i + 1
        return spans
    spans, sentence_start = [], start
    for match in _SENTENCE_END.finditer(mask, start, end):
        if _ABBREVIATIONS.search(mask[sentence_start : match.start()]):
            continue
        spans.append((sentence_start, match.start()))
        sentence_start = match.end()
    spans.append((sentence_start, end))
    return [(s, e) for s, e in spans if mask[s:e].strip()]


def read(text: str) -> Prose:
    """The answer's prose as words in sentences and clauses (all positions are in `text`)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    mask = prose_mask(text)
    words: list[Word] = []
    sentences: list[Sentence] = []
    clause = -1
    for block_index, (start, end, in_list, table) in enumerate(_blocks(mask)):
        for s_start, s_end in _sentence_spans(mask, start, end, table):
            sentence = Sentence(len(sentences), block_index, s_start, s_end, in_list=in_list, table=table)
            breaks = [m.start() for m in _CLAUSE_MARKS.finditer(mask, s_start, s_end)]
            clause += 1
            next_break = 0
            for match in WORD.finditer(mask, s_start, s_end):
                while next_break < len(breaks) and breaks[next_break] < match.start():
                    next_break += 1
                    clause += 1
                raw = match.group(0)
                key = word_key(raw)
                if key in CLAUSE_WORDS and sentence.words:
                    clause += 1
                word = Word(
                    key, raw, match.start(), match.end(), len(words), block_index, sentence.index, clause,
                    is_negative_contraction(raw),
                )  # fmt: skip
                words.append(word)
                sentence.words.append(word)
            sentences.append(sentence)
    return Prose(text, mask, words, sentences)
