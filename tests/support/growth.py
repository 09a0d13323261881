"""Many rows at once, for query-count checks at ten times the data and for scale tests."""

from __future__ import annotations

from datetime import date, timedelta

from primer.publication import Publication
from progress.models import ActivityDay, Attempt, Progress, Status
from questions.models import Question, SampleSolution, SolutionStep
from tests.support.rubric import add_checkpoint, add_estimate
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


def grow_everything(user, scale: int) -> dict:
    """Every table the main pages read, `scale` times over, with `user` owning plenty of it.

    Returns the ids and slugs the pages need. Scale 1 is a small site; scale 10 ten times it.
    """
    from django.utils import timezone

    from flashcards import scheduling
    from flashcards.models import Card, CardState, Deck
    from progress.models import Mode
    from progress.services import plan as plan_services
    from progress.services import practice, tracking
    from questions.models import Erratum, Kind
    from topics.models import Depth

    today = user.learner.today()
    sections = Topic.objects.bulk_create(
        Topic(slug=f"s-{s}", title=f"Section {s}", summary="s", status=Publication.PUBLISHED, order=s)
        for s in range(2 * scale)
    )
    topics = []
    for section in sections:
        for t in range(5):
            topic = Topic(slug=f"{section.slug}-t{t}", title=f"Topic {t} of {section.title}", parent=section,
                          summary="About caching.", body="## One\n\nCaching and sharding.\n\n## Two\n\nMore.",
                          status=Publication.PUBLISHED, order=t, depth=(Depth.CORE, Depth.DEEPER)[t % 2])  # fmt: skip
            topic.save()
            topics.append(topic)
    renumber()
    for index, topic in enumerate(topics[:-3]):
        set_related(topic, topics[index + 1 : index + 3])
    questions = []
    for q in range(3 * scale):
        question = Question.objects.create(
            slug=f"q-{q}", title=f"Question {q}", summary="Design a cache.", prompt="Design it.",
            kind=(Kind.SYSTEM_DESIGN, Kind.OBJECT_ORIENTED, Kind.ADDITIONAL)[q % 3], status=Publication.PUBLISHED,
        )  # fmt: skip
        question.topics.set(topics[q % len(topics) : q % len(topics) + 3])
        solution = SampleSolution.objects.create(question=question, is_primary=True)
        for n in (1, 2, 3, 4):
            SolutionStep.objects.create(solution=solution, step=n, body=f"Step {n}: a cache.")
        for n in (1, 2, 3, 4):
            add_checkpoint(question, step=n, key=f"k{n}", label=f"Check {n}")
        add_estimate(question, name="Writes")
        Erratum.objects.create(question=question, step=2, text="A fix.")
        questions.append(question)
    cards = []
    for d in range(scale):
        deck = Deck.objects.create(slug=f"deck-{d}", title=f"Deck {d}", order=d)
        cards += [Card.objects.create(deck=deck, guid=f"c-{d}-{c}", front="F", back="B") for c in range(5)]
    for index, topic in enumerate(topics):
        if index % 2 == 0:
            tracking.progress_set_status(user=user, target=topic, status=Status.DONE, today=today)
        if index % 3 == 0:
            tracking.progress_toggle_bookmark(user=user, target=topic)
    ActivityDay.objects.bulk_create(
        ActivityDay(user=user, day=today - timedelta(days=d), count=d % 5) for d in range(1, 30 * scale)
    )
    plan_services.plan_set_up(user=user, timeline="long", interview_date=today + timedelta(days=30), today=today)
    practicable = [q for q in questions if q.is_practicable]
    attempts = []
    for index in range(2 * scale + 2):
        attempt = practice.attempt_start(user=user, question=practicable[0], mode=Mode.UNTIMED, now=timezone.now())
        for step in attempt.steps.all():
            practice.attempt_save_step(step=step, text="A cache in front of the database.", base_version=0, seconds=1,
                                       now=timezone.now())  # fmt: skip
        if index < 2 * scale + 1:
            practice.attempt_submit(attempt=attempt, now=timezone.now())
        attempts.append(attempt)
    for card in cards[: len(cards) // 2]:
        scheduling.review(user=user, learner=user.learner, card=card, rating=3, now=timezone.now(), today=today)
    CardState.objects.filter(user=user).update(due=timezone.now() - timedelta(hours=1))  # due again
    report = attempts[-2]
    practice.attempt_share(attempt=report, enable=True)
    return {
        "topic": topics[1].slug, "question": practicable[0].slug, "draft": attempts[-1].pk, "report": report.pk,
        "token": Attempt.objects.get(pk=report.pk).share_token, "deck": "deck-0",
    }  # fmt: skip
