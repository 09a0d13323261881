"""A call center that routes calls to operators, supervisors and directors.

An incoming call goes to the longest-idle free employee of the lowest rank that can take
it. An employee who cannot resolve a call escalates it one rank up. When nobody suitable
is free, the call waits in a first-in, first-out queue for its rank, and an employee who
finishes a call immediately takes the oldest waiting call they are senior enough for.
"""

from __future__ import annotations

import itertools
from collections import deque
from enum import Enum, IntEnum, auto


class Rank(IntEnum):
    OPERATOR = 1
    SUPERVISOR = 2
    DIRECTOR = 3


class CallState(Enum):
    QUEUED = auto()
    IN_PROGRESS = auto()
    COMPLETED = auto()
    REJECTED = auto()


class Call:
    """One caller's call, with the minimum rank currently needed to handle it."""

    _ids = itertools.count(1)

    def __init__(self, caller: str, rank: Rank = Rank.OPERATOR) -> None:
        self.id = next(Call._ids)
        self.caller = caller
        self.rank = rank
        self.state = CallState.QUEUED
        self.handler: Employee | None = None

    def __repr__(self) -> str:
        return f"Call({self.id}, {self.caller!r}, {self.rank.name}, {self.state.name})"


class Employee:
    """Someone who answers calls. Subclasses fix the rank."""

    rank: Rank

    def __init__(self, name: str) -> None:
        self.name = name
        self.call: Call | None = None
        self.calls_handled = 0

    @property
    def is_free(self) -> bool:
        return self.call is None

    def can_handle(self, call: Call) -> bool:
        return self.rank >= call.rank

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class Operator(Employee):
    rank = Rank.OPERATOR


class Supervisor(Employee):
    rank = Rank.SUPERVISOR


class Director(Employee):
    rank = Rank.DIRECTOR


class CallCenter:
    """Dispatches calls, queues them when everyone suitable is busy, and handles escalation."""

    def __init__(self, employees: list[Employee], max_waiting: int | None = None) -> None:
        # Free employees per rank, longest idle on the left.
        self._free: dict[Rank, deque[Employee]] = {rank: deque() for rank in Rank}
        # Waiting calls per required rank, oldest on the left.
        self._waiting: dict[Rank, deque[Call]] = {rank: deque() for rank in Rank}
        self._max_waiting = max_waiting
        self.employees = list(employees)
        for employee in self.employees:
            self._free[employee.rank].append(employee)

    # -- the public API -----------------------------------------------------------

    def receive(self, caller: str) -> Call:
        """A new call arrives: it always starts at operator level."""
        call = Call(caller)
        if self._dispatch(call):
            return call
        if self._max_waiting is not None and self.waiting_count() >= self._max_waiting:
            call.state = CallState.REJECTED  # the caller hears a busy tone: back pressure
        else:
            self._waiting[call.rank].append(call)
        return call

    def escalate(self, call: Call) -> None:
        """The current handler cannot resolve the call: pass it one rank up."""
        if call.state is not CallState.IN_PROGRESS or call.handler is None:
            raise ValueError(f"{call!r} is not in progress")
        if call.rank is Rank.DIRECTOR or call.handler.rank is Rank.DIRECTOR:
            raise ValueError("a director's call cannot be escalated further")
        handler = call.handler
        call.rank = Rank(handler.rank + 1)
        self._release(handler)
        call.handler = None
        call.state = CallState.QUEUED
        # Only a higher rank qualifies now, so the freed handler cannot take it back. An
        # escalated call ignores the waiting limit: the caller is already connected.
        if not self._dispatch(call):
            self._waiting[call.rank].append(call)

    def complete(self, call: Call) -> None:
        """The call ends: its handler becomes free and picks up the next waiting call."""
        if call.state is not CallState.IN_PROGRESS or call.handler is None:
            raise ValueError(f"{call!r} is not in progress")
        handler = call.handler
        call.state = CallState.COMPLETED
        handler.calls_handled += 1
        self._release(handler)

    def waiting_calls(self) -> list[Call]:
        """Every queued call, most senior queue first."""
        return [call for rank in reversed(Rank) for call in self._waiting[rank]]

    def waiting_count(self) -> int:
        return sum(len(queue) for queue in self._waiting.values())

    def free_employees(self) -> list[Employee]:
        return [employee for rank in Rank for employee in self._free[rank]]

    # -- routing ---------------------------------------------------------------

    def _dispatch(self, call: Call) -> bool:
        """Give the call to the lowest suitable rank with someone free. O(number of ranks)."""
        for rank in Rank:
            if rank >= call.rank and self._free[rank]:
                self._assign(self._free[rank].popleft(), call)
                return True
        return False

    def _assign(self, employee: Employee, call: Call) -> None:
        employee.call = call
        call.handler = employee
        call.state = CallState.IN_PROGRESS

    def _release(self, employee: Employee) -> None:
        """Free an employee; they take the oldest call from the most senior queue they can serve."""
        employee.call = None
        for rank in reversed(Rank):
            if rank <= employee.rank and self._waiting[rank]:
                self._assign(employee, self._waiting[rank].popleft())
                return
        self._free[employee.rank].append(employee)
