"""Grading by concept: meaning at the clause, explained not listed, anywhere with a note, capacity."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questions.engine.grade import Checkpoint, Rubric, grade, highlight_spans
from questions.engine.lexicon import Concept, Lexicon

LEXICON = Lexicon.build(
    [
        Concept("cache", "Cache", terms=("cache", "caching")),
        Concept(
            "memory-cache",
            "In-memory cache",
            terms=("memory cache",),
            products=("Redis", "Memcached"),
            broader=("cache",),
        ),
        Concept("message-queue", "Message queue", terms=("message queue", "queue"), products=("Kafka", "SQS")),
        Concept("read-replica", "Read replica", terms=("read replica",)),
        Concept("replication-lag", "Replication lag", terms=("replication lag", "stale read"), problem=True),
        Concept("sharding", "Sharding", terms=("shard", "sharding")),
        Concept("base62", "Base62", terms=("base62",)),
        Concept("randomness", "Randomness", terms=("random", "randomly")),
        Concept("sequential-id", "Sequential ID", terms=("auto increment", "sequential id", "counter")),
        Concept("load-balancer", "Load balancer", terms=("load balancer",), exact=("LB",)),
        Concept("redirect-302", "Temporary redirect", terms=("302", "temporary redirect")),
        Concept("redirect-301", "Permanent redirect", terms=("301", "permanent redirect")),
        Concept("robots-txt", "robots.txt", terms=("robots txt",)),
        Concept("politeness", "Politeness", terms=("politeness", "polite")),
        Concept("hot-spot", "Hot spot", terms=("hot spot", "hot key"), problem=True),
    ]
)
CHECKPOINTS = (
    Checkpoint("cache", 2, "Caches hot reads", 2, concepts=("cache",)),
    Checkpoint("queue", 2, "Records views through a queue", 2, concepts=("message-queue",)),
    Checkpoint("lb", 2, "Load-balances the web tier", 1, concepts=("load-balancer",)),
    Checkpoint(
        "codes",
        3,
        "Random base62 codes",
        3,
        concepts=("base62",),
        qualifiers=("randomness",),
        contradicts=("sequential-id",),
    ),
    Checkpoint("redirect", 3, "302, not 301", 1, concepts=("redirect-302",), contradicts=("redirect-301",)),
    Checkpoint(
        "replicas",
        4,
        "Read replicas, with their lag",
        2,
        concepts=("read-replica",),
        qualifiers=("replication-lag",),
        level="senior",
    ),
    Checkpoint("shard", 4, "Shards when one node is not enough", 2, concepts=("sharding",)),
    Checkpoint("polite", 3, "Crawls politely", 2, concepts=("politeness", "robots-txt")),
    Checkpoint("hot", 4, "Handles hot keys", 2, concepts=("hot-spot",), level="staff"),
)
RUBRIC = Rubric(CHECKPOINTS)


def result(answers: dict[int, str], key: str):
    report = grade(answers, RUBRIC, LEXICON)
    return next(c for step in report.steps for c in step.checkpoints if c.key == key)


def state(answers: dict[int, str], key: str) -> str:
    return result(answers, key).state


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("We do not use a message queue, the aggregator reads the logs.", "queue"),
        ("We avoid a memory cache entirely because reads are rare.", "cache"),
        ("Without a cache every read goes to the database.", "cache"),
        ("There is no queue here; views are counted inline in the request.", "queue"),
        ("We skip the load balancer and point DNS at one server.", "lb"),
        ("Instead of a queue, the web server writes the counter row directly.", "queue"),
    ],
)
def test_a_concept_turned_down_in_its_clause_is_contradicted(text, key):
    assert state({2: text}, key) == "contradicted"


@pytest.mark.parametrize(
    ("step", "text", "key"),
    [
        (4, "Read replicas are not needed for a read load this small, stale reads aside.", "replicas"),
        (3, "Politeness doesn't matter for a crawler of this size.", "polite"),
        (3, "We ignore robots txt because the sites are ours.", "polite"),
        (4, "Sharding would be overkill for two terabytes of metadata rows.", "shard"),
    ],
)
def test_a_concept_dismissed_after_it_is_contradicted(step, text, key):
    assert state({step: text}, key) == "contradicted"


@pytest.mark.parametrize(
    "text",
    [
        "Check whether one node holds the metadata; if not, shard by a hash of the short code.",
        "When one node is not enough, shard the table by a hash of the short code.",
        "When one node is not enough we shard the table by a hash of the short code.",
        "We never lose a paste because we shard the table across three replicated nodes.",
    ],
)
def test_a_negation_elsewhere_in_the_sentence_does_not_cancel(text):
    assert state({4: text}, "shard") == "met"


def test_a_failure_mode_avoided_is_a_failure_mode_handled():
    assert state({4: "We avoid hot keys by salting the popular codes across ten shards."}, "hot") == "met"


def test_a_rejection_spreads_over_a_list_that_follows_it():
    text = "We don't need a message queue, a memory cache or any sharding for this load."
    assert state({2: text}, "queue") == "contradicted"
    assert state({2: text}, "cache") == "contradicted"


def test_a_wrong_decision_in_the_right_words_is_contradicted():
    answer = {3: "Codes come from an auto increment counter encoded in base62, so they never collide."}
    check = result(answer, "codes")
    assert check.state == "contradicted"
    assert check.note == "chooses Sequential ID"
    assert "auto increment counter" in check.sentence


def test_a_301_for_browser_caching_contradicts_the_302_checkpoint():
    assert state({3: "We answer with HTTP 301 so browsers cache the redirect."}, "redirect") == "contradicted"
    assert state({3: "We answer with a 302 rather than a 301 so every click is counted."}, "redirect") == "met"


def test_meeting_a_checkpoint_beats_discussing_the_alternative():
    text = "A counter would never collide but is guessable. Each code is seven random base62 characters."
    assert state({3: text}, "codes") == "met"


def test_a_missing_qualifier_makes_it_partly_met_and_says_what_is_missing():
    check = result({4: "Add read replicas so reads scale across machines."}, "replicas")
    assert check.state == "partly"
    assert check.note == "not said: Replication lag"


def test_a_qualifier_in_the_next_sentence_of_the_paragraph_counts():
    text = "Add read replicas so reads scale across machines. Their replication lag is a second at most."
    assert state({4: text}, "replicas") == "met"


def test_a_qualifier_in_another_paragraph_does_not_count():
    text = "Add read replicas so reads scale across machines.\n\nWe also worry about replication lag elsewhere."
    assert state({4: text}, "replicas") == "partly"


@pytest.mark.parametrize(
    "text",
    [
        "load balancer, redis, kafka, sharding, read replicas, base62, random, 302",
        "- Load balancer\n- Redis\n- Kafka\n- Sharding\n",
        "Redis. Kafka. LB.",
    ],
)
def test_a_bare_list_of_terms_is_named_not_explained(text):
    assert state({2: text}, "cache") == "named"
    assert state({2: text}, "queue") == "named"


def test_named_earns_a_quarter_and_met_all():
    assert result({2: "Redis, Kafka"}, "cache").credit == 0.25
    assert result({2: "Redis keeps the hot pastes in memory."}, "cache").credit == 1.0


def test_a_checkpoint_met_in_another_step_counts_with_a_note():
    check = result({4: "We answer with a 302 rather than a 301 so every click is counted."}, "redirect")
    assert check.state == "met"
    assert check.found_in == 4


def test_its_own_step_is_preferred_over_another():
    answers = {2: "Redis keeps the hot pastes in memory.", 4: "A Redis cluster holds the hottest pastes."}
    assert result(answers, "cache").found_in == 0


def test_one_sentence_carries_at_most_three_checkpoints():
    text = (
        "A load balancer spreads requests, Redis keeps hot pastes, Kafka carries view events and "
        "random base62 codes are assigned by the write servers."
    )
    report = grade({2: text}, RUBRIC, LEXICON)
    states = {c.key: c.state for s in report.steps for c in s.checkpoints}
    assert sum(state == "met" for state in states.values()) == 3
    assert states["codes"] == "met"  # the heaviest claims the sentence first
    assert states["lb"] == "named"


@pytest.mark.parametrize(
    "text",
    [
        "```\nRedis keeps the hot pastes in memory\n```",
        "    # Redis keeps the hot pastes in memory",
        "See [the docs](https://redis.io/docs/latest/develop/use/patterns/caching/) for more.",
        "![Redis keeps the hot pastes](https://example.com/redis.png)",
        "## Redis caching of hot pastes",
        "Call `cache_hot_pastes(redis=True)` from the handler.",
    ],
)
def test_code_urls_link_targets_images_and_headings_are_never_evidence(text):
    assert state({2: text}, "cache") in ("missed", "named")


def test_a_link_text_is_prose():
    assert state({2: "Hot pastes sit in [a Redis cache](https://redis.io/) in front of the database."}, "cache") == (
        "met"
    )


def test_a_question_to_the_interviewer_is_not_evidence():
    assert state({2: "Do we need a cache for the hot pastes at all?"}, "cache") == "named"


def test_putting_it_off_is_half_except_in_the_scaling_step():
    assert state({2: "We can add a Redis cache later if reads grow."}, "cache") == "deferred"
    assert state({4: "Later, shard the metadata table by short code."}, "shard") == "met"


def test_levels_say_how_far_a_step_reaches():
    answers = {4: "Shard the rows by code. Add read replicas; their replication lag is under a second."}
    report = grade(answers, RUBRIC, LEXICON)
    assert report.steps[3].level == "senior"
    answers[4] += " We avoid hot keys by spreading the viral codes over ten cache nodes."
    assert grade(answers, RUBRIC, LEXICON).steps[3].level == "staff"


def test_the_score_is_a_whole_number_with_a_band_and_points():
    report = grade({2: "Redis keeps the hot pastes in memory."}, RUBRIC, LEXICON)
    assert isinstance(report.score, int)
    assert report.band == "off target"
    assert report.points == f"2 of {sum(c.weight for c in CHECKPOINTS)}"


def test_highlights_point_at_the_words_that_carried_the_state():
    text = "Put Redis in front of the database. We do not use a message queue."
    report = grade({2: text}, RUBRIC, LEXICON)
    spans = {(text[s.start : s.end], s.kind) for s in highlight_spans(report)[2]}
    assert ("Redis", "met") in spans
    assert ("message queue", "contradicted") in spans


def test_british_and_american_spellings_and_joined_words_agree():
    lexicon = Lexicon.build([Concept("fan-out", "Fan-out", terms=("fan out",)),
                             Concept("normalise", "Normalization", terms=("normalization",))])  # fmt: skip
    rubric = Rubric((Checkpoint("f", 2, "Fans out", 1, concepts=("fan-out", "normalise")),))
    for text in ("The write path does a fanout to followers.", "Fan-out happens on write.",
                 "We keep the tables in normalisation form three."):  # fmt: skip
        assert grade({2: text}, rubric, lexicon).steps[1].checkpoints[0].state == "met", text


def test_the_same_answer_always_gets_the_same_report():
    answer = {1: "4 writes per second", 2: "Redis and an LB in front.", 4: "shard it by code"}
    assert grade(answer, RUBRIC, LEXICON).to_dict() == grade(dict(answer), RUBRIC, LEXICON).to_dict()


words = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=200)


@settings(max_examples=100, deadline=None)
@given(answer=st.dictionaries(st.sampled_from([1, 2, 3, 4]), words))
def test_grading_is_deterministic_and_never_fails(answer):
    assert grade(answer, RUBRIC, LEXICON).to_dict() == grade(answer, RUBRIC, LEXICON).to_dict()


def test_at_least_once_is_one_name_though_once_can_start_a_clause():
    from questions.engine.prose import read

    lexicon = Lexicon.build([Concept("at-least-once", "At-least-once delivery", terms=("at least once",))])
    found = lexicon.mentions(read("Delivery is at least once, so the client dedupes by message id."))
    assert [m.concept for m in found] == ["at-least-once"]


def test_big_o_notation_and_http_calls_in_code_are_read():
    from questions.engine.prose import prose_mask

    assert prose_mask("Both are O(1) here.") == "Both are O 1  here."
    assert prose_mask("Call `POST /pastes` to create one.").split() == ["Call", "POST", "to", "create", "one."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Adding a message queue would only introduce delays we cannot afford here.",
        "A message queue would add another cluster to run and extra latency on every write.",
        "Calling the workers directly is simpler than a message queue for this volume.",
    ],
)
def test_an_argument_against_a_concept_turns_it_down(sentence):
    assert state({2: sentence}, "queue") == "contradicted"


def test_a_concept_that_would_add_capacity_is_taken():
    assert state({2: "A message queue would add a buffer that absorbs bursts of view events."}, "queue") == "met"


def test_the_lead_of_a_list_explains_what_the_list_is_but_its_items_are_only_named():
    assert state({2: "Caching: Redis, Memcached, CDN, browser."}, "cache") == "met"
    assert state({2: "Parts: load balancer, cache, queue, shards."}, "lb") == "named"


def test_a_concept_whose_cost_is_the_point_is_turned_down():
    assert state({2: "A message queue adds a lot of complexity for little benefit here."}, "queue") == "contradicted"
    assert state({2: "A message queue adds a buffer between the web tier and the workers."}, "queue") == "met"


def test_figures_are_what_an_estimate_sentence_says():
    assert state({4: "Read replicas: 3 or 4."}, "replicas") == "partly"  # the figures say something
    assert state({4: "Read replicas: some or all."}, "replicas") == "named"


def test_a_name_may_hold_a_word_that_would_start_a_clause_but_never_spans_punctuation():
    from questions.engine.prose import read

    lexicon = Lexicon.build([Concept("delta", "Changes since a cursor", terms=("changes since",))])
    assert [m.concept for m in lexicon.mentions(read("The client asks for changes since its cursor."))] == ["delta"]
    assert lexicon.mentions(read("It lists changes, since the cursor moved.")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "We do not need a search or message queue here.",
        "Calling workers is simpler than running a million message queue consumers.",
        "We avoid the complexity of a message queue.",
    ],
)
def test_a_negation_reaches_past_a_pair_a_count_or_a_cost(sentence):
    assert state({2: sentence}, "queue") == "contradicted"


def test_a_negation_of_something_else_in_a_pair_does_not_reach_a_later_concept():
    assert state({2: "We must not lose data, so a message queue buffers every view."}, "queue") == "met"


@pytest.mark.parametrize("sentence", ["Shard by customer.", "Shard on `user_id`.", "Then shard on user_id."])
def test_a_terse_claim_relating_a_concept_to_something_is_explained(sentence):
    assert state({4: sentence}, "shard") == "met"


def test_a_bare_term_is_still_only_named():
    assert state({4: "Sharding."}, "shard") == "named"
