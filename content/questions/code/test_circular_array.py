from collections import deque

import pytest
from circular_array import BufferFullError, CircularArray, WhenFull


def wrapped(capacity: int = 4) -> CircularArray[int]:
    """A buffer whose items straddle the end of the slot list."""
    ring = CircularArray[int](capacity)
    for n in range(capacity):
        ring.append(n)
    ring.popleft()
    ring.popleft()
    ring.append(capacity)
    return ring  # logical [2, 3, 4], head at slot 2, last item in slot 0


def test_items_come_back_in_the_order_they_were_appended():
    ring = CircularArray(3, items=[1, 2, 3])
    assert list(ring) == [1, 2, 3]
    assert len(ring) == 3


def test_appendleft_and_pop_work_at_both_ends():
    ring = CircularArray[str](4)
    ring.append("b")
    ring.appendleft("a")
    ring.append("c")
    assert list(ring) == ["a", "b", "c"]
    assert ring.pop() == "c"
    assert ring.popleft() == "a"
    assert list(ring) == ["b"]


def test_indexing_is_relative_to_the_logical_start_even_after_wrapping():
    ring = wrapped()
    assert [ring[0], ring[1], ring[2]] == [2, 3, 4]
    assert ring[-1] == 4


def test_an_index_past_the_end_raises_index_error():
    ring = wrapped()
    with pytest.raises(IndexError):
        ring[3]
    with pytest.raises(IndexError):
        ring[-4]


def test_setting_an_item_replaces_it_in_place():
    ring = wrapped()
    ring[-1] = 40
    assert list(ring) == [2, 3, 40]


def test_popping_an_empty_buffer_raises_index_error():
    ring = CircularArray[int](2)
    with pytest.raises(IndexError):
        ring.pop()
    with pytest.raises(IndexError):
        ring.popleft()


def test_a_full_buffer_refuses_new_items_by_default():
    ring = CircularArray(2, items=[1, 2])
    assert ring.is_full
    with pytest.raises(BufferFullError):
        ring.append(3)
    with pytest.raises(BufferFullError):
        ring.appendleft(0)


def test_the_overwrite_policy_keeps_only_the_latest_items():
    ring = CircularArray(3, WhenFull.OVERWRITE, items=range(1, 6))
    assert list(ring) == [3, 4, 5]
    ring.appendleft(0)
    assert list(ring) == [0, 3, 4]


def test_the_grow_policy_doubles_capacity_and_keeps_the_order():
    ring = wrapped()
    ring.when_full = WhenFull.GROW
    ring.append(5)
    ring.append(6)
    assert ring.capacity == 8
    assert list(ring) == [2, 3, 4, 5, 6]


def test_rotating_a_full_buffer_moves_items_right_and_left():
    ring = CircularArray(5, items=[1, 2, 3, 4, 5])
    ring.rotate(2)
    assert list(ring) == [4, 5, 1, 2, 3]
    ring.rotate(-3)
    assert list(ring) == [2, 3, 4, 5, 1]


def test_rotating_a_partly_filled_buffer_matches_a_deque():
    for steps in range(-7, 8):
        ring = CircularArray(8, items=[1, 2, 3, 4, 5])
        reference = deque([1, 2, 3, 4, 5])
        ring.rotate(steps)
        reference.rotate(steps)
        assert list(ring) == list(reference), steps


def test_changing_the_buffer_while_iterating_is_detected():
    ring = CircularArray(4, items=[1, 2, 3])
    iterator = iter(ring)
    next(iterator)
    ring.append(4)
    with pytest.raises(RuntimeError):
        next(iterator)


def test_clear_empties_the_buffer_but_keeps_its_capacity():
    ring = wrapped()
    ring.clear()
    assert len(ring) == 0
    assert ring.capacity == 4
    ring.append(9)
    assert ring[0] == 9


def test_a_capacity_below_one_is_rejected():
    with pytest.raises(ValueError, match="capacity"):
        CircularArray(0)
