"""`new-edition --region DE-BY --name "Landkreis …"`: a new calendar project folder from a region profile.

    region + name + year  ->  profile_yaml  ->  content/edition.yaml (commented, towns to fill in)
    the program's project ->  shared_files  ->  categories, holiday catalogue, templates (copied once)

Nothing existing is overwritten; the portrait files follow with the ordinary new-edition step.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from calendar_build import clock
from calendar_build.content.yamlsafe import YamlProblem, load_yaml
from calendar_build.errors import ContentError, Problem, UsageError, suggestion
from calendar_build.output import atomic_write
from calendar_build.region.profile import REGION_CODES, Region

PROGRAM_PROJECT = Path(__file__).resolve().parents[2]  # the project beside the program: catalogue, templates
SHARED = ("content/categories.yaml", "content/holidays", "templates")
TRANSLATIONS = "content/translations"  # the catalogue's translations; edition and region words are the project's own
OWN_WORDS = ("edition.yaml", "region.yaml")


def profile_yaml(region: Region, name: str, year: int, today: dt.date | None = None) -> str:
    """Return the commented content/edition.yaml of a new project, dated `today` (default: the clock's)."""
    return f"""\
# Einstellungen der Ausgabe. Jede Zeile: schlüssel: wert
year: {year}
# Stand (im Impressum und in der PDF): vor dem endgültigen Bau auf den Tag der Druckfreigabe setzen
document_date: {(today or clock.today()).isoformat()}
title: Interkultureller Kalender
motto: "Angekommen – {name}"
publisher: "{name}"
islamic_reckoning: umm-al-qura
school_holidays: true
# Regionalprofil: Land nach ISO 3166-2 ({region.name}) und Kreis oder Stadt der Ausgabe
region: {region.code}
district: "{name}"
# Städte oder Bezirke, aus denen die Porträts kommen – bitte eintragen, eine je Zeile:
# towns:
#   - Erste Stadt
#   - Zweite Stadt
towns: []
# Feiertage, die {region.in_name} nur in einem Teil der Gemeinden gelten ({_local_hint(region)}):
# all = in allen Gemeinden dieser Ausgabe (rot gedruckt), some = nur in einigen (Hinweis in der Legende)
local_holidays: {{}}
# Logo für Titel und Impressum (SVG oder PNG im Projektordner), z. B. logo: content/logo.svg
# logo: content/logo.svg
portraits:
  count: 12
  cover_towns: true
  max_per_town: 1
  gender_balance: equal
imprint: ""
"""


def _local_hint(region: Region) -> str:
    from calendar_build.region.profile import local_names  # noqa: PLC0415 - the package is asked only here

    names = local_names(region)
    return "möglich: " + ", ".join(names) if names else "hier keine"


def check_args(code: str, name: str) -> Region:
    """Return the region (written in any case, 'de-by'); raise UsageError for a missing or unknown code or no name."""
    if not code.strip():
        raise UsageError("--name braucht dazu --region: das Land der Ausgabe, z. B. --region DE-BY.")
    code = code.strip().upper()
    if code not in REGION_CODES:
        raise UsageError(f"--region {code} ist unbekannt – erlaubt: {', '.join(REGION_CODES)}."
                         f"{suggestion(code, REGION_CODES)}")
    if not name.strip():
        raise UsageError("--name braucht den Namen des Kreises oder der Stadt, z. B. --name \"Landkreis …\".")
    return Region(code)


def create_project(root: Path, region: Region, name: str, year: int, source: Path = PROGRAM_PROJECT) -> list[Path]:
    """Create a project folder at `root` with profile, catalogue and templates; never overwrite anything."""
    taken = [rel for rel in ("content/edition.yaml", *SHARED, TRANSLATIONS) if (root / rel).exists()]
    if taken:
        raise ContentError([Problem(rel, None, "Gibt es schon – new-edition --region legt nur neue Projekte an.")
                            for rel in taken])
    written = []
    for rel in SHARED:
        origin, target = source / rel, root / rel
        if origin.is_dir():
            shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif origin.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, target)
        written.append(target)
    written += _translations(root, region, source)
    atomic_write(root / "content" / "edition.yaml", profile_yaml(region, name, year).encode("utf-8"))
    written.append(root / "content" / "edition.yaml")
    return written


def _translations(root: Path, region: Region, source: Path) -> list[Path]:
    """Copy the catalogue's translations; give each language a region.yaml of this region to fill in.

    The sample's edition.yaml and region.yaml are not copied: they would print the sample's motto and
    "in Hesse" on every page of another district's edition in that language.
    """
    origin = source / TRANSLATIONS
    if not origin.is_dir():
        return []
    target = root / TRANSLATIONS
    shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__", *OWN_WORDS))
    for folder in sorted(p for p in target.iterdir() if p.is_dir()):
        atomic_write(folder / "region.yaml", region_words_yaml(region, folder.name, origin).encode("utf-8"))
    return [target]


def region_words_yaml(region: Region, code: str, origin: Path) -> str:
    """Return the region.yaml of a language to fill in, with the sample's sentence word as an example."""
    from calendar_build.i18n.languages import LANGUAGES  # noqa: PLC0415

    example, term = "", "Sommerferien: …"
    try:
        sample = load_yaml(origin / code / "region.yaml").data
        example = (f" (Musterausgabe, {Region(sample['code']).name}: „{sample['region']}“)"
                   if isinstance(sample, dict) else "")
        term = next((f"{k}: {v}" for k, v in dict(sample.get("terms") or {}).items()), term)
    except (YamlProblem, KeyError, AttributeError, TypeError, ValueError):
        pass
    return f"""\
# {LANGUAGES[code].name}: die Wörter der Region in dieser Sprache – nur nötig für eine Ausgabe auf \
{LANGUAGES[code].name}
# (language: {code} in content/edition.yaml oder --language {code}); danach prüfen: \
calendar-build check --language {code}
code: {region.code}
# {region.name}, wie es in den Sätzen steht („Gesetzliche Feiertage … sind rot gedruckt“){example}
region: ""
# Namen der Region (Schulferien, Quellen) – check nennt jeden, der fehlt. So eintragen (die Zeile "terms: {{}}"
# ersetzen, zwei Leerzeichen vor jedem Namen):
# terms:
#   {term}
terms: {{}}
"""


def refresh_shared(root: Path, source: Path = PROGRAM_PROJECT) -> None:
    """Replace the shared parts of an example project with the program's (examples keep only their own files)."""
    for rel in SHARED:
        origin, target = source / rel, root / rel
        if target.is_dir():
            shutil.rmtree(target)
        if origin.is_dir():
            shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, target)
