"""Estimates judged like arithmetic: the learner's own figures, the real factor of a slip, no restating."""

import pytest

from questions.engine.estimates import Estimate, FormulaError, Given, evaluate, factor_text, reference_value
from questions.engine.grade import Rubric, grade
from questions.engine.lexicon import Lexicon

GIVENS = (
    Given("pastes", "New pastes per month", 10_000_000, "/month", ("paste", "write", "new")),
    Given("paste_size", "Average paste size", 2, "KB", ("paste", "size", "average", "each")),
    Given("years", "Retention", 10, "years", ("retention", "kept", "keep", "years")),
)
WRITES = Estimate("writes", 1, "Writes per second", "req/s", "pastes", ("write", "paste", "create"))
STORAGE = Estimate("storage", 1, "New storage per month", "GB/month", "pastes * paste_size", ("storage", "month"))
TOTAL = Estimate("total", 1, "Storage over the retention", "TB", "pastes * paste_size * years", ("total", "storage"))
BANDWIDTH = Estimate("bandwidth", 1, "Write bandwidth", "KB/s", "pastes * paste_size", ("bandwidth", "ingress"))
RUBRIC = Rubric((), (WRITES, STORAGE, TOTAL, BANDWIDTH), GIVENS)
EMPTY = Lexicon.build([])


def judged(text: str, key: str):
    report = grade({1: text}, RUBRIC, EMPTY)
    return next(n for n in report.steps[0].numbers if n.key == key)


def test_reference_values_come_from_the_prompts_figures():
    assert reference_value(WRITES, GIVENS) == pytest.approx(3.86, abs=0.01)
    assert reference_value(STORAGE, GIVENS) == pytest.approx(20)
    assert reference_value(TOTAL, GIVENS) == pytest.approx(2.43, abs=0.01)


def test_a_formula_of_the_wrong_kind_for_its_unit_is_refused():
    with pytest.raises(FormulaError, match="gives a throughput, but the unit 'TB' is a size"):
        reference_value(Estimate("x", 1, "x", "TB", "pastes * paste_size"), GIVENS)
    with pytest.raises(FormulaError, match="not a given"):
        evaluate("pastes * nothing", {"pastes": (1.0, (0, -1))})
    with pytest.raises(FormulaError, match="only givens, numbers"):
        evaluate("__import__('os')", {})


def test_a_right_result_is_ok():
    number = judged("10 million pastes a month is about 4 writes per second.", "writes")
    assert (number.verdict, number.found) == ("ok", "4 writes per second")


def test_restating_the_prompt_is_not_an_estimate():
    assert judged("We expect 10 million new pastes per month.", "writes").verdict == "missing"


def test_a_conversion_to_another_period_is_an_estimate():
    assert judged("That is about 330 thousand new pastes a day.", "writes").verdict == "ok"


def test_the_learners_own_figure_is_used_and_named():
    number = judged("Assume each paste is 1 KB on average, so new storage is 10 GB per month.", "storage")
    assert number.verdict == "own_inputs"
    assert number.credit == 1.0
    assert [(i.key, i.yours) for i in number.changed_inputs] == [("paste_size", "1 KB")]
    assert number.from_yours == pytest.approx(10)


def test_a_slip_gets_its_real_factor_and_a_likely_cause():
    number = judged("10 million pastes a month / 86,400 s = 115 writes per second.", "writes")
    assert number.verdict == "slip"
    assert number.slip == "30x high"
    assert "2.6 million seconds" in number.hint


def test_five_times_off_is_five_times_not_about_ten():
    assert judged("About 20 writes per second.", "writes").slip == "5x high"


def test_bits_and_bytes():
    number = judged("Write bandwidth is about 60 Kbps.", "bandwidth")  # 7.5 KB/s against 7.7 KB/s
    assert number.verdict == "ok"
    slip = judged("Write bandwidth is about 0.5 Mbps.", "bandwidth")  # 62.5 KB/s: the bits were bytes
    assert slip.verdict == "slip"
    assert slip.hint == "a byte is 8 bits"


def test_a_number_is_compared_only_with_an_estimate_of_the_same_meaning():
    # 20 GB a month is the storage estimate; it must not be judged as the write bandwidth.
    text = "New storage is 20 GB per month."
    assert judged(text, "storage").verdict == "ok"
    assert judged(text, "bandwidth").verdict == "missing"


def test_the_learners_own_retention_is_used_for_the_total():
    number = judged("Keep pastes 5 years: 20 GB per month x 60 months = 1.2 TB of total storage.", "total")
    assert number.verdict == "own_inputs"
    assert [i.yours for i in number.changed_inputs] == ["5 years"]


@pytest.mark.parametrize(
    ("factor", "text"), [(5, "5x high"), (0.2, "5x low"), (1.6, "1.6x high"), (1234, "1,200x high")]
)
def test_factor_text(factor, text):
    assert factor_text(factor) == text


def test_a_figure_named_as_another_estimate_is_not_taken_for_this_one():
    reads = Estimate("reads", 1, "Reads per second", "req/s", "pastes * 10", ("read", "paste"))
    rubric = Rubric((), (WRITES, reads), GIVENS)
    report = grade({1: "That is about 40 paste writes per second."}, rubric, EMPTY)
    verdicts = {n.key: n.verdict for n in report.steps[0].numbers}
    assert verdicts["reads"] == "missing"  # "writes" names the other estimate, and "paste" is shared
