"""The products a calendar edition can be made into, one row each (as WeasyPrint keeps its PDF variants).

A product says everything the stages need to know about one output: page size and bleed, colour
model, photo resolution, the page plan, the PDF flavour, the output file name and the theme
layers (the classes on <html> that select theme.css blocks). Build, check and preview look a
product up here; nothing else asks "is this print?". Adding a product means adding a row here
and, if its pages differ, templates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

ColourModel = Literal["cmyk", "rgb"]

# The kinds of page a page plan is made of, in the vocabulary of the templates (pages/<kind>.html.j2).
PAGE_KINDS = ("cover", "months", "legend", "outlook", "explanations", "imprint")
WALL_CALENDAR = PAGE_KINDS  # cover, January–December, then the appendix pages


@dataclass(frozen=True)
class Product:
    """One output of an edition, described as data."""

    id: str  # as on the command line and in file names: "print-a3"
    title: str  # German, for messages: "Druck-PDF A3"
    medium: Literal["print", "screen"]  # the theme layer for colours (html.print / html.screen)
    page_format: Literal["a3", "a4"]  # the theme layer for sizes (html.format-a4; a3 is :root)
    page_mm: tuple[float, float]  # trim size, width × height
    bleed_mm: float  # photos run this far past the trim edge; 0 on screen
    crop_marks: bool
    colour: ColourModel  # fixed colours of theme and categories
    pdf_variant: str  # WeasyPrint's pdf_variant
    photo_ppi: int  # resolution photos are prepared at (warning below 5/6 of it, error below half)
    page_plan: tuple[str, ...]  # page kinds in order (see PAGE_KINDS)
    outlook: Literal["always", "edition"]  # the outlook page: always, or as edition.yaml says
    spelled_marks: bool  # "☾" and "±1" written out in words (screen readers)
    date_basis: bool  # explanations say what each date rests on and where traditions differ
    parts: int  # page ranges set in parallel processes and joined (1: one piece, e.g. tagged PDF/UA)
    file_name: str  # "{year}" is replaced
    safe_margin_mm: float  # text keeps this far from the trim edge (printing and cutting tolerance)
    bilingual: bool = False  # explanations in the edition's language and German side by side (not for German)

    @property
    def classes(self) -> str:
        """Return the classes of the <html> element: the theme layers this product uses."""
        return f"{self.medium} format-{self.page_format}"

    @property
    def photo_colour(self) -> Literal["cmyk", "srgb"]:
        """Return the colour model photos are prepared in before any printer's profile is applied."""
        return "cmyk" if self.colour == "cmyk" else "srgb"

    def output_name(self, year: int, language: str = "de") -> str:
        """Return the product's file name for a year; other languages than German add theirs: '…-a3-tr.pdf'."""
        name = self.file_name.format(year=year)
        return name if language == "de" else f"{name.removesuffix('.pdf')}-{language}.pdf"


A3_MM = (297.0, 420.0)
A4_MM = (210.0, 297.0)

PRINT_A3 = Product(
    id="print-a3", title="Druck-PDF A3", medium="print", page_format="a3", page_mm=A3_MM, bleed_mm=3.0,
    crop_marks=True, colour="cmyk", pdf_variant="pdf/x-4", photo_ppi=300,
    page_plan=WALL_CALENDAR, outlook="edition", spelled_marks=False, date_basis=False, parts=2,
    file_name="calendar-{year}-print-a3.pdf", safe_margin_mm=5.0,
)
SCREEN = Product(
    id="screen", title="Bildschirm-PDF", medium="screen", page_format="a3", page_mm=A3_MM, bleed_mm=0.0,
    crop_marks=False, colour="rgb", pdf_variant="pdf/ua-1", photo_ppi=150,
    page_plan=WALL_CALENDAR, outlook="always", spelled_marks=True, date_basis=True, parts=1,
    file_name="calendar-{year}-screen.pdf", safe_margin_mm=0.0,
)

PRODUCTS: dict[str, Product] = {p.id: p for p in (
    PRINT_A3,
    replace(PRINT_A3, id="print-a4", title="Druck-PDF A4", page_format="a4", page_mm=A4_MM,
            file_name="calendar-{year}-print-a4.pdf"),
    SCREEN,
    replace(SCREEN, id="screen-a4", title="Bildschirm-PDF A4", page_format="a4", page_mm=A4_MM,
            file_name="calendar-{year}-screen-a4.pdf"),
    # German beside the edition's language (e.g. `language: tr`): explanations in two columns, the rest translated
    replace(PRINT_A3, id="print-a3-bilingual", title="Druck-PDF A3 zweisprachig", bilingual=True,
            file_name="calendar-{year}-print-a3-bilingual.pdf"),
)}

DEFAULT_PRODUCTS = ("print-a3", "screen")  # what `build --variant all` makes unless edition.yaml lists others

# The command line's --variant (print | screen) and --format (a3 | a4) name a product.
BY_VARIANT_AND_FORMAT = {
    ("print", "a3"): "print-a3", ("print", "a4"): "print-a4",
    ("screen", "a3"): "screen", ("screen", "a4"): "screen-a4",
}


def product_for(variant: str, page_format: str) -> Product:
    """Return the product that --variant and --format select."""
    return PRODUCTS[BY_VARIANT_AND_FORMAT[variant, page_format]]
