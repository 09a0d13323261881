"""Import the upstream System Design Primer (CC BY 4.0) at run time, with attribution.

`import_primer(source)` reads a checkout folder, a .zip or .tar.gz of one, or a URL (downloaded
with a timeout and a size cap). README topic sections become alternative texts of our topics
(or new topics where we have none), the eight worked solutions become extra sample solutions,
and the Anki decks go through the flashcard importer. Nothing from the source is ever written
to disk under its own name outside a private temporary folder, and a re-import never
overwrites what an editor changed: those records are listed as conflicts.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tarfile
import tempfile
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from flashcards.anki import import_apkg
from primer.markdown import check as check_markdown
from primer.publication import Publication
from questions.models import Question, SampleSolution, SolutionStep
from questions.steps import steps_of
from topics.models import AlternativeText, Topic, renumber

SOURCE = "system-design-primer"
LABEL = "System Design Primer"
ATTRIBUTION = (
    "From the System Design Primer by Donne Martin and contributors "
    "(https://github.com/donnemartin/system-design-primer), licensed CC BY 4.0."
)
REPOSITORY = "https://github.com/donnemartin/system-design-primer/blob/master/"
MAX_DOWNLOAD = 200 * 1024 * 1024
MAX_UNPACKED = 500 * 1024 * 1024
MAX_MEMBERS = 20_000
TIMEOUT = 30
START = "system design topics start here"
STOP = "additional system design interview questions"
# Headings that do not name a topic: their text stays with the section before them.
FOLDED = re.compile(r"^(source s and further reading|disadvantage s|step \d|next steps|\d+ \d+ availability|"
                    r"availability in parallel vs in sequence|in sequence|in parallel|tighten up the schema|"
                    r"use good indices|avoid expensive joins|partition tables|tune the query cache|"
                    r"latency numbers visualized|use case|we ll scope|out of scope|state assumptions|"
                    r"calculate usage|fail over$)")  # fmt: skip
ALIASES = {
    "system design topics start here": "start-here",
    "cp consistency and partition tolerance": "cp-systems",
    "ap availability and partition tolerance": "ap-systems",
    "active passive": "active-passive",
    "active active": "active-active",
    "domain name system": "domain-name-system",
    "content delivery network": "content-delivery-network",
    "push cdns": "push-cdn",
    "pull cdns": "pull-cdn",
    "reverse proxy web server": "reverse-proxy",
    "relational database management system rdbms": "relational-database",
    "master slave replication": "leader-follower-replication",
    "master master replication": "multi-leader-replication",
    "caching at the database query level": "query-level-caching",
    "caching at the object level": "object-level-caching",
    "when to update the cache": "cache-update-strategies",
    "write behind write back": "write-behind",
    "hypertext transfer protocol http": "http",
    "transmission control protocol tcp": "tcp",
    "user datagram protocol udp": "udp",
    "remote procedure call rpc": "rpc",
    "representational state transfer rest": "rest",
    "rpc and rest calls comparison": "rpc-vs-rest",
    "powers of two table": "powers-of-two",
    "latency numbers every programmer should know": "latency-numbers",
    "graph database": "graph-database",
    "key value store": "key-value-store",
}
SOLUTIONS = {
    "pastebin": "pastebin", "twitter": "twitter", "web_crawler": "web-crawler", "mint": "mint",
    "social_graph": "social-graph", "query_cache": "query-cache", "sales_rank": "sales-rank", "scaling_aws": "scaling-aws",
}  # fmt: skip
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\((?!https?:)([^)\s]+)[^)]*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc=[\"'](?!https?:)([^\"']+)[\"'][^>]*>", re.IGNORECASE)
_REMOTE_IMAGE = re.compile(r"!\[([^\]]*)\]\((https?://[^)\s]+)[^)]*\)")
_CENTER = re.compile(r"</?p\b[^>]*>|<br\s*/?>", re.IGNORECASE)


class PrimerImportError(ValueError):
    """A source that cannot be imported, with the reason; nothing was changed."""


def key(heading: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]+", " ", heading.lower().replace("(s)", " s"))).strip()


# Getting the source --------------------------------------------------------------------


@contextmanager
def opened(source: str) -> Iterator[Path]:
    """A folder holding the primer, from a folder, an archive or a URL."""
    with tempfile.TemporaryDirectory(prefix="primer-import-") as scratch:
        work = Path(scratch)
        if re.match(r"^https?://", source):
            source = str(_download(source, work / "download"))
        path = Path(source)
        if path.is_dir():
            yield _root(path)
            return
        if not path.is_file():
            raise PrimerImportError(f"{source}: no such folder, archive or URL.")
        target = work / "unpacked"
        target.mkdir()
        if zipfile.is_zipfile(path):
            _unzip(path, target)
        elif tarfile.is_tarfile(path):
            _untar(path, target)
        else:
            raise PrimerImportError(f"{path.name} is not a folder, a .zip or a .tar.gz archive.")
        yield _root(target)


def _download(url: str, destination: Path) -> Path:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response, destination.open("wb") as out:  # noqa: S310 (http(s) only, checked above)
            total = 0
            while chunk := response.read(1 << 20):
                total += len(chunk)
                if total > MAX_DOWNLOAD:
                    raise PrimerImportError(f"{url} is larger than {MAX_DOWNLOAD // 2**20} MB; nothing was imported.")
                out.write(chunk)
    except OSError as exc:
        raise PrimerImportError(f"{url} could not be downloaded ({exc}).") from None
    return destination


def _safe_name(name: str) -> str:
    clean = name.replace("\\", "/")
    if clean.startswith("/") or re.match(r"^[A-Za-z]:", clean) or ".." in clean.split("/"):
        raise PrimerImportError(f"The archive contains an unsafe path ({name!r}); nothing was imported.")
    return clean


def _unzip(path: Path, target: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED:
            raise PrimerImportError("The archive is too large to unpack; nothing was imported.")
        for info in infos:
            name = _safe_name(info.filename)
            if info.is_dir():
                continue
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, destination.open("wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)


def _untar(path: Path, target: Path) -> None:
    try:
        with tarfile.open(path) as archive:
            members = archive.getmembers()
            if len(members) > MAX_MEMBERS or sum(m.size for m in members) > MAX_UNPACKED:
                raise PrimerImportError("The archive is too large to unpack; nothing was imported.")
            for member in members:
                _safe_name(member.name)
                if member.issym() or member.islnk() or member.isdev():
                    raise PrimerImportError(
                        f"The archive contains a link or device ({member.name!r}); nothing was imported."
                    )
            archive.extractall(target, filter="data")
    except tarfile.TarError as exc:
        raise PrimerImportError(f"The archive is damaged ({exc}).") from None


def _root(folder: Path) -> Path:
    candidates = [folder, *sorted(p for p in folder.iterdir() if p.is_dir())] if folder.is_dir() else []
    for candidate in candidates:
        if (candidate / "README.md").is_file() and "System Design Primer" in (candidate / "README.md").read_text(
            errors="replace"
        )[:5000]:
            return candidate
    raise PrimerImportError("No System Design Primer README.md was found in the source.")


# Parsing ---------------------------------------------------------------------------------


@dataclass
class Section:
    heading: str
    level: int
    slug: str | None  # our topic, when the heading maps to one
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def sections(readme: str, slugs: dict[str, str]) -> list[Section]:
    """The topic sections between "System design topics: start here" and the appendix lists.

    `slugs` maps a normalised title to our topic slug. A heading that maps starts a section;
    any other heading (skipped levels, repeated "Source(s) and further reading", the
    numbered subsections) is folded into the section before it, one level lower.
    """
    found: list[Section] = []
    inside, fence = False, False
    for line in readme.splitlines():
        if line.lstrip().startswith("```"):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if match:
            name = key(match.group(2))
            if name == START:
                inside = True
            elif name == STOP:
                break
            if not inside:
                continue
            target = ALIASES.get(name) or slugs.get(name)
            if target and not FOLDED.match(name):
                found.append(Section(match.group(2).strip(), len(match.group(1)), target))
                continue
            if found:
                found[-1].lines.append(
                    f"{'#' * min(6, max(2, len(match.group(1)) - found[-1].level + 2))} {match.group(2).strip()}"
                )
            continue
        if inside and found:
            found[-1].lines.append(line)
    return found


def index_entries(readme: str) -> list[str]:
    """The topic names listed in the README's index of topics (between its heading and the next)."""
    block = readme.split("## Index of system design topics", 1)[-1].split("\n## ", 1)[0]
    names = re.findall(r"^\s*\* \[([^\]]+)\]\(#", block, re.MULTILINE)
    stop = {"appendix", "under development", "credits", "contact info", "license", "additional system design interview questions",
            "real world architectures", "company architectures", "company engineering blogs"}  # fmt: skip
    return [name for name in names if key(name) not in stop]


