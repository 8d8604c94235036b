"""School holidays of the edition's region: what is known, what is missing, and where it comes from.

Dates come from the holidays package (Germany: the KMK holiday calendar it cites; Austria: computed from
§ 2 Schulzeitgesetz 1985, without school-autonomous days) or, taking precedence, from the editor's
`content/school-holidays/<year>.yaml` with the state's official dates. A period is known or not: the band
shows only known periods, the legend names them, and a missing one is a warning naming year and period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from calendar_build.content.schema import SchoolHolidaysFile
from calendar_build.errors import Problems
from calendar_build.i18n.marker import N_
from calendar_build.region.profile import COUNTRIES, Region
from calendar_build.region.words import Needed, Wording

if TYPE_CHECKING:
    from calendar_build.content.loader import Reader

# Names of the same break in the package, the states and Austria -> one kind (for what is missing).
KIND = {"Winterferien": "winter", "Semesterferien": "winter", "Frühjahrsferien": "easter", "Osterferien": "easter",
        "Oster-/Frühjahrsferien": "easter", "Pfingstferien": "whitsun", "Himmelfahrts-/Pfingstferien": "whitsun",
        "Sommerferien": "summer", "Hauptferien": "summer", "Herbstferien": "autumn",
        "Weihnachtsferien": "christmas"}  # fmt: skip
PACKAGE_SOURCE = {
    "DE": N_("Ferienkalender der Kultusministerkonferenz"),
    "AT": N_("berechnet nach § 2 Schulzeitgesetz 1985 (ohne schulautonome Tage)"),
}
PACKAGE = N_("Python-Paket holidays {version}")
LOOK_BACK = 6  # years searched for the last complete year, whose periods are the expected ones


@dataclass(frozen=True)
class Period:
    """One school holiday period and where its dates come from."""

    name: str
    start: dt.date
    end: dt.date
    source: str  # the publisher named in the imprint
    where: str = ""  # the editor's file, '' for the package
    line: int | None = None

    def carried(self, year: int) -> bool:
        """Return whether the period belongs to the turn of the year before (Christmas break in January)."""
        return self.start.year < year or (KIND.get(self.name) == "christmas" and self.start.month <= 6)

    def key(self, year: int) -> tuple[str, bool]:
        """Return (kind, carried over from the year before) – what the period is within `year`."""
        return KIND.get(self.name, self.name), self.carried(year)

    def label(self, year: int) -> str:
        """Return the name as the legend shows it: 'Weihnachtsferien 2028/29' for the breaks at New Year."""
        if KIND.get(self.name) != "christmas" and self.start.year == self.end.year:
            return self.name
        first = year - 1 if self.carried(year) else year
        return f"{self.name} {first}/{str(first + 1)[2:]}"

    def touches(self, year: int) -> bool:
        """Return whether any day of the period lies in `year`."""
        return self.start.year <= year <= self.end.year


@dataclass(frozen=True)
class SchoolYear:
    """The school holidays shown in a calendar year, and the ones that are not known."""

    year: int
    region: Region
    periods: tuple[Period, ...]
    missing: tuple[str, ...]  # labels of expected periods without dates

    def days(self) -> set[dt.date]:
        """Return every day of every known period."""
        return {p.start + dt.timedelta(days=i) for p in self.periods for i in range((p.end - p.start).days + 1)}

    def sources(self, wording: Wording = Wording()) -> tuple[str, ...]:
        """Return each source once, with the editor's file where the dates come from one."""
        package = wording.text(PACKAGE).format(version=version("holidays"))
        return tuple(dict.fromkeys(f"{wording.term(p.source)} ({p.where})" if p.where else
                                   ", ".join(filter(None, (wording.text(p.source) if p.source else "", package)))
                                   for p in self.periods))

    def legend(self, wording: Wording = Wording()) -> str:
        """Return the legend sentence: which school holidays the band shows and which it does not."""
        if not self.periods:
            return ""
        shown = wording.join(list(dict.fromkeys(wording.label(p.label(self.year)) for p in self.periods)))
        text = wording.text(SCHOOL_LEGEND).format(region=wording.in_region(self.region), shown=shown)
        if self.missing:
            text += " " + wording.text(SCHOOL_MISSING).format(missing=wording.join([wording.label(m) for m in self.missing]))
        return text

    def needed(self, path: str, line: int | None) -> list[Needed]:
        """Return the names the legend and imprint print (package names: the edition's `school_holidays` line)."""
        found = [Needed(p.name, p.where or path, p.line if p.where else line) for p in self.periods]
        found += [Needed(_TURN.sub("", m), path, line) for m in self.missing]
        found += [Needed(p.source, p.where, p.line) for p in self.periods if p.where]
        return list({n.german: n for n in found}.values())


SCHOOL_LEGEND = N_("Das hellblaue Band zeigt die Schulferien {region}: {shown}.")
SCHOOL_MISSING = N_("Für {missing} lagen keine Termine vor.")
_TURN = re.compile(r" \d{4}/\d{2}$")


@lru_cache(maxsize=64)
def _package_periods(code: str, year: int) -> tuple[Period, ...]:
    """Return the package's periods touching `year` (days of the neighbouring years joined across New Year)."""
    region = Region(code)
    cls = COUNTRIES[region.country]
    if "school" not in cls.supported_categories:
        return ()
    found = cls(subdiv=region.subdiv, years=range(year - 1, year + 2), language="de", categories=("school",))
    source = PACKAGE_SOURCE.get(region.country, "")  # the package and its version follow (`sources`)
    periods: list[Period] = []
    for day, name in sorted(found.items()):
        last = periods[-1] if periods else None
        if last and last.name == name and day - last.end == dt.timedelta(days=1):
            periods[-1] = Period(name, last.start, day, source)
        else:
            periods.append(Period(name, day, day, source))
    # a period cut at the edge of the queried years is not known in full: leave it to the neighbours
    edge = (dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31))
    return tuple(p for p in periods if p.touches(year) and p.start != edge[0] and p.end != edge[1])


