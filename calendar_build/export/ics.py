"""The holiday table as iCalendar (RFC 5545): all-day events with stable UIDs."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from icalendar import Calendar, Event

from calendar_build.calendars import hijri
from calendar_build.engine.occurrences import Occurrence, YearTable

PRODID = "-//calendar-build//Interkultureller Kalender//DE"
UID_DOMAIN = "calendar-build"


def uid(occurrence: Occurrence, index: int) -> str:
    """Return the UID of an occurrence: stable per holiday, year and position in that year."""
    suffix = f"-{index}" if index > 1 else ""
    return f"{occurrence.id}-{occurrence.start.year}{suffix}@{UID_DOMAIN}"


def description(occurrence: Occurrence) -> str:
    """Return the event description: explanation, greeting and the notes on the date."""
    holiday = occurrence.entry.holiday
    parts = [" ".join(holiday.description.split())]
    if holiday.greeting:
        parts.append(f"Gruß: {holiday.greeting}")
    if holiday.eve:
        parts.append("Beginnt am Vorabend bei Sonnenuntergang.")
    if occurrence.approximate:
        parts.append("Das Datum ist vorausberechnet und kann je nach Mondsichtung oder Gemeinde um einen Tag abweichen.")
    if occurrence.note:
        parts.append(f"Termin bekanntgegeben: {occurrence.note}")
    return "\n\n".join(parts)


def to_ics(table: YearTable, labels: dict[str, str], stamp: dt.datetime, name: str) -> bytes:
    """Return the occurrences as an iCalendar file; `stamp` is the fixed DTSTAMP (reproducible)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", f"Islamische Daten nach: {hijri.RECKONINGS[table.islamic_reckoning]}")
    seen: Counter[tuple[str, int]] = Counter()
    for occurrence in table.occurrences:
        seen[(occurrence.id, occurrence.start.year)] += 1
        event = Event()
        event.add("uid", uid(occurrence, seen[(occurrence.id, occurrence.start.year)]))
        event.add("dtstamp", stamp)
        event.add("summary", occurrence.entry.holiday.name)
        event.add("dtstart", occurrence.start)
        event.add("dtend", occurrence.end + dt.timedelta(days=1))  # DTEND of all-day events is exclusive
        event.add("categories", [labels.get(occurrence.category, occurrence.category)])
        event.add("description", description(occurrence))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
