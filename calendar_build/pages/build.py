"""Build the page model of a calendar from the year's occurrences and the portraits."""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from calendar_build.calendars import hijri
from calendar_build.content.loader import Content
from calendar_build.engine import basis
from calendar_build.engine.occurrences import Occurrence, YearTable
from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.dates import Dates
from calendar_build.pages.outlook import OutlookRow
from calendar_build.pages.fitting import (
    CellBox,
    TextBox,
    WeekdayBox,
    dots_width_mm,
    fit_labels,
    fitted_weekdays,
    wrapped_lines,
)
from calendar_build.pages.model import (
    PARAGRAPH_BREAK,
    Calendar,
    CategoryView,
    DayCell,
    Dot,
    Explanation,
    ExplanationGroup,
    ListItem,
    MonthPage,
    PhotoUrls,
    PortraitView,
    Shortening,
    Week,
)
from calendar_build.portraits.loader import Portrait
from calendar_build.region import checks as region_checks
from calendar_build.region.view import region_view

NO_PHOTOS = PhotoUrls("", "")  # a portrait whose photos were not prepared (preview of other pages)


@dataclass(frozen=True)
class Options:
    """How to build the page model."""

    classes: str = "print format-a3"  # the product's theme layers (classes of <html>)
    spelled_marks: bool = False  # marks written out in words (screen readers): their room is measured so
    date_basis: bool = False  # explanations say what each date rests on (screen products)
    cell: CellBox = CellBox(30.0, 3, None, 6.5)
    weekday: WeekdayBox | None = None  # the room of a weekday beside the day's number, where a product limits it
    column: TextBox = TextBox(84.0, 350.0, None, 8.0, 1.36)  # an explanation column
    language: str = "de"  # the edition's language (i18n/languages.py)
    german: Mapping[str, str] = field(default_factory=dict)  # holiday id -> German description (bilingual)

    @property
    def dates(self) -> Dates:
        """Return the date formats of the edition's language."""
        return Dates(self.language)

    def gettext(self, message: str) -> str:
        """Return a reader-visible message in the edition's language (gettext catalogue)."""
        return translations(self.language).gettext(message)
    cell_marks: bool = False  # the labels in day cells carry their marks ("☾", "±1"): the poster has no month list


def circled(letter: str) -> str:
    """Return the letter as a negative circled capital (U+1F150 …): a coloured disc with the letter cut out."""
    return chr(0x1F150 + ord(letter) - ord("A"))


def _dot(occurrence: Occurrence, categories: Mapping[str, CategoryView]) -> Dot:
    view = categories[occurrence.category]
    return Dot(view.id, view.letter, view.label, view.glyph)


def _day_index(table: YearTable) -> dict[dt.date, list[Occurrence]]:
    by_day: dict[dt.date, list[Occurrence]] = defaultdict(list)
    for occurrence in table.occurrences:
        for day in occurrence.days():
            by_day[day].append(occurrence)
    return by_day


def _labelled(day: dt.date, occurrences: list[Occurrence], order: list[str]) -> list[Occurrence]:
    """Return the occurrences named on a day: on a span's first day (and on the 1st of the month it runs into)."""
    chosen = [o for o in occurrences if o.start == day or day.day == 1]
    chosen.sort(key=lambda o: (not o.public, order.index(o.category), o.start))
    return chosen


def cell_mark(occurrence: Occurrence) -> str:
    """Return the marks a label carries where the product prints them in the cell: "☾", "±1", "☾±1" or ""."""
    return ("☾" if occurrence.entry.holiday.eve else "") + ("±1" if occurrence.approximate else "")


