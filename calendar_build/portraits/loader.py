"""Load the portraits of an edition and check the rules of its profile: how many, towns, gender balance."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from calendar_build.content.loader import Reader, Where
from calendar_build.content.schema import PortraitRules
from calendar_build.errors import Problems, os_error_message
from calendar_build.paths import PathOutside, check_regular, inside
from calendar_build.portraits.schema import PortraitSpec

MONTH_NAMES = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
               "Oktober", "November", "Dezember")  # fmt: skip
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
        reader.problems.error(reader.shown(yaml_path), line,
                              f"Foto '{spec.photo}' fehlt – erwartet in {reader.shown(yaml_path.parent)}/.")
        return None
    return photo


def load_portraits(root: Path, year: int, problems: Problems, strict: bool = False,
                   towns: tuple[str, ...] = (), rules: PortraitRules = PortraitRules()) -> tuple[Portrait, ...]:
    """Return the portraits of `year` sorted by month, recording every problem (rules and towns: the profile's)."""
    reader = Reader(root, problems)
    folder = root / "portraits" / str(year)
    shown_folder = f"portraits/{year}"
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        problems.error(shown_folder, None, f"Keine Porträts für {year} gefunden – "
                       f"'calendar-build new-edition --year {year}' legt die Vorlagen an.")
        return ()
    portraits: list[Portrait] = []
    for path in files:
        loaded = reader.read(path, PortraitSpec)
        if loaded is None:
            continue
        spec, doc = loaded
        shown = reader.shown(path)
        if towns and spec.town not in towns:
            problems.error(shown, doc.line(("town",)), f"Unbekannter Wert '{spec.town}' in 'town' – erlaubt: "
                           f"{', '.join(towns)} (towns in content/edition.yaml).")
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
    _check_edition(portraits, shown_folder, problems, strict, towns, rules)
    return tuple(sorted(portraits, key=lambda p: p.spec.month))


def _words(number: int) -> str:
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)


def _check_edition(portraits: list[Portrait], folder: str, problems: Problems, strict: bool,
                   towns: tuple[str, ...], rules: PortraitRules) -> None:
    count = rules.count
    if len(portraits) != count and not problems.errors:
        problems.error(folder, None, f"Es sind {len(portraits)} Porträts – eine Ausgabe braucht genau "
                       f"{_words(count)}.")
    complete = len(portraits) == count
    by_month = Counter(p.spec.month for p in portraits)
    for portrait in portraits:
        if by_month[portrait.spec.month] > 1:
            problems.error(portrait.where.path, portrait.where.line,
                           f"Für {MONTH_NAMES[portrait.spec.month - 1]} gibt es {by_month[portrait.spec.month]} "
                           f"Porträts – jeder Monat {'genau' if count == 12 else 'höchstens'} einmal.")
    missing_months = [MONTH_NAMES[m - 1] for m in range(1, 13) if m not in by_month]
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
    genders = Counter(p.spec.gender for p in portraits)
    if rules.gender_balance == "equal" and complete and abs(genders["female"] - genders["male"]) > count % 2:
        half = f"{_words(count // 2)} und {_words(count // 2)}" if count % 2 == 0 else \
            f"{_words(count // 2)} und {_words(count // 2 + 1)}"
        message = f"{genders['female']} Frauen und {genders['male']} Männer – vorgesehen sind {half}."
        (problems.error if strict else problems.warning)(folder, None, message)
