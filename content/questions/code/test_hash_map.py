import pytest
from hash_map import HashMap


class CollidingKey:
    """A key whose hash is always the same, to force every entry into one chain."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __hash__(self) -> int:
        return 42

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CollidingKey) and other.name == self.name


def test_a_value_put_under_a_key_can_be_read_back():
    table = HashMap[str, int]()
    table.put("apple", 1)
    assert table.get("apple") == 1
    assert len(table) == 1


def test_getting_a_missing_key_returns_the_default():
    table = HashMap[str, int]()
    assert table.get("missing") is None
    assert table.get("missing", 7) == 7


def test_putting_an_existing_key_overwrites_without_growing():
    table = HashMap[str, int]()
    table.put("apple", 1)
    table.put("apple", 2)
    assert table["apple"] == 2
    assert len(table) == 1


def test_removing_a_key_returns_its_value_and_forgets_it():
    table = HashMap[str, int]()
    table["apple"] = 1
    assert table.remove("apple") == 1
    assert "apple" not in table
    assert len(table) == 0


def test_removing_or_indexing_a_missing_key_raises_key_error():
    table = HashMap[str, int]()
    with pytest.raises(KeyError):
        table.remove("ghost")
    with pytest.raises(KeyError):
        _ = table["ghost"]


def test_the_table_doubles_when_the_load_factor_passes_the_limit():
    table = HashMap[int, int](capacity=4, max_load_factor=0.75)
    for number in range(3):
        table.put(number, number)
    assert table.capacity == 4
    table.put(3, 3)
    assert table.capacity == 8
    assert table.load_factor <= 0.75


def test_every_entry_survives_many_resizes():
    table = HashMap[int, str]()
    for number in range(1000):
        table.put(number, str(number))
    assert len(table) == 1000
    assert all(table.get(number) == str(number) for number in range(1000))


def test_colliding_keys_are_kept_apart_in_one_chain():
    table = HashMap[CollidingKey, int]()
    table.put(CollidingKey("a"), 1)
    table.put(CollidingKey("b"), 2)
    assert table.get(CollidingKey("a")) == 1
    assert table.get(CollidingKey("b")) == 2
    assert table.remove(CollidingKey("a")) == 1
    assert table.get(CollidingKey("b")) == 2


def test_iteration_yields_every_key_and_item_once():
    table = HashMap[str, int]()
    expected = {"a": 1, "b": 2, "c": 3}
    for key, value in expected.items():
        table.put(key, value)
    assert sorted(table) == ["a", "b", "c"]
    assert dict(table.items()) == expected
    assert sorted(table.values()) == [1, 2, 3]


def test_changing_the_map_while_iterating_raises():
    table = HashMap[str, int]()
    table.put("a", 1)
    table.put("b", 2)
    keys = iter(table)
    table.put(next(keys) + "!", 0)
    with pytest.raises(RuntimeError, match="changed size"):
        next(keys)


def test_the_table_shrinks_after_most_entries_are_removed():
    table = HashMap[int, int](capacity=8)
    for number in range(100):
        table.put(number, number)
    grown = table.capacity
    for number in range(100):
        table.remove(number)
    assert table.capacity < grown
    assert table.capacity >= 8
    assert len(table) == 0


def test_none_can_be_stored_as_a_value():
    table = HashMap[str, None]()
    table["nothing"] = None
    assert "nothing" in table
    assert table["nothing"] is None


def test_an_invalid_capacity_or_load_factor_is_rejected():
    with pytest.raises(ValueError, match="capacity"):
        HashMap(capacity=0)
    with pytest.raises(ValueError, match="max_load_factor"):
        HashMap(max_load_factor=1.5)
