"""Translated content: holiday names, descriptions and greetings, category labels and edition texts.

    content/translations/<lang>/<category>.yaml   holidays: {<id>: {name, short, description, greeting}}
    content/translations/<lang>/categories.yaml   categories: {<id>: label}
    content/translations/<lang>/edition.yaml      title, motto, publisher, imprint (optional: else German)
    content/translations/<lang>/region.yaml       the region's own words (region/words.py)

The German catalogue stays as it is; a translation is keyed by the holiday's id. `localize` returns
the content with the texts of one language, so every later stage (pages, outlook, ICS, JSON)
prints that language without asking which one it is. The name in the original script
(`original`, `transliteration`) is never translated. A holiday without a translation, a greeting
missing where the German text has one, or an id that is not in the catalogue is an error for that
language, named with file and line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

from pydantic import Field

from calendar_build.content.loader import Content, Entry, Reader, Where
from calendar_build.content.schema import Strict
from calendar_build.content.yamlsafe import YamlDoc, YamlProblem, load_yaml
from calendar_build.errors import Problems
from calendar_build.i18n.languages import GERMAN, LANGUAGES
from calendar_build.region.profile import Region
from calendar_build.region.view import needed
from calendar_build.region.words import RegionWords, TranslatedRegion, missing


class TranslatedHoliday(Strict):
    """One holiday in another language (the rule, dates and original-script name come from the German file)."""

    name: Annotated[str, Field(min_length=1, max_length=80)]  # name in common use in the language
    short: Annotated[str, Field(min_length=1, max_length=14)] | None = None  # short name for the day cell
    description: Annotated[str, Field(min_length=1, max_length=900)]  # 2–4 sentences, same facts as the German
    greeting: Annotated[str, Field(max_length=80)] | None = None  # the customary greeting, explained if needed


class TranslatedHolidays(Strict):
    """content/translations/<lang>/<category>.yaml"""

    holidays: dict[str, TranslatedHoliday]  # holiday id -> translation


class TranslatedCategories(Strict):
    """content/translations/<lang>/categories.yaml"""

    categories: dict[str, Annotated[str, Field(min_length=1, max_length=40)]]  # category id -> legend label


class TranslatedEdition(Strict):
    """content/translations/<lang>/edition.yaml"""

    title: str | None = None  # cover title
    motto: str | None = None  # cover motto
    publisher: str | None = None  # publisher for cover and imprint
    imprint: str | None = None  # extra imprint text


def translations_dir(root: Path, code: str) -> Path:
    """Return the folder of a language's content translations."""
    return root / "content" / "translations" / code


def _holidays(reader: Reader, folder: Path, content: Content, code: str) -> list[Entry]:
    """Return the catalogue's entries with translated texts; record every gap and unknown id."""
    name = LANGUAGES[code].name
    entries: list[Entry] = []
    for category in content.catalogue.categories:
        path = folder / f"{category.id}.yaml"
        own = [e for e in content.catalogue.entries if e.category == category.id]
        loaded = reader.read(path, TranslatedHolidays) if path.is_file() else None
        doc = loaded[1] if loaded else None
        texts = loaded[0].holidays if loaded else {}
        shown = reader.shown(path)
        for unknown in sorted(set(texts) - {e.holiday.id for e in own}):
            reader.problems.error(shown, doc.line(("holidays", unknown)) if doc else None,
                                  f"Unbekannter Feiertag '{unknown}' – in content/holidays/{category.id}.yaml "
                                  "gibt es diese Kennung nicht.")
        for entry in own:
            holiday = entry.holiday
            text = texts.get(holiday.id)
            if text is None:
                if path.is_file() and loaded is None:
                    continue  # the file itself is broken: reported by the reader
                reader.problems.error(entry.where.path, entry.where.line,
                                      f"Übersetzung ({name}) fehlt: '{holiday.id}' steht nicht in {shown}.")
                continue
            line = doc.line(("holidays", holiday.id)) if doc else None
            if holiday.greeting and not text.greeting:
                reader.problems.error(shown, line, f"'{holiday.id}': Der Gruß fehlt ({name}) – die deutsche Fassung "
                                      f"hat einen ({entry.where.path}:{entry.where.line}).")
            update = {"name": text.name, "short": text.short, "description": text.description,
                      "greeting": text.greeting if holiday.greeting else None}
            entries.append(replace(entry, holiday=holiday.model_copy(update=update), where=Where(shown, line)))
    return entries


def _categories(reader: Reader, folder: Path, content: Content, code: str) -> dict[str, str]:
    path = folder / "categories.yaml"
    if not path.is_file():
        reader.problems.error(reader.shown(path), None, f"Datei fehlt – sie übersetzt die Kategorien "
                              f"({LANGUAGES[code].name}).")
        return {}
    loaded = reader.read(path, TranslatedCategories)
    if loaded is None:
        return {}
    labels, doc = loaded[0].categories, loaded[1]
    for category in content.catalogue.categories:
        if category.id not in labels:
            reader.problems.error(reader.shown(path), doc.line(("categories",)),
                                  f"Übersetzung der Kategorie '{category.id}' fehlt ({LANGUAGES[code].name}).")
    return labels


