"""The content schema, declared once: categories, holidays with their rule kinds, edition, overrides.

Each field has one doc line; the German messages for schema violations are in `messages.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator, model_validator

from calendar_build.calendars import hebrew, indic
from calendar_build.i18n.languages import LANGUAGE_CODES
from calendar_build.products import DEFAULT_PRODUCTS, PRODUCTS
from calendar_build.region.profile import REGION_CODES

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = hebrew.WEEKDAYS
CATEGORY_IDS = (
    "intercultural", "christian", "orthodox", "orthodox-revised", "islamic", "alevi", "jewish",
    "hindu", "buddhist", "sikh", "bahai", "yazidi",
)  # fmt: skip
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
MAX_DURATION = 40  # days a holiday or an announced date may span at most
_MONTH_DAY = re.compile(r"^(\d\d)-(\d\d)$")


class Strict(BaseModel):
    """Base for all content models: immutable, unknown keys refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def check_gregorian_day(month: int, day: int) -> None:
    """Raise ValueError unless month/day exists in the Gregorian calendar (29 Feb allowed)."""
    if not 1 <= month <= 12:
        raise ValueError(f"Monat {month} gibt es nicht (1–12)")
    if not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        raise ValueError(f"den {day}.{month}. gibt es nicht")


class FixedRule(Strict):
    """The same Gregorian date every year."""

    kind: Literal["fixed"]
    month: StrictInt  # 1–12
    day: StrictInt  # day of the month

    @model_validator(mode="after")
    def _real_date(self) -> FixedRule:
        check_gregorian_day(self.month, self.day)
        return self


class EasterRule(Strict):
    """Western Easter Sunday plus an offset in days."""

    kind: Literal["easter"]
    offset: Annotated[StrictInt, Field(ge=-70, le=70)] = 0  # days after Easter Sunday (negative: before)


class OrthodoxEasterRule(Strict):
    """Orthodox Easter Sunday (Julian computus) plus an offset in days."""

    kind: Literal["orthodox_easter"]
    offset: Annotated[StrictInt, Field(ge=-70, le=70)] = 0  # days after Orthodox Easter Sunday


class WeekdayRule(Strict):
    """The nth weekday on or after (nth > 0) or on or before (nth < 0) a date, plus an offset."""

    kind: Literal["weekday"]
    month: StrictInt  # month of the reference date
    day: StrictInt  # day of the reference date
    weekday: Weekday  # mon … sun
    nth: Annotated[StrictInt, Field(ge=-5, le=5)] = 1  # 1 = first on or after, -1 = last on or before
    offset: Annotated[StrictInt, Field(ge=-31, le=31)] = 0  # days added afterwards
    calendar: Literal["gregorian", "julian"] = "gregorian"  # calendar of the reference date

    @model_validator(mode="after")
    def _real_date(self) -> WeekdayRule:
        check_gregorian_day(self.month, self.day)
        if self.nth == 0:
            raise ValueError("nth darf nicht 0 sein (1 = erster ab dem Datum, -1 = letzter bis zum Datum)")
        return self


class JulianRule(Strict):
    """A date of the Julian calendar (Orthodox Christmas: 25 December Julian = 7 January)."""

    kind: Literal["julian"]
    month: StrictInt  # Julian month
    day: StrictInt  # Julian day

    @model_validator(mode="after")
    def _real_date(self) -> JulianRule:
        check_gregorian_day(self.month, self.day)
        return self


OrthodoxCalendar = Literal["julian", "revised-julian"]


class OrthodoxFixedRule(Strict):
    """A fixed feast of the Orthodox church year: Julian or Revised Julian, as the church keeps it."""

    kind: Literal["orthodox_fixed"]
    month: int  # month in the church calendar
    day: int  # day in the church calendar
    calendar: OrthodoxCalendar | None = None  # julian / revised-julian; default: orthodox_calendar of the edition

    @model_validator(mode="after")
    def _real_date(self) -> OrthodoxFixedRule:
        check_gregorian_day(self.month, self.day)
        return self


class HebrewRule(Strict):
    """A date of the Hebrew calendar, with optional postponement by weekday."""

    kind: Literal["hebrew"]
    month: Literal[tuple(hebrew.MONTHS)]  # type: ignore[valid-type]  # tishrei … elul; adar = Adar II in leap years
    day: Annotated[StrictInt, Field(ge=1, le=30)]  # day of the Hebrew month
    shift: dict[Weekday, Annotated[StrictInt, Field(ge=-3, le=3)]] = {}  # e.g. {fri: -1, sun: 1}


