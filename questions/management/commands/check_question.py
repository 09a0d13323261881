from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from primer.content import ContentError, parse_file
from questions.content import parse_question
from questions.engine import Checkpoint, ReferenceNumber, grade


class Command(BaseCommand):
    help = (
        "Check question files on their own, without a database: validate each like load_content does "
        "(topic slugs against content/topics/), then grade its sample solution against its own rubric."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="content/questions/<slug>.md files")

    def handle(self, *args, files: list[Path], **options) -> None:
        topics = {path.stem for path in (settings.CONTENT_DIR / "topics").glob("*.md")}
        worst = 100.0
        for path in files:
            try:
                data = parse_question(parse_file(path))
            except ContentError as exc:
                self.stdout.write(f"INVALID {exc}")
                worst = 0
                continue
            unknown = [slug for slug in data["topics"] if slug not in topics]
            if unknown:
                self.stdout.write(f"INVALID {path}: topic '{unknown[0]}' does not exist")
                worst = 0
                continue
            if data["kind"] == "additional":
                self.stdout.write(f"{path}: valid (additional question, no rubric)")
                continue
            worst = min(worst, self._grade(path, data))
        if worst < 90:
            raise CommandError("A file is invalid, or its sample scores under 90% on its own rubric.")

    def _grade(self, path: Path, data: dict) -> float:
        answers = {number: body for number, (_, body) in data["steps"].items() if number <= 4}
        checkpoints = [
            Checkpoint(c["key"], c["step"], c["label"], tuple(c["phrases"]), c["weight"]) for c in data["checkpoints"]
        ]
        numbers = [
            ReferenceNumber(n["key"], n["step"], n["name"], n["value"], n["unit"], n["tolerance"], tuple(n["keywords"]))
            for n in data["numbers"]
        ]
        report = grade(answers, checkpoints, numbers)
        self.stdout.write(f"{path}: score {report.score}% ({len(checkpoints)} checkpoints, {len(numbers)} numbers)")
        for step in report.steps:
            for result in step.checkpoints:
                if not result.hit:
                    self.stdout.write(f"  step {step.step} MISSED checkpoint: {result.label}")
            for number in step.numbers:
                note = f"found {number.found!r}" if number.found else "no matching number"
                flag = "ok" if number.verdict == "ok" else f"NOT OK ({number.verdict})"
                self.stdout.write(
                    f"  step {step.step} {number.name} = {number.expected:g} {number.unit}: {flag}, {note}"
                )
        return report.score
