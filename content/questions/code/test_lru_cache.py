import pytest
from lru_cache import LRUCache


def test_a_stored_value_can_be_read_back():
    cache = LRUCache[str, int](2)
    cache.put("a", 1)
    assert cache.get("a") == 1


def test_a_missing_key_returns_the_default_and_counts_as_a_miss():
    cache = LRUCache[str, int](2)
    assert cache.get("ghost") is None
    assert cache.get("ghost", -1) == -1
    assert cache.stats.misses == 2


def test_the_least_recently_used_entry_is_evicted_first():
    cache = LRUCache[str, int](2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    assert "a" not in cache
    assert cache.keys() == ["c", "b"]


def test_reading_a_key_protects_it_from_eviction():
    cache = LRUCache[str, int](2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)
    assert "a" in cache
    assert "b" not in cache


def test_updating_a_key_refreshes_it_without_evicting_anything():
    cache = LRUCache[str, int](2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    assert len(cache) == 2
    assert cache.stats.evictions == 0
    cache.put("c", 3)
    assert cache.peek("a") == 10
    assert "b" not in cache


def test_peek_does_not_change_the_recency_order():
    cache = LRUCache[str, int](2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.peek("a") == 1
    cache.put("c", 3)
    assert "a" not in cache


def test_the_size_never_exceeds_the_capacity():
    cache = LRUCache[int, int](3)
    for number in range(100):
        cache.put(number, number)
        assert len(cache) <= 3
    assert cache.keys() == [99, 98, 97]


def test_the_eviction_callback_receives_the_evicted_entry():
    evicted: list[tuple[str, int]] = []
    cache = LRUCache[str, int](1, on_evict=lambda key, value: evicted.append((key, value)))
    cache.put("a", 1)
    cache.put("b", 2)
    assert evicted == [("a", 1)]


def test_deleting_a_key_frees_its_slot_without_counting_an_eviction():
    cache = LRUCache[str, int](2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.delete("a") is True
    assert cache.delete("a") is False
    cache.put("c", 3)
    assert cache.keys() == ["c", "b"]
    assert cache.stats.evictions == 0


def test_shrinking_the_capacity_evicts_the_oldest_entries():
    cache = LRUCache[str, int](3)
    for key in "abc":
        cache.put(key, 0)
    cache.resize(1)
    assert cache.keys() == ["c"]
    assert cache.stats.evictions == 2


def test_hit_ratio_reflects_hits_and_misses():
    cache = LRUCache[str, int](2)
    cache.put("a", 1)
    cache.get("a")
    cache.get("a")
    cache.get("b")
    assert cache.stats.hit_ratio == pytest.approx(2 / 3)


def test_clearing_empties_the_cache_and_it_remains_usable():
    cache = LRUCache[str, int](2)
    cache.put("a", 1)
    cache.clear()
    assert len(cache) == 0
    cache.put("b", 2)
    assert cache.keys() == ["b"]


def test_a_capacity_below_one_is_rejected():
    with pytest.raises(ValueError, match="at least 1"):
        LRUCache(0)
