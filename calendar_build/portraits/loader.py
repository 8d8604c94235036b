"""Load the portraits of an edition and check the rules of its profile: how many, towns, gender balance."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from calendar_build.content.loader import Reader, Where
from calendar_build.content.schema import PortraitRules
from calendar_build.errors import Problems, count as counted, os_error_message, suggestion
from calendar_build.pages.dates import MONTHS
from calendar_build.paths import PathOutside, check_regular, inside
from calendar_build.portraits.schema import PortraitSpec

NUMBER_WORDS = ("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
                "zwölf")  # fmt: skip


@dataclass(frozen=True)
class Portrait:
    """A validated portrait with the resolved photo path and where it is defined."""

    spec: PortraitSpec
    photo: Path
    where: Where  # the line of `month`
    town_line: int | None = None
    photo_line: int | None = None
    lines: dict[str, int] = field(default_factory=dict, hash=False)  # line of each key in the YAML

    def line(self, key: str) -> int | None:
        """Return the line of a key in the portrait's YAML file."""
        return self.lines.get(key)


def _photo_path(root: Path, yaml_path: Path, spec: PortraitSpec, reader: Reader, line: int | None) -> Path | None:
    if "://" in spec.photo:
        reader.problems.error(reader.shown(yaml_path), line,
                              f"Foto '{spec.photo}' ist eine Internetadresse – Fotos werden nie aus dem Netz geladen; "
                              f"bitte die Datei in den Ordner {reader.shown(yaml_path.parent)}/ legen.")
        return None
    try:
        photo = inside(root, yaml_path.parent / spec.photo)
    except PathOutside:
        reader.problems.error(reader.shown(yaml_path), line,
                              f"Foto '{spec.photo}' liegt außerhalb des Kalenderprojekts – bitte das Foto in "
                              f"den Ordner {reader.shown(yaml_path.parent)}/ legen.")
        return None
    try:
        check_regular(photo)  # a FIFO or a device under the name would block or never end
        found = True
    except FileNotFoundError:
        found = False
    except OSError as exc:  # a folder, a FIFO, a symlink loop, a name too long …
        reader.problems.error(reader.shown(yaml_path), line, f"Foto '{spec.photo}': {os_error_message(exc)}.")
        return None
    if not found:
        return _photo_by_other_case(photo, spec.photo, reader, reader.shown(yaml_path), line)
    return photo


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _photo_by_other_case(photo: Path, written: str, reader: Reader, shown: str, line: int | None) -> Path | None:
    """Return the photo whose name differs only in case (with a warning); else record an error with a hint.

    A name that differs only in how its umlauts are encoded (a Mac writes 'ö' as 'o' and a combining
    diaeresis, an editor types 'ö') is the same name to the eye: that photo is used without a word.
    """
    folder = photo.parent
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    except OSError:
        names = []
    alike = [n for n in names if _nfc(n) == _nfc(photo.name)]
    if len(alike) == 1:
        try:
            return inside(reader.root, folder / alike[0])
        except PathOutside:
            pass
    same = [n for n in names if _nfc(n).casefold() == _nfc(photo.name).casefold()]
    where = reader.shown(folder)
    if len(same) == 1:
        reader.problems.warning(shown, line, f"Foto '{written}' heißt im Ordner '{same[0]}' (andere Groß- und "
                                f"Kleinschreibung) – verwendet wird '{same[0]}'. Bitte den Namen bei 'photo' genau so "
                                f"schreiben: Auf anderen Rechnern (Linux, Druckerei) würde das Foto sonst fehlen.")
        try:
            return inside(reader.root, folder / same[0])
        except PathOutside:
            pass
    pictures = [n for n in names if not n.endswith((".yaml", ".yml"))]
    reader.problems.error(shown, line, f"Foto '{written}' fehlt – erwartet in {where}/."
                          f"{_without_ending(photo.name, pictures) or suggestion(photo.name, pictures)}")
    return None


def _without_ending(written: str, pictures: list[str]) -> str:
    """Return a hint naming the photo(s) `written` is the name of without its ending ('IMG_1234' for 'IMG_1234.JPG')."""
    stem = _nfc(written).casefold()
    matches = [n for n in pictures if _nfc(Path(n).stem).casefold() == stem and Path(n).suffix]
    if not matches:
        return ""
    listed = " oder ".join(f"'{n}'" for n in matches)
    return (f" Meinten Sie {listed}? Der Dateiname braucht seine Endung (.jpg, .heic …) – Windows blendet sie im "
            f"Explorer aus.")


