"""A least recently used (LRU) cache with O(1) get and put.

A dictionary maps each key to its node in a doubly linked list. The list keeps entries in
order of use: the node just after the sentinel is the most recently used, the node just
before it is the least recently used. Every access moves a node to the front in O(1) by
relinking its neighbours, and eviction unlinks the node at the back.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass


class Node[K: Hashable, V]:
    """A list node. The sentinels use the same class with a key and value of None."""

    __slots__ = ("key", "next", "prev", "value")

    def __init__(self, key: K, value: V) -> None:
        self.key = key
        self.value = value
        self.prev: Node[K, V] = self
        self.next: Node[K, V] = self


class LinkedList[K: Hashable, V]:
    """A circular doubly linked list with one sentinel node, so no step checks for None."""

    def __init__(self) -> None:
        self._sentinel: Node[K, V] = Node(None, None)  # type: ignore[arg-type]

    def push_front(self, node: Node[K, V]) -> None:
        first = self._sentinel.next
        node.prev, node.next = self._sentinel, first
        first.prev = node
        self._sentinel.next = node

    @staticmethod
    def unlink(node: Node[K, V]) -> None:
        node.prev.next = node.next
        node.next.prev = node.prev
        node.prev = node.next = node

    def move_to_front(self, node: Node[K, V]) -> None:
        self.unlink(node)
        self.push_front(node)

    def back(self) -> Node[K, V] | None:
        """The least recently used node, or None when the list is empty."""
        last = self._sentinel.prev
        return None if last is self._sentinel else last

    def __iter__(self) -> Iterator[Node[K, V]]:
        node = self._sentinel.next
        while node is not self._sentinel:
            yield node
            node = node.next


@dataclass(slots=True)
class CacheStats:
    hits: int = 0
    misses: int = 0
    evictions: int = 0

    @property
    def hit_ratio(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


class LRUCache[K: Hashable, V]:
    """A fixed-capacity cache that evicts the least recently used entry when full."""

    def __init__(self, capacity: int, on_evict: Callable[[K, V], None] | None = None) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._capacity = capacity
        self._index: dict[K, Node[K, V]] = {}
        self._order: LinkedList[K, V] = LinkedList()
        self._on_evict = on_evict
        self.stats = CacheStats()

    @property
    def capacity(self) -> int:
        return self._capacity

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the value and mark the key most recently used. O(1)."""
        node = self._index.get(key)
        if node is None:
            self.stats.misses += 1
            return default
        self.stats.hits += 1
        self._order.move_to_front(node)
        return node.value

    def peek(self, key: K, default: V | None = None) -> V | None:
        """Return the value without changing its recency or the statistics."""
        node = self._index.get(key)
        return default if node is None else node.value

    def put(self, key: K, value: V) -> None:
        """Insert or update the key, evicting the least recently used entry if full. O(1)."""
        node = self._index.get(key)
        if node is not None:
            node.value = value
            self._order.move_to_front(node)
            return
        if len(self._index) >= self._capacity:
            self._evict()
        node = Node(key, value)
        self._index[key] = node
        self._order.push_front(node)

    def delete(self, key: K) -> bool:
        """Remove the key (an invalidation, not an eviction); return whether it was present."""
        node = self._index.pop(key, None)
        if node is None:
            return False
        self._order.unlink(node)
        return True

    def resize(self, capacity: int) -> None:
        """Change the capacity, evicting from the back until the cache fits."""
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._capacity = capacity
        while len(self._index) > capacity:
            self._evict()

    def clear(self) -> None:
        self._index.clear()
        self._order = LinkedList()

    def keys(self) -> list[K]:
        """Keys from most to least recently used."""
        return [node.key for node in self._order]

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: object) -> bool:
        """Membership test; like peek, it does not count as a use."""
        return key in self._index

    def _evict(self) -> None:
        victim = self._order.back()
        if victim is None:
            return
        self._order.unlink(victim)
        del self._index[victim.key]
        self.stats.evictions += 1
        if self._on_evict is not None:
            self._on_evict(victim.key, victim.value)
