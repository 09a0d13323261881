import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from questions.models import Question
from questions.report_text import report_lines
from questions.rubric import grade_answer, sample_answers
from questions.steps import answer_steps


class Command(BaseCommand):
    help = "Grade answer files (steps marked '## Step 1' ... '## Step 4') against a question's rubric."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("question", help="the question's slug")
        parser.add_argument("answers", nargs="*", type=Path, help="answer files (Markdown)")
        parser.add_argument("--sample", action="store_true", help="also grade the question's own primary sample")
        parser.add_argument("--json", action="store_true", help="print the reports as JSON")

    def handle(self, *args, question: str, answers: list[Path], sample: bool, json: bool, **options) -> None:
        try:
            target = Question.objects.prefetch_related("checkpoints", "numbers", "givens").get(slug=question)
        except Question.DoesNotExist:
            raise CommandError(f"No question with the slug '{question}'.") from None
        if not target.checkpoints.exists() and not target.numbers.exists():
            raise CommandError(f"'{question}' has no rubric to grade against.")
        inputs = []
        for path in answers:
            try:
                inputs.append((str(path), answer_steps(path.read_text(encoding="utf-8"))))
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"{path}: cannot read it ({exc}).") from None
        if sample:
            inputs.append(("(primary sample)", sample_answers(target)))
        if not inputs:
            raise CommandError("Give at least one answer file, or --sample.")
        reports = [(name, grade_answer(target, steps)) for name, steps in inputs]
        if json:
            self.stdout.write(_json_dump({name: report.to_dict() for name, report in reports}))
            return
        for name, report in reports:
            self.stdout.write("\n".join(report_lines(name, report)))


def _json_dump(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True)
