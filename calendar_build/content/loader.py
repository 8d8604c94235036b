"""Load and validate a calendar project's content: every problem collected, then one error."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from calendar_build.content.messages import validation_problems
from calendar_build.content.schema import (
    CategoriesFile,
    Category,
    Edition,
    MAX_DURATION,
    Holiday,
    HolidayFile,
    Override,
    OverridesFile,
)
from calendar_build.content.yamlsafe import YamlDoc, YamlProblem, load_yaml
from calendar_build.errors import Problems, display_path, suggestion
from calendar_build.i18n.languages import GERMAN
from calendar_build.pages.dates import long_date
from calendar_build.paths import PathOutside, inside
from calendar_build.region import school
from calendar_build.region.words import RegionWords

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Where:
    """A place in the content: project-relative path and line."""

    path: str
    line: int | None


@dataclass(frozen=True)
class Entry:
    """A validated holiday with its category and where it is defined."""

    holiday: Holiday
    category: str
    where: Where


@dataclass(frozen=True)
class PinnedDate:
    """An override with where it is defined."""

    override: Override
    where: Where


@dataclass(frozen=True)
class Catalogue:
    """The validated categories and holidays of a project."""

    categories: tuple[Category, ...]
    entries: tuple[Entry, ...]

    def category(self, category_id: str) -> Category:
        """Return the category with that id."""
        return next(c for c in self.categories if c.id == category_id)


@dataclass(frozen=True)
class Content:
    """Everything the holiday stage needs: catalogue, edition settings, overrides by year."""

    root: Path
    catalogue: Catalogue
    edition: Edition
    overrides: dict[int, tuple[PinnedDate, ...]] = field(default_factory=dict)
    edition_lines: dict[str, int] = field(default_factory=dict)  # line of each key ('towns', 'towns.3') in edition.yaml
    school_holidays: dict[int, tuple[school.Period, ...]] = field(default_factory=dict)  # editor's, by file year
    region_words: RegionWords | None = None  # the region's words in the edition's language (i18n/content.py)
    language: str = GERMAN  # the language of the texts (i18n/content.py `localize`)

    def edition_line(self, key: str, entry: str | int | None = None) -> int | None:
        """Return the line of a setting in content/edition.yaml (of its `entry`, where that is written), if any."""
        nested = self.edition_lines.get(f"{key}.{entry}") if entry is not None else None
        return nested or self.edition_lines.get(key)


# macOS writes '._name' beside each file on a USB stick or network drive (its metadata, binary): not the editor's
APPLE_DOUBLE = "._"
# Endings of files meant as YAML that are never read: Windows hides the '.txt' an editor saved with
MISNAMED_ENDINGS = (".yaml.txt", ".yml.txt", ".yaml", ".yml")


class Reader:
    """Reads YAML files of one project, recording problems with project-relative paths."""

    def __init__(self, root: Path, problems: Problems) -> None:
        self.root = root
        self.problems = problems

    def shown(self, path: Path) -> str:
        """Return the path as shown to editors."""
        return display_path(path, self.root)

    def yaml_files(self, folder: Path) -> list[Path]:
        """Return the *.yaml files of a folder; record an error for each file meant as one but never read."""
        if not folder.is_dir():
            return []
        try:
            names = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(APPLE_DOUBLE))
        except OSError:
            names = []
        for name in names:
            ending = next((e for e in MISNAMED_ENDINGS if name.casefold().endswith(e)), None)
            if ending is not None and not name.endswith(".yaml"):
                self.problems.error(self.shown(folder / name), None, f"Die Datei wird nicht gelesen – sie muss auf "
                                    f"'.yaml' enden. Bitte in '{name[: -len(ending)]}.yaml' umbenennen (oder entfernen, "
                                    f"wenn sie nicht gebraucht wird).")
        return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith(APPLE_DOUBLE))

    def read(self, path: Path, model: type[M]) -> tuple[M, YamlDoc] | None:
        """Load one file and validate it against a model; None (and problems recorded) on failure."""
        try:
            doc = load_yaml(inside(self.root, path))
        except PathOutside:
            self.problems.error(self.shown(path), None, "Die Datei verweist (Symlink) aus dem Kalenderprojekt hinaus "
                                "– bitte die Datei selbst ins Projekt legen.")
            return None
        except YamlProblem as exc:
            self.problems.error(self.shown(path), exc.line, exc.message)
            return None
        if not isinstance(doc.data, dict):
            self.problems.error(self.shown(path), doc.line(()), "Die Datei muss eine Zuordnung (schlüssel: wert) enthalten.")
            return None
        try:
            return model.model_validate(doc.data), doc
        except ValidationError as exc:
            for line, message in validation_problems(exc, doc, model):
                self.problems.error(self.shown(path), line, message)
            return None

    def each(self, paths: Iterable[Path], model: type[M]) -> Iterator[tuple[Path, str, M, YamlDoc]]:
        """Yield (path, path as shown, parsed, doc) for every file that loads and validates (problems recorded)."""
        for path in paths:
            loaded = self.read(path, model)
            if loaded is not None:
                yield path, self.shown(path), *loaded


def _load_categories(reader: Reader, content_dir: Path) -> tuple[Category, ...]:
    path = content_dir / "categories.yaml"
    if not os.path.lexists(path):  # anything else under the name (a FIFO, a loop) is named when read
        reader.problems.error(reader.shown(path), None, "Datei fehlt – sie legt die Kategorien (Farbpunkte) fest.")
        return ()
    loaded = reader.read(path, CategoriesFile)
    if loaded is None:
        return ()
    parsed, doc = loaded
    seen: set[tuple[str, str]] = set()
    for index, category in enumerate(parsed.categories):
        for key, value in (("id", category.id), ("letter", category.letter)):
            if (key, value) in seen:
                reader.problems.error(reader.shown(path), doc.line(("categories", index, key)),
                                      f"'{key}: {value}' kommt doppelt vor – jede Kategorie braucht ihren eigenen Wert.")
            seen.add((key, value))
    return tuple(parsed.categories)


def _load_holidays(reader: Reader, content_dir: Path, categories: tuple[Category, ...]) -> tuple[Entry, ...]:
    holiday_dir = content_dir / "holidays"
    files = reader.yaml_files(holiday_dir)
    if not files:
        reader.problems.error(reader.shown(holiday_dir), None, "Keine Feiertagsdateien (*.yaml) gefunden.")
    known = [c.id for c in categories]
    entries: list[Entry] = []
    first_seen: dict[str, Where] = {}
    for path, shown, parsed, doc in reader.each(files, HolidayFile):
        if known and parsed.category not in known:
            reader.problems.error(shown, doc.line(("category",)),
                                  f"Unbekannte Kategorie '{parsed.category}' – erlaubt: {', '.join(known)}.")
        elif parsed.category != path.stem:
            reader.problems.error(shown, doc.line(("category",)),
                                  f"Kategorie '{parsed.category}' passt nicht zum Dateinamen – die Datei sollte "
                                  f"'{parsed.category}.yaml' heißen.")
        for index, holiday in enumerate(parsed.holidays):
            where = Where(shown, doc.line(("holidays", index)))
            if holiday.id in first_seen:
                earlier = first_seen[holiday.id]
                reader.problems.error(shown, doc.line(("holidays", index, "id")),
                                      f"Die Kennung '{holiday.id}' gibt es schon ({earlier.path}:{earlier.line}).")
                continue
            first_seen[holiday.id] = where
            entries.append(Entry(holiday, parsed.category, where))
    return tuple(entries)


def _load_overrides(reader: Reader, content_dir: Path, ids: set[str]) -> dict[int, tuple[PinnedDate, ...]]:
    found: dict[int, tuple[PinnedDate, ...]] = {}
    override_dir = content_dir / "overrides"
    for path in reader.yaml_files(override_dir):
        shown = reader.shown(path)
        if not path.stem.isdigit() or len(path.stem) != 4:
            reader.problems.error(shown, None, "Overrides-Dateien heißen nach dem Jahr, z. B. 'overrides/2027.yaml'.")
            continue
        year = int(path.stem)
        loaded = reader.read(path, OverridesFile)
        if loaded is None:
            continue
        parsed, doc = loaded
        pinned = []
        for index, override in enumerate(parsed.overrides):
            line = doc.line(("overrides", index))
            if override.id not in ids:
                reader.problems.error(shown, doc.line(("overrides", index, "id")),
                                      f"Unbekannter Feiertag '{override.id}' – die Kennung muss in content/holidays/ "
                                      f"stehen.{suggestion(override.id, ids)}")
                continue
            if override.start.year != year:
                reader.problems.error(shown, doc.line(("overrides", index, "start")),
                                      f"Das Datum {long_date(override.start)} liegt nicht im Jahr {year} dieser Datei.")
                continue
            if override.end is not None and (override.end - override.start).days >= MAX_DURATION:
                reader.problems.error(shown, doc.line(("overrides", index, "end")),
                                      f"Das Ende {override.end.isoformat()} liegt mehr als {MAX_DURATION} Tage nach "
                                      f"dem Beginn – bitte 'end' prüfen.")
                continue
            pinned.append(PinnedDate(override, Where(shown, line)))
        found[year] = tuple(pinned)
    return found


def _read_edition(reader: Reader, content_dir: Path) -> tuple[Edition, dict[str, int]]:
    """Return the edition settings and the line of each key written in the file."""
    path = content_dir / "edition.yaml"
    if not os.path.lexists(path):
        return Edition(), {}
    loaded = reader.read(path, Edition)
    if loaded is None:
        return Edition(), {}
    edition, doc = loaded
    return edition, {".".join(map(str, loc)): line for loc, line in doc.lines.items() if 1 <= len(loc) <= 2}


def project_above(folder: Path) -> str:
    """Return a hint naming the calendar project `folder` lies in (a command run in portraits/2028), else ''."""
    for parent in folder.resolve().parents:
        if (parent / "content").is_dir() and (parent / "portraits").is_dir():
            return f" Das Kalenderprojekt ist wohl '{parent}' – dort aufrufen oder '--root {parent}' angeben."
    return ""


def load_content(root: Path, problems: Problems | None = None) -> Content:
    """Load categories, holidays, edition and overrides of the project at `root`.

    Raises ContentError with every problem found (unless a Problems collector is passed in).
    """
    own = problems is None
    problems = problems or Problems()
    reader = Reader(root, problems)
    content_dir = root / "content"
    if not content_dir.is_dir():
        problems.error("content", None, f"Ordner 'content/' fehlt in {root.name or root} – ist --root richtig?"
                       f"{project_above(root)}")
        problems.raise_if_errors()
    categories = _load_categories(reader, content_dir)
    entries = _load_holidays(reader, content_dir, categories)
    overrides = _load_overrides(reader, content_dir, {e.holiday.id for e in entries})
    edition, edition_lines = _read_edition(reader, content_dir)
    school_files = school.load_files(reader, content_dir / "school-holidays", edition.region)
    if own:
        problems.raise_if_errors()
    return Content(root, Catalogue(categories, entries), edition, overrides, edition_lines, school_files)
