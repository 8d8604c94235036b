"""What the pages say about the region: legend and imprint wording, school holidays, logo – all from the profile."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version

from calendar_build.content.loader import Content
from calendar_build.paths import PathOutside, inside
from calendar_build.region import checks
from calendar_build.region.profile import Region, local_holidays

WHERE_ALL = "das gilt für alle Gemeinden dieser Ausgabe, daher rot gedruckt"
WHERE_SOME = "das gilt nicht in allen Gemeinden dieser Ausgabe, daher nicht rot gedruckt"
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")  # fmt: skip


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


def _local_notes(content: Content, region: Region, year: int) -> tuple[str, ...]:
    found = local_holidays(region, year)
    notes = []
    for name, applies in content.edition.local_holidays.items():
        if name in found:
            day = found[name].dates[0]
            where = WHERE_ALL if applies == "all" else WHERE_SOME
            notes.append(f"{name} ({day.day}. {MONTHS[day.month - 1]}) ist gesetzlicher Feiertag "
                         f"{found[name].where}; {where}.")
    return tuple(notes)


def region_view(content: Content, year: int) -> RegionView:
    """Return the region's wording for the pages of `year`."""
    edition = content.edition
    region = Region(edition.region)
    school = checks.school_year(content, year) if edition.school_holidays else None
    exemption = (edition.school_exemption.text, edition.school_exemption.source) if edition.school_exemption else None
    return RegionView(
        code=region.code, in_name=region.in_name, district=edition.district,
        legal_line=f"Sonntage und gesetzliche Feiertage {region.in_name} sind rot gedruckt.",
        local_notes=_local_notes(content, region, year),
        school_legend=school.legend() if school else "",
        school_sources=school.sources() if school else (),
        legal_source=f"Gesetzliche Feiertage {region.in_name}: Python-Paket holidays {version('holidays')} "
                     f"(nach dem Feiertagsrecht des Landes).",
        logo=_logo_url(content), exemption=exemption,
    )
