"""`calendar-build new-edition`: scaffold the twelve portrait files and the overrides file of a year.

    project + year (+ source edition)  ->  plan_edition  ->  EditionPlan (files and their text)
    EditionPlan                        ->  write_edition ->  atomic writes, never over an existing file

Months go to towns in the order of the source edition (default: the newest earlier edition),
so a town keeps its month; without one, alphabetically. Nothing of the previous year's overrides
is copied – announced dates belong to one year – but their ids are listed as a hint.
content/edition.yaml is switched to the new year (year, document date, no sample wording) when
the new year is later than the one it names; comments stay (line-based edits, see edition_file).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calendar_build import clock
from calendar_build.content.loader import project_above
from calendar_build.content.encoding import EncodingProblem, decode_text
from calendar_build.content.yamlsafe import EMPTY, YamlProblem, load_yaml
from calendar_build.edition_file import EditionSwitch, switch_edition
from calendar_build.errors import ContentError, Problem, UsageError, count
from calendar_build.output import atomic_write
from calendar_build.pages.dates import MONTHS
from calendar_build.portraits.schema import TEXT_MAX, PortraitSpec

_SLUG = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-", "(": "", ")": ""})


@dataclass(frozen=True)
class NewFile:
    """A file new-edition will create: project-relative path and its text."""

    path: str
    text: str


@dataclass(frozen=True)
class EditionPlan:
    """What new-edition writes for a year, and where the month order came from."""

    year: int
    source_year: int | None  # the edition whose town order was kept; None = alphabetical
    towns: tuple[str, ...]  # town of month 1 … 12
    files: tuple[NewFile, ...]
    edition: EditionSwitch | None = None  # content/edition.yaml switched to the year; None: left as it is


def slug(text: str) -> str:
    """Return a file-name part: 'Neustadt (Saale)' -> 'neustadt-saale'."""
    return text.casefold().translate(_SLUG)


def edition_years(root: Path) -> list[int]:
    """Return the years under portraits/ that hold at least one YAML file, ascending."""
    folder = root / "portraits"
    if not folder.is_dir():
        return []
    return sorted(int(p.name) for p in folder.iterdir()
                  if p.is_dir() and p.name.isdigit() and len(p.name) == 4 and any(p.glob("*.yaml")))


def profile_towns(root: Path) -> tuple[str, ...]:
    """Return the towns of the project's profile (content/edition.yaml), read leniently; () if none."""
    try:
        data = load_yaml(root / "content" / "edition.yaml").data
    except (YamlProblem, OSError):
        return ()
    towns = data.get("towns") if isinstance(data, dict) else None
    return tuple(t for t in towns if isinstance(t, str)) if isinstance(towns, list) else ()


