"""The study plan as an iCalendar feed (RFC 5545): one all-day event per plan item."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from progress.models import PlanItem


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF and a space (RFC 5545 3.1)."""
    encoded, parts = line.encode("utf-8"), []
    while len(encoded) > 75:
        cut = 75 if not parts else 74
        while cut > 0 and (encoded[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut].decode("utf-8"))
        encoded = encoded[cut:]
    parts.append(encoded.decode("utf-8"))
    return "\r\n ".join(parts)


def ics(items: list[PlanItem], *, host: str, base_url: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Primer//Study plan//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Primer study plan",
    ]
    for item in items:
        day = item.due_on
        status = "Done: " if item.done_on else ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:plan-{item.plan_id}-{item.key.replace(':', '-')}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(status + item.label)}",
            f"URL:{base_url.rstrip('/')}{item.get_absolute_url()}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
