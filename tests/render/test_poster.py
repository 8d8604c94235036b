"""The year poster A2 and A1: printed like the wall calendar, and every holiday of the year on its front."""

from __future__ import annotations

import re

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from calendar_build.render.theme import properties, read_layers
from calendar_build.stages.validate import validate
from tests.render.conftest import Built
from tests.render.test_print_pdf import _label_box, _mm, _pixels_above, _render, _streams

MM = 72 / 25.4
SIZES = {"poster-a2": (420.0, 594.0), "poster-a1": (594.0, 841.0)}  # ISO 216
# The smallest day name we print (templates/theme.css, reasons in docs/plakat.md): 9 pt on A2, √2 × on A1.
MIN_LABEL_PT = {"poster-a2": 9.0, "poster-a1": 12.7}


def test_front_and_back(poster_build: Built) -> None:
    assert poster_build.report.pages == 2  # the months on the front, the explanations on the back (4/4)
    assert poster_build.report.warnings == []


def test_trim_and_bleed_boxes(poster_build: Built) -> None:
    width, height = SIZES[poster_build.options.product.id]
    with pikepdf.open(poster_build.pdf) as pdf:
        for page in pdf.pages:
            assert _mm(page.obj.TrimBox) == [0.0, 0.0, width, height]
            assert _mm(page.obj.BleedBox) == [-3.0, -3.0, width + 3, height + 3]
            media = _mm(page.obj.MediaBox)
            assert media[0] < -3 and media[3] > height + 3  # room for the crop marks outside the bleed
        last = pdf.pages[0].obj.Contents[-1].read_bytes()
        assert b"1 1 1 1 K" in last and last.count(b" l S") == 8  # crop marks in registration colour


def test_cmyk_pdfx_fonts_embedded_no_rgb(poster_build: Built) -> None:
    with pikepdf.open(poster_build.pdf) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.N == 4
        for stream in _streams(pdf):
            assert not re.search(rb"\s(rg|RG)\s", stream)
        fonts = {}
        for page in pdf.pages:
            fonts.update({str(f.BaseFont): f for f in (page.Resources.get("/Font") or {}).values()})
        for name, font in fonts.items():
            descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name


def _front_text(pdf_path) -> str:  # type: ignore[no-untyped-def]
    text = pdfium.PdfDocument(pdf_path)[0].get_textpage().get_text_range()
    text = text.replace("\ufffe", "-")  # PDFium's mark for a hyphen it takes to be a line-end hyphen
    text = re.sub(r"-\s*[\r\n]+\s*", "-", text)  # a name broken after its hyphen in a month's list
    return re.sub(r"\s+", " ", text)


def test_every_holiday_of_the_year_is_named_on_the_front(poster_build: Built) -> None:
    """Compare the front's text with the holiday table: each feast by its short name, or as the build
    reported it shortened (abbreviated with a period, or moved to the month's list under its full name)."""
    table = validate(poster_build.options).table
    text = _front_text(poster_build.pdf)
    shortened = {s.day: s for s in poster_build.report.shortenings}
    missing = []
    for occurrence in table.occurrences:
        if occurrence.end.year < 2027 or occurrence.start.year > 2027:
            continue
        day = max(occurrence.start, occurrence.start.replace(year=2027, month=1, day=1))
        name = occurrence.entry.holiday.display_short
        cut = shortened.get(day.isoformat())
        abbreviated = cut is not None and any(s.endswith(".") and name.startswith(s[:-1]) and s in text
                                              for s in cut.shown)
        if f" {name}" not in f" {text}" and not abbreviated:
            missing.append((day.isoformat(), name))
    assert missing == []
    assert len([o for o in table.occurrences if o.start.year == 2027]) > 70  # the whole year, not a month


def _char_sizes(pdf_path, names: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Return the smallest font size (pt) each name is printed in on the front."""
    page = pdfium.PdfDocument(pdf_path)[0]
    textpage = page.get_textpage()
    found = {}
    for name in names:
        searcher = textpage.search(name, match_case=True)
        sizes = []
        while (match := searcher.get_next()) is not None:
            start, count = match
            sizes += [pdfium_c.FPDFText_GetFontSize(textpage.raw, i) for i in range(start, start + count)
                      if not textpage.get_text_range(i, 1).isspace()]
        if sizes:
            found[name] = min(sizes)
    return found


def test_day_names_at_least_the_posters_minimum(poster_build: Built) -> None:
    product = poster_build.options.product.id
    table = validate(poster_build.options).table
    names = sorted({o.entry.holiday.display_short for o in table.occurrences if o.start.year == 2027})
    sizes = _char_sizes(poster_build.pdf, names)
    assert len(sizes) > 50
    assert min(sizes.values()) >= MIN_LABEL_PT[product] - 0.05, min(sizes.items(), key=lambda item: item[1])


def test_the_minimum_is_the_themes(repo) -> None:  # type: ignore[no-untyped-def]
    from calendar_build.products import PRODUCTS  # noqa: PLC0415

    layers = read_layers((repo / "templates" / "theme.css").read_text(encoding="utf-8"))
    for product, minimum in MIN_LABEL_PT.items():
        assert properties(layers, PRODUCTS[product])["--size-label"].text == f"{minimum:g}pt"


def test_nothing_under_6pt(poster_build: Built) -> None:
    page = pdfium.PdfDocument(poster_build.pdf)[0]
    textpage = page.get_textpage()
    sizes = [pdfium_c.FPDFText_GetFontSize(textpage.raw, i) for i in range(textpage.count_chars())
             if not textpage.get_text_range(i, 1).isspace()]  # PDFium's own line breaks and spaces say 1 pt
    assert len(sizes) > 3000
    assert min(sizes) >= 6


def test_front_renders_photos_and_colour(poster_build: Built) -> None:
    """The portrait row and the coloured dots are drawn (not a page of text only)."""
    image = pdfium.PdfDocument(poster_build.pdf)[0].render(scale=15 / 72).to_pil().convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    saturated = sum(count for count, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 80)
    assert saturated > image.width * image.height * 0.01


@pytest.mark.parametrize(("label", "what"), [
    ("Ostersonntag", "red"),  # 28 March 2027 is a Sunday: its number is red
    ("Karfreitag", "red"),  # Good Friday is a legal holiday in Hessen: red
    ("Gründonnerstag", "black"),  # Maundy Thursday is neither: black
])
def test_day_number_colour(poster_build: Built, label: str, what: str) -> None:
    page, image, scale = _render(poster_build.pdf, 0, scale=100 / 72)
    size = 1.0 if poster_build.options.product.page_format == "a2" else 2 ** 0.5
    pixels = _pixels_above(image, page, _label_box(page, label), scale, height_mm=5.5 * size, width_mm=7 * size)
    red = sum(1 for r, g, b in pixels if r > 180 and g < 110 and b < 110)
    dark = sum(1 for r, g, b in pixels if r < 90 and g < 90 and b < 90)
    if what == "red":
        assert red > 30 and red > dark
    else:
        assert dark > 30 and red < 5
