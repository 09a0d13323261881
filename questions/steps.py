"""The one parser for answers and solutions written as `## Step N` sections.

Question files, imported solutions, the upstream primer's solutions and answer files all
use it: a heading of one to three `#` whose title is "Prompt", "Step N ..." (N from 1 to 4)
or "(Additional) talking points ..." starts a section; every other heading belongs to the
section it is in; headings inside fenced code are text.

It also says what the four steps are called, and what to write in each, for each kind of
question (`step_names`), and how a sample step is headed on a page (`step_heading`).
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


# What each step is called, and what to write in it, by kind of question ----------------------


@dataclass(frozen=True)
class StepName:
    label: str
    prompt: str  # one or two sentences: what an answer puts in this step


SYSTEM_DESIGN_STEPS = {
    1: StepName(
        "Use cases, constraints and estimates",
        "Say who uses the system and what it must do (and what is out of scope), then estimate the load: "
        "requests per second, storage and bandwidth, with the arithmetic.",
    ),
    2: StepName(
        "High-level design",
        "Sketch the main components and how a request flows between them; a ```mermaid diagram helps.",
    ),
    3: StepName(
        "Core components",
        "Go deeper on each component: its API, the data model and schema, and the algorithms that matter.",
    ),
    4: StepName(
        "Scaling",
        "Find the bottlenecks and single points of failure and remove them: caching, replication, sharding, "
        "queues, and what each trade-off costs.",
    ),
}
# Object-oriented samples ask questions first, draw a class diagram, write the key methods with
# their complexity, then turn to concurrency, persistence and new features: the steps say so.
OBJECT_ORIENTED_STEPS = {
    1: StepName(
        "Use cases, constraints and assumptions",
        "Ask what the objects must do: the use cases in and out of scope, the rules (sizes, limits, "
        "who may do what) and the assumptions you make, such as one process or many.",
    ),
    2: StepName(
        "Core objects and their relations",
        "Name the classes and how they relate: inheritance, composition, who owns what and who knows whom; "
        "a ```mermaid classDiagram helps.",
    ),
    3: StepName(
        "Key methods, data structures and complexity",
        "Write the important methods (signatures, then how they work, in code if you like), the data "
        "structures behind them, and their time and space complexity.",
    ),
    4: StepName(
        "Concurrency and extensions",
        "Extend the design: thread safety and races, persistence, and the next features; say what in your "
        "classes changes and what stays.",
    ),
}
TALKING_POINTS_NAME = StepName("Talking points", "")
_BY_KIND = {"object_oriented": OBJECT_ORIENTED_STEPS}

# Step titles that only restate a step's name (the content files', the upstream primer's):
# a page shows the question kind's own name instead, so every page calls a step the same.
_STOCK_TITLES = {
    name.label.lower() for names in (SYSTEM_DESIGN_STEPS, OBJECT_ORIENTED_STEPS) for name in names.values()
} | {
    "use cases, constraints and assumptions",
    "scaling and extensions",
    "outline use cases and constraints",
    "outline use cases, constraints, and assumptions",
    "create a high level design",
    "design core components",
    "scale the design",
}
_TITLE = re.compile(r"^step\s*(?P<number>[1-4])\s*(?:[:.\-\u2013\u2014]\s*(?P<rest>.*))?$", re.IGNORECASE)


def step_names(kind: str) -> dict[int, StepName]:
    """The four answer steps' names and prompts for a kind of question (system design by default)."""
    return _BY_KIND.get(kind, SYSTEM_DESIGN_STEPS)


def step_name(kind: str, number: int) -> StepName:
    return step_names(kind).get(number, TALKING_POINTS_NAME)


def step_heading(kind: str, number: int, title: str = "") -> str:
    """A sample step's heading: its own title, unless that only names the step (then the kind's name)."""
    match = _TITLE.match(title.strip())
    stock = not title.strip() or (
        match is not None
        and int(match.group("number")) == number
        and (match.group("rest") or "").strip().rstrip(".").lower() in (_STOCK_TITLES | {""})
    )
    if not stock:
        return title.strip()
    if number > len(step_names(kind)):
        return TALKING_POINTS_NAME.label
    return f"Step {number}: {step_name(kind, number).label}"
