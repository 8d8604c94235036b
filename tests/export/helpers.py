"""Shared by the export tests: the sample project's tables and a strict RFC 5545 reader."""

from __future__ import annotations

import datetime as dt
import functools

from calendar_build.content.loader import Content, load_content
from calendar_build.engine.occurrences import YearTable, compute_year
from tests.conftest import REPO

STAMP = dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)


@functools.cache
def content() -> Content:
    """Return the sample project's content (loaded once)."""
    return load_content(REPO)


@functools.cache
def year_table(year: int) -> YearTable:
    """Return the sample project's holiday table of `year` (computed once)."""
    return compute_year(content(), year)


def labels() -> dict[str, str]:
    """Return category id -> German label in legend order."""
    return {c.id: c.label for c in content().catalogue.categories}


def rfc5545_problems(data: bytes) -> list[str]:
    """Return every violation of the RFC 5545 basics clients rely on; empty when the file is sound.

    CRLF line endings, physical lines of at most 75 octets that are valid UTF-8 on their own
    (folding never splits a character), balanced BEGIN/END with one VCALENDAR, PRODID and VERSION
    once per calendar, UID, DTSTAMP and DTSTART once per VEVENT, date-valued DTEND with DATE DTSTART.
    """
    problems: list[str] = []
    if not data.endswith(b"\r\n"):
        return ["Datei endet nicht mit CRLF"]
    physical = data[:-2].split(b"\r\n")
    logical: list[str] = []
    for number, line in enumerate(physical, start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"Zeile {number}: CR oder LF ohne das andere")
        if len(line) > 75:
            problems.append(f"Zeile {number}: {len(line)} Oktette")
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"Zeile {number}: kein UTF-8 für sich (Zeichen beim Falten geteilt?)")
            continue
        if text[:1] in (" ", "\t"):
            if not logical:
                problems.append(f"Zeile {number}: Fortsetzung ohne Vorgänger")
                continue
            logical[-1] += text[1:]
        else:
            logical.append(text)
    stack: list[tuple[str, dict[str, list[str]]]] = []
    calendars = 0
    for content_line in logical:
        head, _, value = content_line.partition(":")
        name, *params = head.split(";")
        if name == "BEGIN":
            if not stack and value != "VCALENDAR":
                problems.append(f"{value} außerhalb von VCALENDAR")
            calendars += value == "VCALENDAR" and not stack
            stack.append((value, {}))
        elif name == "END":
            if not stack or stack[-1][0] != value:
                problems.append(f"END:{value} passt nicht zu {stack[-1][0] if stack else 'nichts'}")
                continue
            component, props = stack.pop()
            required = {"VCALENDAR": ("PRODID", "VERSION"), "VEVENT": ("UID", "DTSTAMP", "DTSTART")}
            for prop in required.get(component, ()):
                if len(props.get(prop, [])) != 1:
                    problems.append(f"{component} mit {len(props.get(prop, []))}× {prop}")
            if "VALUE=DATE" in props.get("DTSTART", [""])[0] and "VALUE=DATE" not in props.get("DTEND", [""])[0]:
                problems.append(f"{component}: DTSTART ist ein Datum, DTEND nicht")
        elif not stack:
            problems.append(f"Eigenschaft {name} außerhalb jeder Komponente")
        else:
            stack[-1][1].setdefault(name, []).append(";".join(params))
    if stack:
        problems.append(f"nicht geschlossen: {', '.join(c for c, _ in stack)}")
    if calendars != 1:
        problems.append(f"{calendars} VCALENDAR statt einem")
    return problems
