"""The job sheet beside a print PDF: what the printing house gets, in German, with figures measured on the file.

    calendar-2027-print-a3.pdf  ->  calendar-2027-print-a3-job.txt

Format, trim and bleed, every sheet and what it is, colours, the print condition and its profile,
the highest total ink coverage (Ghostscript's separations), binding, fonts, and the PDF's SHA-256
so the printer can tell that sheet and file belong together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pikepdf

from calendar_build.output import atomic_write, written
from calendar_build.pages.dates import MONTHS
from calendar_build.pages.plan import PageRef
from calendar_build.preflight.ink import PageInk, max_ink
from calendar_build.products import Product
from calendar_build.render.condition import REGISTRY_NAME, PrintCondition

KINDS = {
    "cover": "Titelblatt (Fotomosaik, Titel, Jahr)",
    "legend": "Legende der Farbpunkte und Zeichen",
    "outlook": "Ausblick auf die folgenden Jahre",
    "explanations": "Erklärungen der Feste",
    "imprint": "Impressum",
    "poster": "Jahresplakat (Titel, zwölf Monatsspalten mit allen Festen, Legende)",
}
# One-sided (a wall calendar: a PDF page a sheet) or two-sided (a poster: front and back of one sheet).
SIDES = {
    False: ("einseitig bedruckt (eine PDF-Seite je Blatt)", "4/0", ("",)),
    True: ("beidseitig bedruckt (je Blatt zwei PDF-Seiten: Vorder- und Rückseite)", "4/4",
           ("Vorderseite: ", "Rückseite: ")),
}


def job_sheet_path(pdf: Path) -> Path:
    """Return the job sheet's path beside the PDF."""
    return pdf.with_name(f"{pdf.stem}-job.txt")


def describe_page(page: PageRef) -> str:
    """Return what a sheet is, in German."""
    if page.month is not None:
        return f"Monatsblatt {MONTHS[page.month.number - 1]} (Foto, Porträt, Monatsraster, Festliste)"
    text = KINDS.get(page.kind, page.kind)
    return text if page.first else f"{text} (Fortsetzung)"


def _profile_name(pdf: pikepdf.Pdf) -> str:
    intents: Any = pdf.Root.get("/OutputIntents") or []
    if not len(intents) or "/DestOutputProfile" not in intents[0]:
        return "keines"
    data: bytes = bytes(intents[0].DestOutputProfile.read_bytes())
    # ICC 'desc' tag (v2 textDescriptionType): ASCII length at +8, text at +12
    count = int.from_bytes(data[128:132], "big")
    for index in range(count):
        entry = data[132 + 12 * index: 144 + 12 * index]
        if entry[:4] == b"desc":
            offset = int.from_bytes(entry[4:8], "big")
            length = int.from_bytes(data[offset + 8: offset + 12], "big")
            return data[offset + 12: offset + 12 + length].rstrip(b"\0").decode("latin-1")
    return "ohne Namen"


BINDING_TEXT = {
    "wire-o-top": "Wire-O an der Oberkante (mit Aufhänger); die oberen {strip:g} mm tragen nur Fotos, keinen Text",
    "none": "keine (lose Blätter oder nach Absprache)",
    "unbound": "keine (ein Plakat)",
}


def rgb_images(pdf: pikepdf.Pdf) -> int:
    """Return how many images of the PDF are in an RGB or ICC-based colour space (each image once, however often drawn).

    WeasyPrint embeds only images it draws, so the objects are the photos of the pages; read from
    the file's objects, not its content streams (a walk of every page costs a third of a second).
    """
    return sum(1 for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
               and any(name in str(obj.get("/ColorSpace")) for name in ("ICCBased", "RGB")))


def job_sheet(pdf_path: Path, product: Product, condition: PrintCondition, pages: Sequence[PageRef],
              binding: str = "wire-o-top", strip_mm: float = 12.0, name: str | None = None,
              cache: Path | None = None, inks: Sequence[PageInk] | None = None, proxies: Path | None = None) -> str:
    """Return the German job sheet of the print PDF (read from `pdf_path`, named `name`).

    The ink of its pages is `inks` where measured already (from the parts it was joined from), else measured
    now (pages kept in `cache`, photos drawn from their ink proxies in `proxies`: preflight/ink.py).
    """
    with pdf_path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()  # in pieces: never the whole PDF in memory
    with pikepdf.open(pdf_path) as pdf:
        count = len(pdf.pages)
        profile = _profile_name(pdf)
        identifier = str(pdf.Root.OutputIntents[0].get("/OutputConditionIdentifier", ""))
        rgb = rgb_images(pdf)
    measured = inks if inks is not None and len(inks) == count else max_ink(pdf_path, cache=cache, proxies=proxies)
    ink = max(page.max_percent for page in measured)
    width, height = product.page_mm
    bleed = product.bleed_mm
    sides, colours, faces = SIDES[product.duplex]
    sheets = -(-count // len(faces))
    lines = [
        f"Auftragsblatt für die Druckerei – {name or pdf_path.name}",
        "",
        f"Produkt:          {product.title}, {product.sheet} im {'Quer' if width > height else 'Hoch'}format",
        f"Endformat:        {width:g} × {height:g} mm (TrimBox)",
        (f"Beschnitt:        {bleed:g} mm rundum (BleedBox {width + 2 * bleed:g} × {height + 2 * bleed:g} mm)"
         if bleed else "Beschnitt:        keiner")
        + (", Schnittmarken außerhalb des Beschnitts" if product.crop_marks else ", keine Schnittmarken"),
        f"Blätter:          {sheets}, {sides}",
        f"Farben:           {colours} – CMYK (Euroskala), keine Sonderfarben, "
        + (f"{rgb} Fotos in sRGB mit Profil (auf Wunsch der Druckerei)" if rgb else "kein RGB"),
        f"Druckbedingung:   {identifier} – {condition.condition}",
        f"Ausgabeprofil:    {profile} (als OutputIntent in der PDF; Registry {REGISTRY_NAME})",
        f"Farbauftrag:      höchstens {ink:.0f} % gemessen (Ghostscript-Separationen; Grenze {condition.ink_limit} %)",
        "Schwarz:          Text und Linien 100 % K, überdruckend; Grautöne nur aus K",
        f"Bindung:          {BINDING_TEXT[binding if product.bound else 'unbound'].format(strip=strip_mm)}",
        "Schriften:        alle eingebettet (Teilmengen)",
        f"Datei:            PDF/X-4, SHA-256 {digest}",
        "",
        "Blattfolge:",
    ]
    lines += [f"  {number:>2}  {faces[(number - 1) % len(faces)]}{describe_page(page)}"
              for number, page in enumerate(pages, start=1)]
    return "\n".join(lines) + "\n"


def write_job_sheet(pdf_path: Path, product: Product, condition: PrintCondition, pages: Sequence[PageRef],
                    binding: str = "wire-o-top", strip_mm: float = 12.0, cache: Path | None = None,
                    inks: Sequence[PageInk] | None = None, proxies: Path | None = None) -> Path:
    """Write the job sheet beside the PDF (atomically, with it in the build's transaction) and return its path."""
    target = job_sheet_path(pdf_path)
    text = job_sheet(written(pdf_path), product, condition, pages, binding, strip_mm, name=pdf_path.name,
                     cache=cache, inks=inks, proxies=proxies)
    atomic_write(target, text.encode("utf-8"))
    return target
