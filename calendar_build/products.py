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
PAGE_KINDS = ("cover", "months", "legend", "outlook", "explanations", "imprint", "poster")
WALL_CALENDAR = ("cover", "months", "legend", "outlook", "explanations", "imprint")  # cover, January–December, appendix
# The year poster: all twelve months on the front; the explanations on the back (a sheet printed 4/4).
POSTER = ("poster", "explanations")
TILE_PAGES = frozenset({"cover", "poster"})  # the page kinds that show the portraits as small tiles
# The pages of the website (templates/site/<kind>.html.j2): start, one per month, one per feast, the rest
# (the poster's page shows the posters that were built).
SITE_PAGES = ("start", "months", "feasts", "legend", "planning", "data", "poster")


@dataclass(frozen=True)
class Product:
    """One output of an edition, described as data."""

    id: str  # as on the command line and in file names: "print-a3"
    title: str  # German, for messages: "Druck-PDF A3"
    variant: Literal["print", "screen", "poster", "web"]  # the command line's --variant (web: `calendar-build site`)
    medium: Literal["print", "screen"]  # the theme layer for colours (html.print / html.screen)
    page_format: Literal["a3", "a4", "a2", "a1"]  # the theme layer for sizes (html.format-a4; a3 is :root)
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
    # Page ranges set in parallel processes and joined (render/join.py carries bookmarks, named destinations and
    # tags over). The screen PDF in two: 3.8 instead of 6.0 s (sample, camera photos, two cores), 7 % larger (each
    # part embeds its own font subsets), the same structure tree; the text read aloud of Devanagari and Gurmukhi
    # words comes from their /ActualText (render/lang_tags.py), not from glyphs, whose text WeasyPrint derives
    # from their first use in a part.
    parts: int
    file_name: str  # "{year}" is replaced
    safe_margin_mm: float  # text keeps this far from the trim edge (printing and cutting tolerance)
    bilingual: bool = False  # explanations in the edition's language and German side by side (not for German)
    output: Literal["pdf", "site"] = "pdf"  # a PDF set by WeasyPrint, or a folder of web pages (file_name)
    landscape: bool = False  # the sheet turned: page_mm is then wider than high
    layout: str = ""  # a theme layer shared by a family of products ("poster": A2 and A1, upright and turned)
    sheet: str = "Wandkalender"  # what the printer makes, for the job sheet (German)
    duplex: bool = False  # the pages are the front and back of one sheet (printed 4/4), not one sheet each
    bound: bool = True  # the edition's binding applies: no text in its strip, faces below it (not a poster or screen)
    min_text_pt: float = 0.0  # no text is set smaller (printed: PRINT_MIN_TEXT_PT); 0: no minimum

    @property
    def classes(self) -> str:
        """Return the classes of the <html> element: the theme layers this product uses, general to particular.

        A turned product adds its family's landscape layer and its format's: `poster-landscape format-a2-landscape`.
        """
        names = [self.medium, self.layout, f"format-{self.page_format}"]
        if self.landscape:
            names += [f"{self.layout}-landscape" if self.layout else "", f"format-{self.page_format}-landscape"]
        return " ".join(name for name in names if name)

    @property
    def photo_colour(self) -> Literal["cmyk", "srgb"]:
        """Return the colour model photos are prepared in before any printer's profile is applied."""
        return "cmyk" if self.colour == "cmyk" else "srgb"

    def output_name(self, year: int, language: str = "de") -> str:
        """Return the product's file name for a year; other languages than German add theirs: '…-a3-tr.pdf',
        'site-tr'."""
        name = self.file_name.format(year=year)
        if language == "de":
            return name
        return f"{name}-{language}" if self.output == "site" else f"{name.removesuffix('.pdf')}-{language}.pdf"


# The smallest type a printing house accepts: thinner strokes break up in the screen and the plates' register.
PRINT_MIN_TEXT_PT = 6.0

A3_MM = (297.0, 420.0)
A4_MM = (210.0, 297.0)
A2_MM = (420.0, 594.0)  # ISO 216
A1_MM = (594.0, 841.0)

