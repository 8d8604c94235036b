"""Read planned dates from an iCalendar (RFC 5545) or CSV file, with the line each date was given on.

The site's planning form (templates/site/planen.js) reads the same way, so that `calendar-build
clashes` and the form agree: all-day events cover DTSTART up to the day before DTEND (RFC 5545
3.6.1), timed events every day from start to end (an end at midnight does not count its day), UTC
times are taken in Europe/Berlin, times with TZID or without zone as written. Recurrences (RRULE)
are not expanded: such events are checked on their first date and reported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from calendar_build.errors import Problems
from calendar_build.site.planning_texts import EXAMPLES, FORM, PROBLEMS

BERLIN = ZoneInfo("Europe/Berlin")
DATE_FORMATS = (  # ISO 8601 and German
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), ("d", "m", "y")),
)
DATE_COLUMNS = ("datum", "date", "tag", "start", "beginn", "dtstart")
TITLE_COLUMNS = ("titel", "termin", "title", "summary", "betreff", "name", "veranstaltung", "anlass")
MAX_DAYS = 366  # a planned event longer than this is reported, not expanded


@dataclass(frozen=True)
class Planned:
    """A planned date: a day, what is planned, where it was given."""

    day: dt.date
    title: str
    line: int


def parse_date(text: str) -> dt.date | None:
    """Return the date written as '2027-04-12' or '12.04.2027', None if it is not one."""
    for pattern, order in DATE_FORMATS:
        match = pattern.fullmatch(text.strip())
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None
    return None


def _span(start: dt.date, last: dt.date, title: str, line: int, path: str, problems: Problems) -> list[Planned]:
    if last < start:
        last = start
    if (last - start).days >= MAX_DAYS:
        problems.error(path, line, PROBLEMS["too_long"] % {"title": title})
        return []
    return [Planned(start + dt.timedelta(days=i), title, line) for i in range((last - start).days + 1)]


def _unfold(text: str) -> list[tuple[int, str]]:
    """Return the content lines of an iCalendar text with their first physical line (RFC 5545 3.1)."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def ics_moment(params: str, value: str) -> tuple[dt.date, bool, bool] | None:
    """Return (date, is_all_day, at_midnight) of a DTSTART/DTEND value, None if unreadable."""
    match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?", value.strip())
    if not match:
        return None
    y, m, d, hh, mm, ss, utc = match.groups()
    try:
        if hh is None:
            return dt.date(int(y), int(m), int(d)), True, False
        moment = dt.datetime(int(y), int(m), int(d), int(hh), int(mm), int(ss))
    except ValueError:
        return None
    if utc:
        moment = moment.replace(tzinfo=dt.UTC).astimezone(BERLIN)
    return moment.date(), False, moment.time() == dt.time(0, 0)


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def read_ics(text: str, path: str, problems: Problems) -> list[Planned]:
    """Return the planned dates of an iCalendar text; record unreadable events in `problems`."""
    planned: list[Planned] = []
    event: dict[str, tuple[int, str, str]] | None = None
    begin = 0
    for number, line in _unfold(text):
        name_params, _, value = line.partition(":")
        name, _, params = name_params.partition(";")
        name = name.upper()
        if name == "BEGIN" and value.strip().upper() == "VEVENT":
            event, begin = {}, number
        elif name == "END" and value.strip().upper() == "VEVENT" and event is not None:
            planned += _event(event, begin, path, problems)
            event = None
        elif event is not None:
            event.setdefault(name, (number, params, value))
    if not planned and not problems.items and "BEGIN:VCALENDAR" not in text.upper():
        problems.error(path, 1, PROBLEMS["no_calendar"])
    return planned


def _event(event: dict[str, tuple[int, str, str]], begin: int, path: str, problems: Problems) -> list[Planned]:
    title = _unescape(event.get("SUMMARY", (0, "", ""))[2]).strip() or FORM["untitled"]
    if "DTSTART" not in event:
        problems.error(path, begin, PROBLEMS["no_start"] % {"title": title})
        return []
    line, params, value = event["DTSTART"]
    start = ics_moment(params, value)
    if start is None:
        problems.error(path, line, PROBLEMS["bad_start"] % {"value": value.strip(), **EXAMPLES})
        return []
    last = start[0]
    if "DTEND" in event:
        end = ics_moment(event["DTEND"][1], event["DTEND"][2])
        if end is None:
            problems.error(path, event["DTEND"][0], PROBLEMS["bad_end"] % {"value": event["DTEND"][2].strip()})
            return []
        exclusive = start[1] or end[2]  # all-day: DTEND is the day after; a timed end at midnight likewise
        last = end[0] - dt.timedelta(days=1) if exclusive and end[0] > start[0] else end[0]
    if "RRULE" in event:
        problems.warning(path, event["RRULE"][0], PROBLEMS["repeats"] % {"title": title})
    return _span(start[0], last, title, line, path, problems)


def read_csv(text: str, path: str, problems: Problems) -> list[Planned]:
    """Return the planned dates of a CSV text (a date column, optionally a title column)."""
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max(";,\t", key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        problems.error(path, 1, PROBLEMS["empty_csv"])
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    date_col = next((header.index(c) for c in DATE_COLUMNS if c in header), None)
    title_col = next((header.index(c) for c in TITLE_COLUMNS if c in header), None)
    start = 1
    if date_col is None:
        if parse_date(rows[0][0] if rows[0] else "") is None:
            problems.error(path, 1, PROBLEMS["no_date_column"])
            return []
        date_col, title_col, start = 0, 1, 0
    planned = []
    for number, row in enumerate(rows[start:], start=start + 1):
        if not any(cell.strip() for cell in row):
            continue
        cell = row[date_col] if date_col < len(row) else ""
        day = parse_date(cell)
        if day is None:
            problems.error(path, number, PROBLEMS["not_a_date"] % {"text": cell.strip(), **EXAMPLES})
            continue
        title = row[title_col].strip() if title_col is not None and title_col < len(row) else ""
        planned.append(Planned(day, title or FORM["untitled"], number))
    return planned


READERS = {".ics": read_ics, ".ical": read_ics, ".csv": read_csv, ".txt": read_csv}