def clean(markdown: str, anchors: dict[str, str]) -> tuple[str, list[str]]:
    """Drop relative images with a note, turn remote images into links, map in-page anchors."""
    notes: list[str] = []

    def note(path: str) -> str:
        notes.append(path)
        return f"*(Image not shown here: [{path}]({REPOSITORY}{path}) in the upstream repository.)*"

    text = _IMAGE.sub(lambda m: note(m.group(2)), markdown)
    text = _HTML_IMAGE.sub(lambda m: note(m.group(1)), text)
    text = _REMOTE_IMAGE.sub(lambda m: f"[Image: {m.group(1) or 'diagram'}]({m.group(2)})", text)
    text = _CENTER.sub("", text)
    text = re.sub(
        r"\]\(#([a-z0-9\-]+)\)", lambda m: f"]({anchors.get(m.group(1), REPOSITORY + 'README.md#' + m.group(1))})", text
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip(), notes


def split_solution(markdown: str) -> dict[int, tuple[str, str]]:
    """A worked solution's steps by its `## Step N` and `## Additional talking points` headings."""
    return steps_of(markdown)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# The import --------------------------------------------------------------------------------


@dataclass
class Mapping:
    kind: str  # topic | solution | deck
    name: str
    action: str  # matched | new | skipped | conflict | unchanged | updated
    target: str = ""
    reason: str = ""


@dataclass
class PrimerReport:
    rows: list[Mapping] = field(default_factory=list)
    index: list[tuple[str, str]] = field(default_factory=list)  # (index entry, placed at)
    cards: str = ""

    def add(self, *args, **kwargs) -> None:
        self.rows.append(Mapping(*args, **kwargs))

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def conflicts(self) -> list[Mapping]:
        return [row for row in self.rows if row.action == "conflict"]


def import_primer(source: str, *, dry_run: bool = False) -> PrimerReport:
    with opened(source) as root:
        readme = (root / "README.md").read_text(encoding="utf-8")
        solutions = {
            folder.name: (folder / "README.md").read_text(encoding="utf-8")
            for folder in sorted((root / "solutions" / "system_design").glob("*"))
            if (folder / "README.md").is_file()
        }
        decks = [path.read_bytes() for path in sorted((root / "resources" / "flash_cards").glob("*.apkg"))]
    if "## Index of system design topics" not in readme:
        raise PrimerImportError("The README has no 'Index of system design topics': is this the System Design Primer?")
    report = PrimerReport()
    with transaction.atomic():
        _import_topics(readme, report, dry_run)
        _import_solutions(solutions, report, dry_run)
        if decks and not dry_run:
            results = [import_apkg(data, attribution=ATTRIBUTION) for data in decks]
            report.cards = (
                f"{sum(r.notes for r in results)} flashcard notes ({sum(len(r.created) for r in results)} new)"
            )
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_topics(readme: str, report: PrimerReport, dry_run: bool) -> None:
    topics = {t.slug: t for t in Topic.objects.all()}
    slugs = {key(t.title): t.slug for t in topics.values()} | {key(s.replace("-", " ")): s for s in topics}
    found = sections(readme, slugs)
    anchors = {slugify(s.heading): f"/topics/{s.slug}/" for s in found}
    merged: dict[str, list[Section]] = {}
    for section in found:
        if section.slug:
            merged.setdefault(section.slug, []).append(section)
    now = timezone.now()
    for slug, parts in merged.items():
        body, notes = clean("\n\n".join(p.text for p in parts if p.text), anchors)
        heading = parts[0].heading
        if not body:
            report.add("topic", heading, "skipped", slug, "no text of its own under this heading")
            continue
        problem = check_markdown(body)
        if problem:
            report.add("topic", heading, "skipped", slug, problem)
            continue
        if slug not in topics:
            report.add("topic", heading, "new", slug, "no topic of ours matches; created as a draft")
            if not dry_run:
                topics[slug] = Topic.objects.create(
                    slug=slug,
                    title=heading,
                    summary=f"{heading}, from the System Design Primer.",
                    body=body,
                    status=Publication.DRAFT,
                    attribution=ATTRIBUTION,
                )
            continue
        existing = AlternativeText.objects.filter(topic=topics[slug], source=SOURCE).first()
        note = f" ({len(notes)} image(s) dropped with a note)" if notes else ""
        if existing is None:
            report.add("topic", heading, "matched", slug, f"added as the primer's text beside ours{note}")
            if not dry_run:
                AlternativeText.objects.create(
                    topic=topics[slug],
                    source=SOURCE,
                    label=LABEL,
                    attribution=ATTRIBUTION,
                    body=body,
                    source_hash=digest(body),
                    imported_at=now,
                )
        elif digest(existing.body) != existing.source_hash:
            report.add("topic", heading, "conflict", slug, "an editor changed the imported text; kept theirs")
        elif existing.source_hash == digest(body):
            report.add("topic", heading, "unchanged", slug)
        else:
            report.add("topic", heading, "updated", slug, f"the upstream text changed{note}")
            if not dry_run:
                existing.body, existing.source_hash, existing.imported_at = body, digest(body), now
                existing.save()
    if not dry_run:
        renumber()
    placed = {s.slug for s in found}
    for entry in index_entries(readme):
        name = key(entry)
        target = ALIASES.get(name) or slugs.get(name)
        if target is None and FOLDED.match(name):
            target = next((s.slug for s in found if name in key(" ".join(s.lines))), "")
        report.index.append((entry, target if target and (target in placed or target in topics) else ""))


def _import_solutions(solutions: dict[str, str], report: PrimerReport, dry_run: bool) -> None:
    questions = {q.slug: q for q in Question.objects.filter(slug__in=SOLUTIONS.values())}
    for folder, markdown in solutions.items():
        slug = SOLUTIONS.get(folder)
        if slug is None or slug not in questions:
            report.add("solution", folder, "skipped", slug or "", "no matching question of ours")
            continue
        body, _ = clean(markdown, {})
        steps = split_solution(body)
        problem = next((p for p in (check_markdown(text) for _, text in steps.values()) if p), None)
        if problem:
            report.add("solution", folder, "skipped", slug, problem)
            continue
        if not steps:
            report.add("solution", folder, "skipped", slug, "no '## Step' headings found")
            continue
        fingerprint = digest("\n".join(f"{n}:{t}:{b}" for n, (t, b) in sorted(steps.items())))
        solution = SampleSolution.objects.filter(question=questions[slug], source=SOURCE).first()
        if solution is not None:
            current = digest("\n".join(f"{s.step}:{s.title}:{s.body}" for s in solution.steps.order_by("step")))
            if current != solution.source_hash:
                report.add("solution", folder, "conflict", slug, "an editor changed the imported solution; kept theirs")
                continue
            if solution.source_hash == fingerprint:
                report.add("solution", folder, "unchanged", slug)
                continue
            report.add("solution", folder, "updated", slug, "the upstream solution changed")
        else:
            report.add("solution", folder, "matched", slug, f"added as a second sample solution ({len(steps)} parts)")
        if dry_run:
            continue
        if solution is None:
            solution = SampleSolution.objects.create(
                question=questions[slug],
                label=LABEL,
                attribution=ATTRIBUTION,
                is_primary=False,
                order=10,
                source=SOURCE,
            )
        solution.steps.all().delete()
        for number, (title, text) in sorted(steps.items()):
            SolutionStep.objects.create(solution=solution, step=number, title=title, body=text)
        solution.source_hash = fingerprint
        solution.save(update_fields=["source_hash"])