PRINT_A3 = Product(
    id="print-a3", title="Druck-PDF A3", variant="print", medium="print", page_format="a3", page_mm=A3_MM, bleed_mm=3.0,
    crop_marks=True, colour="cmyk", pdf_variant="pdf/x-4", photo_ppi=300,
    page_plan=WALL_CALENDAR, outlook="edition", spelled_marks=False, date_basis=False, parts=4,
    file_name="calendar-{year}-print-a3.pdf", safe_margin_mm=5.0, min_text_pt=PRINT_MIN_TEXT_PT,
)
SCREEN = Product(
    id="screen", title="Bildschirm-PDF", variant="screen", medium="screen", page_format="a3", page_mm=A3_MM, bleed_mm=0.0,
    crop_marks=False, colour="rgb", pdf_variant="pdf/ua-1", photo_ppi=150,
    page_plan=WALL_CALENDAR, outlook="always", spelled_marks=True, date_basis=True, parts=2,
    file_name="calendar-{year}-screen.pdf", safe_margin_mm=0.0, bound=False,
)
# The year poster is printed like the wall calendar (PDF/X-4, bleed, marks); the front and the back
# are set in parallel. Its photos are the small portraits above the month columns.
POSTER_A2 = replace(
    PRINT_A3, id="poster-a2", title="Jahresplakat A2", variant="poster", page_format="a2", page_mm=A2_MM,
    page_plan=POSTER, outlook="edition", file_name="calendar-{year}-poster-a2.pdf", safe_margin_mm=8.0,
    layout="poster", sheet="Plakat", duplex=True, bound=False,
)
POSTER_A1 = replace(POSTER_A2, id="poster-a1", title="Jahresplakat A1", page_format="a1", page_mm=A1_MM,
                    file_name="calendar-{year}-poster-a1.pdf", safe_margin_mm=10.0)


def binding_strip_mm(product: Product, binding: str, strip_mm: float) -> float:
    """Return the strip kept free at the binding edge: the edition's, on a bound product and binding; else 0."""
    return strip_mm if product.bound and binding != "none" else 0.0


def turned(product: Product) -> Product:
    """Return the product's landscape row: the sheet turned, its own theme layer and file name."""
    width, height = product.page_mm
    return replace(product, id=f"{product.id}-landscape", title=f"{product.title} quer", page_mm=(height, width),
                   landscape=True, file_name=product.file_name.replace(".pdf", "-landscape.pdf"))


WEB = Product(
    id="web", title="Website", variant="web", medium="screen", page_format="a3", page_mm=A3_MM, bleed_mm=0.0,
    crop_marks=False, colour="rgb", pdf_variant="", photo_ppi=110,
    page_plan=SITE_PAGES, outlook="always", spelled_marks=True, date_basis=True, parts=1,
    file_name="site", safe_margin_mm=0.0, output="site", bound=False,
)

PRODUCTS: dict[str, Product] = {p.id: p for p in (
    PRINT_A3,
    replace(PRINT_A3, id="print-a4", title="Druck-PDF A4", page_format="a4", page_mm=A4_MM,
            file_name="calendar-{year}-print-a4.pdf"),
    SCREEN,
    replace(SCREEN, id="screen-a4", title="Bildschirm-PDF A4", page_format="a4", page_mm=A4_MM,
            file_name="calendar-{year}-screen-a4.pdf"),
    POSTER_A2, POSTER_A1, turned(POSTER_A2), turned(POSTER_A1),
    WEB,
    # German beside the edition's language (e.g. `language: tr`): explanations in two columns, the rest translated
    replace(PRINT_A3, id="print-a3-bilingual", title="Druck-PDF A3 zweisprachig", bilingual=True,
            file_name="calendar-{year}-print-a3-bilingual.pdf"),
)}

DEFAULT_PRODUCTS = ("print-a3", "screen")  # what `build --variant all` makes unless edition.yaml lists others

# The command line's --variant (print | screen | poster) and --format (a3 | a4 | a2 | a1) name an upright
# product; a landscape row is named by --product (or in edition.yaml's `products`).
BY_VARIANT_AND_FORMAT: dict[tuple[str, str], str] = {
    (p.variant, p.page_format): p.id for p in PRODUCTS.values()
    if not p.landscape and not p.bilingual and p.output == "pdf"}  # the bilingual row: by --product or edition.yaml
DEFAULT_FORMAT = {"print": "a3", "screen": "a3", "poster": "a2"}  # --format left out
FORMATS = tuple(dict.fromkeys(p.page_format for p in PRODUCTS.values() if p.output == "pdf"))
VARIANTS = tuple(dict.fromkeys(p.variant for p in PRODUCTS.values() if p.output == "pdf"))


def product_for(variant: str, page_format: str | None) -> Product:
    """Return the product that --variant and --format select; raise KeyError for a pair without a product."""
    return PRODUCTS[BY_VARIANT_AND_FORMAT[variant, page_format or DEFAULT_FORMAT[variant]]]
