"""Reading identifiers and text from requests without trusting them."""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,18}")  # fits PostgreSQL's bigint; anything longer is no row of ours


def parse_id(value: object) -> int | None:
    """A database id from a form or query value, or None when it cannot be one."""
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None


class IdConverter:
    """`<id:pk>` in URLs: an int converter that refuses numbers PostgreSQL cannot hold (404, not 500)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
