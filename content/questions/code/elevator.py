"""A bank of elevators for one building, driven one tick at a time.

Hall calls (an up or down button on a floor) go to a dispatcher, which assigns each to one
car. Car calls (a floor button inside a car) go straight to that car. Every car follows the
collective control rule: keep going while there is work ahead, stop for car calls and for hall
calls in its direction of travel, and turn round only when nothing is left ahead.

A tick either moves a car one floor or lets it stop at its floor (doors open and close).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import Enum


class Direction(Enum):
    UP = 1
    DOWN = -1
    IDLE = 0


@dataclass(frozen=True)
class HallCall:
    floor: int
    direction: Direction


@dataclass(frozen=True)
class Stop:
    """A car stopping at a floor; `direction` is the hall call it answered, if any."""

    time: int
    car_id: int
    floor: int
    direction: Direction | None


class Elevator:
    """One car: its position, direction and the stops it still has to make."""

    def __init__(self, car_id: int, floor: int = 0) -> None:
        self.car_id = car_id
        self.floor = floor
        self.direction = Direction.IDLE
        self.car_calls: set[int] = set()
        self.hall_calls: set[HallCall] = set()

    @property
    def targets(self) -> set[int]:
        return self.car_calls | {call.floor for call in self.hall_calls}

    @property
    def is_idle(self) -> bool:
        return not self.car_calls and not self.hall_calls

    def has_work_beyond(self, floor: int, direction: Direction) -> bool:
        """Whether any stop lies strictly past `floor` in `direction`."""
        if direction is Direction.UP:
            return any(target > floor for target in self.targets)
        if direction is Direction.DOWN:
            return any(target < floor for target in self.targets)
        return False

    def farthest_target(self, direction: Direction) -> int:
        """The last stop in `direction` (or the current floor if there is none)."""
        ahead = [t for t in self.targets if (t - self.floor) * direction.value > 0]
        if not ahead:
            return self.floor
        return max(ahead) if direction is Direction.UP else min(ahead)

    def step(self, time: int) -> Stop | None:
        """Advance one tick: stop here if a call is due, otherwise move one floor."""
        if self.is_idle:
            self.direction = Direction.IDLE
            return None
        stop = self._serve_here(time)
        if stop is None:
            if self.direction is Direction.IDLE or not self.has_work_beyond(self.floor, self.direction):
                nearest = min(self.targets, key=lambda t: (abs(t - self.floor), t))
                self.direction = Direction.UP if nearest > self.floor else Direction.DOWN
            self.floor += self.direction.value
        if self.is_idle:
            self.direction = Direction.IDLE
        return stop

    def _serve_here(self, time: int) -> Stop | None:
        here = {call.direction for call in self.hall_calls if call.floor == self.floor}
        served: Direction | None = None
        if self.direction in here:
            served = self.direction
        elif here and not self.has_work_beyond(self.floor, self.direction):
            # Turning round (or starting from idle): answer a waiting call, preferring the
            # direction that still has work, and travel that way from now on.
            above = self.has_work_beyond(self.floor, Direction.UP)
            below = self.has_work_beyond(self.floor, Direction.DOWN)
            preferred = Direction.DOWN if below and not above else Direction.UP
            opposite = Direction.DOWN if preferred is Direction.UP else Direction.UP
            served = preferred if preferred in here else opposite
            self.direction = served
        if served is None and self.floor not in self.car_calls:
            return None
        self.car_calls.discard(self.floor)
        if served is not None:
            self.hall_calls.discard(HallCall(self.floor, served))
        return Stop(time, self.car_id, self.floor, served)


class Dispatcher(ABC):
    """Chooses which car answers a hall call (the strategy the system plugs in)."""

    @abstractmethod
    def choose(self, cars: list[Elevator], call: HallCall) -> Elevator: ...


class NearestCarDispatcher(Dispatcher):
    """Pick the car with the fewest floors to travel before it can answer the call.

    An idle car, or one already moving toward the call in the call's direction, costs the
    distance. Any other car must first finish its run to its farthest stop and come back,
    so it costs that detour. Ties go to the car with fewer stops, then the lower id.
    """

    def cost(self, car: Elevator, call: HallCall) -> int:
        distance = abs(car.floor - call.floor)
        if car.direction is Direction.IDLE:
            return distance
        heading_toward = (call.floor - car.floor) * car.direction.value >= 0
        if heading_toward and call.direction is car.direction:
            return distance
        turn = car.farthest_target(car.direction)
        return abs(turn - car.floor) + abs(turn - call.floor)

    def choose(self, cars: list[Elevator], call: HallCall) -> Elevator:
        return min(cars, key=lambda car: (self.cost(car, call), len(car.targets), car.car_id))


class ElevatorSystem:
    """The building's controller: accepts calls, dispatches them and runs the clock."""

    def __init__(self, floors: int, cars: int, dispatcher: Dispatcher | None = None) -> None:
        if floors < 2 or cars < 1:
            raise ValueError("need at least two floors and one car")
        self.floors = floors
        self.cars = [Elevator(car_id) for car_id in range(cars)]
        self.dispatcher = dispatcher or NearestCarDispatcher()
        self.time = 0
        self.log: list[Stop] = []
        self._assigned: dict[HallCall, Elevator] = {}

    def _check_floor(self, floor: int) -> None:
        if not 0 <= floor < self.floors:
            raise ValueError(f"no floor {floor}")

    def hall_call(self, floor: int, direction: Direction) -> int:
        """Someone on `floor` pressed up or down; returns the id of the car sent."""
        self._check_floor(floor)
        if direction is Direction.IDLE or floor + direction.value not in range(self.floors):
            raise ValueError(f"no {direction.name} button on floor {floor}")
        call = HallCall(floor, direction)
        if call not in self._assigned:  # pressing a lit button again changes nothing
            car = self.dispatcher.choose(self.cars, call)
            car.hall_calls.add(call)
            self._assigned[call] = car
        return self._assigned[call].car_id

    def car_call(self, car_id: int, floor: int) -> None:
        """Someone inside car `car_id` pressed the button for `floor`."""
        self._check_floor(floor)
        self.cars[car_id].car_calls.add(floor)

    def step(self) -> list[Stop]:
        """Advance every car by one tick and return the stops made in it."""
        self.time += 1
        stops = [stop for car in self.cars if (stop := car.step(self.time)) is not None]
        for stop in stops:
            if stop.direction is not None:
                self._assigned.pop(HallCall(stop.floor, stop.direction), None)
        self.log.extend(stops)
        return stops

    def run_until_idle(self, max_steps: int = 1000) -> list[Stop]:
        """Step until every call is answered; a safety limit guards against a bug looping."""
        stops: list[Stop] = []
        for _ in range(max_steps):
            if all(car.is_idle for car in self.cars):
                return stops
            stops.extend(self.step())
        raise RuntimeError(f"still busy after {max_steps} steps")

    def status(self) -> list[tuple[int, int, Direction]]:
        return [(car.car_id, car.floor, car.direction) for car in self.cars]
