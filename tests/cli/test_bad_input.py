"""Bad input through the command line: one clear German `path:line: message`, exit 1, no traceback.

Each row breaks a fresh copy of the sample project in one way and runs `calendar-build check`
in-process; the expected line is matched exactly. Command-line misuse exits with 2. A few rows
also go through `build` and a child process, to show the same message reaches an editor there.
"""

from __future__ import annotations

import io
import os
import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from tests.cli.conftest import CliRunner, PRODUCTS, YEAR, assert_clean_failure, run_module
from tests.conftest import REPO

Edit = Callable[[Path], None]

H = "content/holidays/christian.yaml"
P1 = "portraits/2027/01-selam-tesfamariam.yaml"
P2 = "portraits/2027/02-hasan-demir.yaml"
J1 = "portraits/2027/01-selam-tesfamariam.jpg"
E = "content/edition.yaml"
O = "content/overrides/2027.yaml"
MONTH = "templates/pages/month.html.j2"
COVER = "templates/pages/cover.html.j2"
CSS = "templates/calendar.css"
THEME = "templates/theme.css"
RULE = "rule: {kind: fixed, month: 1, day: 6}"
CATEGORY_IDS = "intercultural, christian, orthodox, islamic, alevi, jewish, hindu, buddhist, sikh, bahai, yazidi"
RULE_KINDS = "fixed, easter, orthodox_easter, weekday, julian, orthodox_fixed, hebrew, hijri, chinese, persian, bahai, indic, dates"
LINKED_OUT = "Die Datei verweist (Symlink) aus dem Kalenderprojekt hinaus – bitte die Datei selbst ins Projekt legen."
OUTSIDE_PHOTO = "liegt außerhalb des Kalenderprojekts – bitte das Foto in den Ordner portraits/2027/ legen."
EMPTY = "Die Datei ist leer – bitte ausfüllen oder die Datei löschen."  # it said only 'Die Datei ist leer.'
CONTROL = ("Unsichtbares Steuerzeichen U+0007 – bitte entfernen (solche Zeichen kommen oft beim Kopieren aus "
           "anderen Programmen mit und lassen sich nicht drucken).")


def line(name: str, needle: str) -> int:
    """Return the number of the first line of a sample file that contains `needle`."""
    lines = (REPO / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if needle in text)


def end(name: str) -> int:
    """Return the number of the line that text appended to a sample file starts on."""
    return len((REPO / name).read_text(encoding="utf-8").splitlines()) + 1


PFLEGE = (REPO / P1).read_text(encoding="utf-8").splitlines()[line(P1, "Pflegefachfrau") - 1].index("Pflegefachfrau")


# --- edits: each returns a function that breaks a project in one way ---------------------------------------------

