"""Reading quantities out of prose: the table of forms the engine must understand."""

import pytest

from questions.engine.numbers import parse_quantities, parse_reference

MONTH = 2_592_000


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("40/s", "rate", 40),
        ("40 req/sec", "rate", 40),
        ("~400 reads per second", "rate", 400),
        ("1,000 QPS", "rate", 1000),
        ("2k rps", "rate", 2000),
        ("10 million new pastes per month", "rate", 10e6 / MONTH),
        ("1 billion pages a month", "rate", 1e9 / MONTH),
        ("4e7", "count", 4e7),
        ("4 x 10^7", "count", 4e7),
        ("1.2 million", "count", 1.2e6),
        ("5M users", "count", 5e6),
        ("4B users", "count", 4e9),
        ("12.7 GB", "size", 12.7e9),
        ("3.6 TB", "size", 3.6e12),
        ("40 B", "size", 40),
        ("450GB in 3 years", "size", 450e9),
        ("1 KiB", "size", 1024),
        ("2 PB/month", "throughput", 2e15 / MONTH),
        ("10 MB/s", "throughput", 10e6),
        ("12 GB per day", "throughput", 12e9 / 86_400),
        ("100 Mbps", "throughput", 100e6 / 8),
        ("1 Gbit/s", "throughput", 1e9 / 8),
        ("10 Mb/s", "throughput", 10e6 / 8),
        ("2 megabits", "size", 2e6 / 8),
        ("5 Mb", "size", 5e6 / 8),
        ("5 MB", "size", 5e6),
        ("5mb", "size", 5e6),
        ("3 Gbps", "throughput", 3e9 / 8),
        ("10 gigabits per second", "throughput", 10e9 / 8),
        ("10 years", "duration", 10 * 31_536_000),
        ("200 ms", "duration", 0.2),
        ("20%", "count", 0.2),
    ],
)
def test_each_form_is_read_with_its_kind_and_base_value(text, kind, value):
    quantity = parse_quantities(text)[0]
    assert quantity.kind == kind
    assert quantity.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["keep pastes for 10 years", "a 200 ms budget", "within 30 seconds"])
def test_durations_are_read_as_durations(text):
    [quantity] = parse_quantities(text)
    assert quantity.kind == "duration"


def test_megabits_are_an_eighth_of_megabytes():
    [bits] = parse_quantities("100 Mbps")
    [octets] = parse_quantities("100 MB/s")
    assert octets.value == pytest.approx(8 * bits.value)


def test_several_numbers_in_a_sentence_keep_their_positions():
    text = "About 100 million users make 40 writes/s and store 2 TB."
    found = parse_quantities(text)
    assert [q.kind for q in found] == ["count", "rate", "size"]
    assert [text[q.start : q.end] for q in found] == ["100 million", "40 writes/s", "2 TB"]


@pytest.mark.parametrize(
    ("value", "unit", "kind", "base"),
    [
        (4, "req/s", "rate", 4),
        (5, "writes/s", "rate", 5),
        (3.6, "TB", "size", 3.6e12),
        (40, "GB/month", "throughput", 40e9 / MONTH),
        (100, "", "count", 100),
        (10, "/month", "rate", 10 / MONTH),
        (2, "KB", "size", 2000),
        (10, "years", "duration", 10 * 31_536_000),
        (1, "Gbps", "throughput", 1e9 / 8),
    ],
)
def test_rubric_units_are_understood(value, unit, kind, base):
    quantity = parse_reference(value, unit)
    assert (quantity.kind, quantity.value) == (kind, pytest.approx(base))


def test_an_unknown_rubric_unit_is_refused():
    with pytest.raises(ValueError, match="not understood"):
        parse_reference(4, "furlongs/fortnight")


def test_durations_written_out_in_words_are_durations():
    (one,) = parse_quantities("under 1 millisecond")
    assert one.dims == (0, 1)
    assert one.value == pytest.approx(0.001)
    (two,) = parse_quantities("about 250 microseconds")
    assert two.value == pytest.approx(250e-6)
