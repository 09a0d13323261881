import pytest
from parking_lot import Bus, Car, Level, Motorcycle, ParkingError, ParkingLot, SpotSize

M, C, L = SpotSize.MOTORCYCLE, SpotSize.COMPACT, SpotSize.LARGE


def lot(*layouts: list[list[SpotSize]]) -> ParkingLot:
    return ParkingLot([Level.from_layout(n, layout) for n, layout in enumerate(layouts)])


def test_a_motorcycle_takes_a_motorcycle_spot_before_a_bigger_one():
    parking = lot([[L, C, M]])
    (spot,) = parking.park(Motorcycle("M-1"))
    assert spot.size is M


def test_a_car_prefers_a_compact_spot_to_a_large_one():
    parking = lot([[L, L, C]])
    (spot,) = parking.park(Car("C-1"))
    assert spot.size is C


def test_a_car_never_takes_a_motorcycle_spot():
    parking = lot([[M, M]])
    with pytest.raises(ParkingError):
        parking.park(Car("C-1"))


def test_a_car_uses_a_large_spot_when_no_compact_spot_is_free():
    parking = lot([[M, L]])
    (spot,) = parking.park(Car("C-1"))
    assert spot.size is L


def test_a_bus_takes_five_consecutive_large_spots_in_one_row():
    parking = lot([[L, L, C, L, L, L, L, L]])
    spots = parking.park(Bus("B-1"))
    assert [s.index for s in spots] == [3, 4, 5, 6, 7]
    assert all(s.size is L for s in spots)


def test_a_bus_does_not_span_two_rows():
    parking = lot([[L, L, L], [L, L, L]])
    assert not parking.can_fit(Bus("B-1"))
    with pytest.raises(ParkingError):
        parking.park(Bus("B-1"))


def test_a_bus_cannot_park_across_an_occupied_large_spot():
    parking = lot([[L, L, L, L, L]])
    parking.park(Car("C-1"))
    with pytest.raises(ParkingError):
        parking.park(Bus("B-1"))


def test_a_vehicle_goes_to_the_next_level_when_the_first_is_full():
    parking = lot([[C]], [[C]])
    parking.park(Car("C-1"))
    (spot,) = parking.park(Car("C-2"))
    assert spot.level == 1


def test_leaving_frees_every_spot_the_vehicle_held():
    parking = lot([[L] * 5])
    parking.park(Bus("B-1"))
    assert parking.available(L) == 0
    vehicle = parking.leave("B-1")
    assert vehicle.plate == "B-1"
    assert parking.available(L) == 5
    assert parking.where_is("B-1") is None


def test_availability_is_counted_per_spot_size():
    parking = lot([[M, C, C, L]], [[L, L]])
    parking.park(Car("C-1"))
    assert parking.available(M) == 1
    assert parking.available(C) == 1
    assert parking.available(L) == 3
    assert parking.available() == 5


def test_the_same_plate_cannot_be_parked_twice():
    parking = lot([[C, C]])
    parking.park(Car("C-1"))
    with pytest.raises(ParkingError):
        parking.park(Car("C-1"))


def test_leaving_with_an_unknown_plate_is_an_error():
    parking = lot([[C]])
    with pytest.raises(ParkingError):
        parking.leave("NOPE")


def test_a_full_lot_says_so_and_refuses_more_vehicles():
    parking = lot([[M, C]])
    parking.park(Motorcycle("M-1"))
    parking.park(Car("C-1"))
    assert parking.is_full
    with pytest.raises(ParkingError):
        parking.park(Motorcycle("M-2"))


def test_where_is_reports_the_spots_a_vehicle_occupies():
    parking = lot([[M, C]])
    spots = parking.park(Car("C-1"))
    assert parking.where_is("C-1") == spots
    assert spots[0].vehicle is not None
    assert spots[0].vehicle.plate == "C-1"
