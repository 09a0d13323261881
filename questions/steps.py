"""The one parser for answers and solutions written as `## Step N` sections.

Question files, imported solutions, the upstream primer's solutions and answer files all
use it: a heading of one to three `#` whose title is "Prompt", "Step N ..." (N from 1 to 4)
or "(Additional) talking points ..." starts a section; every other heading belongs to the
section it is in; headings inside fenced code are text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TALKING_POINTS = 5  # the section after step 4, in the steps' numbering
_HEADING = re.compile(r"^(?P<hashes>#{1,3})\s*(?P<title>\S.*?)\s*#*\s*$")
_STEP = re.compile(r"^step\s*(?P<number>[1-4])\b", re.IGNORECASE)
_TALKING = re.compile(r"^(?:additional\s+)?talking\s+points\b", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(?P<marker>`{3,}|~{3,})")


@dataclass
class Section:
    kind: str  # "prompt" | "step" | "talking points"
    number: int  # 1 to 4 for a step, TALKING_POINTS for talking points, 0 for the prompt
    title: str  # the heading's words, as written
    line: int  # the heading's line number
    level: int  # how many #
    lines: list[str]

    @property
    def body(self) -> str:
        return "\n".join(self.lines).strip("\n")


@dataclass
class Split:
    before: list[tuple[int, str]]  # (line number, text) before the first section
    sections: list[Section]
    other_headings: list[tuple[int, int, str]]  # (line number, level, title) of headings that start nothing


def _section_of(level: int, title: str, line: int) -> Section | None:
    if title.lower() == "prompt":
        return Section("prompt", 0, title, line, level, [])
    if match := _STEP.match(title):
        return Section("step", int(match.group("number")), title, line, level, [])
    if _TALKING.match(title):
        return Section("talking points", TALKING_POINTS, title, line, level, [])
    return None


def split(text: str, *, first_line: int = 1) -> Split:
    result = Split([], [], [])
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=first_line):
        marker = _FENCE.match(line)
        if marker:
            kind = marker.group("marker")[0] * 3
            fence = None if fence == kind else (fence or kind)
        heading = None if fence or marker else _HEADING.match(line)
        section = _section_of(len(heading.group("hashes")), heading.group("title"), number) if heading else None
        if section is not None:
            result.sections.append(section)
            continue
        if heading:
            result.other_headings.append((number, len(heading.group("hashes")), heading.group("title")))
        if result.sections:
            result.sections[-1].lines.append(line)
        elif line.strip():
            result.before.append((number, line))
    return result


def steps_of(text: str) -> dict[int, tuple[str, str]]:
    """{step number: (heading, body)} of a solution; talking points under TALKING_POINTS."""
    steps: dict[int, tuple[str, str]] = {}
    for section in split(text).sections:
        if section.kind != "prompt":
            steps.setdefault(section.number, (section.title, section.body))
    return steps


def answer_steps(text: str) -> dict[int, str]:
    """An answer file's steps. Text before the first heading is ignored; with no headings, all is step 1.

    A step written twice is joined, in order.
    """
    parts = [section for section in split(text).sections if section.kind == "step"]
    if not parts:
        return {1: text.strip()}
    steps: dict[int, str] = {}
    for section in parts:
        steps[section.number] = (steps.get(section.number, "") + "\n" + section.body).strip()
    return steps
