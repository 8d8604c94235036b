"""Check the region profile of content/edition.yaml against the year: local holidays, logo, portrait rules, school."""

from __future__ import annotations

from calendar_build.content.loader import Content
from calendar_build.errors import Problems, suggestion
from calendar_build.paths import PathOutside, inside
from calendar_build.region import school
from calendar_build.region.profile import Region, local_names

EDITION = "content/edition.yaml"
LOGO_SUFFIXES = (".svg", ".png")


def school_year(content: Content, year: int) -> school.SchoolYear:
    """Return the school holidays the edition shows in `year`."""
    return school.school_year(Region(content.edition.region), year, content.school_holidays)


def _local_holidays(content: Content, problems: Problems) -> None:
    region = Region(content.edition.region)
    allowed = local_names(region)
    for name in content.edition.local_holidays:
        if name not in allowed:
            problems.error(EDITION, content.edition_line("local_holidays", name),
                           f"'{name}' ist {region.in_name} kein nur örtlich geltender Feiertag – möglich: "
                           f"{', '.join(allowed) or 'keiner'}.{suggestion(name, allowed)}")


def _logo(content: Content, problems: Problems) -> None:
    logo = content.edition.logo
    if not logo:
        return
    line = content.edition_line("logo")
    if not logo.lower().endswith(LOGO_SUFFIXES):
        problems.error(EDITION, line, f"Logo '{logo}' muss eine SVG- oder PNG-Datei sein.")
        return
    try:
        path = inside(content.root, content.root / logo)
    except PathOutside:
        problems.error(EDITION, line, f"Logo '{logo}' liegt außerhalb des Kalenderprojekts – bitte ins Projekt legen.")
        return
    if not path.is_file():
        problems.error(EDITION, line, f"Logo '{logo}' fehlt.")


def _portrait_rules(content: Content, problems: Problems) -> None:
    edition = content.edition
    rules, towns = edition.portraits, edition.towns
    line = content.edition_line("portraits")
    distinct = len(set(towns))  # a town listed twice is one town (reported below), not one more to cover
    if rules.cover_towns and distinct > rules.count:
        problems.error(EDITION, line, f"{distinct} Städte, aber nur {rules.count} Porträts – jede Stadt kann nicht "
                       f"vorkommen (cover_towns: false setzen oder Städte kürzen).")
    if towns and distinct * rules.max_per_town < rules.count:
        problems.error(EDITION, line, f"{rules.count} Porträts aus {distinct} Städten mit höchstens "
                       f"{rules.max_per_town} je Stadt geht nicht auf – max_per_town erhöhen.")
    doubled = sorted({t for t in towns if towns.count(t) > 1})
    if doubled:
        problems.error(EDITION, content.edition_line("towns"), f"Doppelt unter 'towns': {', '.join(doubled)} – bitte "
                       f"jede Stadt nur einmal eintragen.")


def report(content: Content, year: int, problems: Problems) -> None:
    """Record every problem of the profile for a build of `year`, and missing school holidays as a warning."""
    _local_holidays(content, problems)
    _logo(content, problems)
    _portrait_rules(content, problems)
    school.report(school_year(content, year), content.edition.school_holidays, EDITION,
                  content.edition_line("school_holidays"), problems)
