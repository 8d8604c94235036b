"""content/edition.yaml for a new year: line-based edits that keep every comment, and its sample wording.

    edition.yaml text + year + today  ->  switch_edition  ->  new text + what changed (German, for the editor)

Only the lines of the keys changed are rewritten (`year`, `document_date`, and texts that still
carry the sample edition's wording); comments, order and every other setting stay as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from calendar_build.pages.dates import long_date

# Words that mark the sample edition's texts; a real edition prints none of them.
SAMPLE_WORDS = re.compile(r"Musterausgabe|Musterporträt|Musterfoto|Muster|Platzhalter|erfunden|fiktiv",
                          re.IGNORECASE)
# A bracketed or dash-separated aside holding sample wording: removed, the rest of the text kept.
_SAMPLE_ASIDE = re.compile(r"\s*(?:\([^()]*(?:Muster|Platzhalter)[^()]*\)|[–-]\s*Musterausgabe\b)", re.IGNORECASE)
TEXT_KEYS = ("title", "motto", "publisher", "imprint")  # printed texts of the edition
_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<rest>.*)$")


@dataclass(frozen=True)
class EditionSwitch:
    """The rewritten edition.yaml and one German line per change."""

    text: str
    changes: tuple[str, ...]


def _blocks(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Return key -> (first line, end line exclusive) of every top-level key with its continuation lines."""
    found: dict[str, tuple[int, int]] = {}
    index = 0
    while index < len(lines):
        match = _KEY.match(lines[index])
        if not match:
            index += 1
            continue
        end = index + 1
        # a block or folded value continues on indented lines (blank lines inside included)
        while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
            end += 1
        while end > index + 1 and not lines[end - 1].strip():
            end -= 1  # trailing blank lines belong to no value
        found.setdefault(match["key"], (index, end))
        index = end
    return found


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _plain_value(block: list[str]) -> str:
    """Return the text of a one-line plain or quoted value, or of a folded block (`>-`, `|`)."""
    first = _KEY.match(block[0])
    assert first is not None
    rest = first["rest"].split(" #")[0].strip()
    if rest[:1] in (">", "|"):
        return " ".join(line.strip() for line in block[1:] if line.strip())
    if len(rest) >= 2 and rest[0] == rest[-1] and rest[0] in "\"'":
        return rest[1:-1]
    return rest


def sample_wording(text: str) -> str | None:
    """Return the first sample word in `text` ('Musterausgabe', 'Platzhalter' …), None if there is none."""
    match = SAMPLE_WORDS.search(text)
    return match.group() if match else None


def without_sample_wording(text: str) -> str:
    """Return the text without its sample asides; '' when sample wording is all it is about."""
    cleaned = _SAMPLE_ASIDE.sub("", text).strip()
    return "" if sample_wording(cleaned) else cleaned


def switch_edition(text: str, year: int, today: dt.date) -> EditionSwitch:
    """Return edition.yaml set to `year`, dated `today`, its printed texts free of sample wording."""
    lines = text.splitlines()
    blocks = _blocks(lines)
    changes: list[str] = []
    replaced: dict[int, tuple[int, list[str]]] = {}  # first line -> (end, new lines)

    def set_line(key: str, value: str, why: str) -> None:
        if key in blocks:
            start, end = blocks[key]
            replaced[start] = (end, [f"{key}: {value}"])
        else:
            replaced.setdefault(-1, (-1, []))[1].append(f"{key}: {value}")
        changes.append(why)

    old_year = _plain_value(lines[slice(*blocks["year"])]) if "year" in blocks else None
    if old_year != str(year):
        set_line("year", str(year), f"year: {old_year or '–'} → {year}")
    old_date = _plain_value(lines[slice(*blocks["document_date"])]) if "document_date" in blocks else None
    if old_date != today.isoformat():
        set_line("document_date", today.isoformat(), f"document_date (Stand): {old_date or '–'} → {today.isoformat()} "
                 f"({long_date(today)})")
    for key in TEXT_KEYS:
        if key not in blocks:
            continue
        value = _plain_value(lines[slice(*blocks[key])])
        if sample_wording(value):
            new = without_sample_wording(value)
            set_line(key, _quoted(new), f"{key}: Musterwortlaut entfernt ({_quoted(new) if new else 'jetzt leer'})")
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index in replaced:
            end, new_lines = replaced[index]
            out.extend(new_lines)
            index = end
            continue
        out.append(lines[index])
        index += 1
    if -1 in replaced:
        out.extend(replaced[-1][1])
    return EditionSwitch("\n".join(out) + "\n", tuple(changes))