def replace(name: str, old: str, new: str) -> Edit:
    """Replace `old` (which must occur exactly once) in a text file."""
    def edit(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return edit


def append(name: str, text: str) -> Edit:
    """Append text to a file."""
    def edit(root: Path) -> None:
        with (root / name).open("a", encoding="utf-8") as stream:
            stream.write(text)
    return edit


def write(name: str, data: bytes | str) -> Edit:
    """Write (or overwrite) a file."""
    def edit(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return edit


def transform(name: str, change: Callable[[bytes], bytes]) -> Edit:
    """Rewrite a file's bytes."""
    def edit(root: Path) -> None:
        path = root / name
        path.write_bytes(change(path.read_bytes()))
    return edit


def delete(name: str) -> Edit:
    """Remove a file."""
    return lambda root: (root / name).unlink()


def symlink(name: str, target: Callable[[Path], Path]) -> Edit:
    """Replace a file by a symlink to target(root)."""
    def edit(root: Path) -> None:
        pointed = target(root)
        (root / name).unlink()
        (root / name).symlink_to(pointed)
    return edit


def both(*edits: Edit) -> Edit:
    """Apply several edits."""
    def edit(root: Path) -> None:
        for one in edits:
            one(root)
    return edit


def jpeg(size: tuple[int, int], mode: str = "RGB") -> bytes:
    """Return a plain JPEG of that size."""
    out = io.BytesIO()
    Image.new(mode, size, (90, 120, 150) if mode == "RGB" else 0).save(out, "JPEG", quality=80)
    return out.getvalue()


def png(size: tuple[int, int], mode: str) -> bytes:
    """Return a PNG of that size and mode."""
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """Return a tiny PNG that claims `width`×`height` pixels: a decompression bomb's calling card."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = chunk(b"IDAT", zlib.compress(b"\0" * 64))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + pixels + chunk(b"IEND", b"")


def outside_copy(name: str) -> Callable[[Path], Path]:
    """Return a function that copies a project file next to (not into) the project and returns the copy."""
    def copy(root: Path) -> Path:
        target = root.parent / f"{root.name}-outside-{Path(name).name}"
        target.write_bytes((root / name).read_bytes())
        return target
    return copy


def outside_file(root: Path) -> Path:
    """Return a real photo next to (not inside) the project folder."""
    target = root.parent / f"{root.name}-outside.jpg"
    target.write_bytes(jpeg((3600, 2400)))
    return target


EXTRA_HOLIDAY = """\
  - id: epiphany
    name: Noch einmal Epiphanias
    rule: {kind: fixed, month: 1, day: 6}
    description: Doppelt.
"""
ONE_OVERRIDE = "overrides:\n  - id: {id}\n    start: {start}\n"
BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b]\n"
ISLAMIC = "content/holidays/islamic.yaml"
TWELVE = "portraits/2027/12-youssef-el-amrani"

# Where the messages point: the line of a key in the unedited sample, or the line appended text starts on.
AT_NAME, AT_TOWN, AT_MONTH = f"{P1}:{line(P1, 'name:')}", f"{P1}:{line(P1, 'town:')}", f"{P1}:{line(P1, 'month:')}"
AFTER_MONTH, AT_TEXT = f"{P1}:{line(P1, 'month:') + 1}", f"{P1}:{line(P1, 'text:')}"
AT_PHOTO, AT_CONSENT = f"{P1}:{line(P1, 'photo:')}", f"{P1}:{line(P1, 'consent:')}"
AT_EPIPHANY, AT_RULE = f"{H}:{line(H, '- id: epiphany')}", f"{H}:{line(H, RULE)}"
PHOTO = "Foto '01-selam-tesfamariam.jpg'"
SAVE_AS_UTF8 = ("Bitte als UTF-8 speichern (Windows-Editor: „Datei → Speichern unter …“, unten bei „Codierung“ "
                "„UTF-8“ wählen; LibreOffice: „Zeichensatz: Unicode (UTF-8)“).")
UTF16 = (f"Die Datei ist als UTF-16 gespeichert (im Windows-Editor „Unicode“ oder „UTF-16 LE“), nicht als UTF-8. "
         f"{SAVE_AS_UTF8}")


def ansi(letter: str, column: int) -> str:
    """Return the message for a file saved in Windows-1252 ('ANSI'): it said only 'nicht UTF-8-kodiert' before."""
    return (f"Die Datei ist nicht als UTF-8 gespeichert ('{letter}' in Spalte {column} ist wohl in Windows-Kodierung "
            f"„ANSI“ geschrieben). {SAVE_AS_UTF8}")


def meant(written: str, field: str) -> str:
    """Return the message for a key that means a known field (it said 'bitte Schreibweise prüfen' before)."""
    return (f"Unbekanntes Feld '{written}' – gemeint ist wohl '{field}'. Bitte den Feldnamen genau so schreiben wie "
            f"in der Vorlage.")


NO_DATE = "diesen Tag oder diese Uhrzeit gibt es nicht (JJJJ-MM-TT)."
NO_CONSENT = ("Keine Einwilligung für 'Selam Tesfamariam' eingetragen (consent: JJJJ-MM-TT) – ohne Einwilligung "
              "wird das Porträt nicht gedruckt.")
REMOTE = "– aus dem Netz wird nichts geladen; bitte die Datei ins Kalenderprojekt legen und relativ verweisen."
LEAVES = "führt aus dem Kalenderprojekt hinaus – nur Dateien im Projektordner werden gelesen."
ONLY_PLAIN = "nur einfache Werte, Listen und Zuordnungen sind erlaubt."
TOWNS = ("Bad Soden am Taunus, Eppstein, Eschborn, Flörsheim am Main, Hattersheim am Main, Hochheim am Main, "
         "Hofheim am Taunus, Kelkheim (Taunus), Kriftel, Liederbach am Taunus, Schwalbach am Taunus, Sulzbach (Taunus)")

CASES: list[tuple[str, Edit, list[str]]] = [
    # --- YAML -----------------------------------------------------------------------------------------------------
    ("yaml-syntax-colon", replace(P1, "name: Selam Tesfamariam", "name: Selam: Tesfamariam"),
     [f"{AT_NAME}: Fehler: Doppelpunkt an unerwarteter Stelle – Text mit ':' bitte in Anführungszeichen setzen."]),
    ("yaml-syntax-quote", replace(P1, "sample: true", 'sample: "true'),
     [f"{P1}:{end(P1)}: Fehler: Die Datei endet mitten in einem Wert – fehlt ein schließendes Anführungszeichen?"]),
    ("yaml-syntax-bracket", replace(P1, "focal_point: [0.46, 0.36]", "focal_point: [0.46, 0.36"),
     [f"{P1}:{line(P1, 'focal_point:') + 1}: Fehler: Klammer nicht geschlossen – fehlt ein ']' oder '}}' am Ende "
      f"der Liste?"]),
    ("yaml-tab", replace(H, "\n  - id: epiphany", "\n\t- id: epiphany"),
     [f"{AT_EPIPHANY}: Fehler: Tabulatorzeichen gefunden – YAML erlaubt zum Einrücken nur Leerzeichen."]),
    ("yaml-top-level-list", write(H, "- epiphany\n- easter\n"),
     [f"{H}:1: Fehler: Die Datei muss eine Zuordnung (schlüssel: wert) enthalten."]),
    ("yaml-top-level-scalar", write(P1, "Selam Tesfamariam\n"),
     [f"{P1}:1: Fehler: Die Datei muss eine Zuordnung (schlüssel: wert) enthalten."]),
    ("yaml-wrong-type-int", replace(P1, "month: 1\n", "month: Januar\n"),
     [f"{AT_MONTH}: Fehler: 'month' muss eine ganze Zahl sein, nicht 'Januar'. Meinten Sie 1? (1 = Januar … 12 = "
      f"Dezember)"]),
    # an editor's ways of writing a value: each message now says what was meant (before: the bare rule, or for the
    # inner quotes "Einrückung oder Listenzeichen passt nicht", which sent her looking for spaces)
    ("yaml-inner-quotes", replace(P1, "name: Selam Tesfamariam", 'name: "Selam "Sely" Tesfamariam"'),
     [f"{AT_NAME}: Fehler: Der Text in Anführungszeichen endet zu früh – ein '\"' mitten im Text beendet ihn. Innen "
      f"bitte „…“ oder '…' schreiben, z. B. name: \"Amina „Mimi“ Yusuf\"."]),
    ("gender-in-german", replace(P1, "gender: female", "gender: weiblich"),
     [f"{P1}:{line(P1, 'gender:')}: Fehler: Unbekannter Wert 'weiblich' in 'gender' – erlaubt: female, male, divers. "
      f"Meinten Sie 'female'?"]),
    ("focal-point-decimal-comma", replace(P1, "focal_point: [0.46, 0.36]", "focal_point: [0,46, 0,36]"),
     [f"{P1}:{line(P1, 'focal_point:')}: Fehler: 'focal_point' hat die falsche Anzahl Einträge. Erwartet werden zwei "
      f"Zahlen mit Dezimalpunkt, z. B. [0.5, 0.4] – das Komma trennt die beiden Zahlen."]),
    ("yaml-wrong-type-list", replace(H, "holidays:\n", "holidays: Weihnachten\nrest:\n"),
     [f"{H}:{line(H, 'holidays:')}: Fehler: 'holidays' muss eine Liste sein."]),
    ("yaml-wrong-type-bool", replace(E, "school_holidays: true", "school_holidays: vielleicht"),
     [f"{E}:{line(E, 'school_holidays:')}: Fehler: 'school_holidays' muss true oder false sein, nicht 'vielleicht'."]),
    ("yaml-empty", write(H, ""), [f"{H}: Fehler: {EMPTY}"]),
    ("yaml-only-comments", write(P1, "# noch nichts\n\n"), [f"{P1}: Fehler: {EMPTY}"]),
    ("yaml-not-utf8", transform(P1, lambda b: b.replace(b"Pflegefachfrau", "Pflegefachfrau für".encode("latin-1"))),
     [f"{P1}:{line(P1, 'Pflegefachfrau')}: Fehler: {ansi('ü', PFLEGE + len('Pflegefachfrau f') + 1)}"]),
    ("yaml-utf16", transform(E, lambda b: b.decode().encode("utf-16")), [f"{E}:1: Fehler: {UTF16}"]),
    ("yaml-utf16-without-mark", transform(E, lambda b: b.decode().encode("utf-16-le")), [f"{E}:1: Fehler: {UTF16}"]),
    ("yaml-duplicate-key", replace(P1, "month: 1\n", "month: 1\nmonth: 2\n"),
     [f"{AFTER_MONTH}: Fehler: Schlüssel 'month' steht doppelt – bitte einen der beiden Einträge entfernen."]),
    ("yaml-billion-laughs", write(H, BILLION_LAUGHS),
     [f"{H}:1: Fehler: YAML-Anker und -Aliase (&name, *name) sind nicht erlaubt – bitte den Wert ausschreiben."]),
    ("yaml-merge-key", replace(P1, "month: 1\n", "month: 1\n<<: {gender: male}\n"),
     [f"{AFTER_MONTH}: Fehler: Unerlaubter YAML-Tag 'tag:yaml.org,2002:merge' – {ONLY_PLAIN}"]),
    ("yaml-python-tag", replace(P1, "name: Selam Tesfamariam", "name: !!python/object/apply:os.getpid []"),
     [f"{AT_NAME}: Fehler: Unerlaubter YAML-Tag 'tag:yaml.org,2002:python/object/apply:os.getpid' – {ONLY_PLAIN}"]),
    ("yaml-two-documents", append(E, "---\ntitle: Zweiter Titel\n"),
     [f"{E}:{end(E)}: Fehler: Nur ein YAML-Dokument pro Datei erlaubt ('---' entfernen)."]),
    ("yaml-too-large", append(E, "#" * 2_100_000 + "\n"),
     [f"{E}: Fehler: Datei ist zu groß ({len((REPO / E).read_bytes()) + 2_100_001} Bytes, höchstens 2000000)."]),
    ("yaml-number-too-long", replace(P1, "month: 1\n", f"month: 1{'0' * 5000}\n"),
     [f"{AT_MONTH}: Fehler: Die Zahl '1000000000000000000000000000000000000…' ist zu lang."]),
    ("yaml-key-not-text", replace(P1, "month: 1\n", "month: 1\n12: Dezember\n"),
     [f"{AFTER_MONTH}: Fehler: Schlüssel 12 ist kein Wort – Feldnamen sind Text, z. B. 'name: …'."]),
    ("yaml-bad-escape", replace(P1, "name: Selam Tesfamariam", 'name: "C:\\Fotos\\Selam"'),
     [f"{AT_NAME}: Fehler: Ungültige Escape-Sequenz mit '\\' in doppelten Anführungszeichen – einfache "
      f"Anführungszeichen verwenden oder den Backslash verdoppeln."]),
    # --- references -----------------------------------------------------------------------------------------------
    ("unknown-category", replace(H, "category: christian", "category: christan"),
     [f"{H}:{line(H, 'category:')}: Fehler: Unbekannte Kategorie 'christan' – erlaubt: {CATEGORY_IDS}."]),
    ("unknown-rule-kind", replace(H, RULE, "rule: {kind: lunar, month: 1, day: 6}"),
     [f"{AT_RULE}: Fehler: Unbekannte Regelart 'lunar' in 'holidays.rule' – erlaubt: {RULE_KINDS}."]),
    ("unknown-override-id", write(O, ONE_OVERRIDE.format(id="ramadan-anfang", start="2027-02-08")),
     [f"{O}:2: Fehler: Unbekannter Feiertag 'ramadan-anfang' – die Kennung muss in content/holidays/ stehen."]),
    ("override-wrong-year", write(O, ONE_OVERRIDE.format(id="eid-al-fitr", start="2028-03-10")),
     [f"{O}:3: Fehler: Das Datum 10. März 2028 liegt nicht im Jahr 2027 dieser Datei."]),
    ("override-impossible-date", write(O, ONE_OVERRIDE.format(id="eid-al-fitr", start="2027-02-30")),
     [f"{O}:3: Fehler: Ungültiges Datum '2027-02-30' – {NO_DATE}"]),
    ("duplicate-id-across-files", append(ISLAMIC, EXTRA_HOLIDAY),
     [f"{ISLAMIC}:{end(ISLAMIC)}: Fehler: Die Kennung 'epiphany' gibt es schon ({AT_EPIPHANY})."]),
    ("impossible-date-30-february", replace(H, RULE, "rule: {kind: fixed, month: 2, day: 30}"),
     [f"{AT_RULE}: Fehler: 'holidays.rule': den 30.2. gibt es nicht."]),
    ("impossible-consent-date", replace(P1, "consent: 2026-09-14", "consent: 2026-02-30"),
     [f"{AT_CONSENT}: Fehler: Ungültiges Datum '2026-02-30' – {NO_DATE}"]),
    ("duration-zero", replace(H, "    short: Hl. 3 Könige\n", "    short: Hl. 3 Könige\n    duration: 0\n"),
     [f"{AT_RULE}: Fehler: 'holidays.duration' muss mindestens 1 sein, nicht 0."]),
    ("duration-negative", replace(H, "    short: Hl. 3 Könige\n", "    short: Hl. 3 Könige\n    duration: -2\n"),
     [f"{AT_RULE}: Fehler: 'holidays.duration' muss mindestens 1 sein, nicht -2."]),
    ("edition-year-out-of-range", replace(E, "year: 2027", "year: 1582"),
     [f"{E}:{line(E, 'year:')}: Fehler: 'year' muss mindestens 1950 sein, nicht 1582."]),
    # --- portraits ------------------------------------------------------------------------------------------------
    ("eleven-portraits", both(delete(f"{TWELVE}.yaml"), delete(f"{TWELVE}.jpg")),
     ["portraits/2027: Fehler: Es sind 11 Porträts – eine Ausgabe braucht genau zwölf."]),
    ("two-for-one-month", replace(P2, "month: 2\n", "month: 1\n"),
     [f"{AT_MONTH}: Fehler: Für Januar gibt es 2 Porträts – jeder Monat genau einmal.",
      f"{P2}:{line(P2, 'month:')}: Fehler: Für Januar gibt es 2 Porträts – jeder Monat genau einmal.",
      "portraits/2027: Fehler: Kein Porträt für: Februar."]),
    ("town-twice-and-missing", replace(P2, "town: Flörsheim am Main", "town: Hofheim am Taunus"),
     [f"{AT_TOWN}: Fehler: Hofheim am Taunus kommt 2-mal vor – jede Stadt genau einmal.",
      f"{P2}:{line(P2, 'town:')}: Fehler: Hofheim am Taunus kommt 2-mal vor – jede Stadt genau einmal.",
      "portraits/2027: Fehler: Keine Porträts aus: Flörsheim am Main."]),
    ("town-unknown", replace(P1, "town: Hofheim am Taunus", "town: Hofheim"),
     # the town written short: which one is meant is said (it listed the twelve only)
     [f"{AT_TOWN}: Fehler: Unbekannter Wert 'Hofheim' in 'town' – erlaubt: {TOWNS} (towns in content/edition.yaml). "
      f"Meinten Sie 'Hofheim am Taunus'?"]),
    ("text-too-long", replace(P1, "text: >-\n", "text: " + "Sehr lang. " * 60 + "\nold_text: >-\n"),
     [f"{AT_TEXT}: Fehler: 'text' ist zu lang (659 Zeichen, höchstens 600) – bitte um 59 Zeichen kürzen.",
      f"{P1}:{line(P1, 'text:') + 1}: Fehler: Unbekanntes Feld 'old_text' – bitte Schreibweise prüfen oder "
      f"entfernen."]),
    # a key written with a capital, in German or misspelt: one message at its line, naming the field it means (the
    # required field it leaves missing was a second error at the file's first key)
    ("key-capitalised", replace(P1, "text: >-", "Text: >-"), [f"{AT_TEXT}: Fehler: {meant('Text', 'text')}"]),
    ("key-in-german", replace(P1, "focal_point:", "fokus_punkt:"),
     [f"{P1}:{line(P1, 'focal_point:')}: Fehler: {meant('fokus_punkt', 'focal_point')}"]),
    ("key-in-german-required", replace(P1, "photo:", "Foto:"), [f"{AT_PHOTO}: Fehler: {meant('Foto', 'photo')}"]),
    ("field-missing", replace(P1, "photo_credit: \"Musterfoto (Platzhalter), erzeugt von calendar-build\"\n", ""),
     [f"{AT_NAME}: Fehler: Pflichtfeld 'photo_credit' fehlt – bitte die Zeile 'photo_credit: …' ergänzen."]),
    ("consent-missing", replace(P1, "consent: 2026-09-14\n", ""), [f"{AT_NAME}: Fehler: {NO_CONSENT}"]),
    ("consent-empty", replace(P1, "consent: 2026-09-14", "consent:"), [f"{AT_CONSENT}: Fehler: {NO_CONSENT}"]),
    # --- photos ---------------------------------------------------------------------------------------------------
    ("photo-missing", delete(J1), [f"{AT_PHOTO}: Fehler: {PHOTO} fehlt – erwartet in portraits/2027/."]),
    # Windows hides the ending: the name as the Explorer shows it had no hint when short ('IMG_1234' is too far
    # from 'IMG_1234.JPG' for difflib), a long one only "Meinten Sie …?" without the reason
    ("photo-without-ending-short", both(write("portraits/2027/IMG_1234.JPG", jpeg((64, 64))),
                                        replace(P1, "photo: 01-selam-tesfamariam.jpg", "photo: IMG_1234")),
     [f"{AT_PHOTO}: Fehler: Foto 'IMG_1234' fehlt – erwartet in portraits/2027/. Meinten Sie 'IMG_1234.JPG'? Der "
      f"Dateiname braucht seine Endung (.jpg, .heic …) – Windows blendet sie im Explorer aus."]),
    ("photo-without-ending", replace(P1, "photo: 01-selam-tesfamariam.jpg", "photo: 01-selam-tesfamariam"),
     [f"{AT_PHOTO}: Fehler: Foto '01-selam-tesfamariam' fehlt – erwartet in portraits/2027/. Meinten Sie "
      f"'01-selam-tesfamariam.jpg'? Der Dateiname braucht seine Endung (.jpg, .heic …) – Windows blendet sie im "
      f"Explorer aus."]),
    ("photo-zero-bytes", write(J1, b""),
     [f"{AT_PHOTO}: Fehler: {PHOTO} ist leer (0 Bytes) – bitte das Foto erneut kopieren oder exportieren."]),
    ("photo-truncated", transform(J1, lambda b: b[: len(b) // 2]),
     [f"{AT_PHOTO}: Fehler: {PHOTO} ist beschädigt oder unvollständig – bitte erneut aus dem Original "
      f"exportieren."]),
    ("photo-corrupt", transform(J1, lambda b: b[:4] + bytes(range(256)) * 8),
     [f"{AT_PHOTO}: Fehler: {PHOTO} ist beschädigt – bitte erneut aus dem Original exportieren."]),
    ("photo-not-an-image", write(J1, "Hier sollte ein Foto sein.\n"),
     [f"{AT_PHOTO}: Fehler: {PHOTO} ist keine lesbare Bilddatei – erwartet wird JPEG, PNG, TIFF, WebP oder HEIC."]),
    ("photo-a-folder", both(delete(J1), lambda root: (root / J1).mkdir()),
     [f"{AT_PHOTO}: Fehler: Foto '01-selam-tesfamariam.jpg': Dies ist ein Ordner, keine gewöhnliche Datei – bitte "
      "eine gewöhnliche Datei an diese Stelle legen."]),
    ("photo-decompression-bomb", write(J1, png_header(20_000, 20_000)),
     [f"{AT_PHOTO}: Fehler: {PHOTO} hat 400.000.000 Pixel – mehr als die erlaubten 89.478.485 (Schutz vor "
      f"Dekompressionsbomben); bitte kleiner exportieren."]),
    ("photo-too-small", write(J1, jpeg((600, 400))),
     [f"{AT_PHOTO}: Fehler: {PHOTO} hat nur 600×400 Pixel, also 50 ppi bei 303×193 mm – für den Druck werden "
      f"mindestens 1790×1140 Pixel gebraucht (besser 3579×2280). Fotos aus WhatsApp und anderen Messengern sind "
      f"meist stark verkleinert – bitte das Original schicken lassen (in WhatsApp als Dokument senden, oder per "
      f"E-Mail als Anhang in voller Größe)."]),
    ("photo-16-bit", write(J1, png((64, 64), "I;16")),
     [f"{AT_PHOTO}: Fehler: {PHOTO} hat den Farbmodus I;16, der nicht unterstützt wird – bitte als 8-Bit-RGB-JPEG "
      f"exportieren."]),
    ("photo-used-twice", replace(P2, "photo: 02-hasan-demir.jpg", "photo: 01-selam-tesfamariam.jpg"),
     [f"{P2}:{line(P2, 'photo:')}: Fehler: {PHOTO} wird schon für {P1} mit anderem Ausschnitt verwendet – jedes "
      f"Porträt braucht ein eigenes Foto."]),
    # the same photo and crop: one month lost its photo without a word (screen PDF) or got a riddle (print)
    ("photo-used-twice-same-crop", both(replace(P2, "photo: 02-hasan-demir.jpg", "photo: 01-selam-tesfamariam.jpg"),
                                        replace(P2, "focal_point: [0.52, 0.37]", "focal_point: [0.46, 0.36]")),
     [f"{P2}:{line(P2, 'photo:')}: Fehler: {PHOTO} wird schon für {P1} verwendet – jedes Porträt braucht ein eigenes "
      f"Foto."]),
    # --- paths and URLs -------------------------------------------------------------------------------------------
    ("photo-dotdot", replace(P1, "photo: 01-selam-tesfamariam.jpg", "photo: ../../../../../../etc/passwd"),
     [f"{AT_PHOTO}: Fehler: Foto '../../../../../../etc/passwd' {OUTSIDE_PHOTO}"]),
    ("photo-absolute", replace(P1, "photo: 01-selam-tesfamariam.jpg", "photo: /etc/passwd"),
     [f"{AT_PHOTO}: Fehler: Foto '/etc/passwd' {OUTSIDE_PHOTO}"]),
    ("photo-symlink-out", symlink(J1, outside_file), [f"{AT_PHOTO}: Fehler: {PHOTO} {OUTSIDE_PHOTO}"]),
    ("photo-symlink-loop", symlink(J1, lambda root: root / J1),
     [f"{AT_PHOTO}: Fehler: Foto '01-selam-tesfamariam.jpg': Symlink-Schleife (der Verweis zeigt auf sich selbst)."]),
    ("photo-url", replace(P1, "photo: 01-selam-tesfamariam.jpg", "photo: https://example.org/selam.jpg"),
     [f"{AT_PHOTO}: Fehler: Foto 'https://example.org/selam.jpg' ist eine Internetadresse – Fotos werden nie aus "
      f"dem Netz geladen; bitte die Datei in den Ordner portraits/2027/ legen."]),
    ("photo-name-too-long", replace(P1, "photo: 01-selam-tesfamariam.jpg", f"photo: {'x' * 300}.jpg"),
     [f"{AT_PHOTO}: Fehler: Foto '{'x' * 300}.jpg': Der Pfad ist zu lang."]),
    ("output-profile-outside", append(E, "output_profile: ../../../../etc/passwd\n"),
     [f"{E}:{end(E)}: Fehler: Farbprofil '../../../../etc/passwd' liegt außerhalb des Kalenderprojekts – bitte ins "
      f"Projekt legen."]),
    ("output-profile-not-icc", append(E, "output_profile: content/categories.yaml\n"),
     [f"{E}:{end(E)}: Fehler: Farbprofil 'content/categories.yaml' ist kein lesbares ICC-Profil."]),
    ("template-remote-image", append(COVER, '<img src="https://example.org/logo.png" alt="">\n'),
     [f"{COVER}:{end(COVER)}: Fehler: Verweis auf 'https://example.org/logo.png' {REMOTE}"]),
    ("template-absolute-file", append(COVER, '<img src="file:///etc/passwd" alt="">\n'),
     [f"{COVER}:{end(COVER)}: Fehler: Verweis auf 'file:///etc/passwd' {LEAVES}"]),
    ("stylesheet-dotdot", append(CSS, ".logo { background: url(../../../../etc/passwd); }\n"),
     [f"{CSS}:{end(CSS)}: Fehler: Verweis auf '../../../../etc/passwd' {LEAVES}"]),
    ("stylesheet-import-remote", append(CSS, '@import "http://127.0.0.1:9/more.css";\n'),
     [f"{CSS}:{end(CSS)}: Fehler: Verweis auf 'http://127.0.0.1:9/more.css' {REMOTE}"]),
    ("stylesheet-missing-asset", append(CSS, ".logo { background: url(logo.png); }\n"),
     [f"{CSS}:{end(CSS)}: Fehler: Die Datei 'logo.png' fehlt (gesucht in templates/logo.png)."]),
    ("yaml-symlink-out", symlink(H, outside_copy(H)), [f"{H}: Fehler: {LINKED_OUT}"]),
    ("portrait-symlink-out", symlink(P1, outside_copy(P1)), [f"{P1}: Fehler: {LINKED_OUT}"]),
    ("stylesheet-symlink-out", symlink(CSS, outside_copy(CSS)), [f"{CSS}: Fehler: {LINKED_OUT}"]),
    ("theme-symlink-out", symlink("templates/theme.css", outside_copy("templates/theme.css")),
     [f"templates/theme.css: Fehler: {LINKED_OUT}"]),
    ("template-symlink-out", symlink(COVER, lambda root: Path("/etc/hostname")),
     [f"{COVER}: Fehler: Die Vorlage verweist (Symlink) aus dem Kalenderprojekt hinaus – bitte die Datei selbst "
      f"in templates/ legen."]),
    # --- text -----------------------------------------------------------------------------------------------------
    ("control-character-escaped", replace(P1, "name: Selam Tesfamariam", 'name: "Selam\\aTesfamariam"'),
     [f"{AT_NAME}: Fehler: {CONTROL}"]),
    ("control-character-raw", replace(P1, "name: Selam Tesfamariam", "name: Selam\aTesfamariam"),
     [f"{AT_NAME}: Fehler: {CONTROL}"]),
    ("control-character-nul", replace(H, "name: Heilige Drei Könige", 'name: "Heilige Drei\\0Könige"'),
     [f"{H}:{line(H, 'name: Heilige Drei Könige')}: Fehler: " + CONTROL.replace("U+0007", "U+0000")]),
    ("unprintable-character", replace(P1, "name: Selam Tesfamariam", 'name: "Selam \\uE000 Tesfamariam"'),
     [f"{AT_NAME}: Fehler: Das Zeichen '\ue000' (U+E000 unbenannt) kann mit keiner Schrift gedruckt werden – bitte "
      f"ersetzen oder eine passende Schrift in theme.css ergänzen."]),
    ("unprintable-character-edition", replace(E, "motto: Angekommen im Main-Taunus-Kreis",
                                                      'motto: "\\uE000 Angekommen im Main-Taunus-Kreis"'),
     [f"{E}:{line(E, 'motto:')}: Fehler: Das Zeichen '\ue000' (U+E000 unbenannt) kann mit keiner Schrift gedruckt "
      f"werden – bitte ersetzen oder eine passende Schrift in theme.css ergänzen."]),
    # --- templates ------------------------------------------------------------------------------------------------
    ("template-syntax", append(MONTH, "{% for day in month %}{{ day }}\n"),
     [f"{MONTH}:{end(MONTH)}: Fehler: Vorlagen-Syntaxfehler: Unexpected end of template. Jinja was looking for the "
      f"following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'."]),
    ("template-undefined-name", append(COVER, "{{ motto_of_the_year }}\n"),
     [f"{COVER}:{end(COVER)}: Fehler: Unbekannter Name in der Vorlage: 'motto_of_the_year' ist nicht definiert."]),
    ("template-undefined-attribute", append(MONTH, "{{ month.weather }}\n"),
     [f"{MONTH}:{end(MONTH)}: Fehler: Unbekannter Name in der Vorlage: 'weather' gibt es nicht in MonthPage."]),
    ("template-unknown-filter", append(COVER, "{{ cal.year | roman }}\n"),
     [f"{COVER}:{end(COVER)}: Fehler: Vorlagen-Syntaxfehler: No filter named 'roman'."]),
    ("template-missing-include", append(COVER, '{% include "pages/logo.html.j2" %}\n'),
     [f"{COVER}:{end(COVER)}: Fehler: Die Vorlage 'pages/logo.html.j2' fehlt."]),
    ("template-type-error", append(COVER, '{{ cal.year + " – " }}\n'),
     [f"{COVER}:{end(COVER)}: Fehler: Fehler beim Ausführen der Vorlage: TypeError: unsupported operand type(s) "
      f"for +: 'int' and 'str'"]),
    ("template-not-utf8", transform(COVER, lambda b: b + "<p>Grüße</p>\n".encode("latin-1")),
     [f"{COVER}:{end(COVER)}: Fehler: {ansi('ü', 6)}"]),
    ("template-main-missing", delete("templates/calendar.html.j2"),
     ["templates/calendar.html.j2: Fehler: Vorlage fehlt."]),
    ("stylesheet-not-utf8", transform(CSS, lambda b: b + "/* Schrift für Überschriften */\n".encode("latin-1")),
     [f"{CSS}:{end(CSS)}: Fehler: {ansi('ü', 13)}"]),
    ("stylesheet-missing", delete(CSS), [f"{CSS}: Fehler: Datei fehlt oder kann nicht gelesen werden."]),
    ("stylesheet-unknown-variable", append(CSS, ".x { color: var(--accent-colour); }\n"),
     [f"{CSS}:{end(CSS)}: Fehler: Die Variable '--accent-colour' ist in theme.css nicht festgelegt."]),
    ("stylesheet-unclosed-bracket", append(CSS, ".x { width: calc(1mm + 2mm; }\n"),
     [f"{CSS}:{end(CSS)}: Fehler: CSS-Syntaxfehler: Die Klammer '(' wird nicht geschlossen – bitte ')' ergänzen."]),
    ("theme-unclosed-bracket", replace(THEME, "--size-month: 44pt;", "--size-month: calc(44pt * 1.1;"),
     [f"{THEME}:{line(THEME, '--size-month:')}: Fehler: CSS-Syntaxfehler: Die Klammer '(' wird nicht geschlossen – "
      f"bitte ')' ergänzen."]),
    ("theme-count-out-of-range", replace(THEME, "--explanation-columns: 3;", "--explanation-columns: 0;"),
     [f"{THEME}:{line(THEME, '--explanation-columns:')}: Fehler: '--explanation-columns' muss eine ganze Zahl von 1 "
      f"bis 6 sein, nicht '0'."]),
    ("theme-not-utf8", transform(THEME, lambda b: b + "/* Größen */\n".encode("latin-1")),
     [f"{THEME}:{end(THEME)}: Fehler: {ansi('ö', 6)}"]),
]


# The output profile belongs to the print product alone: checked alone, since `check` would lay out the
# screen product, whose content is valid (3 s; tests/cli/test_check.py shows that it does).
PRINT_ONLY = {"output-profile-outside", "output-profile-not-icc"}


@pytest.mark.parametrize(("case", "edit", "expected"), CASES, ids=[row[0] for row in CASES])
def test_check_reports_bad_input(case: str, edit: Edit, expected: list[str], sample: Path, cli: CliRunner) -> None:
    edit(sample)
    run = cli("check", sample, *(["--variant", "print"] if case in PRINT_ONLY else []))
    assert_clean_failure(run)
    for line in expected:
        assert line in run.lines, f"{line}\n--- got:\n{run.err}"
    products = "Druck-PDF A3" if case in PRINT_ONLY else PRODUCTS
    assert run.out == f"Prüfung {YEAR} ({products}): {len(run.lines)} Fehler, 0 Warnungen.\n"


def test_python_tag_is_never_executed(sample: Path, cli: CliRunner) -> None:
    marker = sample / "executed"
    replace(P1, "name: Selam Tesfamariam", f"name: !!python/object/apply:os.mkdir ['{marker}']")(sample)
    assert_clean_failure(cli("check", sample))
    assert not marker.exists()


def test_decompression_bomb_limit_is_kept(sample: Path, cli: CliRunner) -> None:
    limit = Image.MAX_IMAGE_PIXELS
    write(J1, png_header(20_000, 20_000))(sample)
    assert_clean_failure(cli("check", sample))
    assert Image.MAX_IMAGE_PIXELS == limit == 89_478_485


BUILD_CASES = [row for row in CASES if row[0] in {
    "yaml-syntax-colon", "yaml-billion-laughs", "unknown-category", "two-for-one-month", "photo-truncated",
    "photo-symlink-out", "photo-used-twice-same-crop",
    "stylesheet-dotdot", "template-undefined-name", "control-character-escaped",
}]


@pytest.mark.parametrize(("case", "edit", "expected"), BUILD_CASES, ids=[row[0] for row in BUILD_CASES])
def test_build_stops_with_the_same_message(case: str, edit: Edit, expected: list[str], sample: Path,
                                           cli: CliRunner) -> None:
    out = sample / "output"
    out.mkdir()
    earlier = out / f"calendar-{YEAR}-print-a3.pdf"
    earlier.write_bytes(b"%PDF-1.7 the earlier, good calendar")
    edit(sample)
    run = cli("build", sample, "--out", str(out))
    assert_clean_failure(run)
    for line in expected:
        assert line in run.lines
    assert run.lines[-1].endswith("– nichts geschrieben.")
    assert sorted(p.name for p in out.iterdir()) == [earlier.name]
    assert earlier.read_bytes() == b"%PDF-1.7 the earlier, good calendar"


# --- years and command-line misuse ------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "build", "holidays", "ics"])
@pytest.mark.parametrize("year", ["1582", "10000", "0"])
def test_year_out_of_range(command: str, year: str, sample: Path, cli: CliRunner) -> None:
    run = cli(command, sample, year=year)
    assert_clean_failure(run)
    assert run.lines[0] == (f"--year: Fehler: Das Jahr {year} wird nicht unterstützt – die Feiertage werden für "
                            f"1950–2099 berechnet.")
    assert not (sample / "output").exists()


@pytest.mark.parametrize("command", ["check", "build", "new-edition"])
def test_year_out_of_range_in_the_edition_names_its_line(command: str, sample: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Without --year the year comes from content/edition.yaml: the message names that line, not --year."""
    from calendar_build.cli import main  # noqa: PLC0415

    replace(E, f"year: {YEAR}", "year: 20277")(sample)
    code = main([command, "--root", str(sample)])
    assert code == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{E}:{line(E, 'year:')}: Fehler: Das Jahr 20277 wird nicht unterstützt – die Feiertage werden für "
        f"1950–2099 berechnet. Bitte 'year' korrigieren oder das Jahr mit --year angeben.")
    assert not (sample / "output").exists() and not (sample / "portraits" / "20277").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["check", "--year", "zwanzig"], "calendar-build check: Fehler: Angabe --year: 'zwanzig' ist keine Jahreszahl"),
    (["check", "--year", "2027.5"], "calendar-build check: Fehler: Angabe --year: '2027.5' ist keine Jahreszahl"),
    (["check", "--year"], "calendar-build check: Fehler: Angabe --year: erwartet einen Wert"),
    (["check", "--colour"], "calendar-build: Fehler: unbekannte Angaben: --colour"),
    (["build", "--format", "a5"], "calendar-build build: Fehler: Angabe --format: ungültige Auswahl: 'a5' "
                                  "(möglich sind 'a3', 'a4', 'a2', 'a1')"),
    (["print"], "calendar-build: Fehler: Angabe BEFEHL: ungültige Auswahl: 'print' (möglich sind 'holidays', "),
    ([], "calendar-build: Fehler: Diese Angaben fehlen: BEFEHL"),
])
def test_command_line_misuse_exits_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    from calendar_build.cli import main  # noqa: PLC0415

    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith(message)


