"""The year poster A2 and A1: printed like the wall calendar, and every holiday of the year on its front."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from calendar_build.cli import main
from calendar_build.pipeline import BuildOptions, build
from calendar_build.preflight.content import text_runs
from calendar_build.preflight.jobsheet import job_sheet_path
from calendar_build.render.theme import properties, read_layers
from calendar_build.stages.validate import validate
from tests.render import test_print_glyphs as wall_glyphs
from tests.render import test_print_pdf as wall
from tests.render.conftest import Built
from tests.render.test_print_pdf import _label_box, _mm, _pixels_above, _red_and_dark, _render

MM = 72 / 25.4
SIZES = {"poster-a2": (420.0, 594.0), "poster-a1": (594.0, 841.0)}  # ISO 216
# The smallest day name we print (templates/theme.css, reasons in docs/plakat.md): 9 pt on A2, √2 × on A1.
MIN_LABEL_PT = {"poster-a2": 9.0, "poster-a1": 12.7}


def test_front_and_back(poster_build: Built) -> None:
    assert poster_build.report.pages == 2  # the months on the front, the explanations on the back (4/4)
    assert poster_build.report.warnings == []


def test_trim_and_bleed_boxes(every_poster: Built) -> None:
    product = every_poster.options.product
    width, height = SIZES[f"poster-{product.page_format}"]
    if product.landscape:
        width, height = height, width
    with pikepdf.open(every_poster.pdf) as pdf:
        for page in pdf.pages:
            assert _mm(page.obj.TrimBox) == [0.0, 0.0, width, height]
            assert _mm(page.obj.BleedBox) == [-3.0, -3.0, width + 3, height + 3]
            media = _mm(page.obj.MediaBox)
            assert media[0] < -3 and media[3] > height + 3  # room for the crop marks outside the bleed
        last = pdf.pages[0].obj.Contents[-1].read_bytes()
        assert b"1 1 1 1 K" in last and last.count(b" l S") == 8  # crop marks in registration colour


def _front_text(pdf_path) -> str:  # type: ignore[no-untyped-def]
    text = pdfium.PdfDocument(pdf_path)[0].get_textpage().get_text_range()
    text = text.replace("\ufffe", "-")  # PDFium's mark for a hyphen it takes to be a line-end hyphen
    text = re.sub(r"-\s*[\r\n]+\s*", "-", text)  # a name broken after its hyphen in a month's list
    return re.sub(r"\s+", " ", text)


def test_every_holiday_of_the_year_is_named_on_the_front(every_poster: Built) -> None:
    """Compare the front's text with the holiday table: each feast by its short name, or as the build
    reported it shortened (abbreviated with a period, or moved to the month's list under its full name)."""
    table = validate(every_poster.options).table
    text = _front_text(every_poster.pdf)
    shortened = {s.day: s for s in every_poster.report.shortenings}
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


def test_day_names_at_least_the_posters_minimum(every_poster: Built) -> None:
    product = every_poster.options.product
    table = validate(every_poster.options).table
    names = sorted({o.entry.holiday.display_short for o in table.occurrences if o.start.year == 2027})
    sizes = _char_sizes(every_poster.pdf, names)
    assert len(sizes) > 50
    minimum = MIN_LABEL_PT[f"poster-{product.page_format}"]  # turned or not, as the theme's poster layers say
    assert min(sizes.values()) >= minimum - 0.05, min(sizes.items(), key=lambda item: item[1])


def test_the_minimum_is_the_themes(repo) -> None:  # type: ignore[no-untyped-def]
    from calendar_build.products import PRODUCTS  # noqa: PLC0415

    layers = read_layers((repo / "templates" / "theme.css").read_text(encoding="utf-8"))
    for product, minimum in MIN_LABEL_PT.items():
        assert properties(layers, PRODUCTS[product])["--size-label"].text == f"{minimum:g}pt"


def test_nothing_under_6pt_front_and_back(every_poster: Built) -> None:
    """Every text run of both sides (content streams, as preflight reads them), the marks too: 6 pt at least."""
    with pikepdf.open(every_poster.pdf) as pdf:
        runs = text_runs(pdf)
    assert len(runs) > 1000 and {run.page for run in runs} == {0, 1}
    assert min(run.size_pt for run in runs) >= 6, min(runs, key=lambda run: run.size_pt)


# The checks of the wall calendar's print PDF (tests/render/test_print_pdf.py, test_print_glyphs.py) that
# hold for any print product, run on the poster as they are. Ink, RGB, rules, small text and plates run on
# every print row of the product table, the posters too, in tests/preflight/test_print_products.py.
WALL_CHECKS: dict[str, Callable[[Built], None]] = {
    "output intent FOGRA39": wall.test_output_intent_names_the_registered_condition,
    "fonts embedded": wall.test_all_fonts_embedded,
    "no warnings": wall.test_no_missing_glyphs_and_no_warnings,
    "scripts printed": wall.test_scripts_are_printed,
    "black 100 % K overprinting": wall.test_black_text_is_solid_k_and_overprints,
    "photos in CMYK": wall.test_photos_are_separated_into_the_print_condition_by_default,
    "glyphs in Ghostscript and MuPDF": wall_glyphs.test_every_glyph_prints_in_ghostscript_and_mupdf,
    "CJK charset": wall_glyphs.test_cjk_cids_are_glyphs_of_the_embedded_cff,
}


@pytest.mark.parametrize("check", WALL_CHECKS.values(), ids=WALL_CHECKS.keys())
def test_passes_the_wall_calendars_print_checks(poster_build: Built, check: Callable[[Built], None]) -> None:
    check(poster_build)


def test_small_coloured_text_has_at_most_two_plates(poster_build: Built) -> None:
    """As on the wall calendar (test_print_pdf.py); the poster's coloured text is mostly larger than 8 pt."""
    with pikepdf.open(poster_build.pdf) as pdf:
        runs = [run for run in text_runs(pdf) if not run.font.startswith("Noto-Sans-Symbols")]
    coloured = [run for run in runs if run.cmyk and any(run.cmyk[:3])]
    assert len(coloured) > 50  # red day numbers, month names: the check sees coloured text
    assert {run.cmyk for run in coloured if run.size_pt < 8 and sum(1 for v in run.cmyk if v) > 2} == set()


def test_preflight_finds_nothing(every_poster: Built, capsys: pytest.CaptureFixture[str]) -> None:
    """`calendar-build preflight` as the printer runs it; a poster has no binding strip."""
    code = main(["preflight", "--no-glyphs", "--binding-strip", "0", str(every_poster.pdf)])
    out = capsys.readouterr().out
    assert code == 0 and "– 0 Fehler." in out and "Druckbedingung FOGRA39" in out
    assert len([line for line in out.splitlines() if line[:5].strip().isdigit()]) == 2


def test_job_sheet_of_a_poster(every_poster: Built) -> None:
    """One sheet printed 4/4 (front: the year, back: the explanations), unbound, in its orientation."""
    sheet = job_sheet_path(every_poster.pdf)
    assert sheet in every_poster.report.outputs
    text = sheet.read_text(encoding="utf-8")
    product = every_poster.options.product
    turned = "Querformat" if product.landscape else "Hochformat"
    assert f"Produkt:          {product.title}, Plakat im {turned}" in text
    assert "Blätter:          1, beidseitig bedruckt" in text and "Farben:           4/4 – CMYK" in text
    assert "Bindung:          keine (ein Plakat)" in text and "Wire-O" not in text
    assert re.findall(r"^ +(\d+)  (.+)$", text, re.M) == [
        ("1", "Vorderseite: Jahresplakat (Titel, zwölf Monatsspalten mit allen Festen, Legende)"),
        ("2", "Rückseite: Erklärungen der Feste")]
    assert f"SHA-256 {hashlib.sha256(every_poster.pdf.read_bytes()).hexdigest()}" in text
    width, height = product.page_mm
    assert f"Endformat:        {width:g} × {height:g} mm" in text


@pytest.mark.full
def test_rebuild_is_byte_identical(posters: Callable[[str], Built], tmp_path: Path) -> None:
    first = posters("poster-a2")
    options = BuildOptions(root=first.options.root, year=2027, product=first.options.product, out=tmp_path,
                           cache_dir=first.options.cache)
    build(options)
    assert options.target.read_bytes() == first.pdf.read_bytes()


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
    red, dark = _red_and_dark(_pixels_above(image, page, _label_box(page, label), scale, height_mm=5.5 * size,
                                            width_mm=7 * size))
    if what == "red":
        assert red > 30 and red > dark
    else:
        assert dark > 30 and red < 5
