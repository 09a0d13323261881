from datetime import UTC, datetime, timedelta

import pytest
from chat_server import ChatError, ChatServer, GroupChat, RequestStatus


class FakeClock:
    """A clock that moves one second every time it is read."""

    def __init__(self) -> None:
        self.now = datetime(2024, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def server() -> ChatServer:
    return ChatServer(clock=FakeClock())


def befriend(server: ChatServer, a: int, b: int) -> None:
    request = server.send_friend_request(a, b)
    server.accept(b, request.request_id)


def test_accepting_a_friend_request_makes_both_users_friends(server):
    ada, bob = server.register("ada"), server.register("bob")
    request = server.send_friend_request(ada.user_id, bob.user_id)
    assert server.pending_requests(bob.user_id) == [request]
    server.accept(bob.user_id, request.request_id)
    assert bob.user_id in ada.friends
    assert ada.user_id in bob.friends
    assert request.status is RequestStatus.ACCEPTED
    assert server.pending_requests(bob.user_id) == []


def test_rejecting_a_request_leaves_the_users_strangers(server):
    ada, bob = server.register("ada"), server.register("bob")
    request = server.send_friend_request(ada.user_id, bob.user_id)
    server.reject(bob.user_id, request.request_id)
    assert request.status is RequestStatus.REJECTED
    assert ada.friends == set()
    assert bob.friends == set()


def test_only_the_receiver_can_answer_a_request(server):
    ada, bob = server.register("ada"), server.register("bob")
    request = server.send_friend_request(ada.user_id, bob.user_id)
    with pytest.raises(ChatError):
        server.accept(ada.user_id, request.request_id)


def test_a_request_cannot_be_answered_twice(server):
    ada, bob = server.register("ada"), server.register("bob")
    request = server.send_friend_request(ada.user_id, bob.user_id)
    server.reject(bob.user_id, request.request_id)
    with pytest.raises(ChatError):
        server.accept(bob.user_id, request.request_id)


def test_a_second_pending_request_between_the_same_pair_is_refused(server):
    ada, bob = server.register("ada"), server.register("bob")
    server.send_friend_request(ada.user_id, bob.user_id)
    with pytest.raises(ChatError):
        server.send_friend_request(bob.user_id, ada.user_id)


def test_a_user_can_ask_again_after_being_rejected(server):
    ada, bob = server.register("ada"), server.register("bob")
    first = server.send_friend_request(ada.user_id, bob.user_id)
    server.reject(bob.user_id, first.request_id)
    second = server.send_friend_request(ada.user_id, bob.user_id)
    assert second.status is RequestStatus.PENDING


def test_private_chats_are_only_between_friends(server):
    ada, bob = server.register("ada"), server.register("bob")
    with pytest.raises(ChatError):
        server.private_chat(ada.user_id, bob.user_id)


def test_two_friends_share_a_single_private_chat(server):
    ada, bob = server.register("ada"), server.register("bob")
    befriend(server, ada.user_id, bob.user_id)
    chat = server.private_chat(ada.user_id, bob.user_id)
    assert server.private_chat(bob.user_id, ada.user_id) is chat
    assert server.chats_of(ada.user_id) == [chat]


def test_messages_keep_their_order_and_timestamps(server):
    ada, bob = server.register("ada"), server.register("bob")
    befriend(server, ada.user_id, bob.user_id)
    chat = server.private_chat(ada.user_id, bob.user_id)
    first = server.send(chat.chat_id, ada.user_id, "hi")
    second = server.send(chat.chat_id, bob.user_id, "hello")
    history = server.history(chat.chat_id, ada.user_id)
    assert [m.text for m in history] == ["hi", "hello"]
    assert first.sent_at < second.sent_at


def test_history_can_be_limited_to_the_latest_messages(server):
    ada = server.register("ada")
    group = server.create_group(ada.user_id, "notes", set())
    for word in ["one", "two", "three"]:
        server.send(group.chat_id, ada.user_id, word)
    assert [m.text for m in server.history(group.chat_id, ada.user_id, limit=2)] == ["two", "three"]


def test_the_owner_adds_and_removes_group_members(server):
    ada, bob, cy = (server.register(n) for n in ["ada", "bob", "cy"])
    group = server.create_group(ada.user_id, "team", {bob.user_id})
    server.add_member(group.chat_id, ada.user_id, cy.user_id)
    assert group.member_ids == {ada.user_id, bob.user_id, cy.user_id}
    server.remove_member(group.chat_id, ada.user_id, bob.user_id)
    assert group.member_ids == {ada.user_id, cy.user_id}
    assert server.chats_of(bob.user_id) == []


def test_a_member_who_is_not_the_owner_cannot_add_people(server):
    ada, bob, cy = (server.register(n) for n in ["ada", "bob", "cy"])
    group = server.create_group(ada.user_id, "team", {bob.user_id})
    with pytest.raises(ChatError):
        server.add_member(group.chat_id, bob.user_id, cy.user_id)


def test_a_member_may_leave_a_group_but_the_owner_may_not(server):
    ada, bob = server.register("ada"), server.register("bob")
    group = server.create_group(ada.user_id, "team", {bob.user_id})
    server.remove_member(group.chat_id, bob.user_id, bob.user_id)
    assert bob.user_id not in group.member_ids
    with pytest.raises(ChatError):
        server.remove_member(group.chat_id, ada.user_id, ada.user_id)


def test_a_removed_member_can_no_longer_post_or_read(server):
    ada, bob = server.register("ada"), server.register("bob")
    group = server.create_group(ada.user_id, "team", {bob.user_id})
    server.remove_member(group.chat_id, ada.user_id, bob.user_id)
    with pytest.raises(ChatError):
        server.send(group.chat_id, bob.user_id, "still here?")
    with pytest.raises(ChatError):
        server.history(group.chat_id, bob.user_id)


def test_members_of_a_private_chat_cannot_be_changed(server):
    ada, bob, cy = (server.register(n) for n in ["ada", "bob", "cy"])
    befriend(server, ada.user_id, bob.user_id)
    chat = server.private_chat(ada.user_id, bob.user_id)
    assert not isinstance(chat, GroupChat)
    with pytest.raises(ChatError):
        server.add_member(chat.chat_id, ada.user_id, cy.user_id)
