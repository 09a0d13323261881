from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from primer.content import ContentError, parse_file
from questions.content import check_concepts, parse_question
from questions.engine.grade import grade
from questions.lexicon import engine_lexicon, read_folder
from questions.report_text import report_lines
from questions.rubric import rubric_from_data
from questions.steps import answer_steps

# A rubric its own sample cannot meet is broken; meeting it proves nothing about other answers.
SAMPLE_FLOOR = 80


class Command(BaseCommand):
    help = (
        "Check question files on their own, without a database: validate each like load_content does "
        "(topic slugs against content/topics/, concepts against content/lexicon/), then grade its sample "
        f"solution against its own rubric (it must reach {SAMPLE_FLOOR}%)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="content/questions/<slug>.md files")
        parser.add_argument(
            "--answer", action="append", default=[], type=Path, metavar="FILE",
            help="also grade this answer file ('## Step 1' ... '## Step 4') against the (one) question's rubric",
        )  # fmt: skip

    def handle(self, *args, files: list[Path], answer: list[Path], **options) -> None:
        if answer and len(files) != 1:
            raise CommandError("--answer grades against one question: give one file.")
        topics = {path.stem for path in (settings.CONTENT_DIR / "topics").glob("*.md")}
        try:
            parsed_lexicon = read_folder(settings.CONTENT_DIR / "lexicon")
        except ContentError as exc:
            raise CommandError(f"The lexicon is invalid: {exc}") from None
        lexicon = engine_lexicon(parsed_lexicon)
        worst = 100
        for path in files:
            try:
                file = parse_file(path)
                data = parse_question(file)
                check_concepts(file, data, set(lexicon.concepts))
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
            answers = {number: body for number, (_, body) in data["steps"].items() if number <= 4}
            report = grade(answers, rubric_from_data(data), lexicon)
            self.stdout.write("\n".join(report_lines(str(path), report)))
            worst = min(worst, report.score)
            for extra in answer:
                try:
                    steps = answer_steps(extra.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError) as exc:
                    raise CommandError(f"{extra}: cannot read it ({exc}).") from None
                extra_report = grade(steps, rubric_from_data(data), lexicon)
                self.stdout.write("\n".join(report_lines(str(extra), extra_report)))
        if worst < SAMPLE_FLOOR:
            raise CommandError(f"A file is invalid, or its sample scores under {SAMPLE_FLOOR}% on its own rubric.")
