"""The holiday table as iCalendar (RFC 5545): all-day events with stable UIDs, one file per category.

Calendar clients (Google Calendar, Apple Calendar, Outlook, Thunderbird) replace an imported event by
one with the same UID instead of adding a second. RFC 5546 §2.1.5 orders two versions of equal
SEQUENCE by DTSTAMP, so DTSTAMP (and LAST-MODIFIED) is the edition's document date: a later edition
updates the events, the same edition gives byte-identical files. SEQUENCE is derived from the content,
not from earlier files: 0 for a computed date, 1 once a community announced it (an override). An event has the same UID in the combined file and in
its category's file – it is the same event, so subscribing to both shows it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from icalendar import Calendar, Event

from calendar_build.calendars import hijri
from calendar_build.engine import basis
from calendar_build.engine.occurrences import Occurrence, YearTable
from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import GERMAN, LANGUAGES
from calendar_build.i18n.marker import N_

PRODID = "-//calendar-build//Interkultureller Kalender//DE"
UID_DOMAIN = "calendar-build"
CALENDAR_NAME = N_("Interkulturelle Feiertage")
FILE_PREFIX = "holidays"
APPROXIMATE_NOTE = N_("Das Datum ist vorausberechnet und kann je nach Mondsichtung oder Gemeinde um einen Tag abweichen.")


def file_name(year: int, category: str | None = None, language: str = GERMAN) -> str:
    """Return 'holidays-2027.ics', for one category 'holidays-2027-jewish.ics'; other languages add '-tr'."""
    stem = f"{FILE_PREFIX}-{year}-{category}" if category else f"{FILE_PREFIX}-{year}"
    return f"{stem}{LANGUAGES[language].file_suffix}.ics"


def calendar_name(year: int, label: str | None = None, language: str = GERMAN) -> str:
    """Return the calendar name shown by clients, e.g. 'Interkulturelle Feiertage 2027 – Jüdisch'."""
    name = f"{translations(language).gettext(CALENDAR_NAME)} {Dates(language).number(year)}"
    return f"{name} – {label}" if label else name


def dtstamp(document_date: dt.date | None, year: int, source_date_epoch: int | None) -> dt.datetime:
    """Return the fixed DTSTAMP: the document date, else SOURCE_DATE_EPOCH, else 1 January of the year before.

    Never the clock: the same content must give the same bytes.
    """
    if document_date is not None:
        return dt.datetime.combine(document_date, dt.time(), tzinfo=dt.timezone.utc)
    if source_date_epoch is not None:
        return dt.datetime.fromtimestamp(source_date_epoch, dt.timezone.utc)
    return dt.datetime(year - 1, 1, 1, tzinfo=dt.timezone.utc)


def uids(occurrences: Sequence[Occurrence]) -> list[str]:
    """Return each occurrence's UID: holiday id, start year, and a count for all but the year's last start.

    A Hijri feast can start twice in one Gregorian year (January and December). The count runs
    backwards from the year's last start because the only start a year's table can lack is an
    earlier one in the previous year: a span carried over from December is always the last start
    of its year, so it keeps its UID in both years' files (muharrem-fast 2041/2042).
    """
    groups: dict[tuple[str, int], list[int]] = {}
    for position, occurrence in enumerate(occurrences):
        groups.setdefault((occurrence.id, occurrence.start.year), []).append(position)
    result = [""] * len(occurrences)
    for (holiday_id, year), positions in groups.items():
        latest_first = sorted(positions, key=lambda p: (occurrences[p].start, occurrences[p].end), reverse=True)
        for count, position in enumerate(latest_first, start=1):
            suffix = f"-{count}" if count > 1 else ""
            result[position] = f"{holiday_id}-{year}{suffix}@{UID_DOMAIN}"
    return result


def description(occurrence: Occurrence, language: str = GERMAN) -> str:
    """Return the event description: explanation, greeting and the notes on the date (in `language`)."""
    holiday = occurrence.entry.holiday
    _, dates = translations(language).gettext, Dates(language)
    parts = [" ".join(holiday.description.split())]
    if holiday.greeting:
        parts.append(_("Gruß: {greeting}").format(greeting=holiday.greeting))
    if holiday.eve:
        eve = occurrence.start - dt.timedelta(days=1)
        parts.append(_("Beginnt am Vorabend ({weekday}, {date}) bei Sonnenuntergang.").format(
            weekday=dates.weekdays[eve.weekday()], date=dates.long_date(eve)))
    if occurrence.approximate:
        parts.append(_(APPROXIMATE_NOTE))
    if occurrence.note:  # the community's announcement, as the editors wrote it (German)
        parts.append(_("Termin bekanntgegeben: {note}").format(note=occurrence.note))
    if basis.label(occurrence.basis):
        parts.append(_("Grundlage des Datums: {basis}.").format(
            basis=basis.label(occurrence.basis, occurrence.note, language)))
    others = basis.differing(occurrence.start, occurrence.alternatives)
    if others:
        parts.append(_("Nach anderer Überlieferung: {others}.").format(
            others="; ".join(basis.alternative_text(a, language) for a in others)))
    return "\n\n".join(parts)


def event(occurrence: Occurrence, uid: str, label: str, stamp: dt.datetime, language: str = GERMAN) -> Event:
    """Return one all-day VEVENT; the summary is the plain name, notes go into the description."""
    result = Event()
    result.add("uid", uid)
    result.add("dtstamp", stamp)
    result.add("dtstart", occurrence.start)
    result.add("dtend", occurrence.end + dt.timedelta(days=1))  # DTEND of all-day events is exclusive
    result.add("summary", occurrence.entry.holiday.name)
    result.add("categories", [label])
    result.add("description", description(occurrence, language))
    result.add("transp", "TRANSPARENT")  # a feast does not block the day in free/busy
    # RFC 5545 §3.8.7.4: the sequence counts revisions of the date. A computed date is the first version;
    # an announced one (override, or a Hijri month start that was announced) revises it.
    result.add("sequence", sequence(occurrence))
    result.add("last-modified", stamp)  # the document date: when this content was released
    return result


ANNOUNCED = frozenset({"override", "month-start"})


def sequence(occurrence: Occurrence) -> int:
    """Return the event's SEQUENCE: 0 for a computed date, 1 for a date revised by an announcement."""
    return 1 if occurrence.basis in ANNOUNCED else 0


