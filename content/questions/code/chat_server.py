"""An in-memory chat server: users, friend requests, private chats and group chats.

The server is the single entry point and owns every user, request and chat. Time comes from
an injected clock so that message timestamps are predictable in tests.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum


class ChatError(Exception):
    """Raised for any request the rules do not allow."""


class RequestStatus(Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(eq=False)
class User:
    user_id: int
    name: str
    friends: set[int] = field(default_factory=set)
    chat_ids: set[int] = field(default_factory=set)


@dataclass
class FriendRequest:
    request_id: int
    sender_id: int
    receiver_id: int
    sent_at: datetime
    status: RequestStatus = RequestStatus.PENDING


@dataclass(frozen=True)
class Message:
    message_id: int
    chat_id: int
    author_id: int
    text: str
    sent_at: datetime


class Chat:
    """A conversation: members and an append-only, time-ordered list of messages."""

    def __init__(self, chat_id: int, member_ids: set[int]) -> None:
        self.chat_id = chat_id
        self.member_ids = set(member_ids)
        self.messages: list[Message] = []

    def post(self, message: Message) -> None:
        if message.author_id not in self.member_ids:
            raise ChatError("only members can post")
        self.messages.append(message)


class PrivateChat(Chat):
    """A chat between exactly two friends; its membership never changes."""

    def __init__(self, chat_id: int, first_id: int, second_id: int) -> None:
        super().__init__(chat_id, {first_id, second_id})


class GroupChat(Chat):
    """A named chat with an owner who adds and removes members."""

    def __init__(self, chat_id: int, name: str, owner_id: int, member_ids: set[int]) -> None:
        super().__init__(chat_id, member_ids | {owner_id})
        self.name = name
        self.owner_id = owner_id

    def add_member(self, by_id: int, user_id: int) -> None:
        self._require_owner(by_id)
        self.member_ids.add(user_id)

    def remove_member(self, by_id: int, user_id: int) -> None:
        if by_id != user_id:
            self._require_owner(by_id)
        if user_id == self.owner_id:
            raise ChatError("the owner cannot leave their own group")
        self.member_ids.discard(user_id)

    def _require_owner(self, by_id: int) -> None:
        if by_id != self.owner_id:
            raise ChatError("only the owner can change the members")


class ChatServer:
    """Registers users and routes every operation to the right user, request or chat."""

    def __init__(self, clock: Callable[[], datetime] | None = None) -> None:
        self._clock = clock or (lambda: datetime.now(UTC))
        self._ids = itertools.count(1)
        self.users: dict[int, User] = {}
        self.requests: dict[int, FriendRequest] = {}
        self.chats: dict[int, Chat] = {}
        self._private: dict[frozenset[int], PrivateChat] = {}
        self._pending: dict[frozenset[int], FriendRequest] = {}

    def register(self, name: str) -> User:
        user = User(next(self._ids), name)
        self.users[user.user_id] = user
        return user

    def _user(self, user_id: int) -> User:
        try:
            return self.users[user_id]
        except KeyError:
            raise ChatError(f"no user {user_id}") from None

    # Friend requests ---------------------------------------------------------------

    def send_friend_request(self, sender_id: int, receiver_id: int) -> FriendRequest:
        sender, receiver = self._user(sender_id), self._user(receiver_id)
        if sender is receiver or receiver_id in sender.friends:
            raise ChatError("cannot befriend yourself or an existing friend")
        pair = frozenset((sender_id, receiver_id))
        if pair in self._pending:
            raise ChatError("a request between these users is already pending")
        request = FriendRequest(next(self._ids), sender_id, receiver_id, self._clock())
        self.requests[request.request_id] = request
        self._pending[pair] = request
        return request

    def pending_requests(self, user_id: int) -> list[FriendRequest]:
        return [r for r in self.requests.values() if r.receiver_id == user_id and r.status is RequestStatus.PENDING]

    def accept(self, user_id: int, request_id: int) -> None:
        request = self._answerable(user_id, request_id)
        request.status = RequestStatus.ACCEPTED
        self._user(request.sender_id).friends.add(request.receiver_id)
        self._user(request.receiver_id).friends.add(request.sender_id)

    def reject(self, user_id: int, request_id: int) -> None:
        self._answerable(user_id, request_id).status = RequestStatus.REJECTED

    def _answerable(self, user_id: int, request_id: int) -> FriendRequest:
        request = self.requests.get(request_id)
        if request is None or request.receiver_id != user_id:
            raise ChatError("no such request for this user")
        if request.status is not RequestStatus.PENDING:
            raise ChatError("the request was already answered")
        del self._pending[frozenset((request.sender_id, request.receiver_id))]
        return request

    # Chats -------------------------------------------------------------------------

    def private_chat(self, user_id: int, friend_id: int) -> PrivateChat:
        """The one private chat between two friends, created on first use."""
        if friend_id not in self._user(user_id).friends:
            raise ChatError("private chats are between friends")
        key = frozenset((user_id, friend_id))
        if key not in self._private:
            chat = PrivateChat(next(self._ids), user_id, friend_id)
            self._private[key] = chat
            self._register_chat(chat)
        return self._private[key]

    def create_group(self, owner_id: int, name: str, member_ids: set[int]) -> GroupChat:
        for user_id in member_ids | {owner_id}:
            self._user(user_id)
        chat = GroupChat(next(self._ids), name, owner_id, member_ids)
        self._register_chat(chat)
        return chat

    def add_member(self, chat_id: int, by_id: int, user_id: int) -> None:
        user = self._user(user_id)
        self._group(chat_id).add_member(by_id, user_id)
        user.chat_ids.add(chat_id)

    def remove_member(self, chat_id: int, by_id: int, user_id: int) -> None:
        self._group(chat_id).remove_member(by_id, user_id)
        self._user(user_id).chat_ids.discard(chat_id)

    def send(self, chat_id: int, author_id: int, text: str) -> Message:
        chat = self._chat(chat_id)
        message = Message(next(self._ids), chat_id, author_id, text, self._clock())
        chat.post(message)
        return message

    def history(self, chat_id: int, user_id: int, limit: int | None = None) -> list[Message]:
        """The latest messages (oldest first) for a current member of the chat."""
        chat = self._chat(chat_id)
        if user_id not in chat.member_ids:
            raise ChatError("only members can read a chat")
        return chat.messages[-limit:] if limit else list(chat.messages)

    def chats_of(self, user_id: int) -> list[Chat]:
        return [self.chats[c] for c in sorted(self._user(user_id).chat_ids)]

    def _register_chat(self, chat: Chat) -> None:
        self.chats[chat.chat_id] = chat
        for user_id in chat.member_ids:
            self._user(user_id).chat_ids.add(chat.chat_id)

    def _chat(self, chat_id: int) -> Chat:
        try:
            return self.chats[chat_id]
        except KeyError:
            raise ChatError(f"no chat {chat_id}") from None

    def _group(self, chat_id: int) -> GroupChat:
        chat = self._chat(chat_id)
        if not isinstance(chat, GroupChat):
            raise ChatError("members can only be changed in a group chat")
        return chat