def _month(
    year: int,
    month: int,
    by_day: dict[dt.date, list[Occurrence]],
    table: YearTable,
    categories: Mapping[str, CategoryView],
    school: set[dt.date],
    portrait: PortraitView | None,
    options: Options,
    shortenings: list[Shortening],
    weekdays: tuple[str, ...],
) -> MonthPage:
    order = list(categories)
    weeks = []
    for week in gregorian.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            occurrences = by_day.get(day, [])
            in_month = day.month == month
            dots = tuple(dict.fromkeys(_dot(o, categories) for o in sorted(occurrences, key=lambda o: order.index(o.category))))
            named = _labelled(day, occurrences, order) if in_month else []
            labels = [o.entry.holiday.display_short for o in named]
            marks = tuple(cell_mark(o) for o in named) if options.cell_marks else ()
            shown, hidden, more = fit_labels(labels, options.cell, marks, options.gettext)
            more = options.dates.number(more)
            if in_month and (hidden or tuple(labels[: len(shown)]) != shown):
                shortenings.append(Shortening(day.isoformat(), shown, hidden))
            cells.append(DayCell(
                day=day.day, iso=day.isoformat(), in_month=in_month, sunday=day.weekday() == 6,
                legal=day in table.legal_holidays, school=day in school, dots=dots if in_month else (),
                labels=shown, more=more,
                title=options.dates.language.list_separator.join(o.entry.holiday.name for o in occurrences),
                hidden=hidden if in_month else (), marks=marks,
            ))
        weeks.append(Week(week[0].isocalendar()[1], tuple(cells)))
    first, last = dt.date(year, month, 1), dt.date(year, month, gregorian.monthrange(year, month)[1])
    items = tuple(
        ListItem(
            when=options.dates.column_range(o.start, o.end), dot=_dot(o, categories), name=o.entry.holiday.name,
            original=o.entry.holiday.original or "", transliteration=o.entry.holiday.transliteration or "",
            eve=o.entry.holiday.eve, approximate=o.approximate, public=o.public,
        )
        for o in table.occurrences
        if o.start <= last and o.end >= first  # every feast touching the month, spans included
    )
    return MonthPage(month, options.dates.months[month - 1], year, portrait, weekdays, tuple(weeks), items)


def dots_beside(by_day: Mapping[dt.date, list[Occurrence]], year: int, categories: Mapping[str, CategoryView],
                box: WeekdayBox | None) -> tuple[float, ...]:
    """Return, for each weekday (Monday first), the room in mm the dots of its most crowded day of the year take."""
    widest = [0.0] * 7
    if box is None:
        return tuple(widest)
    for day, occurrences in by_day.items():
        if day.year == year:
            glyphs = tuple(dict.fromkeys(categories[o.category].glyph for o in occurrences))
            widest[day.weekday()] = max(widest[day.weekday()], dots_width_mm(glyphs, box))
    return tuple(widest)


def _explanations(table: YearTable, categories: Mapping[str, CategoryView], options: Options) -> tuple[tuple[ExplanationGroup, ...], ...]:
    """Group the year's holidays by category and split them into columns by estimated height."""
    by_category: dict[str, list[Occurrence]] = defaultdict(list)
    seen: set[str] = set()
    for occurrence in table.occurrences:
        if occurrence.start.year == table.year or occurrence.end.year == table.year:
            by_category[occurrence.category].append(occurrence)
    groups = []
    for category_id, view in categories.items():
        items = []
        for occurrence in by_category.get(category_id, []):
            holiday = occurrence.entry.holiday
            all_dates = [o for o in by_category[category_id] if o.id == holiday.id]
            if holiday.id in seen:
                continue
            seen.add(holiday.id)
            items.append(Explanation(
                when=options.dates.date_list((o.start, o.end) for o in all_dates),
                dot=Dot(view.id, view.letter, view.label, view.glyph), name=holiday.name, original=holiday.original or "",
                transliteration=holiday.transliteration or "", description=" ".join(holiday.description.split()),
                greeting=holiday.greeting or "", eve=holiday.eve, approximate=any(o.approximate for o in all_dates),
                german=options.german.get(holiday.id, ""),
                basis=basis.explained(all_dates, options.language) if options.date_basis else "",
            ))
        if items:
            groups.append(ExplanationGroup(view, tuple(items)))
    return _split_columns(groups, options)


GROUP_TITLE_MM = 8.0  # title of a category in the explanations: larger type, rule and spacing
ITEM_GAP_MM = 2.4  # space after each explanation (calendar.css .explanation margin)


SCREEN_MARKS = (" (ab Vorabend)", " (Datum ±1 Tag)")  # spelled out on screen (macros.html.j2)
GREETING = "Gruß: {greeting}"  # explanations.html.j2
BILINGUAL_GAP_MM = 3.0  # between the two languages of a bilingual explanation (calendar.css .bilingual)


def _item_height(item: Explanation, box: TextBox, words: bool, gettext: Callable[[str], str] = str) -> float:
    """Return the height in mm an explanation takes in a column."""
    marks = "".join(gettext(m) for m in SCREEN_MARKS) if words else " ±1 ☾"
    lines = wrapped_lines(f"{item.name}{marks} {item.when}", box, widen=1.08)
    if item.original:
        lines += wrapped_lines(f"{item.original} {item.transliteration}", box)
    if item.german:  # two columns side by side, each half the width less the gap (calendar.css .bilingual)
        half = replace(box, width_mm=(box.width_mm - BILINGUAL_GAP_MM) / 2)
        lines += max(wrapped_lines(item.description, half), wrapped_lines(item.german, half))
    else:
        lines += wrapped_lines(item.description, box)
    if item.basis:
        lines += wrapped_lines(item.basis, box)
    if item.greeting:
        lines += wrapped_lines(gettext(GREETING).format(greeting=item.greeting), box)
    return lines * box.line_mm + ITEM_GAP_MM


