import pytest
from elevator import Direction, ElevatorSystem, HallCall, NearestCarDispatcher, Stop

UP, DOWN, IDLE = Direction.UP, Direction.DOWN, Direction.IDLE


def stops_of(stops: list[Stop]) -> list[tuple[int, Direction | None]]:
    return [(stop.floor, stop.direction) for stop in stops]


def test_an_idle_car_travels_to_a_hall_call_and_stops_there():
    system = ElevatorSystem(floors=10, cars=1)
    system.hall_call(5, DOWN)
    stops = system.run_until_idle()
    assert stops == [Stop(time=6, car_id=0, floor=5, direction=DOWN)]  # five moves, then the stop
    assert system.status() == [(0, 5, IDLE)]


def test_a_car_call_takes_the_passenger_to_their_floor():
    system = ElevatorSystem(floors=10, cars=1)
    system.hall_call(0, UP)
    assert stops_of(system.step()) == [(0, UP)]
    system.car_call(0, 7)
    assert stops_of(system.run_until_idle()) == [(7, None)]
    assert system.time == 9


def test_a_car_going_up_stops_for_up_calls_and_leaves_down_calls_for_the_way_back():
    system = ElevatorSystem(floors=10, cars=1)
    system.car_call(0, 9)
    system.hall_call(4, UP)
    system.hall_call(6, DOWN)
    assert stops_of(system.run_until_idle()) == [(4, UP), (9, None), (6, DOWN)]


def test_a_car_turns_round_at_its_last_stop_to_answer_a_call_in_the_other_direction():
    system = ElevatorSystem(floors=10, cars=1)
    system.car_call(0, 3)
    system.hall_call(8, DOWN)
    system.hall_call(2, DOWN)
    stops = system.run_until_idle()
    assert stops_of(stops) == [(3, None), (8, DOWN), (2, DOWN)]


def test_both_hall_buttons_on_the_cars_floor_are_answered_up_first():
    system = ElevatorSystem(floors=5, cars=1)
    system.hall_call(0, UP)
    system.hall_call(2, UP)
    system.run_until_idle()
    system.hall_call(2, DOWN)
    system.hall_call(2, UP)
    assert stops_of(system.run_until_idle()) == [(2, UP), (2, DOWN)]


def test_the_dispatcher_sends_the_nearest_idle_car():
    system = ElevatorSystem(floors=10, cars=2)
    system.car_call(1, 8)
    system.run_until_idle()
    assert system.hall_call(7, DOWN) == 1
    assert system.hall_call(1, UP) == 0


def test_a_car_moving_away_loses_to_a_farther_idle_car():
    system = ElevatorSystem(floors=10, cars=2)
    system.car_call(0, 9)
    for _ in range(4):
        system.step()
    assert system.status()[0] == (0, 4, UP)
    assert system.hall_call(3, UP) == 1  # car 0 is one floor away but heading the other way
    assert system.hall_call(6, UP) == 0  # car 0 is heading toward it in the same direction


def test_the_cost_of_a_car_moving_away_includes_its_detour():
    system = ElevatorSystem(floors=10, cars=1)
    system.car_call(0, 9)
    system.step()
    system.step()
    car = system.cars[0]
    dispatcher = NearestCarDispatcher()
    assert dispatcher.cost(car, HallCall(5, UP)) == 3
    assert dispatcher.cost(car, HallCall(5, DOWN)) == (9 - 2) + (9 - 5)
    assert dispatcher.cost(car, HallCall(1, UP)) == (9 - 2) + (9 - 1)


def test_ties_go_to_the_less_busy_car_then_the_lower_id():
    system = ElevatorSystem(floors=10, cars=2)
    assert system.hall_call(9, DOWN) == 0
    assert system.hall_call(3, UP) == 1


def test_pressing_a_lit_hall_button_again_does_not_send_another_car():
    system = ElevatorSystem(floors=10, cars=3)
    first = system.hall_call(5, UP)
    assert system.hall_call(5, UP) == first
    assert sum(len(car.hall_calls) for car in system.cars) == 1


def test_cars_move_in_parallel_on_the_same_tick():
    system = ElevatorSystem(floors=10, cars=2)
    system.hall_call(3, DOWN)
    system.hall_call(3, UP)
    stops = system.run_until_idle()
    assert {(s.car_id, s.floor, s.direction, s.time) for s in stops} == {(0, 3, DOWN, 4), (1, 3, UP, 4)}


def test_stepping_an_idle_building_changes_nothing():
    system = ElevatorSystem(floors=4, cars=2)
    assert system.step() == []
    assert system.status() == [(0, 0, IDLE), (1, 0, IDLE)]


def test_buttons_that_do_not_exist_are_rejected():
    system = ElevatorSystem(floors=4, cars=1)
    with pytest.raises(ValueError, match="UP"):
        system.hall_call(3, UP)
    with pytest.raises(ValueError, match="DOWN"):
        system.hall_call(0, DOWN)
    with pytest.raises(ValueError, match="floor"):
        system.car_call(0, 4)


def test_the_same_calls_always_produce_the_same_log():
    def run() -> list[Stop]:
        system = ElevatorSystem(floors=20, cars=3)
        for floor, direction in [(12, DOWN), (3, UP), (17, DOWN), (8, UP), (5, DOWN)]:
            system.hall_call(floor, direction)
            system.step()
        system.car_call(1, 0)
        system.car_call(2, 19)
        system.run_until_idle()
        return system.log

    assert run() == run()
    assert len(run()) >= 7


def test_run_until_idle_gives_up_after_its_step_limit():
    system = ElevatorSystem(floors=10, cars=1)
    system.car_call(0, 9)
    with pytest.raises(RuntimeError):
        system.run_until_idle(max_steps=3)