class HijriRule(Strict):
    """A date of the Islamic calendar (every occurrence in the Gregorian year)."""

    kind: Literal["hijri"]
    month: Annotated[StrictInt, Field(ge=1, le=12)]  # 1 Muharram … 12 Dhu l-Hijja
    day: Annotated[StrictInt, Field(ge=1, le=30)]  # day of the Hijri month


class ChineseRule(Strict):
    """A day of the first month of the Chinese lunisolar calendar."""

    kind: Literal["chinese"]
    month: Literal[1] = 1  # only the first month is supported
    day: Annotated[StrictInt, Field(ge=1, le=29)] = 1  # day of the first month


class PersianRule(Strict):
    """A date of the Solar Hijri (Persian) calendar."""

    kind: Literal["persian"]
    month: Annotated[StrictInt, Field(ge=1, le=12)]  # 1 Farvardin … 12 Esfand
    day: Annotated[StrictInt, Field(ge=1, le=31)]  # day of the Persian month

    @model_validator(mode="after")
    def _real_date(self) -> PersianRule:
        if self.day > (31 if self.month <= 6 else 30):
            raise ValueError(f"den {self.day}. Tag im persischen Monat {self.month} gibt es nicht")
        return self


class BahaiRule(Strict):
    """A date of the Badíʻ calendar, or one of the Twin Holy Birthdays."""

    kind: Literal["bahai"]
    month: Annotated[StrictInt, Field(ge=1, le=19)] | None = None  # 1 Bahá … 19 ʻAláʼ
    day: Annotated[StrictInt, Field(ge=1, le=19)] | None = None  # day of the Badíʻ month
    twin: Literal[1, 2] | None = None  # 1 = Geburt des Báb, 2 = Geburt Bahá'u'lláhs

    @model_validator(mode="after")
    def _one_form(self) -> BahaiRule:
        if (self.twin is None) == (self.month is None or self.day is None):
            raise ValueError("entweder 'month' und 'day' oder 'twin' (1 oder 2) angeben")
        return self


class IndicRule(Strict):
    """A Hindu, Sikh or Buddhist lunisolar festival by name."""

    kind: Literal["indic"]
    festival: Literal[indic.NAMES]  # type: ignore[valid-type]  # diwali, holi, …


class DatesRule(Strict):
    """Explicit dates, one per year, for feasts without a computable rule."""

    kind: Literal["dates"]
    dates: dict[Annotated[StrictInt, Field(ge=1000, le=3000)], dt.date]  # year -> date

    @model_validator(mode="after")
    def _years_match(self) -> DatesRule:
        for year, day in self.dates.items():
            if abs(day.year - year) > 1:  # a feast may begin late in the year before (Hanukkah over New Year)
                raise ValueError(f"das Datum {day.isoformat()} gehört nicht zum Jahr {year}")
        return self


Rule = Annotated[
    Union[
        FixedRule, EasterRule, OrthodoxEasterRule, WeekdayRule, JulianRule, OrthodoxFixedRule, HebrewRule,
        HijriRule, ChineseRule, PersianRule, BahaiRule, IndicRule, DatesRule,
    ],
    Field(discriminator="kind"),
]  # fmt: skip
RULE_KINDS = (
    "fixed", "easter", "orthodox_easter", "weekday", "julian", "orthodox_fixed", "hebrew",
    "hijri", "chinese", "persian", "bahai", "indic", "dates",
)  # fmt: skip

MonthDay = Annotated[str, Field(pattern=r"^\d\d-\d\d$")]


