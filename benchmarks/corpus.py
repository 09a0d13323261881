"""The labelled grading corpus: answers written for the purpose, a reviewer's labels, and how the
engine's report compares with them.

`benchmarks/corpus/<question>/<kind>-<author>.md` are answers written by authors who saw only
the prompt (docs/grading-corpus.md says how they were made). `labels.toml` beside them holds a
reviewer's verdict per checkpoint and per estimate, and the band a senior interviewer would
give, for each answer and for the other questions' strong answers graded against this one.
Authors `a*` wrote the tuning half; authors `b*` the held-out half, which nobody tuning the
lexicon or a rubric reads. The upstream primer's own solutions are labelled in
`benchmarks/corpus/upstream/<question>.toml` and read from `../shared` where it is present.

Grading uses the rubrics and the lexicon as files (content/), so no database is needed.
"""

from __future__ import annotations

import time
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

from primer.content import parse_file
from questions.content import parse_question
from questions.engine.grade import Report, Rubric, grade
from questions.engine.lexicon import Lexicon
from questions.lexicon import engine_lexicon, read_folder
from questions.rubric import rubric_from_data
from questions.steps import answer_steps

CORPUS = Path(__file__).resolve().parent / "corpus"
UPSTREAM = (
    Path(settings.BASE_DIR).parent / "shared" / "upstream" / "system-design-primer" / "solutions" / "system_design"
)
UPSTREAM_FOLDERS = {
    "pastebin": "pastebin", "twitter": "twitter", "web-crawler": "web_crawler", "mint": "mint",
    "social-graph": "social_graph", "query-cache": "query_cache", "sales-rank": "sales_rank",
    "scaling-aws": "scaling_aws",
}  # fmt: skip
KINDS = ("strong", "average", "fluent-wrong", "keyword-list", "other-question", "off-topic", "upstream")
# A reviewer's label, as credit: met counts, partly counts half, the rest nothing.
LABEL_CREDIT = {"met": 1.0, "partly": 0.5, "missed": 0.0, "contradicted": 0.0}
POSITIVE = 0.5  # a checkpoint counts as shown when its credit is at least this, on either side


@dataclass
class Answer:
    question: str
    id: str  # "strong-a1", or "twitter/strong-a1" for another question's answer graded against this one
    kind: str
    split: str  # tuning | held-out | upstream
    steps: dict[int, str]
    labels: dict[str, str] = field(default_factory=dict)  # checkpoint key -> met | partly | missed | contradicted
    numbers: dict[str, str] = field(default_factory=dict)  # estimate key -> ok | wrong | missing
    band: str = ""


def split_of(author: str) -> str:
    return "tuning" if author.startswith("a") else "held-out"


@cache
def lexicon() -> Lexicon:
    return engine_lexicon(read_folder(settings.CONTENT_DIR / "lexicon"))


@cache
def rubric(question: str) -> Rubric:
    return rubric_from_data(parse_question(parse_file(settings.CONTENT_DIR / "questions" / f"{question}.md")))


def questions() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name != "upstream")


def _read_answer(path: Path) -> tuple[dict, dict[int, str]]:
    file = parse_file(path)
    return file.meta, answer_steps(file.body)


def _labels(question: str) -> dict:
    path = CORPUS / question / "labels.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def answers(question: str) -> list[Answer]:
    """Every labelled answer for the question: its own, and other questions' strong answers."""
    labels = _labels(question).get("answers", {})
    found = []
    for answer_id, label in sorted(labels.items()):
        folder, _, name = answer_id.rpartition("/")
        path = CORPUS / (folder or question) / f"{name}.md"
        meta, steps = _read_answer(path)
        kind = "other-question" if folder else meta["kind"]
        found.append(
            Answer(
                question,
                answer_id,
                kind,
                split_of(meta["author"]),
                steps,
                dict(label.get("checkpoints", {})),
                dict(label.get("numbers", {})),
                label.get("band", ""),
            )
        )
    return found


def upstream_answers() -> list[Answer]:
    """The upstream primer's solutions, labelled like the rest, where ../shared holds them."""
    found = []
    for question, folder in sorted(UPSTREAM_FOLDERS.items()):
        readme = UPSTREAM / folder / "README.md"
        labels_path = CORPUS / "upstream" / f"{question}.toml"
        if not readme.exists() or not labels_path.exists():
            continue
        label = tomllib.loads(labels_path.read_text(encoding="utf-8"))
        steps = answer_steps(readme.read_text(encoding="utf-8"))
        found.append(
            Answer(
                question,
                f"upstream/{question}",
                "upstream",
                "upstream",
                steps,
                dict(label.get("checkpoints", {})),
                dict(label.get("numbers", {})),
                label.get("band", ""),
            )
        )
    return found


def graded(answer: Answer) -> Report:
    return grade(answer.steps, rubric(answer.question), lexicon())


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.fp, self.fn, self.tn = (
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn,
        )  # fmt: skip
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    answer: Answer
    report: Report
    checkpoints: Counts
    contradictions: Counts  # contradicted in the label, contradicted in the report
    numbers: Counts  # an estimate judged right (or right from the learner's figures), against the label
    seconds: float


def evaluate(answer: Answer, *, repeat: int = 1) -> Result:
    started = time.perf_counter()
    for _ in range(repeat):
        report = graded(answer)
    seconds = (time.perf_counter() - started) / repeat
    states = {c.key: c for step in report.steps for c in step.checkpoints}
    counts, contradictions = Counts(), Counts()
    for key, label in answer.labels.items():
        if key not in states:
            raise KeyError(f"{answer.question}/{answer.id}: the labels name '{key}', which the rubric does not have")
        counts.add(states[key].credit >= POSITIVE, LABEL_CREDIT[label] >= POSITIVE)
        contradictions.add(states[key].state == "contradicted", label == "contradicted")
    verdicts = {n.key: n.verdict for step in report.steps for n in step.numbers}
    numbers = Counts()
    for key, label in answer.numbers.items():
        if key not in verdicts:
            raise KeyError(f"{answer.question}/{answer.id}: the labels name estimate '{key}', which the rubric lacks")
        numbers.add(verdicts[key] in ("ok", "own_inputs"), label == "ok")
    return Result(answer, report, counts, contradictions, numbers, seconds)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0.0