def previous_towns(folder: Path, towns: tuple[str, ...] | None = None) -> dict[int, str]:
    """Return month -> town of an earlier edition, read leniently (unknown or doubled values skipped)."""
    towns = profile_towns(folder.parent.parent) if towns is None else towns
    found: dict[int, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = load_yaml(path).data
        except YamlProblem:
            continue
        if not isinstance(data, dict):
            continue
        month, town = data.get("month"), data.get("town")
        if isinstance(month, int) and 1 <= month <= 12 and town in towns and month not in found \
                and town not in found.values():
            found[month] = town
    return found


def month_towns(previous: dict[int, str], towns: tuple[str, ...]) -> tuple[str, ...]:
    """Return the town of month 1 … 12: the previous edition's where known, the rest alphabetically.

    With fewer towns than months the towns repeat; without towns in the profile the field stays empty.
    """
    unused = sorted((t for t in towns if t not in previous.values()), key=str.casefold)
    again = sorted(towns, key=str.casefold) * 12
    left = iter(unused + again if towns else [""] * 12)
    return tuple(previous.get(month) or next(left) for month in range(1, 13))


def _default(field: str) -> object:
    return PortraitSpec.model_fields[field].default


def _max_length(field: str) -> int:
    for rule in PortraitSpec.model_fields[field].metadata:
        if getattr(rule, "max_length", None) is not None:
            return int(rule.max_length)
    raise KeyError(field)  # pragma: no cover - every text field of the schema has a limit


def portrait_yaml(year: int, month: int, town: str) -> str:
    """Return the commented portrait file for one month and town, every PortraitSpec field present."""
    x, y = PortraitSpec.model_fields["focal_point"].default
    mm = f"{month:02d}"
    return f"""\
# Porträt für {MONTHS[month - 1]} {year}{f" – {town}" if town else ""}
# Bitte alle leeren Felder ("") ausfüllen. Danach prüfen: calendar-build check --year {year}
# Werte zwischen die Anführungszeichen schreiben, z. B. name: "Vorname Nachname".

# Name der Person, so wie er gedruckt wird (höchstens {_max_length("name")} Zeichen)
name: ""
# Stadt – eine der Städte unter 'towns' in content/edition.yaml (Regeln dort unter 'portraits')
town: "{town}"
# female (Frau), male (Mann) oder divers – zur Regel 'gender_balance' in content/edition.yaml
# (wer divers angibt, zählt für keine Seite)
gender: ""
# Monatsseite: 1 = Januar … 12 = Dezember – jeder Monat genau einmal
month: {month}
# Kurzer Text auf Deutsch, höchstens {TEXT_MAX} Zeichen. Längerer Text über mehrere Zeilen:
#   text: >-
#     erste Zeile (mit zwei Leerzeichen eingerückt)
#     zweite Zeile
text: ""
# Dateiname des Fotos in diesem Ordner (portraits/{year}/), z. B. {mm}-vorname-nachname.jpg –
# für A3 mindestens 3600 × 2300 Pixel
photo: {mm}-name.jpg
# Bildnachweis für das Impressum, z. B. "Foto: Vorname Nachname" (höchstens {_max_length("photo_credit")} Zeichen)
photo_credit: ""
# Datum der Einwilligung eintragen – ohne Einwilligung kein Druck (Form JJJJ-MM-TT, z. B. {year - 1}-09-14)
consent:
# Wo das Gesicht im Foto liegt, für den Bildausschnitt: [waagrecht, senkrecht] von 0 bis 1
# (0.5 = Mitte; senkrecht 0 = oberer Rand). Meist passt der Vorgabewert.
focal_point: [{x}, {y}]
# Bildbeschreibung für die barrierearme Bildschirm-PDF: Was ist auf dem Foto zu sehen?
# (höchstens {_max_length("alt")} Zeichen)
alt: ""
# true nur für erfundene Musterporträts – echte Porträts: false
sample: {str(_default("sample")).lower()}
# Der Text in den anderen Sprachen der Ausgabe (language in content/edition.yaml), wie "text" geschrieben;
# leer lassen, wenn es keine Übersetzung gibt – dann wird der deutsche Text gedruckt.
# Englisch
text_en:
# Türkisch
text_tr:
# Arabisch
text_ar:
# Ukrainisch
text_uk:
# Persisch
text_fa:
"""


def _pinned_ids(root: Path, year: int) -> tuple[int, list[str]] | None:
    """Return the newest overrides file before `year` and its ids, read leniently; None if there is none."""
    folder = root / "content" / "overrides"
    earlier = sorted((int(p.stem), p) for p in folder.glob("*.yaml")
                     if p.stem.isdigit() and len(p.stem) == 4 and int(p.stem) < year) if folder.is_dir() else []
    if not earlier:
        return None
    found_year, path = earlier[-1]
    try:
        data = load_yaml(path).data
    except YamlProblem:
        return found_year, []
    entries = data.get("overrides") if isinstance(data, dict) else None
    ids = [e["id"] for e in entries or [] if isinstance(e, dict) and isinstance(e.get("id"), str)]
    return found_year, list(dict.fromkeys(ids))


def overrides_yaml(year: int, previous: tuple[int, list[str]] | None) -> str:
    """Return the commented, empty overrides file of a year, with last year's pinned ids as a hint."""
    if previous is None:
        hint = "# Aus früheren Jahren gibt es keine festgelegten Termine.\n"
    elif not previous[1]:
        hint = f"# {previous[0]} wurde kein Termin festgelegt.\n"
    else:
        hint = (f"# {previous[0]} festgelegt waren (bitte für {year} neu erfragen – nichts wird übernommen):\n"
                + "".join(f"#   - {pinned}\n" for pinned in previous[1]))
    return f"""\
# Von Gemeinden bekanntgegebene Termine für {year}.
# Ein Eintrag hier ersetzt den berechneten Termin; im Kalender gilt er dann nicht mehr als Schätzung.
# Typisch: Ramadan-Beginn, Fest des Fastenbrechens und Opferfest, sobald die Gemeinde das Datum nennt.
#
# So tragen Sie einen Termin ein: die Zeile "overrides: []" unten ersetzen durch
#
# overrides:
#   - id: eid-al-fitr         # Kennung des Festes aus content/holidays/*.yaml
#     start: {year}-MM-TT       # erster Tag; muss im Jahr {year} liegen
#     end: {year}-MM-TT         # letzter Tag – weglassen, dann gilt die übliche Dauer
#     note: "bekanntgegeben von …, am …"
#
# Ein bekanntgegebener Ramadan-Beginn (ramadan-begin) verschiebt alle Feste des Ramadan mit,
# das Fest des Fastenbrechens (eid-al-fitr) alle Feste des Schawwal.
# Dasselbe Fest zweimal ist ein Fehler; mehr als drei Tage vom berechneten Termin gibt eine Warnung.
# Einen gesetzlichen Feiertag verlegen oder bewusst weit abweichen: "deliberate: true" ergänzen.
#
# Jeder weitere Termin bekommt einen eigenen Eintrag, der mit "- id:" beginnt.
# Danach prüfen: calendar-build diff --year {year}
#
{hint}overrides: []
"""


def plan_edition(root: Path, year: int, source_year: int | None = None) -> EditionPlan:
    """Return the files of a new edition; raise ContentError when any would overwrite something."""
    if not (root / "content").is_dir():
        raise ContentError([Problem("content", None, f"Ordner 'content/' fehlt in {root} – ist --root richtig?"
                                    f"{project_above(root)}")])
    if source_year == year:
        raise UsageError(f"--from {source_year} ist das neue Jahr selbst – bitte eine frühere Ausgabe angeben.")
    problems = []
    folder = root / "portraits" / str(year)
    existing = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if existing:
        problems.append(Problem(f"portraits/{year}", None,
                                f"Für {year} gibt es schon {count(len(existing), 'Porträt-Datei', 'Porträt-Dateien')} – new-edition "
                                f"überschreibt nichts. Bitte die vorhandenen Dateien bearbeiten oder den Ordner "
                                f"erst umbenennen."))
    edition = root / "content" / "edition.yaml"
    try:
        if edition.is_file():
            load_yaml(edition)
    except YamlProblem as exc:  # towns and the switch to the new year come from it: nothing half done
        if exc.message != EMPTY:  # an empty file gets year and date written into it
            problems.append(Problem("content/edition.yaml", exc.line, f"{exc.message} new-edition hat nichts "
                                    f"angelegt – bitte zuerst diese Datei berichtigen."))
    overrides = root / "content" / "overrides" / f"{year}.yaml"
    if overrides.exists():
        problems.append(Problem(f"content/overrides/{year}.yaml", None,
                                "Die Datei gibt es schon – new-edition überschreibt nichts."))
    if source_year is not None and source_year not in edition_years(root):
        problems.append(Problem(f"portraits/{source_year}", None,
                                f"Keine Porträts für {source_year} gefunden – '--from' braucht eine vorhandene "
                                f"Ausgabe (vorhanden: {', '.join(map(str, edition_years(root))) or 'keine'})."))
    if problems:
        raise ContentError(problems)
    if source_year is None:
        earlier = [y for y in edition_years(root) if y < year]
        source_year = earlier[-1] if earlier else None
    profile = profile_towns(root)
    previous = previous_towns(root / "portraits" / str(source_year), profile) if source_year else {}
    towns = month_towns(previous, profile)
    files = [NewFile(f"portraits/{year}/{month:02d}-{slug(town) or 'portraet'}.yaml", portrait_yaml(year, month, town))
             for month, town in enumerate(towns, start=1)]
    files.append(NewFile(f"content/overrides/{year}.yaml", overrides_yaml(year, _pinned_ids(root, year))))
    return EditionPlan(year, source_year if previous else None, towns, tuple(files), _edition_switch(root, year))


def _edition_switch(root: Path, year: int) -> EditionSwitch | None:
    """Return content/edition.yaml switched to `year`; None when it names this or a later year already."""
    path = root / "content" / "edition.yaml"
    try:
        text = decode_text(path.read_bytes()) if path.is_file() else ""
        data = load_yaml(path).data if text.strip() else {}
    except (YamlProblem, EncodingProblem, OSError):
        return None  # plan_edition refuses such a file before; a broken file is never rewritten
    current = data.get("year") if isinstance(data, dict) else None
    if isinstance(current, int) and current >= year:
        return None
    return switch_edition(text, year, clock.today())


def write_edition(root: Path, plan: EditionPlan) -> list[Path]:
    """Write every file of the plan atomically; refuse (ContentError) if one has appeared meanwhile."""
    taken = [f.path for f in plan.files if (root / f.path).exists()]
    if taken:
        raise ContentError([Problem(path, None, "Die Datei gibt es schon – new-edition überschreibt nichts.")
                            for path in taken])
    written = []
    for new in plan.files:
        target = root / new.path
        atomic_write(target, new.text.encode("utf-8"))
        written.append(target)
    if plan.edition is not None:
        atomic_write(root / "content" / "edition.yaml", plan.edition.text.encode("utf-8"))
    return written
