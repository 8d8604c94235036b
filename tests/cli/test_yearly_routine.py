"""The editor's year, scripted as docs/redaktion.md describes it: from last year's edition to the printer.

Copy the sample, `new-edition --year 2028`, fill twelve portraits (names in many scripts), announce
dates with every typical slip, add an iPhone photo (HEIC) and a transparent PNG. Every slip gets its
German message with file and line; once fixed, the 2028 PDF builds and carries no sample wording.

The twelve residents below are fictional test data (no real persons), written as samples only.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from tests.cli.conftest import PRODUCTS, CliRunner, assert_clean_failure

YEAR = "2028"
TODAY = dt.datetime(2027, 10, 4, tzinfo=dt.timezone.utc)  # the editor prepares 2028 in autumn 2027
SAMPLE_MARK = "# MUSTER – fiktive Person, nur für den Test des Jahresablaufs; keine reale Person.\n"

# month -> (name as printed, gender, Latin reading for the text and file names); all fictional
PEOPLE = {
    1: ("ሰላም ተስፋዬ", "female", "Selam Tesfaye"),  # Ethiopic (Tigrinya)
    2: ("கவிதா சுப்பிரமணியம்", "female", "Kavitha Subramaniam"),  # Tamil
    3: ("ნინო გელაშვილი", "female", "Nino Gelashvili"),  # Georgian
    4: ("Արամ Սարգսյան", "male", "Aram Sargsyan"),  # Armenian
    5: ("রফিক হাসান", "male", "Rafiq Hasan"),  # Bengali
    6: ("มาลี ศรีสุข", "female", "Malee Srisuk"),  # Thai
    7: ("བསྟན་འཛིན་ནོར་བུ", "male", "Tenzin Norbu"),  # Tibetan
    8: ("يوسف حداد", "male", "Yusuf Haddad"),  # Arabic
    9: ("Ελένη Παππά", "female", "Eleni Pappa"),  # Greek
    10: ("Олег Иваненко", "male", "Oleg Ivanenko"),  # Cyrillic
    11: ("박서연", "female", "Park Seo-yeon"),  # Korean (Hangul)
    12: ("ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "male", "Gurpreet Singh"),  # Gurmukhi
}  # fmt: skip
SAMPLE_WORDING = ("Musterausgabe", "Musterporträt", "Musterfoto", "fiktive Person", "Platzhalter")


def set_value(text: str, key: str, value: str) -> str:
    """Return the portrait text with one `key: …` line replaced (comments untouched)."""
    return re.sub(rf"(?m)^{key}:.*$", lambda _: f"{key}: {value}", text, count=1)


def quoted(text: str) -> str:
    """Return a YAML double-quoted string."""
    return json.dumps(text, ensure_ascii=False)


def photo_bytes(source: Path, kind: str) -> bytes:
    """Return a sample photo as it arrives: unchanged JPEG, iPhone HEIC, or PNG with a transparent corner."""
    if kind == "jpg":
        return source.read_bytes()
    with Image.open(source) as image:
        image = image.convert("RGB")
        out = io.BytesIO()
        if kind == "heic":
            from pillow_heif import from_pillow  # noqa: PLC0415 - the HEIC encoder only this test needs

            from_pillow(image).save(out, quality=80)
        else:
            rgba = image.convert("RGBA")
            rgba.paste((255, 255, 255, 0), (0, 0, 400, 300))  # a cut-out corner, as from an editing app
            rgba.save(out, "PNG")
        return out.getvalue()


def fill_portraits(root: Path) -> dict[int, Path]:
    """Fill the twelve new portrait files as an editor would; return month -> file."""
    folder = root / "portraits" / YEAR
    sources = sorted((root / "portraits" / "2027").glob("*.jpg"))
    files = {}
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        month = int(re.search(r"(?m)^month: (\d+)", text)[1])
        name, gender, latin = PEOPLE[month]
        kind = {11: "heic", 12: "png"}.get(month, "jpg")
        photo = f"{month:02d}-{latin.lower().replace(' ', '-')}.{kind}"
        (folder / photo).write_bytes(photo_bytes(sources[month - 1], kind))
        for key, value in (("name", quoted(name)), ("gender", gender),
                           ("text", quoted(f"{latin} lebt seit einigen Jahren im Main-Taunus-Kreis und engagiert "
                                           f"sich im Nachbarschaftstreff.")),
                           ("photo", photo), ("photo_credit", quoted(f"Foto: {latin}")),
                           ("consent", "2027-09-14"), ("alt", quoted(f"{latin} lächelt in die Kamera."))):
            text = set_value(text, key, value)
        path.write_text(SAMPLE_MARK + text, encoding="utf-8")
        files[month] = path
    return files


def line_of(path: Path, key: str) -> int:
    """Return the line of `key:` in a file."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(f"{key}:"))


SLIPS = """\
overrides:
  - id: ramadan-begin
    start: 2028-01-29
    note: "bekanntgegeben vom Moscheeverein, am 20. Januar 2028"
  - id: eid-al-fitr
    start: 2028-02-26
  - id: eid-al-fitr
    start: 2028-02-27
  - id: eid-al-adha
    start: 2028-02-05
  - id: christmas-day
    start: 2028-12-27
  - id: eid-al-fitrr
    start: 2028-02-26
"""
FIXED = """\
overrides:
  - id: ramadan-begin
    start: 2028-01-29
    note: "bekanntgegeben vom Moscheeverein, am 20. Januar 2028"
  - id: eid-al-fitr
    start: 2028-02-26
  - id: eid-al-adha
    start: 2028-05-05
"""
O = "content/overrides/2028.yaml"