class Holiday(Strict):
    """One feast or observance of the catalogue."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]  # stable kebab-case id
    name: Annotated[str, Field(min_length=1, max_length=80)]  # German name
    short: Annotated[str, Field(min_length=1, max_length=14)] | None = None  # short name for the day cell
    original: Annotated[str, Field(max_length=80)] | None = None  # name in its own script
    transliteration: Annotated[str, Field(max_length=80)] | None = None  # Latin transliteration
    rule: Rule  # how the date is computed
    duration: Annotated[StrictInt, Field(ge=1, le=MAX_DURATION)] = 1  # days, the whole span
    eve: StrictBool = False  # the day begins the evening before
    approximate: StrictBool = False  # the date depends on moon sighting or regional practice
    window: tuple[MonthDay, MonthDay] | None = None  # plausible Gregorian window of the start
    since: Annotated[StrictInt, Field(ge=1, le=9999)] | None = None  # first year observed
    until: Annotated[StrictInt, Field(ge=1, le=9999)] | None = None  # last year observed
    description: Annotated[str, Field(min_length=1, max_length=900)]  # German, 2–4 sentences
    greeting: Annotated[str, Field(max_length=80)] | None = None  # customary greeting
    regions: tuple[Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,2})?$")], ...] = ()  # only there (DE, AT-9)

    @field_validator("window")
    @classmethod
    def _window_dates(cls, window: tuple[str, str] | None) -> tuple[str, str] | None:
        for text in window or ():
            month, day = (int(part) for part in text.split("-"))
            check_gregorian_day(month, day)
        return window

    @property
    def display_short(self) -> str:
        """Return the short name, or the name where no short one is given."""
        return self.short or self.name

    def shown_in(self, region: str) -> bool:
        """Return whether the entry belongs in an edition for `region` (ISO 3166-2; no `regions`: everywhere)."""
        return not self.regions or region in self.regions or region.split("-")[0] in self.regions

    def observed_in(self, year: int) -> bool:
        """Return whether the observance existed in `year`."""
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)


class HolidayFile(Strict):
    """content/holidays/<category>.yaml"""

    category: str  # category id; must match the file name
    holidays: list[Holiday]  # the feasts of this category


class Category(Strict):
    """A colour-dot category of the legend."""

    id: Literal[CATEGORY_IDS]  # type: ignore[valid-type]  # intercultural, christian, …
    label: Annotated[str, Field(min_length=1, max_length=40)]  # German label
    rgb: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]  # screen colour
    cmyk: tuple[
        Annotated[float, Field(ge=0, le=100)],
        Annotated[float, Field(ge=0, le=100)],
        Annotated[float, Field(ge=0, le=100)],
        Annotated[float, Field(ge=0, le=100)],
    ]  # print colour in percent
    letter: Annotated[str, Field(pattern=r"^[A-Z]$")]  # letter inside the dot, for colour-blind readers
    legal_calendar: StrictBool = False  # its days can be legal holidays of the edition's region


class CategoriesFile(Strict):
    """content/categories.yaml"""

    categories: list[Category]  # in legend order


class Override(Strict):
    """A date a community has announced, replacing the computed one."""

    id: str  # holiday id
    start: dt.date  # first day
    end: dt.date | None = None  # last day; default: start + duration - 1
    note: Annotated[str, Field(max_length=200)] | None = None  # who announced it
    deliberate: bool = False  # moves a legal holiday or lies far from the computed date on purpose

    @model_validator(mode="after")
    def _order(self) -> Override:
        if self.end is not None and self.end < self.start:
            raise ValueError("'end' liegt vor 'start'")
        return self


class OverridesFile(Strict):
    """content/overrides/<year>.yaml"""

    overrides: list[Override] = []  # pinned dates of that year


SCHOOL_BREAK_NAMES = (
    "Winterferien", "Semesterferien", "Frühjahrsferien", "Osterferien", "Oster-/Frühjahrsferien", "Pfingstferien",
    "Himmelfahrts-/Pfingstferien", "Sommerferien", "Hauptferien", "Herbstferien", "Weihnachtsferien",
)  # fmt: skip


class SchoolBreak(Strict):
    """One school holiday period as the state published it."""

    name: Literal[SCHOOL_BREAK_NAMES]  # type: ignore[valid-type]  # Herbstferien, Weihnachtsferien, …
    start: dt.date  # first day without school
    end: dt.date  # last day without school

    @model_validator(mode="after")
    def _order(self) -> SchoolBreak:
        if self.end < self.start:
            raise ValueError("'end' liegt vor 'start'")
        if (self.end - self.start).days > 90:
            raise ValueError(f"{(self.end - self.start).days + 1} Tage Ferien am Stück – bitte 'start' und 'end' prüfen")
        return self


class SchoolHolidaysFile(Strict):
    """content/school-holidays/<year>.yaml: the state's official school holidays touching that year."""

    region: Literal[REGION_CODES] | None = None  # type: ignore[valid-type]  # the state; must be the edition's
    source: Annotated[str, Field(min_length=1, max_length=200)]  # who published the dates (named in the imprint)
    holidays: list[SchoolBreak]  # the periods, each touching the file's year