@pytest.mark.parametrize(("args", "message"), [
    (["--variant", "poster", "--format", "a3"], "--format a3 gibt es für --variant poster nicht – möglich sind: a2, a1."),
    (["--variant", "print", "--format", "a1"], "--format a1 gibt es für --variant print nicht – möglich sind: a3, a4."),
])
def test_format_without_a_product_exits_2(args: list[str], message: str, sample: Path, cli: CliRunner) -> None:
    run = cli("build", sample, *args)
    assert run.code == 2
    assert run.lines == [f"calendar-build: Fehler: {message}"]


def test_out_is_a_file_exits_2(sample: Path, cli: CliRunner) -> None:
    blocker = sample / "output"
    blocker.write_text("keine Ausgabe hier")
    run = cli("build", sample, "--out", str(blocker / "2027"))
    assert run.code == 2
    assert run.lines == [f"calendar-build: Fehler: Der Ausgabeordner '{blocker / '2027'}' kann nicht angelegt werden: "
                         f"'{blocker}' ist eine Datei – bitte mit --out einen Ordner angeben."]
    assert blocker.read_text() == "keine Ausgabe hier"


def test_missing_project_folder(tmp_path: Path, cli: CliRunner) -> None:
    run = cli("check", tmp_path / "gibt-es-nicht")
    assert_clean_failure(run)
    assert run.lines[0] == "content: Fehler: Ordner 'content/' fehlt in gibt-es-nicht – ist --root richtig?"


