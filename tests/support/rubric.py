"""A small rubric for tests that need one: two lexicon concepts, a checkpoint, a given and an estimate."""

from __future__ import annotations

from questions.models import Checkpoint, Concept, Given, LexiconArea, Question, ReferenceNumber
from questions.rubric import refresh_values


def small_lexicon() -> None:
    """The concepts the small rubric names (kept if the real lexicon is already loaded)."""
    area, _ = LexiconArea.objects.get_or_create(slug="test-area", defaults={"title": "Test area"})
    Concept.objects.get_or_create(slug="cache", defaults={"area": area, "name": "Cache", "terms": "cache\ncaching"})
    Concept.objects.get_or_create(
        slug="memory-cache",
        defaults={
            "area": area, "name": "In-memory cache", "terms": "memory cache", "products": "Redis\nMemcached",
            "broader": "cache",
        },
    )  # fmt: skip
    Concept.objects.get_or_create(slug="sharding", defaults={"area": area, "name": "Sharding", "terms": "shard"})


def add_checkpoint(question: Question, *, step: int = 2, key: str = "cache", label: str = "Caches", **fields):
    small_lexicon()
    fields.setdefault("concepts", "cache")
    return Checkpoint.objects.create(question=question, step=step, key=key, label=label, **fields)


def add_estimate(question: Question, *, step: int = 1, per_second: float = 40, **fields) -> ReferenceNumber:
    """Requests per second, from a given of requests per month (40/s is about 104 million a month)."""
    Given.objects.get_or_create(
        question=question,
        key="requests",
        defaults={"name": "Requests per month", "value": per_second * 2_592_000, "unit": "/month", "words": "request"},
    )
    fields.setdefault("name", "Requests per second")
    number = ReferenceNumber.objects.create(
        question=question, step=step, key=fields.pop("key", "rps"), formula="requests", unit="req/s",
        keywords="request\nwrite", **fields,
    )  # fmt: skip
    refresh_values(question)
    number.refresh_from_db()
    return number


def report_question() -> Question:
    """A question whose rubric, with progress/tests/test_report_browser.py's answer, shows every state."""
    from primer.publication import Publication
    from questions.models import Kind, SampleSolution, SolutionStep

    small_lexicon()
    area = LexiconArea.objects.get(slug="test-area")
    for slug, name, fields in (
        ("read-replica", "Read replica", {"terms": "read replica"}),
        ("replication-lag", "Replication lag", {"terms": "replication lag", "problem": True}),
        ("message-queue", "Message queue", {"terms": "message queue\nqueue", "products": "Kafka\nSQS"}),
        ("load-balancer", "Load balancer", {"terms": "load balancer", "exact": "LB"}),
        ("cdn", "CDN", {"terms": "cdn\ncontent delivery network"}),
    ):
        Concept.objects.get_or_create(slug=slug, defaults={"area": area, "name": name, **fields})
    question = Question.objects.create(
        slug="report-demo", title="Report demo", kind=Kind.SYSTEM_DESIGN, summary="s", status=Publication.PUBLISHED,
        prompt="100 million reads and 10 million new pastes a month; 2 KB per paste.",
    )  # fmt: skip
    solution = SampleSolution.objects.create(question=question, is_primary=True)
    for number in (1, 2, 3, 4):
        SolutionStep.objects.create(solution=solution, step=number, body=f"Sample step {number}.")
    for key, step, label, concepts, extra in (
        ("cache-reads", 3, "Serves reads from an in-memory cache", "memory-cache", {}),
        ("shard", 2, "Shards the data by key", "sharding", {}),
        ("lb", 2, "Balances load over stateless servers", "load-balancer", {}),
        ("async-views", 3, "Counts views through a queue", "message-queue", {}),
        ("replicas", 4, "Adds read replicas and handles their lag", "read-replica", {"qualifiers": "replication-lag"}),
        ("cdn", 4, "Serves hot content from a CDN", "cdn", {
            "explanation": "A CDN keeps copies near readers, so a viral item costs the origin one request.",
            "example": "Static files come from a CDN with a one-day TTL.",
        }),
    ):  # fmt: skip
        Checkpoint.objects.create(question=question, key=key, step=step, label=label, concepts=concepts, **extra)
    for key, name, value, unit, words in (
        ("reads", "Reads per month", 100_000_000, "/month", "read"),
        ("pastes", "New pastes per month", 10_000_000, "/month", "paste\nwrite"),
        ("size", "Size of a paste", 2, "KB", "paste size"),
    ):
        Given.objects.create(question=question, key=key, name=name, value=value, unit=unit, words=words)
    for key, name, formula, unit, keywords in (
        ("read-rate", "Reads per second", "reads", "req/s", "read"),
        ("write-rate", "Writes per second", "pastes", "req/s", "write"),
        ("storage", "New storage per month", "pastes * size", "GB/month", "storage"),
        ("bandwidth", "Read bandwidth", "reads * size", "KB/s", "bandwidth"),
    ):
        ReferenceNumber.objects.create(
            question=question, step=1, key=key, name=name, formula=formula, unit=unit, keywords=keywords,
            derivation=f"{formula} = the expected value",
        )  # fmt: skip
    refresh_values(question)
    return question
