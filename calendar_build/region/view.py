"""What the pages say about the region: legend and imprint wording, school holidays, logo – all from the profile."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version

from calendar_build.content.loader import Content
from calendar_build.i18n.languages import GERMAN
from calendar_build.i18n.marker import N_
from calendar_build.paths import PathOutside, inside
from calendar_build.region import checks
from calendar_build.region.profile import Region, local_holidays
from calendar_build.region.words import Needed, Wording

# The sentences' frames (gettext catalogues); the region's own words come from region/words.py.
WHERE_ALL = N_("das gilt für alle Gemeinden dieser Ausgabe, daher rot gedruckt")
WHERE_SOME = N_("das gilt nicht in allen Gemeinden dieser Ausgabe, daher nicht rot gedruckt")
LOCAL_NOTE = N_("{name} ({date}) ist gesetzlicher Feiertag {where}; {applies}.")
LEGAL_LINE = N_("Sonntage und gesetzliche Feiertage {region} sind rot gedruckt.")
LEGAL_SOURCE = N_("Gesetzliche Feiertage {region}: Python-Paket holidays {version} (nach dem Feiertagsrecht des Landes).")
EDITION = "content/edition.yaml"


@dataclass(frozen=True)
class RegionView:
    """The region as the legend, cover and imprint print it."""

    code: str  # ISO 3166-2
    in_name: str  # 'in Bayern'
    district: str  # 'Landkreis Musterland' ('' when the profile names none)
    legal_line: str  # 'Sonntage und gesetzliche Feiertage in Bayern sind rot gedruckt.'
    local_notes: tuple[str, ...]  # holidays legal only in part of the state, and whether they are red
    school_legend: str  # which school holidays the band shows ('' when none)
    school_sources: tuple[str, ...]  # where their dates come from (imprint)
    legal_source: str  # where the legal holidays come from (imprint)
    logo: str  # file URL of the logo ('' without one)
    exemption: tuple[str, str] | None  # (text, legal source) on leave from school for religious holidays


def _logo_url(content: Content) -> str:
    if not content.edition.logo:
        return ""
    try:
        path = inside(content.root, content.root / content.edition.logo)
    except PathOutside:
        return ""  # reported by the checks
    return path.as_uri() if path.is_file() else ""


def _local_notes(content: Content, region: Region, year: int, wording: Wording) -> tuple[str, ...]:
    found = local_holidays(region, year)
    notes = []
    for name, applies in content.edition.local_holidays.items():
        if name in found:
            rule = WHERE_ALL if applies == "all" else WHERE_SOME
            notes.append(wording.text(LOCAL_NOTE).format(
                name=wording.term(name), date=wording.day(found[name].dates[0]),
                where=wording.term(found[name].where), applies=wording.text(rule)))
    return tuple(notes)


def needed(content: Content, year: int) -> list[Needed]:
    """Return the region's own words the pages of `year` print, each with the German file and line it comes from."""
    edition = content.edition
    region = Region(edition.region)
    found = local_holidays(region, year)
    local = [n for n in edition.local_holidays if n in found]
    words = [Needed(n, EDITION, content.edition_line("local_holidays", n)) for n in local]
    words += [Needed(found[n].where, EDITION, content.edition_line("local_holidays", n)) for n in local]
    if edition.school_holidays:
        words += checks.school_year(content, year).needed(EDITION, content.edition_line("school_holidays"))
    return list({w.german: w for w in words}.values())


@lru_cache(maxsize=1)
def holidays_version() -> str:
    """Return the installed version of the holidays package (read once: its metadata lookup scans site-packages)."""
    return version("holidays")


def region_view(content: Content, year: int, language: str = GERMAN) -> RegionView:
    """Return the region's wording for the pages of `year` in `language`."""
    edition = content.edition
    region = Region(edition.region)
    wording = Wording(language, content.region_words if language != GERMAN else None)
    school = checks.school_year(content, year) if edition.school_holidays else None
    exemption = (edition.school_exemption.text, edition.school_exemption.source) if edition.school_exemption else None
    if exemption and wording.words and wording.words.exemption:
        exemption = wording.words.exemption
    in_name = wording.in_region(region)
    return RegionView(
        code=region.code, in_name=in_name, district=edition.district,
        legal_line=wording.text(LEGAL_LINE).format(region=in_name),
        local_notes=_local_notes(content, region, year, wording),
        school_legend=school.legend(wording) if school else "",
        school_sources=school.sources(wording) if school else (),
        legal_source=wording.text(LEGAL_SOURCE).format(region=in_name, version=holidays_version()),
        logo=_logo_url(content), exemption=exemption,
    )
