"""What a report shows beside the grade: word diffs grouped like git's, and a score chart with dates."""

from datetime import UTC, datetime, timedelta

import pytest

from progress.models import Attempt
from progress.reports import LABELLED, score_chart, word_diff


def test_a_reworded_phrase_is_one_removed_run_then_one_added_run():
    before = "The code is MD5 of client IP + timestamp, base62 characters."
    after = "The code is 7 random base62 characters."
    # git diff --word-diff: The code is [-MD5 of client IP + timestamp,-]{+7 random+} base62 characters.
    assert word_diff(before, after) == (
        "The code is <del>MD5 of client IP + timestamp,</del><ins>7 random</ins> base62 characters."
    )


def test_small_words_the_two_wordings_share_do_not_cut_a_change_into_scraps():
    before = "Writes go to a queue of jobs and a worker pool drains it."
    after = "Writes go straight to the primary database, which is enough at 4 per second."
    html = str(word_diff(before, after))
    assert html.count("<del>") == 1
    assert html.count("<ins>") == 1
    assert html.startswith("Writes go <del>to a queue of jobs and a worker pool drains it.</del><ins>straight to")


def test_a_word_added_or_removed_alone_is_marked_alone():
    assert word_diff("A list of the hot pastes.", "A Redis list of the hot pastes.") == (
        "A <ins>Redis</ins> list of the hot pastes."
    )
    assert word_diff("Shard by user id now.", "Shard by user id.") == "Shard by user <del>id now.</del><ins>id.</ins>"
    assert word_diff("", "New text.") == "<ins>New text.</ins>"
    assert word_diff("Old text.", "") == "<del>Old text.</del>"


def test_line_breaks_are_kept_and_words_are_escaped():
    html = str(word_diff("First line.\n\n<b>bold</b> words", "First line.\n\n<i>bold</i> words"))
    assert html == "First line.\n\n<del>&lt;b&gt;bold&lt;/b&gt;</del><ins>&lt;i&gt;bold&lt;/i&gt;</ins> words"


def attempts(count: int, *, same_day: bool = False) -> list[Attempt]:
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    return [
        Attempt(
            pk=n + 1, score=10.0 * n, submitted_at=start + (timedelta(minutes=n) if same_day else timedelta(days=n))
        )
        for n in range(count)
    ]


def test_each_point_of_the_chart_carries_its_date_and_at_most_six_are_written_under_it():
    chart = score_chart(attempts(10))
    assert [p["when"].day for p in chart["points"]] == list(range(1, 11))
    labelled = [p for p in chart["points"] if p["labelled"]]
    assert len(labelled) <= LABELLED
    assert labelled[0] is chart["points"][0]
    assert labelled[-1] is chart["points"][-1]
    assert chart["date_format"] == "j M"
    assert len(chart["segments"]) == 9
    assert chart["points"][0]["x"] == chart["left"]
    assert chart["points"][-1]["x"] == chart["right"]


def test_attempts_on_one_day_are_told_apart_by_their_time():
    assert score_chart(attempts(3, same_day=True))["date_format"] == "j M H:i"


@pytest.mark.parametrize("count", [0, 1])
def test_a_chart_of_one_attempt_or_none_draws_no_line(count):
    chart = score_chart(attempts(count))
    assert len(chart["points"]) == count
    assert chart.get("segments", []) == []