@pytest.fixture
def routine(sample: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[int, Path]]:
    """Return the sample copy after new-edition 2028 and the filled portraits."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY.timestamp())))
    created = cli("new-edition", sample, year=YEAR)
    assert created.code == 0, created.err
    assert "content/edition.yaml – year: 2027 → 2028" in created.out
    return sample, fill_portraits(sample)


@pytest.mark.full
def test_the_yearly_routine(routine: tuple[Path, dict[int, Path]], cli: CliRunner) -> None:
    root, files = routine
    shown = {m: f"portraits/{YEAR}/{p.name}" for m, p in files.items()}
    # The slips an editor makes: announced dates, a pasted credit, a zero-width space, a photo name's case
    (root / O).write_text(SLIPS, encoding="utf-8")
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(set_value(text, "photo_credit", quoted("Foto: \u202eSelam Tesfaye")), encoding="utf-8")
    text = files[2].read_text(encoding="utf-8")
    files[2].write_text(set_value(text, "alt", quoted("Kavitha\u200b lächelt in die Kamera.")), encoding="utf-8")
    photo3 = next(p for p in (root / "portraits" / YEAR).glob("03-*.jpg"))
    photo3.rename(photo3.with_name(photo3.name.replace("nino", "Nino")))

    first = cli("check", root, year=YEAR)
    assert_clean_failure(first)
    assert f"{O}:7: Fehler: 'eid-al-fitr' ist für 2028 schon eingetragen (Zeile 5) – das Fest liegt einmal im Jahr. " \
           f"Bitte einen der Einträge entfernen." in first.lines
    assert f"{O}:9: Warnung: 'eid-al-adha' am 5. Februar 2028 liegt 90 Tage vor dem berechneten Termin " \
           f"(5. Mai 2028) – Tippfehler? Bitte das bekanntgegebene Datum prüfen (gewollt: 'deliberate: true')." \
           in first.lines
    assert any(line.startswith(f"{O}:11: Fehler: 'christmas-day' ist am 25. Dezember 2028 gesetzlicher Feiertag")
               for line in first.lines)
    assert f"{O}:13: Fehler: Unbekannter Feiertag 'eid-al-fitrr' – die Kennung muss in content/holidays/ stehen. " \
           f"Meinten Sie 'eid-al-fitr'?" in first.lines
    credit, alt = line_of(files[1], "photo_credit"), line_of(files[2], "alt")
    assert any(line.startswith(f"{shown[1]}:{credit}: Fehler: Unsichtbares Schreibrichtungszeichen U+202E "
                               f"(RIGHT-TO-LEFT OVERRIDE) in Spalte 22") for line in first.lines), first.err
    assert any(line.startswith(f"{shown[2]}:{alt}: Fehler: Unsichtbares Zeichen U+200B (ZERO WIDTH SPACE)")
               for line in first.lines), first.err
    assert any(line.startswith(f"{shown[3]}:{line_of(files[3], 'photo')}: Warnung: Foto '03-nino-gelashvili.jpg' "
                               f"heißt im Ordner '03-Nino-gelashvili.jpg'") for line in first.lines), first.err
    assert not [line for line in first.lines if "kann mit keiner Schrift gedruckt werden" in line
                or "keine Schrift aus theme.css" in line]  # every script of the twelve names prints

    # The editor fixes the errors; the photo in another case stays a warning
    (root / O).write_text(FIXED, encoding="utf-8")
    for month, key, value in ((1, "photo_credit", quoted("Foto: Selam Tesfaye")),
                              (2, "alt", quoted("Kavitha lächelt in die Kamera."))):
        files[month].write_text(set_value(files[month].read_text(encoding="utf-8"), key, value), encoding="utf-8")
    second = cli("check", root, year=YEAR)
    assert second.code == 0, second.err
    png = f"{shown[12]}:{line_of(files[12], 'photo')}"
    assert any(line.startswith(f"{png}: Warnung: Foto '12-gurpreet-singh.png' hat durchsichtige Stellen")
               for line in second.lines), second.err
    assert not [line for line in second.lines if "11-park-seo-yeon.heic" in line]  # the iPhone photo is fine
    assert second.out == f"Prüfung {YEAR} ({PRODUCTS}): 0 Fehler, 2 Warnungen.\n"

    built = cli("build", root, "--quiet", year=YEAR)
    assert built.code == 0, built.err
    assert built.out == ""  # --quiet: the two warnings on stderr, nothing else
    assert len(built.lines) == 2
    pdf = root / "output" / YEAR / f"calendar-{YEAR}-print-a3.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert not [word for word in SAMPLE_WORDING if word in text]
    assert "Stand: 4. Oktober 2027" in text and "20. November 2026" not in text
    for month in (3, 4, 9, 10):  # Georgian, Armenian, Greek, Cyrillic come out of the PDF as text
        assert PEOPLE[month][0] in text
    with pikepdf.open(pdf) as document:
        metadata = " ".join(str(v) for v in document.docinfo.values())
        with document.open_metadata() as xmp:
            metadata += " ".join(str(xmp.get(key, "")) for key in ("dc:title", "dc:creator", "dc:description",
                                                                    "dc:publisher", "dc:rights"))
    assert "Muster" not in metadata and "2028" in metadata

    table = cli("holidays", root, "--format", "json", year=YEAR)
    starts = {row["id"]: row["start"] for row in json.loads(table.out)}
    assert starts["laylat-al-qadr"] == "2028-02-24"  # 27 Ramadan after the announced 29 January
    assert starts["eid-al-adha"] == "2028-05-05"

    review = cli("diff", root, "--quiet", year=YEAR)
    assert review.code == 0, review.err
    sheets = list((root / "output" / YEAR).rglob("*.html"))
    assert sheets and not [p for p in sheets if "Musterausgabe" in p.read_text(encoding="utf-8")]