class PortraitRules(Strict):
    """How many portraits an edition has and how they spread over towns and genders."""

    count: Annotated[int, Field(ge=1, le=12)] = 12  # portraits per edition, at most one per month
    cover_towns: StrictBool = True  # every town of `towns` has a portrait (needs count >= number of towns)
    max_per_town: Annotated[int, Field(ge=1, le=12)] = 1  # each town at most this many times
    gender_balance: Literal["equal", "none"] = "equal"  # equal: as many women as men (odd count: one more)


class SchoolExemption(Strict):
    """A note on leave from school for religious holidays, printed only with its legal source."""

    text: Annotated[str, Field(min_length=1, max_length=400)]  # German, one or two sentences
    source: Annotated[str, Field(min_length=1, max_length=200)]  # the regulation, e.g. its name and section


# the rows of the product table that are PDFs (the website is made by `calendar-build site`)
ProductId = Literal[tuple(i for i, p in PRODUCTS.items() if p.output == "pdf")]  # type: ignore[valid-type]


class Edition(Strict):
    """content/edition.yaml: the settings of one edition."""

    year: Annotated[StrictInt, Field(ge=1950, le=2099)] | None = None  # default year of the edition
    title: str = "Interkultureller Kalender"  # cover title (the year is appended)
    motto: str = ""  # cover motto
    publisher: str = ""  # publisher for cover and imprint
    islamic_reckoning: Literal["umm-al-qura", "diyanet", "arithmetic"] = "umm-al-qura"  # Hijri reckoning
    orthodox_calendar: OrthodoxCalendar = "julian"  # fixed Orthodox feasts: julian (7 Jan) / revised-julian (25 Dec)
    vesak_tradition: Literal["southeast-asia", "south-asia"] = "southeast-asia"  # Vesak: Thailand … / India, Sri Lanka
    sikh_calendar: Literal["bikrami", "nanakshahi"] = "bikrami"  # Vaisakhi: Mesha Sankranti / 14 April (Nanakshahi 2003)
    school_holidays: StrictBool = True  # show the region's school holidays as a band in the grid
    region: Literal[REGION_CODES] = "DE-HE"  # type: ignore[valid-type]  # ISO 3166-2 code of the state
    district: Annotated[str, Field(max_length=80)] = ""  # district or city of the edition (legend, imprint)
    towns: tuple[Annotated[str, Field(min_length=1, max_length=60)], ...] = ()  # portrait towns (empty: any)
    local_holidays: dict[str, Literal["all", "some"]] = {}  # holidays legal in part of the state: all/some towns
    logo: str | None = None  # SVG or PNG logo for cover and imprint, relative to the project
    portraits: PortraitRules = PortraitRules()  # how many portraits and how they spread
    school_exemption: SchoolExemption | None = None  # leave from school for religious holidays, with source
    print_condition: Literal["FOGRA39"] = "FOGRA39"  # registered print condition named in the PDF's output intent
    output_profile: str | None = None  # printer's CMYK ICC profile, relative to the project (default: ours for the condition)
    print_photos: Literal["cmyk", "srgb"] = "cmyk"  # photos separated into the condition, or sRGB for the printer to convert
    binding: Literal["wire-o-top", "none"] = "wire-o-top"  # how the wall calendar is bound (job sheet, preflight)
    binding_strip_mm: Annotated[float, Field(ge=0, le=30)] = 12.0  # strip below the top edge kept free but for photos
    document_date: dt.date | None = None  # date printed and stored in the PDF (reproducible builds)
    imprint: str = ""  # extra imprint text
    outlook_in_print: StrictBool = False  # add the five-year outlook page to the print PDF (always in the screen PDF)
    language: Literal[LANGUAGE_CODES] = "de"  # type: ignore[valid-type]  # language of the edition: de, en, tr, ar, uk, fa
    products: list[ProductId] = list(DEFAULT_PRODUCTS)  # type: ignore[valid-type]  # what `build --variant all` and `check` make
    data_license: Literal["CC BY 4.0", "CC BY-SA 4.0", "CC0 1.0"] = "CC BY 4.0"  # licence of the open data (site)
