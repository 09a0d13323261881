import pytest
from call_center import CallCenter, CallState, Director, Operator, Rank, Supervisor


def make_center(operators: int = 2, supervisors: int = 1, directors: int = 1, **options) -> CallCenter:
    staff = [Operator(f"op{i}") for i in range(operators)]
    staff += [Supervisor(f"sup{i}") for i in range(supervisors)]
    staff += [Director(f"dir{i}") for i in range(directors)]
    return CallCenter(staff, **options)


def test_an_incoming_call_goes_to_a_free_operator_first():
    center = make_center()
    call = center.receive("alice")
    assert call.state is CallState.IN_PROGRESS
    assert call.handler.rank is Rank.OPERATOR


def test_the_longest_idle_operator_gets_the_next_call():
    center = make_center(operators=2)
    first = center.receive("alice")
    center.complete(first)
    second = center.receive("bob")
    assert second.handler.name == "op1"


def test_a_supervisor_answers_when_every_operator_is_busy():
    center = make_center(operators=1)
    center.receive("alice")
    call = center.receive("bob")
    assert call.handler.rank is Rank.SUPERVISOR


def test_a_call_is_queued_when_everyone_is_busy():
    center = make_center(operators=1, supervisors=1, directors=1)
    for caller in ("a", "b", "c"):
        center.receive(caller)
    waiting = center.receive("d")
    assert waiting.state is CallState.QUEUED
    assert waiting.handler is None
    assert center.waiting_calls() == [waiting]


def test_completing_a_call_frees_the_employee_for_the_oldest_waiting_call():
    center = make_center(operators=1, supervisors=0, directors=0)
    first = center.receive("a")
    second = center.receive("b")
    third = center.receive("c")
    center.complete(first)
    assert first.state is CallState.COMPLETED
    assert second.state is CallState.IN_PROGRESS
    assert third.state is CallState.QUEUED
    assert first.handler is second.handler
    assert first.handler.calls_handled == 1


def test_an_escalated_call_moves_from_operator_to_supervisor():
    center = make_center()
    call = center.receive("alice")
    operator = call.handler
    center.escalate(call)
    assert call.rank is Rank.SUPERVISOR
    assert call.handler.rank is Rank.SUPERVISOR
    assert operator.is_free


def test_escalation_goes_from_supervisor_to_director():
    center = make_center()
    call = center.receive("alice")
    center.escalate(call)
    center.escalate(call)
    assert call.handler.rank is Rank.DIRECTOR


def test_a_director_cannot_escalate_further():
    center = make_center(operators=0, supervisors=0, directors=1)
    call = center.receive("alice")
    with pytest.raises(ValueError, match="cannot be escalated"):
        center.escalate(call)


def test_an_escalated_call_waits_for_a_senior_rank_not_for_an_operator():
    center = make_center(operators=1, supervisors=1, directors=0)
    escalated = center.receive("a")
    center.escalate(escalated)
    center.escalate(escalated)  # no director at all: it waits in the director queue
    operator_call = center.receive("b")
    center.receive("c")  # the supervisor
    plain = center.receive("d")
    assert [call.caller for call in center.waiting_calls()] == ["a", "d"]
    center.complete(operator_call)
    assert plain.handler.rank is Rank.OPERATOR
    assert escalated.state is CallState.QUEUED
    assert escalated.rank is Rank.DIRECTOR


def test_a_freed_supervisor_serves_escalated_calls_before_operator_calls():
    center = make_center(operators=1, supervisors=1, directors=0)
    first = center.receive("a")  # operator
    center.receive("b")  # supervisor
    plain = center.receive("c")  # waits for anyone
    center.escalate(first)  # operator frees up and takes "c"; "a" waits for a supervisor
    assert plain.handler.rank is Rank.OPERATOR
    supervisor_call = next(e.call for e in center.employees if e.rank is Rank.SUPERVISOR)
    center.receive("d")  # waits at operator level
    center.complete(supervisor_call)
    assert first.handler.rank is Rank.SUPERVISOR
    assert [call.caller for call in center.waiting_calls()] == ["d"]


def test_new_calls_are_rejected_when_the_waiting_queue_is_full():
    center = make_center(operators=1, supervisors=0, directors=0, max_waiting=1)
    center.receive("a")
    queued = center.receive("b")
    rejected = center.receive("c")
    assert queued.state is CallState.QUEUED
    assert rejected.state is CallState.REJECTED
    assert center.waiting_count() == 1


def test_completing_a_call_that_is_not_in_progress_is_an_error():
    center = make_center(operators=1, supervisors=0, directors=0)
    call = center.receive("a")
    center.complete(call)
    with pytest.raises(ValueError, match="not in progress"):
        center.complete(call)


def test_every_employee_is_free_again_after_all_calls_complete():
    center = make_center(operators=2, supervisors=1, directors=1)
    calls = [center.receive(str(n)) for n in range(6)]
    while any(call.state is CallState.IN_PROGRESS for call in calls):
        center.complete(next(call for call in calls if call.state is CallState.IN_PROGRESS))
    assert all(call.state is CallState.COMPLETED for call in calls)
    assert len(center.free_employees()) == 4
