"""Requests the calculator pages get, as the browser and htmx send them (shared by their tests)."""

from __future__ import annotations

import re

# What htmx sends while someone types: the form's request, aimed at the result.
HTMX = {"HX-Request": "true", "HX-Target": "calculator-result"}
# What htmx sends after Back when its history cache misses (historyRestoreAsHxRequest may add HX-Request).
HISTORY_RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true", "HX-Current-URL": "http://testserver/"}

ESTIMATE = {
    "daily_active_users": "1000000",
    "traffic": "ratio",
    "requests_per_user": "1",
    "read_write_ratio": "0",
    "reads_per_user": "9",
    "writes_per_user": "1",
    "object_size": "1",
    "object_unit": "KB",
    "read_size": "",
    "read_unit": "KB",
    "retention_years": "1",
    "peak_factor": "3",
}


def vary(response) -> set[str]:
    return {header.strip().lower() for header in response.headers.get("Vary", "").split(",")}


def message_slot(html: str, field: str) -> str | None:
    """The text of a field's message slot (the one by the field, or its out-of-band copy in a fragment)."""
    match = re.search(rf'<div class="field-errors" id="id_{field}_error"[^>]*>(.*?)</div>', html, re.S)
    return match.group(1) if match else None
