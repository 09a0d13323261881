"""Search latency with the real curriculum, then with 10,000 generated topics."""

import random
import statistics
import time

from django.conf import settings

from curation.content import load
from primer.publication import Publication
from search.views import search_everything as search
from topics.models import Topic, renumber

QUERIES = [
    "consistent hashing", "cache invalidation", "leader election", "rate limiter token bucket", "sharding",
    "eventual consistency", "load balancer health check", "bloom filter false positive", "write-through",
    "message queue back pressure", "CAP theorem partition", "websocket", "idempotency key", "geohash", "99.99",
]  # fmt: skip
ROUNDS = 10
GENERATED = 10_000


def measure(label: str) -> list[float]:
    for query in QUERIES:  # warm the caches
        search(query)
    timings = []
    for _ in range(ROUNDS):
        for query in QUERIES:
            start = time.perf_counter()
            search(query)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    median = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    count = Topic.objects.published().count()
    print(f"search, {label} ({count:,} topics, {len(timings)} queries): median {median:.2f} ms, p95 {p95:.2f} ms")
    return [median, p95]


def generate(count: int) -> None:
    """Topics whose text is drawn from the real curriculum's vocabulary, so matches are realistic."""
    vocabulary = " ".join(Topic.objects.values_list("body_text", flat=True)).split()
    rng = random.Random(42)
    section = Topic.objects.create(
        slug="generated", title="Generated", summary="Generated.", status=Publication.PUBLISHED
    )
    batch = []
    for index in range(count):
        words = rng.choices(vocabulary, k=400)
        batch.append(
            Topic(
                slug=f"generated-{index}",
                title=" ".join(rng.choices(vocabulary, k=3)).capitalize(),
                summary=" ".join(words[:25]),
                body_text=" ".join(words),
                body_html="",
                status=Publication.PUBLISHED,
                parent=section,
                order=index,
            )
        )
    Topic.objects.bulk_create(batch, batch_size=1000)
    renumber()


def run() -> None:
    load(settings.CONTENT_DIR, only=["topics"])
    small = measure("real curriculum")
    generate(GENERATED)
    large = measure(f"with {GENERATED:,} generated topics")
    print(f"search, ratio large/small: median {large[0] / small[0]:.1f}x, p95 {large[1] / small[1]:.1f}x")