def _split_columns(groups: list[ExplanationGroup], options: Options) -> tuple[tuple[ExplanationGroup, ...], ...]:
    """Fill columns top to bottom with measured heights; a category may continue in the next column."""
    box = options.column
    columns: list[list[ExplanationGroup]] = [[]]
    used = 0.0
    for group in groups:
        pending: list[Explanation] = []
        for item in group.items:
            need = _item_height(item, box, options.spelled_marks, options.gettext) + (GROUP_TITLE_MM if not pending else 0.0)
            if used + need > box.height_mm and (pending or columns[-1]):
                if pending:
                    columns[-1].append(ExplanationGroup(group.category, tuple(pending)))
                columns.append([])
                used, pending = 0.0, []
                need = _item_height(item, box, options.spelled_marks, options.gettext) + GROUP_TITLE_MM
            pending.append(item)
            used += need
        if pending:
            columns[-1].append(ExplanationGroup(group.category, tuple(pending)))
    return tuple(tuple(c) for c in columns)


def paragraphs(text: str) -> str:
    """Return a portrait's text with its spaces made single, its paragraphs parted by PARAGRAPH_BREAK.

    A paragraph ends where the text read from YAML has a line break: at a blank line of a folded `text: >-`
    (the way the template and the guide write it), at every line end of a literal `text: |`.
    """
    parts = (" ".join(part.split()) for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return PARAGRAPH_BREAK.join(part for part in parts if part)


def build_calendar(
    content: Content,
    table: YearTable,
    portraits: tuple[Portrait, ...],
    photo_urls: Mapping[int, PhotoUrls],
    options: Options,
    computed_on: dt.date,
    outlook: tuple[OutlookRow, ...] = (),
) -> tuple[Calendar, tuple[Shortening, ...]]:
    """Return the calendar's page model and the day cells whose labels had to be shortened."""
    edition = content.edition
    categories = {c.id: CategoryView(c.id, c.label, c.letter, circled(c.letter)) for c in content.catalogue.categories}
    by_day = _day_index(table)
    region = region_view(content, table.year, options.language)
    school = region_checks.school_year(content, table.year).days() if edition.school_holidays else set()
    portrait_views = {
        p.spec.month: PortraitView(
            name=p.spec.name, town=p.spec.town, text=paragraphs(p.spec.text_in(options.language)[0]),
            lang=p.spec.text_in(options.language)[1],
            photo=photo_urls.get(p.spec.month, NO_PHOTOS).frame, tile=photo_urls.get(p.spec.month, NO_PHOTOS).tile,
            alt=p.spec.alt, credit=p.spec.photo_credit, sample=p.spec.sample,
            source=f"{p.where.path}:{p.line('text') or ''}",
        )
        for p in portraits
    }
    shortenings: list[Shortening] = []
    # one form of the weekday names for the whole year: the first whose every name fits beside its dots
    weekdays = fitted_weekdays(options.dates.weekday_forms, options.weekday,
                               dots_beside(by_day, table.year, categories, options.weekday))
    months = tuple(
        _month(table.year, m, by_day, table, categories, school, portrait_views.get(m), options, shortenings, weekdays)
        for m in range(1, 13)
    )
    calendar = Calendar(
        year=table.year, title=edition.title, motto=edition.motto, publisher=edition.publisher,
        imprint=" ".join(edition.imprint.split()),
        edition_date=options.dates.long_date(edition.document_date or computed_on),
        reckoning=options.gettext(hijri.RECKONINGS[table.islamic_reckoning]),
        computed_on=options.dates.long_date(computed_on), classes=options.classes, spelled_marks=options.spelled_marks,
        categories=tuple(categories.values()), months=months,
        explanation_columns=_explanations(table, categories, options),
        credits=tuple((f"{options.dates.months[p.spec.month - 1]}: {p.spec.name}", p.spec.photo_credit) for p in portraits),
        sample=any(p.spec.sample for p in portraits), school_holidays_known=bool(region.school_legend), outlook=outlook,
        region=region, language=options.language, direction=options.dates.language.direction,
        german_portraits=any(v.lang != options.language for v in portrait_views.values()),
    )
    return calendar, tuple(shortenings)
