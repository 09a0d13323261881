"""Check a question file on its own: `python -m questions.selfcheck content/questions/<slug>.md`.

Validates the file like `load_content` does (without a database: topic slugs are checked
against content/topics/), then grades the primary sample solution against the file's own
rubric and prints the score, the checkpoints missed and the numbers not found.
"""

import os
import sys
from pathlib import Path


def main(paths: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "primer.settings")
    import django

    django.setup()
    from primer.content import ContentError, parse_file
    from questions.content import parse_question
    from questions.engine import Checkpoint, ReferenceNumber, grade

    topics = {p.stem for p in (Path(__file__).resolve().parents[1] / "content" / "topics").glob("*.md")}
    worst = 100.0
    for name in paths:
        try:
            file = parse_file(Path(name))
            data = parse_question(file)
        except ContentError as exc:
            print(f"INVALID {exc}")
            worst = 0
            continue
        unknown = [slug for slug in data["topics"] if slug not in topics]
        if unknown:
            print(f"INVALID {name}: topic '{unknown[0]}' does not exist")
            worst = 0
            continue
        if data["kind"] == "additional":
            print(f"{name}: valid (additional question, no rubric)")
            continue
        answers = {number: body for number, (_, body) in data["steps"].items() if number <= 4}
        report = grade(
            answers,
            [
                Checkpoint(c["key"], c["step"], c["label"], tuple(c["phrases"]), c["weight"])
                for c in data["checkpoints"]
            ],
            [
                ReferenceNumber(
                    n["key"], n["step"], n["name"], n["value"], n["unit"], n["tolerance"], tuple(n["keywords"])
                )
                for n in data["numbers"]
            ],
        )
        print(f"{name}: score {report.score}% ({len(data['checkpoints'])} checkpoints, {len(data['numbers'])} numbers)")
        for step in report.steps:
            for result in step.checkpoints:
                if not result.hit:
                    print(f"  step {step.step} MISSED checkpoint: {result.label}")
            for result in step.numbers:
                note = f"found {result.found!r}" if result.found else "no matching number"
                flag = "ok" if result.verdict == "ok" else f"NOT OK ({result.verdict})"
                print(f"  step {step.step} number {result.name} = {result.expected:g} {result.unit}: {flag}, {note}")
        worst = min(worst, report.score)
    return 0 if worst >= 90 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
