"""Grading: phrases with synonyms, inflections and negation; numbers with verdicts; scores."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questions.engine import Checkpoint, ReferenceNumber, grade

CACHE = Checkpoint("cache", 2, "Puts a memory cache in front of the database", ("memory cache", "cache reads"), 2)
LB = Checkpoint("lb", 2, "Load-balances the web tier", ("load balancer",), 1)
SHARD = Checkpoint("shard", 4, "Shards the data", ("shard", "partition the data"), 3)
WRITES = ReferenceNumber("writes", 1, "Writes per second", 4, "req/s", 50, ("write",))
STORAGE = ReferenceNumber("storage", 1, "Storage over ten years", 3.6, "TB", 50, ("storage", "store"))
RUBRIC = ([CACHE, LB, SHARD], [WRITES, STORAGE])


def run(**answers):
    return grade({int(k[-1]): v for k, v in answers.items()}, *RUBRIC)


def result(report, key):
    for step in report.steps:
        for item in [*step.checkpoints, *step.numbers]:
            if item.key == key:
                return item
    raise KeyError(key)


@pytest.mark.parametrize(
    "text",
    [
        "Put Redis in front of the SQL database.",
        "We add a Memcached tier.",
        "An in-memory cache absorbs most reads.",
        "Cache reads for popular pastes.",
    ],
)
def test_synonyms_of_a_memory_cache_count(text):
    assert result(run(step2=text), "cache").hit


@pytest.mark.parametrize("text", ["An LB spreads traffic.", "Two load-balancers", "Load Balancers!"])
def test_abbreviations_hyphens_case_and_plurals_count(text):
    assert result(run(step2=text), "lb").hit


@pytest.mark.parametrize("text", ["We shard by user.", "Sharding by user ID", "The data is sharded."])
def test_inflections_count(text):
    assert result(run(step4=text), "shard").hit


@pytest.mark.parametrize(
    "text", ["No cache: the data changes too often.", "We do not need Redis here.", "Without a Memcached tier."]
)
def test_a_negated_phrase_does_not_count(text):
    assert not result(run(step2=text), "cache").hit


def test_a_phrase_counts_when_it_also_appears_without_negation():
    check = result(run(step2="No Memcached at first. Later, add Redis for hot keys."), "cache")
    assert check.hit
    assert check.sentence == "Later, add Redis for hot keys."


def test_a_phrase_only_counts_in_its_own_step():
    assert not result(run(step4="Use Redis."), "cache").hit


def test_the_evidence_points_at_the_matched_words():
    text = "Reads are heavy. Put Redis in front."
    check = result(run(step2=text), "cache")
    assert text[check.start : check.end] == "Redis"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("about 4 writes per second", "ok"),
        ("~5 writes/s", "ok"),
        ("40 writes/s", "off_10x"),
        ("0.4 writes per second", "off_10x"),
        ("4,000 writes per second", "off_1000x"),
        ("12 writes per second", "off"),
        ("we store 3.6 TB", "missing"),
    ],
)
def test_a_number_gets_a_verdict(text, verdict):
    assert result(run(step1=text), "writes").verdict == verdict


def test_units_are_normalised_before_judging():
    assert result(run(step1="10 million writes per month"), "writes").verdict == "ok"  # 3.9/s
    assert result(run(step1="Storage: 3,600 GB in ten years"), "storage").verdict == "ok"
    assert result(run(step1="Storage: 3.6 GB"), "storage").verdict == "off_1000x"


def test_keywords_pick_the_right_number_among_several():
    report = run(step1="Reads: 400 per second. Writes: 4 per second.")
    writes = result(report, "writes")
    assert writes.found == "4 per second"
    assert writes.verdict == "ok"


def test_scores_are_weighted_per_step_and_overall():
    report = run(step1="4 writes per second; storage 3.6 TB", step2="Redis", step4="")
    by_step = {step.step: step for step in report.steps}
    assert by_step[1].score == 100.0
    assert by_step[2].score == pytest.approx(100 * 2 / 3, abs=0.1)
    assert by_step[4].score == 0.0
    assert report.score == pytest.approx(100 * (4 + 2) / (4 + 3 + 3), abs=0.1)


def test_the_same_answer_always_gets_the_same_report():
    answer = {1: "4 writes per second, 3.6 TB", 2: "Redis and an LB", 4: "shard it"}
    assert grade(answer, *RUBRIC).to_dict() == grade(dict(answer), *RUBRIC).to_dict()


words = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=200)


@settings(max_examples=200, deadline=None)
@given(base=words, extra=words, step=st.sampled_from([1, 2, 3, 4]))
def test_adding_text_never_removes_a_hit(base, extra, step):
    before = grade({step: base}, *RUBRIC)
    after = grade({step: base + "\n" + extra}, *RUBRIC)
    hits_before = {c.key for s in before.steps for c in s.checkpoints if c.hit}
    hits_after = {c.key for s in after.steps for c in s.checkpoints if c.hit}
    assert hits_before <= hits_after


@settings(max_examples=100, deadline=None)
@given(answer=st.dictionaries(st.sampled_from([1, 2, 3, 4]), words))
def test_grading_is_deterministic(answer):
    assert grade(answer, *RUBRIC).to_dict() == grade(answer, *RUBRIC).to_dict()
