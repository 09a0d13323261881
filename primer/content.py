"""The content file format: TOML front matter between `+++` lines, then Markdown.

Parsing with `path:line` errors, the one canonical layout for writing, field readers and
safe export paths. Which kinds of content exist, and loading them, is curation's business.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from primer.links import is_safe_url
from primer.markdown import check as check_markdown


class ContentError(Exception):
    """A malformed content file: `path:line: message`."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


# Parsing and writing content files ----------------------------------------------------

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_FILE_BYTES = 4 * 1024 * 1024  # imported Anki decks can be large


@dataclass
class ContentFile:
    path: Path
    meta: dict
    body: str
    key_lines: dict[str, int]  # front-matter key -> line number in the file
    body_line: int = 1  # line number of the body's first line
    text: str = ""  # the whole file as read

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def error(self, key: str, message: str) -> ContentError:
        return ContentError(self.path, self.line_of(key), message)


def parse_file(path: Path) -> ContentFile:
    """Split a content file into TOML front matter (between `+++` lines) and Markdown."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError(path, 1, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(path, line, "not valid UTF-8") from None
    if "\x00" in text:
        raise ContentError(path, text[: text.index("\x00")].count("\n") + 1, "a NUL character cannot be stored")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        raise ContentError(path, 1, "a content file starts with a '+++' line, then TOML front matter")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        raise ContentError(path, 1, "the front matter is not closed by a second '+++' line") from None
    front = "\n".join(lines[1:end])
    try:
        meta = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        error_line = int(found.group(1)) + 1 if found else end  # "at end of document": the last front-matter line
        message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(exc))
        raise ContentError(path, error_line, f"invalid TOML: {message}") from None
    key_lines: dict[str, int] = {}
    for number, text_line in enumerate(lines[1:end], start=2):
        key = re.match(r"\s*([A-Za-z_][\w-]*)\s*=", text_line)
        if key and key.group(1) not in key_lines:
            key_lines[key.group(1)] = number
    rest = lines[end + 1 :]
    leading = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    body = "\n".join(rest).strip("\n")
    for name, value in meta.items():
        if _holds_nul(value):
            raise ContentError(
                path, key_lines.get(name, 1), f"'{name}' holds a NUL character (\\u0000), which cannot be stored"
            )
    problem = check_markdown(body)
    if problem:
        raise ContentError(path, end + 2 + leading, problem)
    return ContentFile(path=path, meta=meta, body=body, key_lines=key_lines, body_line=end + 2 + leading, text=text)


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:_}"  # 10_000_000, as people write big figures in the files
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + " }"
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value) and sum(len(item) + 4 for item in value) <= 80:
            return "[" + ", ".join(toml_value(item) for item in value) + "]"
        return "[\n" + "".join(f"  {toml_value(item)},\n" for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


TABLE_ARRAYS = frozenset({"givens", "checkpoints", "numbers", "errata", "cards", "concepts"})


class UnsafeExportPathError(ValueError):
    """A name that would write outside the export folder (an absolute path, '..', a separator)."""


_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.(?:md|py)")


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refused unless `name` is one plain file name that stays in `folder`."""
    if not _FILE_NAME.fullmatch(name):
        raise UnsafeExportPathError(f"refusing to write {name!r}: not a plain content file name")
    path = (folder / name).resolve()
    if path.parent != folder.resolve():
        raise UnsafeExportPathError(f"refusing to write {name!r}: it would land outside {folder}")
    return path


def write_text(folder: Path, name: str, text: str) -> None:
    inside(folder, name).write_text(text, encoding="utf-8")


def write_file(folder: Path, name: str, meta: dict, body: str) -> None:
    """Write a content file in the one canonical layout (so load then export is byte-identical)."""
    write_text(folder, name, file_text(meta, body))


def file_text(meta: dict, body: str) -> str:
    """A content file's text in the one canonical layout.

    Scalars and inline values first, then arrays of tables (`[[checkpoints]]`) as TOML requires.
    """
    lines = [
        f"{key} = {toml_value(value)}\n" for key, value in meta.items() if value is not None and key not in TABLE_ARRAYS
    ]
    for key in (key for key in meta if key in TABLE_ARRAYS and meta[key]):
        for table in meta[key]:
            lines.append(f"\n[[{key}]]\n")
            lines.extend(f"{name} = {toml_value(value)}\n" for name, value in table.items() if value is not None)
    tail = f"\n{body.strip()}\n" if body.strip() else ""
    return f"+++\n{''.join(lines)}+++\n{tail}"


def slug_and_keys(file: ContentFile, keys: tuple[str, ...]) -> str:
    """The file's slug (its name), once the name is a slug and the front matter has only `keys`."""
    slug = file.path.stem
    if not SLUG.match(slug):
        raise ContentError(file.path, 1, f"file name {slug!r} is not a slug (lowercase letters, digits, hyphens)")
    unknown = sorted(set(file.meta) - set(keys))
    if unknown:
        raise file.error(unknown[0], f"unknown key '{unknown[0]}' (allowed: {', '.join(keys)})")
    return slug


def markdown_value(file: ContentFile, key: str, text: str) -> str:
    """A Markdown value from the front matter, refused when it cannot be rendered."""
    problem = check_markdown(text)
    if problem:
        raise file.error(key, problem)
    return text


def string_field(file: ContentFile, key: str, *, max_length: int, required: bool = False) -> str:
    value = file.meta.get(key, "")
    if not isinstance(value, str):
        raise file.error(key, f"'{key}' must be a string")
    value = value.strip()
    if required and not value:
        raise file.error(key, f"'{key}' is required")
    if len(value) > max_length:
        raise file.error(key, f"'{key}' is {len(value)} characters; the limit is {max_length}")
    return value


def string_list_field(file: ContentFile, key: str) -> list[str]:
    value = file.meta.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise file.error(key, f"'{key}' must be a list of non-empty strings")
    return [item.strip() for item in value]


def links_field(file: ContentFile) -> list[dict]:
    links = file.meta.get("links", [])
    if not isinstance(links, list):
        raise file.error("links", "'links' must be a list of { title = ..., url = ... }")
    for link in links:
        if not isinstance(link, dict) or set(link) != {"title", "url"}:
            raise file.error("links", 'each link is { title = "...", url = "https://..." } and nothing else')
        if not isinstance(link["title"], str) or not link["title"].strip():
            raise file.error("links", "each link needs a title")
        if not isinstance(link["url"], str) or not is_safe_url(link["url"].strip()):
            raise file.error("links", f"link URL {link['url']!r} is not an http(s) address or a path on this site")
    return [{"title": link["title"].strip(), "url": link["url"].strip()} for link in links]


def content_files(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.glob("*.md") if not path.name.startswith(("_", ".")) and path.name != "README.md"
    )
