"""A multi-level parking lot.

Each level holds rows of spots, and every spot has a size. Motorcycles fit any spot, cars
fit compact or large spots, and a bus needs five consecutive large spots in one row. The lot
places a vehicle on the first level with room, using the smallest spot that fits so that
large spots stay free for the vehicles that need them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import IntEnum


class SpotSize(IntEnum):
    """Spot sizes, ordered so that a bigger value is a bigger spot."""

    MOTORCYCLE = 1
    COMPACT = 2
    LARGE = 3


class Vehicle(ABC):
    """Something that can be parked: says how many spots it needs and which sizes fit."""

    spots_needed: int = 1

    def __init__(self, plate: str) -> None:
        self.plate = plate

    @property
    @abstractmethod
    def smallest_fitting_size(self) -> SpotSize:
        """The smallest spot size this vehicle fits in; every bigger size fits too."""

    def fits(self, spot: ParkingSpot) -> bool:
        return spot.size >= self.smallest_fitting_size

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.plate!r})"


class Motorcycle(Vehicle):
    smallest_fitting_size = SpotSize.MOTORCYCLE


class Car(Vehicle):
    smallest_fitting_size = SpotSize.COMPACT


class Bus(Vehicle):
    smallest_fitting_size = SpotSize.LARGE
    spots_needed = 5


@dataclass(eq=False)
class ParkingSpot:
    """One spot; knows where it is and which vehicle, if any, is in it."""

    level: int
    row: int
    index: int
    size: SpotSize
    vehicle: Vehicle | None = None

    @property
    def is_free(self) -> bool:
        return self.vehicle is None


@dataclass
class Level:
    """A floor of the lot: rows of spots, searched for a run that fits a vehicle."""

    number: int
    rows: list[list[ParkingSpot]] = field(default_factory=list)

    @classmethod
    def from_layout(cls, number: int, layout: list[list[SpotSize]]) -> Level:
        """Build a level from one list of spot sizes per row."""
        rows = [
            [ParkingSpot(number, r, i, size) for i, size in enumerate(row_sizes)] for r, row_sizes in enumerate(layout)
        ]
        return cls(number, rows)

    def spots(self) -> list[ParkingSpot]:
        return [spot for row in self.rows for spot in row]

    def find_spots(self, vehicle: Vehicle) -> list[ParkingSpot] | None:
        """The best run of consecutive free spots for a vehicle, or None if there is none.

        Best means the smallest spot size that fits (best fit), then the first position.
        """
        best: list[ParkingSpot] | None = None
        for row in self.rows:
            run: list[ParkingSpot] = []
            for spot in row:
                run = [*run, spot] if spot.is_free and vehicle.fits(spot) else []
                if len(run) > vehicle.spots_needed:
                    run = run[1:]
                if len(run) == vehicle.spots_needed:
                    largest = max(s.size for s in run)
                    if best is None or largest < max(s.size for s in best):
                        best = run
                    if largest == vehicle.smallest_fitting_size:
                        return best
        return best

    def free_count(self, size: SpotSize) -> int:
        return sum(1 for spot in self.spots() if spot.is_free and spot.size == size)


class ParkingError(Exception):
    """Raised when a vehicle cannot be parked or is not in the lot."""


class ParkingLot:
    """The lot: parks vehicles, lets them leave, and reports free spots."""

    def __init__(self, levels: list[Level]) -> None:
        self.levels = levels
        self._parked: dict[str, list[ParkingSpot]] = {}

    def park(self, vehicle: Vehicle) -> list[ParkingSpot]:
        """Park a vehicle on the lowest level with room; return the spots it took."""
        if vehicle.plate in self._parked:
            raise ParkingError(f"{vehicle.plate} is already parked")
        for level in self.levels:
            spots = level.find_spots(vehicle)
            if spots:
                for spot in spots:
                    spot.vehicle = vehicle
                self._parked[vehicle.plate] = spots
                return spots
        raise ParkingError(f"no room for {vehicle!r}")

    def leave(self, plate: str) -> Vehicle:
        """Free every spot a vehicle holds and return the vehicle."""
        spots = self._parked.pop(plate, None)
        if spots is None:
            raise ParkingError(f"{plate} is not parked here")
        vehicle = spots[0].vehicle
        for spot in spots:
            spot.vehicle = None
        assert vehicle is not None
        return vehicle

    def where_is(self, plate: str) -> list[ParkingSpot] | None:
        return self._parked.get(plate)

    def available(self, size: SpotSize | None = None) -> int:
        """Free spots of one size, or of every size when size is None."""
        sizes = list(SpotSize) if size is None else [size]
        return sum(level.free_count(s) for level in self.levels for s in sizes)

    def can_fit(self, vehicle: Vehicle) -> bool:
        return any(level.find_spots(vehicle) for level in self.levels)

    @property
    def is_full(self) -> bool:
        return self.available() == 0