def _region(reader: Reader, folder: Path, code: str, region: str) -> RegionWords | None:
    """Return the region's words in the language (None: the file is missing, broken or another state's, reported)."""
    path = folder / "region.yaml"
    if not path.is_file():
        reader.problems.error(reader.shown(path), None, f"Datei fehlt – sie übersetzt die Sätze zur Region "
                              f"(Land, Schulferien, Quellen; {LANGUAGES[code].name}).")
        return None
    loaded = reader.read(path, TranslatedRegion)
    if loaded is None:
        return None
    parsed, doc = loaded
    if parsed.code is not None and parsed.code != region:  # copied from another project: "in Hesse" on every page
        reader.problems.error(reader.shown(path), doc.line(("code",)),
                              f"Diese Übersetzung gilt für {Region(parsed.code).name} ({parsed.code}), die Ausgabe für "
                              f"{Region(region).name} ({region}, region in content/edition.yaml) – bitte 'region' und "
                              f"'terms' für {Region(region).name} übersetzen und 'code: {region}' eintragen.")
        return None
    exemption = (parsed.exemption.text, parsed.exemption.source) if parsed.exemption else None
    lines = {key: line for key in ("region", "terms", "exemption") if (line := doc.line((key,))) is not None}
    return RegionWords(reader.shown(path), parsed.region, dict(parsed.terms), exemption, lines)


def _sample_copies(reader: Reader, path: Path, doc: YamlDoc, texts: dict[str, str], content: Content,
                   code: str) -> None:
    """Record each text still translating the sample edition while the German text is the project's own."""
    from calendar_build.region.scaffold import PROGRAM_PROJECT  # noqa: PLC0415 - the sample beside the program

    if content.root.resolve() == PROGRAM_PROJECT:
        return
    try:
        german = load_yaml(PROGRAM_PROJECT / "content" / "edition.yaml").data
        translated = load_yaml(translations_dir(PROGRAM_PROJECT, code) / "edition.yaml").data
    except YamlProblem:
        return  # no sample to compare with
    for key, text in texts.items():
        own = str(getattr(content.edition, key) or "")
        if text == translated.get(key) and own != german.get(key):
            reader.problems.error(reader.shown(path), doc.line((key,)),
                                  f"'{key}' ist noch die Übersetzung der Musterausgabe („{text}“), auf Deutsch steht "
                                  f"aber „{own}“ – bitte neu übersetzen oder die Zeile löschen (dann wird der deutsche "
                                  f"Text gedruckt).")


def check_region(content: Content, year: int, code: str, problems: Problems) -> None:
    """Record every word of the region the pages of `year` print without a translation (file and line of the German)."""
    if code == GERMAN:
        return
    words, name = content.region_words, LANGUAGES[code].name
    shown = words.path if words else f"content/translations/{code}/region.yaml"
    if words is not None:
        for gap in missing(words, needed(content, year)):
            problems.error(gap.path, gap.line, f"Übersetzung ({name}) fehlt: '{gap.german}' steht nicht unter "
                           f"'terms' in {shown}.")
    exemption = content.edition.school_exemption
    if words is not None and exemption is not None and words.exemption is None:
        problems.error("content/edition.yaml", content.edition_line("school_exemption"),
                       f"Übersetzung ({name}) fehlt: 'school_exemption' steht nicht in {shown}.")


def localize(content: Content, code: str, problems: Problems) -> Content:
    """Return the content in language `code` (German: unchanged); record every missing or wrong translation."""
    if code == GERMAN:
        return content
    reader = Reader(content.root, problems)
    folder = translations_dir(content.root, code)
    if not folder.is_dir():
        problems.error(reader.shown(folder), None, f"Ordner fehlt – er enthält die Übersetzungen der Inhalte "
                       f"({LANGUAGES[code].name}).")
        return content
    entries = _holidays(reader, folder, content, code)
    labels = _categories(reader, folder, content, code)
    categories = tuple(c.model_copy(update={"label": labels.get(c.id, c.label)}) for c in content.catalogue.categories)
    edition = content.edition
    edition_path = folder / "edition.yaml"
    if edition_path.is_file() and (loaded := reader.read(edition_path, TranslatedEdition)) is not None:
        texts = {k: v for k, v in loaded[0].model_dump().items() if v is not None}
        _sample_copies(reader, edition_path, loaded[1], texts, content, code)
        edition = edition.model_copy(update=texts)
    catalogue = replace(content.catalogue, categories=categories, entries=tuple(entries))
    words = _region(reader, folder, code, content.edition.region)
    return replace(content, catalogue=catalogue, edition=edition, region_words=words,
                   language=code)
