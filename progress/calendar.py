"""The study plan as an iCalendar feed (RFC 5545): one all-day event per plan item.

Built with the `icalendar` library, which escapes text and folds lines, so nothing in an
item's label can end a property or start a new one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from progress.models import PlanItem


def ics(items: list[PlanItem], *, host: str, base_url: str, unavailable: frozenset[int] = frozenset()) -> bytes:
    """The plan as iCalendar events; an item in `unavailable` (its page is a draft or gone) has no link."""
    calendar = Calendar()
    calendar.add("prodid", "-//Primer//Study plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Primer study plan")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for item in items:
        if item.due_on is None:
            continue  # an undated plan has nothing to put on a calendar
        event = Event()
        # The key is ours ("topic:sharding", "reading:blogs:2"), but keep the UID to safe characters anyway.
        uid = "".join(c if c.isalnum() or c in "-." else "-" for c in item.key)
        event.add("uid", f"plan-{item.plan_id}-{uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due_on)
        event.add("dtend", item.due_on + timedelta(days=1))
        event.add("summary", ("Done: " if item.done_on else "") + item.label)
        if item.pk not in unavailable:
            event.add("url", f"{base_url.rstrip('/')}{item.get_absolute_url()}")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
