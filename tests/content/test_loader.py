"""Content validation: broken content -> exactly `path:line: message`, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.content.loader import load_content
from calendar_build.errors import ContentError

CATEGORIES = """\
categories:
  - id: christian
    label: Christlich
    rgb: "#2160AC"
    cmyk: [81, 44, 0, 33]
    letter: C
    legal_calendar: true
  - id: islamic
    label: Muslimisch
    rgb: "#2F744B"
    cmyk: [59, 0, 35, 55]
    letter: M
"""

GOOD_HOLIDAY = """\
category: christian
holidays:
  - id: christmas-day
    name: Erster Weihnachtstag
    rule: {kind: fixed, month: 12, day: 25}
    description: Das Fest der Geburt Jesu.
"""


def tree(root: Path, files: dict[str, str]) -> Path:
    """Write a tiny project: categories plus the given files (path -> text)."""
    files = {"content/categories.yaml": CATEGORIES, **files}
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [p.render() for p in caught.value.problems]


def test_good_tree_loads(tmp_path: Path) -> None:
    content = load_content(tree(tmp_path, {"content/holidays/christian.yaml": GOOD_HOLIDAY}))
    assert [e.holiday.id for e in content.catalogue.entries] == ["christmas-day"]
    assert content.catalogue.entries[0].where.line == 3


CASES = [
    (  # unknown category lists the valid ones
        "unknown-category",
        {"content/holidays/islamic.yaml": GOOD_HOLIDAY.replace("category: christian", "category: islamc")},
        "content/holidays/islamic.yaml:1: Fehler: Unbekannte Kategorie 'islamc' – erlaubt: christian, islamic.",
    ),
    (  # unknown rule kind lists the valid ones
        "unknown-rule-kind",
        {"content/holidays/christian.yaml": GOOD_HOLIDAY.replace("kind: fixed", "kind: lunar")},
        "content/holidays/christian.yaml:5: Fehler: Unbekannte Regelart 'lunar' in 'holidays.rule' – erlaubt: fixed, easter,",
    ),
    (  # impossible date
        "30-february",
        {"content/holidays/christian.yaml": GOOD_HOLIDAY.replace("month: 12, day: 25", "month: 2, day: 30")},
        "content/holidays/christian.yaml:5: Fehler: 'holidays.rule': den 30.2. gibt es nicht.",
    ),
    (  # duration must be positive
        "duration-zero",
        {"content/holidays/christian.yaml": GOOD_HOLIDAY + "    duration: 0\n"},
        "content/holidays/christian.yaml:7: Fehler: 'holidays.duration' muss mindestens 1 sein, nicht 0.",
    ),
    (  # a misspelt key
        "unknown-key",
        {"content/holidays/christian.yaml": GOOD_HOLIDAY + "    descripton: x\n"},
        "content/holidays/christian.yaml:7: Fehler: Unbekanntes Feld 'holidays.descripton' – gemeint ist wohl "
        "'description'.",
    ),
    (  # a key the holiday does not have: no suggestion of a rule's field ('dates') that is not allowed here
        "unknown-key-of-another-level",
        {"content/holidays/christian.yaml": GOOD_HOLIDAY + "    date: 2027-11-20\n"},
        "content/holidays/christian.yaml:7: Fehler: Unbekanntes Feld 'holidays.date' – bitte Schreibweise prüfen oder "
        "entfernen.",
    ),
    (  # an editor's own feast with a name as its id: the message says what an id looks like
        "id-not-kebab-case",
        {"content/holidays/christian.yaml": GOOD_HOLIDAY.replace("id: christmas-day", "id: Bernwardstag")},
        "content/holidays/christian.yaml:3: Fehler: 'holidays.id' hat nicht die erwartete Form ('Bernwardstag') – "
        "erlaubt sind Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. 'bernwardstag' oder 'tag-der-vielfalt'.",
    ),
    (  # dropping a feast through the overrides file: one message saying how (not "start fehlt" and "Unbekanntes Feld")
        "override-remove",
        {
            "content/holidays/christian.yaml": GOOD_HOLIDAY,
            "content/overrides/2027.yaml": "overrides:\n  - id: christmas-day\n    remove: true\n",
        },
        "content/overrides/2027.yaml:3: Fehler: In der Overrides-Datei lässt sich ein Fest nicht weglassen, nur sein "
        "Termin festlegen. Soll 'christmas-day' nicht im Kalender stehen, seinen Eintrag in "
        "content/holidays/<kategorie>.yaml löschen und diesen Eintrag hier entfernen",
    ),
    (  # missing required field
        "missing-name",
        {"content/holidays/christian.yaml": GOOD_HOLIDAY.replace("    name: Erster Weihnachtstag\n", "")},
        "content/holidays/christian.yaml:3: Fehler: Pflichtfeld 'holidays.name' fehlt – bitte die Zeile 'name: …' "
        "ergänzen.",
    ),
    (  # wrong type
        "wrong-type",
        {"content/holidays/christian.yaml": GOOD_HOLIDAY + "    eve: vielleicht\n"},
        "content/holidays/christian.yaml:7: Fehler: 'holidays.eve' muss true oder false sein, nicht 'vielleicht'.",
    ),
    (  # wrong top-level shape
        "top-level-list",
        {"content/holidays/christian.yaml": "- id: x\n"},
        "content/holidays/christian.yaml:1: Fehler: Die Datei muss eine Zuordnung (schlüssel: wert) enthalten.",
    ),
    (  # duplicate ids across files
        "duplicate-id",
        {
            "content/holidays/christian.yaml": GOOD_HOLIDAY,
            "content/holidays/islamic.yaml": GOOD_HOLIDAY.replace("category: christian", "category: islamic"),
        },
        "content/holidays/islamic.yaml:3: Fehler: Die Kennung 'christmas-day' gibt es schon (content/holidays/christian.yaml:3).",
    ),
    (  # override for an unknown id
        "override-unknown-id",
        {
            "content/holidays/christian.yaml": GOOD_HOLIDAY,
            "content/overrides/2027.yaml": "overrides:\n  - id: eid-al-fitr\n    start: 2027-03-10\n",
        },
        "content/overrides/2027.yaml:2: Fehler: Unbekannter Feiertag 'eid-al-fitr'",
    ),
    (  # override in the wrong year
        "override-wrong-year",
        {
            "content/holidays/christian.yaml": GOOD_HOLIDAY,
            "content/overrides/2027.yaml": "overrides:\n  - id: christmas-day\n    start: 2028-12-25\n",
        },
        "content/overrides/2027.yaml:3: Fehler: Das Datum 25. Dezember 2028 liegt nicht im Jahr 2027 dieser Datei.",
    ),
    (  # tab in a holiday file
        "tab",
        {"content/holidays/christian.yaml": GOOD_HOLIDAY.replace("    name:", "\tname:")},
        "content/holidays/christian.yaml:4: Fehler: Tabulatorzeichen",
    ),
    (  # a category file name that does not match
        "file-name",
        {"content/holidays/kirche.yaml": GOOD_HOLIDAY},
        "content/holidays/kirche.yaml:1: Fehler: Kategorie 'christian' passt nicht zum Dateinamen",
    ),
]


@pytest.mark.parametrize(("case", "files", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_content(tmp_path: Path, case: str, files: dict[str, str], expected: str) -> None:
    rendered = problems_of(tree(tmp_path, files))
    assert any(line.startswith(expected) for line in rendered), rendered


def test_macos_metadata_files_are_not_read(tmp_path: Path) -> None:
    """A USB stick from a Mac carries '._christian.yaml' beside each file: it was reported as a broken YAML file."""
    root = tree(tmp_path, {"content/holidays/christian.yaml": GOOD_HOLIDAY})
    (root / "content" / "holidays" / "._christian.yaml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    assert [e.holiday.id for e in load_content(root).catalogue.entries] == ["christmas-day"]


def test_override_remove_is_the_only_message(tmp_path: Path) -> None:
    rendered = problems_of(tree(tmp_path, {
        "content/holidays/christian.yaml": GOOD_HOLIDAY,
        "content/overrides/2027.yaml": "overrides:\n  - id: christmas-day\n    weglassen: ja\n"}))
    assert len(rendered) == 1 and "lässt sich ein Fest nicht weglassen" in rendered[0], rendered


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    broken = GOOD_HOLIDAY.replace("kind: fixed", "kind: lunar") + "  - id: Bad Id\n    name: x\n"
    rendered = problems_of(tree(tmp_path, {"content/holidays/christian.yaml": broken}))
    assert len(rendered) >= 3  # unknown kind, bad id, missing rule/description of the second entry