def _calendar(name: str, reckoning: str | None, events: Sequence[Event], language: str = GERMAN) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-language", language)  # informal, like X-WR-CALNAME; the texts' language
    _ = translations(language).gettext
    caldesc = _("Ganztägige Feier- und Gedenktage aus dem Interkulturellen Kalender.")
    if reckoning:
        caldesc += " " + _("Islamische Daten nach: {reckoning}.").format(reckoning=_(hijri.RECKONINGS[reckoning]))
    calendar.add("x-wr-caldesc", caldesc)
    for item in events:
        calendar.add_component(item)
    data: bytes = calendar.to_ical()
    return data


def _events(table: YearTable, labels: Mapping[str, str], stamp: dt.datetime,
            language: str = GERMAN) -> list[tuple[Occurrence, Event]]:
    if stamp.tzinfo is None:
        raise ValueError("DTSTAMP braucht eine Zeitzone (UTC).")
    stamp = stamp.astimezone(dt.timezone.utc)
    pairs = sorted(zip(uids(table.occurrences), table.occurrences, strict=True),
                   key=lambda pair: (pair[1].start, pair[1].end, pair[1].category, pair[0]))
    return [(o, event(o, uid, labels.get(o.category, o.category), stamp, language)) for uid, o in pairs]


def _reckoning(table: YearTable, occurrences: Sequence[Occurrence]) -> str | None:
    return table.islamic_reckoning if any(o.basis in hijri.RECKONINGS for o in occurrences) else None


def to_ics(table: YearTable, labels: Mapping[str, str], stamp: dt.datetime, name: str,
           language: str = GERMAN) -> bytes:
    """Return all occurrences as one iCalendar file; `stamp` is the fixed DTSTAMP (reproducible)."""
    pairs = _events(table, labels, stamp, language)
    return _calendar(name, _reckoning(table, table.occurrences), [e for _, e in pairs], language)


def ics_files(table: YearTable, labels: Mapping[str, str], stamp: dt.datetime,
              language: str = GERMAN) -> dict[str, bytes]:
    """Return file name -> iCalendar bytes: every category combined, then one file per category with events.

    `labels` maps category ids to German labels in legend order; that order is the order of the files.
    """
    pairs = _events(table, labels, stamp, language)
    files = {file_name(table.year, None, language): _calendar(
        calendar_name(table.year, None, language), _reckoning(table, table.occurrences), [e for _, e in pairs], language)}
    order = list(labels) + sorted({o.category for o, _ in pairs} - set(labels))
    for category in order:
        chosen = [(o, e) for o, e in pairs if o.category == category]
        if chosen:
            name = calendar_name(table.year, labels.get(category, category), language)
            files[file_name(table.year, category, language)] = _calendar(
                name, _reckoning(table, [o for o, _ in chosen]), [e for _, e in chosen], language)
    return files