@pytest.mark.parametrize("command", ["check", "new-edition"])
def test_run_inside_the_project_names_the_project(command: str, sample: Path, cli: CliRunner) -> None:
    """A terminal opened in portraits/2027: before, only 'ist --root richtig?', not which folder is right."""
    run = cli(command, sample / "portraits" / YEAR)
    assert_clean_failure(run)
    assert run.lines[0].endswith(f"– ist --root richtig? Das Kalenderprojekt ist wohl '{sample.resolve()}' – dort "
                                 f"aufrufen oder '--root {sample.resolve()}' angeben."), run.err


# --- through a child process: what an editor's terminal shows -----------------------------------------------------

@pytest.mark.parametrize("command", ["check", "build"])
def test_child_process_shows_message_not_traceback(command: str, sample: Path) -> None:
    replace(P1, "name: Selam Tesfamariam", 'name: "Selam\\aTesfamariam"')(sample)
    write(J1, png_header(20_000, 20_000))(sample)
    run = run_module(command, "--root", str(sample), "--year", YEAR, "--quiet")
    assert_clean_failure(run)
    assert f"{P1}:{line(P1, 'name:')}: Fehler: {CONTROL}" in run.lines


def test_child_process_misuse(sample: Path) -> None:
    run = run_module("build", "--root", str(sample), "--year", "MMXXVII")
    assert run.code == 2
    assert "Traceback" not in run.err
    assert run.err.splitlines()[-1] == "calendar-build build: Fehler: Angabe --year: 'MMXXVII' ist keine Jahreszahl"