def _complete(periods: tuple[Period, ...], year: int) -> bool:
    """Return whether the year's Christmas break at its end is known (the last break a year's data gets)."""
    return ("christmas", False) in {p.key(year) for p in periods}


def expected(region: Region, year: int) -> dict[tuple[str, bool], str]:
    """Return key -> label of the periods a year should have, in the order of the school year.

    A year whose own data is complete has exactly its own periods: the KMK calendar lists no Pfingstferien
    for Nordrhein-Westfalen 2028, so none are missing. Any other year expects what the last two complete
    years before it had (one of them may lack a break the state gives only in some years).
    """
    if _complete(own := _package_periods(region.code, year), year):
        return {p.key(year): _label(p.name, p.key(year), year) for p in own}
    complete = [y for y in range(year - 1, year - 1 - LOOK_BACK, -1) if _complete(_package_periods(region.code, y), y)]
    found: dict[tuple[str, bool], tuple[tuple[int, int], str]] = {}
    for earlier in reversed(complete[:2]):  # the later year's names win
        periods = _package_periods(region.code, earlier)
        for p in periods:
            key = p.key(earlier)
            found[key] = ((0, 0) if key[1] else (p.start.month, p.start.day), _label(p.name, key, year))
        christmas = next(p.name for p in periods if p.key(earlier) == ("christmas", False))
        # the break at New Year belongs to every year, also where one ended on 31 December
        found[("christmas", True)] = ((0, 0), _label(christmas, ("christmas", True), year))
    return {key: label for key, (_, label) in sorted(found.items(), key=lambda item: item[1][0])}


def _label(name: str, key: tuple[str, bool], year: int) -> str:
    """Return the label a period of that kind has in `year`."""
    if key[0] != "christmas":
        return name
    first = year - 1 if key[1] else year
    return f"{name} {first}/{str(first + 1)[2:]}"


def school_year(region: Region, year: int, files: dict[int, tuple[Period, ...]]) -> SchoolYear:
    """Return the periods shown in `year`: the editor's where given, else the package's; and what is missing."""
    own = [p for y in (year - 1, year, year + 1) for p in files.get(y, ()) if p.touches(year)]
    own = list({(p.start, p.end): p for p in own}.values())  # a period written in two neighbouring files once
    keys = {p.key(year) for p in own}
    package = [p for p in _package_periods(region.code, year)
               if p.key(year) not in keys and not any(p.start <= o.end and o.start <= p.end for o in own)]
    periods = tuple(sorted(own + package, key=lambda p: p.start))
    have = {p.key(year) for p in periods}
    before = [*_package_periods(region.code, year - 1), *files.get(year - 1, ()), *own]
    if ("christmas", False) in {p.key(year - 1) for p in before if p.touches(year - 1)}:
        have.add(("christmas", True))  # the break at New Year is known, even when it ended on 31 December
    missing = tuple(label for key, label in expected(region, year).items() if key not in have)
    return SchoolYear(year, region, periods, missing)


def report(school: SchoolYear, enabled: bool, path: str, line: int | None, problems: Problems) -> None:
    """Record a warning naming the year and the school holidays without dates."""
    if not enabled:
        return
    file = f"content/school-holidays/{school.year}.yaml"
    if not school.periods:
        problems.warning(path, line, f"Schulferien {school.year} {school.region.in_name} sind nicht bekannt – das "
                         f"Band bleibt leer. Die amtlichen Termine in {file} eintragen.")
    elif school.missing:
        problems.warning(path, line, f"Schulferien {school.year} {school.region.in_name} unvollständig – es fehlen: "
                         f"{', '.join(school.missing)}. Die amtlichen Termine in {file} eintragen; bis dahin zeigt "
                         f"das Band nur die bekannten Ferien.")


def load_files(reader: Reader, folder: Path, region: str) -> dict[int, tuple[Period, ...]]:
    """Return the editor's school holidays by file year, recording every problem with file and line."""
    found: dict[int, tuple[Period, ...]] = {}
    for path in reader.yaml_files(folder):
        shown = reader.shown(path)
        if not (path.stem.isdigit() and len(path.stem) == 4):
            reader.problems.error(shown, None, "Schulferien-Dateien heißen nach dem Jahr, z. B. "
                                  "'school-holidays/2029.yaml'.")
            continue
        loaded = reader.read(path, SchoolHolidaysFile)
        if loaded is None:
            continue
        parsed, doc = loaded
        year = int(path.stem)
        if parsed.region is not None and parsed.region != region:
            reader.problems.error(shown, doc.line(("region",)), f"Die Datei gilt für {parsed.region}, die Ausgabe "
                                  f"für {region} (region in content/edition.yaml).")
            continue
        periods: list[Period] = []
        for index, entry in enumerate(parsed.holidays):
            line = doc.line(("holidays", index))
            period = Period(entry.name, entry.start, entry.end, parsed.source, shown, line)
            if not period.touches(year):
                reader.problems.error(shown, doc.line(("holidays", index, "start")),
                                      f"Die {entry.name} ({entry.start:%d.%m.%Y}–{entry.end:%d.%m.%Y}) liegen nicht "
                                      f"im Jahr {year} dieser Datei.")
                continue
            clash = next((p for p in periods if p.start <= period.end and period.start <= p.end), None)
            if clash is not None:
                reader.problems.error(shown, line, f"Die {entry.name} überschneiden sich mit den {clash.name} "
                                      f"(Zeile {clash.line}).")
                continue
            periods.append(period)
        found[year] = tuple(periods)
    return found

