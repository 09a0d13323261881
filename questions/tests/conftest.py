import pytest
from django.conf import settings

from questions.content import load_questions
from questions.models import Checkpoint, Kind, Question, ReferenceNumber, SampleSolution, SolutionStep
from topics.content import load_topics
from topics.models import Status

CONTENT = settings.BASE_DIR / "content"


@pytest.fixture
def question_bank(db):
    """The real curriculum and question bank from content/."""
    load_topics(CONTENT / "topics")
    load_questions(CONTENT / "questions")
    return Question.objects.all()


@pytest.fixture
def make_question(db):
    def make(slug: str, *, kind: str = Kind.SYSTEM_DESIGN, steps: dict | None = None, **fields) -> Question:
        fields.setdefault("title", slug.replace("-", " ").capitalize())
        fields.setdefault("summary", f"Design {slug}.")
        fields.setdefault("status", Status.PUBLISHED)
        question = Question.objects.create(slug=slug, kind=kind, prompt="Design it.", **fields)
        solution = SampleSolution.objects.create(question=question, is_primary=True)
        for number, body in (steps or {1: "Use cases.", 2: "Boxes.", 3: "APIs.", 4: "Scale."}).items():
            SolutionStep.objects.create(solution=solution, step=number, body=body)
        Checkpoint.objects.create(question=question, step=2, key="cache", label="Caches", phrases="redis\ncache")
        ReferenceNumber.objects.create(question=question, step=1, key="rps", name="Requests", value=40, unit="req/s")
        return question

    return make


def grow_questions(count: int) -> None:
    for index in range(count):
        question = Question.objects.create(
            slug=f"gen-q-{index}", title=f"Generated question {index}", summary="Generated.", status=Status.PUBLISHED
        )
        solution = SampleSolution.objects.create(question=question, is_primary=True)
        SolutionStep.objects.bulk_create(
            SolutionStep(solution=solution, step=n, body=f"Step {n}.", body_html=f"<p>Step {n}.</p>")
            for n in (1, 2, 3, 4)
        )
