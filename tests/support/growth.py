"""Many rows at once, for query-count checks at ten times the data and for scale tests."""

from __future__ import annotations

from datetime import date, timedelta

from primer.publication import Publication
from progress.models import ActivityDay, Progress, Status
from questions.models import Question, SampleSolution, SolutionStep
from topics.models import Topic, renumber, set_related


def grow_tree(sections: int, topics_per_section: int, *, related: int = 3) -> None:
    """Bulk-create a published tree."""
    roots = Topic.objects.bulk_create(
        Topic(slug=f"gen-section-{s}", title=f"Section {s}", summary="s", status=Publication.PUBLISHED, order=s)
        for s in range(sections)
    )
    children = Topic.objects.bulk_create(
        Topic(
            slug=f"gen-{s}-{t}",
            title=f"Generated topic {s}.{t}",
            summary="A generated topic.",
            body="## Heading\n\nGenerated body about caching and sharding.",
            body_text="Heading Generated body about caching and sharding.",
            status=Publication.PUBLISHED,
            parent=root,
            order=t,
        )
        for s, root in enumerate(roots)
        for t in range(topics_per_section)
    )
    for index, topic in enumerate(children[:50]):
        set_related(topic, children[index + 1 : index + 1 + related])
    renumber()


def grow_questions(count: int) -> None:
    for index in range(count):
        question = Question.objects.create(
            slug=f"gen-q-{index}",
            title=f"Generated question {index}",
            summary="Generated.",
            status=Publication.PUBLISHED,
        )
        solution = SampleSolution.objects.create(question=question, is_primary=True)
        SolutionStep.objects.bulk_create(
            SolutionStep(solution=solution, step=n, body=f"Step {n}.", body_html=f"<p>Step {n}.</p>")
            for n in (1, 2, 3, 4)
        )


def add_history(user, days: int, *, today: date) -> None:
    """Many days of activity and progress rows."""
    ActivityDay.objects.bulk_create(
        ActivityDay(user=user, day=today - timedelta(days=d), count=d % 7) for d in range(1, days + 1)
    )
    topics = list(Topic.objects.all()[: days // 10 + 1])
    Progress.objects.bulk_create(Progress(user=user, topic=topic, status=Status.DONE) for topic in topics)