# --- text is printed literally, never interpreted; nothing is fetched from the network --------------------------

HOSTILE = "<script>alert('x')</script> & <b>fett</b>"


@pytest.mark.full
def test_html_in_text_is_escaped_in_html_and_literal_in_pdf(sample: Path, cli: CliRunner) -> None:
    replace(P1, "name: Selam Tesfamariam", f'name: "{HOSTILE}"')(sample)
    replace(E, "motto: Angekommen im Main-Taunus-Kreis", 'motto: "<img src=x onerror=alert(1)> Angekommen"')(sample)
    out = sample / "output"
    run = cli("build", sample, "--out", str(out), "--keep-html")
    assert run.code == 0, run.err
    html = (out / "html-print-a3" / "calendar.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>fett" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;fett&lt;/b&gt;" in html
    pdf = pdfium.PdfDocument(out / f"calendar-{YEAR}-print-a3.pdf")
    text = "".join(page.get_textpage().get_text_range() for page in pdf).replace("\r\n", " ")
    assert HOSTILE in text
    assert "<img src=x onerror=alert(1)> Angekommen" in text


@pytest.fixture
def listener() -> Iterator[tuple[str, list[object]]]:
    """Return the address of a local TCP server and the list of connections it accepted."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    accepted: list[object] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            accepted.append(connection)
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    server.close()


@pytest.mark.full
def test_url_built_in_a_template_is_refused_and_never_fetched(sample: Path, cli: CliRunner,
                                                              listener: tuple[str, list[object]]) -> None:
    address, accepted = listener
    # built from a variable, so only WeasyPrint's url_fetcher can see it: it must refuse, and the PDF stays as it was
    built_url = '{{ "http://" ~ host ~ "/logo.png" }}'
    append(COVER, f'{{% set host = "{address}" %}}<img src="{built_url}" alt="">\n')(sample)
    out = sample / "output"
    out.mkdir()
    earlier = out / f"calendar-{YEAR}-print-a3.pdf"
    earlier.write_bytes(b"%PDF earlier")
    run = cli("build", sample, "--out", str(out))
    assert_clean_failure(run)
    assert (f"templates: Fehler: Verweis auf 'http://{address}/logo.png' abgelehnt – nur Dateien im Kalenderprojekt "
            f"werden gelesen, nichts aus dem Netz.") in run.lines
    assert accepted == []
    assert earlier.read_bytes() == b"%PDF earlier"
    assert sorted(os.listdir(out)) == [earlier.name]


def test_bad_tradition_settings_are_reported_with_their_line(sample: Path, cli: CliRunner) -> None:
    edition = sample / "content" / "edition.yaml"
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text.replace("orthodox_calendar: julian", "orthodox_calendar: neujulianisch")
                       .replace("vesak_tradition: southeast-asia", "vesak_tradition: thai"), encoding="utf-8")
    run = cli("check", sample)
    assert_clean_failure(run)
    lines = edition.read_text(encoding="utf-8").splitlines()
    for key, allowed in (("orthodox_calendar", "julian, revised-julian"), ("vesak_tradition", "southeast-asia, south-asia")):
        number = next(i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:"))
        assert any(line.startswith(f"content/edition.yaml:{number}: Fehler: ") and allowed in line for line in run.lines), run.err
