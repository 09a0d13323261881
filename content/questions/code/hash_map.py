"""A hash map built on separate chaining, with resizing at a load factor.

Each slot of the bucket array holds a short list of entries whose keys hashed to that
slot. A lookup hashes the key, picks the bucket and scans it. When the number of entries
divided by the number of buckets passes the maximum load factor, the bucket array doubles
and every entry is rehashed into the new array, which keeps the chains short and the
expected cost of get, put and remove constant.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass

_MISSING = object()


@dataclass(slots=True)
class Entry[K: Hashable, V]:
    """One key-value pair stored in a bucket, with the key's hash cached."""

    key: K
    value: V
    hash: int


class HashMap[K: Hashable, V]:
    """A mutable mapping from hashable keys to values using separate chaining."""

    DEFAULT_CAPACITY = 8
    MAX_LOAD_FACTOR = 0.75
    MIN_LOAD_FACTOR = 0.1

    def __init__(self, capacity: int = DEFAULT_CAPACITY, max_load_factor: float = MAX_LOAD_FACTOR) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        if not 0 < max_load_factor <= 1:
            raise ValueError("max_load_factor must be in (0, 1]")
        self._buckets: list[list[Entry[K, V]]] = [[] for _ in range(capacity)]
        self._size = 0
        self._max_load_factor = max_load_factor
        self._initial_capacity = capacity
        # Bumped on every structural change so iterators can detect concurrent modification.
        self._version = 0

    # -- public API ---------------------------------------------------------------

    def put(self, key: K, value: V) -> None:
        """Insert the key or overwrite its value. Expected O(1), amortised over resizes."""
        key_hash = hash(key)
        bucket = self._bucket_for(key_hash)
        for entry in bucket:
            if entry.hash == key_hash and entry.key == key:
                entry.value = value
                return
        bucket.append(Entry(key, value, key_hash))
        self._size += 1
        self._version += 1
        if self.load_factor > self._max_load_factor:
            self._resize(len(self._buckets) * 2)

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the key's value, or ``default`` when it is absent. Expected O(1)."""
        entry = self._find(key)
        return default if entry is None else entry.value

    def remove(self, key: K) -> V:
        """Delete the key and return its value; raise KeyError when it is absent."""
        key_hash = hash(key)
        bucket = self._bucket_for(key_hash)
        for index, entry in enumerate(bucket):
            if entry.hash == key_hash and entry.key == key:
                # Order within a chain does not matter, so swap with the last and pop: O(1).
                bucket[index] = bucket[-1]
                bucket.pop()
                self._size -= 1
                self._version += 1
                self._maybe_shrink()
                return entry.value
        raise KeyError(key)

    def items(self) -> Iterator[tuple[K, V]]:
        """Yield (key, value) pairs; raise RuntimeError if the map changes meanwhile."""
        version = self._version
        for bucket in self._buckets:
            for entry in bucket:
                if self._version != version:
                    raise RuntimeError("HashMap changed size during iteration")
                yield entry.key, entry.value
        if self._version != version:
            raise RuntimeError("HashMap changed size during iteration")

    def keys(self) -> Iterator[K]:
        return (key for key, _ in self.items())

    def values(self) -> Iterator[V]:
        return (value for _, value in self.items())

    @property
    def capacity(self) -> int:
        """The number of buckets currently allocated."""
        return len(self._buckets)

    @property
    def load_factor(self) -> float:
        return self._size / len(self._buckets)

    # -- Python protocols ------------------------------------------------------

    def __len__(self) -> int:
        return self._size

    def __contains__(self, key: object) -> bool:
        return self._find(key) is not None  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[K]:
        return self.keys()

    def __getitem__(self, key: K) -> V:
        value = self.get(key, _MISSING)  # type: ignore[arg-type]
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[return-value]

    def __setitem__(self, key: K, value: V) -> None:
        self.put(key, value)

    def __delitem__(self, key: K) -> None:
        self.remove(key)

    def __repr__(self) -> str:
        body = ", ".join(f"{key!r}: {value!r}" for key, value in self.items())
        return f"HashMap({{{body}}})"

    # -- internals ---------------------------------------------------------------

    def _bucket_for(self, key_hash: int) -> list[Entry[K, V]]:
        return self._buckets[key_hash % len(self._buckets)]

    def _find(self, key: K) -> Entry[K, V] | None:
        key_hash = hash(key)
        for entry in self._bucket_for(key_hash):
            if entry.hash == key_hash and entry.key == key:
                return entry
        return None

    def _resize(self, new_capacity: int) -> None:
        """Rehash every entry into a new bucket array: O(n), rare enough to amortise."""
        old_buckets = self._buckets
        self._buckets = [[] for _ in range(new_capacity)]
        for bucket in old_buckets:
            for entry in bucket:
                # The cached hash saves calling __hash__ again on every key.
                self._buckets[entry.hash % new_capacity].append(entry)
        self._version += 1

    def _maybe_shrink(self) -> None:
        """Halve the table when it is mostly empty, never below the initial capacity."""
        half = len(self._buckets) // 2
        if half >= self._initial_capacity and self.load_factor < self.MIN_LOAD_FACTOR:
            self._resize(half)