def load_portraits(root: Path, year: int, problems: Problems, towns: tuple[str, ...] = (),
                   rules: PortraitRules = PortraitRules()) -> tuple[Portrait, ...]:
    """Return the portraits of `year` sorted by month, recording every problem (rules and towns: the profile's)."""
    reader = Reader(root, problems)
    folder = root / "portraits" / str(year)
    shown_folder = f"portraits/{year}"
    files = reader.yaml_files(folder)
    if not files:
        problems.error(shown_folder, None, f"Keine Porträts für {year} gefunden – "
                       f"'calendar-build new-edition --year {year}' legt die Vorlagen an.")
        return ()
    portraits: list[Portrait] = []
    for path, shown, spec, doc in reader.each(files, PortraitSpec):
        if towns and spec.town not in towns:
            problems.error(shown, doc.line(("town",)), f"Unbekannter Wert '{spec.town}' in 'town' – erlaubt: "
                           f"{', '.join(towns)} (towns in content/edition.yaml).{_town_hint(spec.town, towns)}")
            continue
        if spec.consent is None:
            problems.error(shown, doc.line(("consent",)) or 1,
                           f"Keine Einwilligung für '{spec.name}' eingetragen (consent: JJJJ-MM-TT) – ohne "
                           f"Einwilligung wird das Porträt nicht gedruckt.")
        photo = _photo_path(root, path, spec, reader, doc.line(("photo",)))
        if photo is not None:
            lines = {str(loc[0]): line for loc, line in doc.lines.items() if len(loc) == 1}
            portraits.append(Portrait(spec, photo, Where(shown, doc.line(("month",))), doc.line(("town",)),
                                      doc.line(("photo",)), lines))
    _check_edition(portraits, shown_folder, problems, towns, rules)
    return tuple(sorted(portraits, key=lambda p: p.spec.month))


def _town_hint(written: str, towns: tuple[str, ...]) -> str:
    """Return " Meinten Sie 'Alfeld (Leine)'?" for a town written short, misspelt or in other case."""
    short = [t for t in towns if t.casefold().startswith(written.strip().casefold()) and written.strip()]
    return f" Meinten Sie '{short[0]}'?" if len(short) == 1 else suggestion(written, towns)


def _words(number: int) -> str:
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)


def _check_edition(portraits: list[Portrait], folder: str, problems: Problems, towns: tuple[str, ...],
                   rules: PortraitRules) -> None:
    count = rules.count
    if len(portraits) != count and not problems.errors:
        problems.error(folder, None, f"Es sind {len(portraits)} Porträts – eine Ausgabe braucht genau "
                       f"{_words(count)}.")
    complete = len(portraits) == count
    by_month = Counter(p.spec.month for p in portraits)
    for portrait in portraits:
        if by_month[portrait.spec.month] > 1:
            problems.error(portrait.where.path, portrait.where.line,
                           f"Für {MONTHS[portrait.spec.month - 1]} gibt es {by_month[portrait.spec.month]} "
                           f"Porträts – jeder Monat {'genau' if count == 12 else 'höchstens'} einmal.")
    missing_months = [MONTHS[m - 1] for m in range(1, 13) if m not in by_month]
    if count == 12 and portraits and missing_months and complete:
        problems.error(folder, None, f"Kein Porträt für: {', '.join(missing_months)}.")
    by_town = Counter(p.spec.town for p in portraits)
    limit = rules.max_per_town
    rule = "jede Stadt genau einmal" if limit == 1 and rules.cover_towns and len(towns) == count else \
        f"jede Stadt höchstens {_words(limit) + 'mal' if limit > 1 else 'einmal'}"
    for portrait in portraits:
        if by_town[portrait.spec.town] > limit:
            problems.error(portrait.where.path, portrait.town_line,
                           f"{portrait.spec.town} kommt {by_town[portrait.spec.town]}-mal vor – {rule}.")
    missing_towns = [t for t in towns if t not in by_town]
    if rules.cover_towns and complete and missing_towns:
        problems.error(folder, None, f"Keine Porträts aus: {', '.join(missing_towns)}.")
    genders: Counter[str] = Counter(p.spec.gender for p in portraits)
    if rules.gender_balance == "equal" and complete and not balanced(genders, count):
        problems.warning(folder, None, balance_message(genders, count))  # --strict promotes it at the boundary
    _warn_same_person(portraits, problems)


def _warn_same_person(portraits: list[Portrait], problems: Problems) -> None:
    """Warn about a name that appears on two portraits (a copied file whose name was not changed)."""
    first: dict[str, Portrait] = {}
    for portrait in portraits:
        key = " ".join(portrait.spec.name.casefold().split())
        if not key:
            continue
        earlier = first.setdefault(key, portrait)
        if earlier is not portrait:
            problems.warning(portrait.where.path, portrait.line("name"),
                             f"'{portrait.spec.name}' steht schon in {earlier.where.path} – dieselbe Person zweimal? "
                             f"Jede Person bitte nur einmal; sonst den Namen prüfen.")


def balanced(genders: Counter[str], count: int) -> bool:
    """Return whether women and men are balanced: half and half, or as close as the diverse portraits allow."""
    female, male, divers = genders["female"], genders["male"], genders["divers"]
    return max(female, male) <= (count + 1) // 2 and abs(female - male) <= divers + count % 2


def balance_message(genders: Counter[str], count: int) -> str:
    """Return the German warning for an unbalanced edition: '7 Frauen und 5 Männer – …'."""
    parts = [counted(genders["female"], "Frau", "Frauen"), counted(genders["male"], "Mann", "Männer")]
    if genders["divers"]:
        parts.append(counted(genders["divers"], "Person divers", "Personen divers"))
    listed = " und ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 2 else " und ".join(parts)
    if not genders["divers"]:
        half = f"{_words(count // 2)} und {_words(count - count // 2)}"
        return f"{listed} – vorgesehen sind {half}."
    return (f"{listed} – vorgesehen sind höchstens {_words((count + 1) // 2)} Frauen und höchstens "
            f"{_words((count + 1) // 2)} Männer, und der Unterschied ist nicht größer als die Zahl der Personen "
            f"mit 'divers'.")
