"""A circular array (ring buffer) with O(1) pushes and pops at both ends.

Items live in a fixed list of slots; `_head` is the slot of the logical first item and
`_size` says how many follow it, wrapping round the end of the list. What happens when the
buffer is full is a policy chosen at construction: refuse, overwrite the oldest item, or grow.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import Enum


class WhenFull(Enum):
    """What a push does when every slot is taken."""

    RAISE = "raise"  # refuse the new item: a bounded queue that applies back pressure
    OVERWRITE = "overwrite"  # drop the item at the other end: keep only the latest N
    GROW = "grow"  # double the capacity: amortised O(1), like a dynamic array


class BufferFullError(Exception):
    """Raised by a push into a full buffer whose policy is RAISE."""


class CircularArray[T]:
    """A double-ended ring buffer; index 0 is always the logical start."""

    def __init__(self, capacity: int, when_full: WhenFull = WhenFull.RAISE, items: Iterable[T] = ()) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._slots: list[T | None] = [None] * capacity
        self._head = 0
        self._size = 0
        self._version = 0  # bumped on every change, so iterators can detect one
        self.when_full = when_full
        for item in items:
            self.append(item)

    # Sizes ---------------------------------------------------------------------------

    @property
    def capacity(self) -> int:
        return len(self._slots)

    def __len__(self) -> int:
        return self._size

    @property
    def is_full(self) -> bool:
        return self._size == self.capacity

    # Index arithmetic ----------------------------------------------------------------

    def _physical(self, index: int) -> int:
        """The slot holding logical position `index` (which must already be in range)."""
        return (self._head + index) % self.capacity

    def _checked(self, index: int) -> int:
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("circular array index out of range")
        return self._physical(index)

    def __getitem__(self, index: int) -> T:
        return self._slots[self._checked(index)]  # type: ignore[return-value]

    def __setitem__(self, index: int, value: T) -> None:
        self._slots[self._checked(index)] = value
        self._version += 1

    # Both ends -----------------------------------------------------------------------

    def _make_room(self, at_front: bool) -> None:
        """Apply the full-buffer policy so that one more item fits."""
        if not self.is_full:
            return
        if self.when_full is WhenFull.RAISE:
            raise BufferFullError(f"buffer is full ({self.capacity} items)")
        if self.when_full is WhenFull.GROW:
            self._resize(self.capacity * 2)
        elif at_front:  # OVERWRITE: drop the item at the opposite end
            self.pop()
        else:
            self.popleft()

    def append(self, item: T) -> None:
        """Add to the back: O(1) (amortised O(1) when the buffer grows)."""
        self._make_room(at_front=False)
        self._slots[self._physical(self._size)] = item
        self._size += 1
        self._version += 1

    def appendleft(self, item: T) -> None:
        """Add to the front: O(1) (amortised O(1) when the buffer grows)."""
        self._make_room(at_front=True)
        self._head = (self._head - 1) % self.capacity
        self._slots[self._head] = item
        self._size += 1
        self._version += 1

    def pop(self) -> T:
        """Remove and return the last item: O(1)."""
        if not self._size:
            raise IndexError("pop from an empty circular array")
        slot = self._physical(self._size - 1)
        item, self._slots[slot] = self._slots[slot], None
        self._size -= 1
        self._version += 1
        return item  # type: ignore[return-value]

    def popleft(self) -> T:
        """Remove and return the first item: O(1)."""
        if not self._size:
            raise IndexError("pop from an empty circular array")
        item, self._slots[self._head] = self._slots[self._head], None
        self._head = (self._head + 1) % self.capacity
        self._size -= 1
        self._version += 1
        return item  # type: ignore[return-value]

    # Whole-buffer operations -----------------------------------------------------------

    def rotate(self, steps: int = 1) -> None:
        """Rotate right by `steps` (negative rotates left), as collections.deque does.

        A full buffer only moves its head: O(1). Otherwise the gap of empty slots is in the
        way, so items move one at a time from the nearer end: O(min(k, n - k)).
        """
        if self._size <= 1:
            return
        steps %= self._size
        if self.is_full:
            self._head = (self._head - steps) % self.capacity
        elif steps <= self._size - steps:
            for _ in range(steps):
                self.appendleft(self.pop())
        else:
            for _ in range(self._size - steps):
                self.append(self.popleft())
        self._version += 1

    def _resize(self, capacity: int) -> None:
        """Copy the items, in logical order, into a new list of slots starting at 0: O(n)."""
        items = list(self)
        self._slots = [*items, *([None] * (capacity - len(items)))]
        self._head = 0

    def clear(self) -> None:
        self._slots = [None] * self.capacity
        self._head = self._size = 0
        self._version += 1

    def __iter__(self) -> Iterator[T]:
        """Items from the logical start; fails fast if the buffer changes meanwhile."""
        version = self._version
        for index in range(self._size):
            if self._version != version:
                raise RuntimeError("circular array changed during iteration")
            yield self._slots[self._physical(index)]  # type: ignore[misc]
        if self._version != version:
            raise RuntimeError("circular array changed during iteration")

    def __repr__(self) -> str:
        return f"CircularArray({list(self)!r}, capacity={self.capacity})"
