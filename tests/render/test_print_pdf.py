"""The print PDF, checked the way a printer's preflight would: boxes, fonts, colour, determinism."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from calendar_build.errors import ContentError
from calendar_build.pipeline import BuildOptions, build
from calendar_build.preflight.content import text_runs
from calendar_build.products import PRODUCTS
from tests.conftest import seeded_cache
from tests.render.conftest import Built

MM = 72 / 25.4
# a CMYK profile a printer might send (any will do): Ghostscript's, Debian libgs-common
PRINTER_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
MONTH_PAGES = range(1, 13)  # page index of January … December


def _mm(box: pikepdf.Array) -> list[float]:
    return [round(float(v) / MM, 1) for v in box]


def _streams(pdf: pikepdf.Pdf) -> list[bytes]:
    found = []
    for page in pdf.pages:
        contents = page.obj.Contents
        for part in contents if isinstance(contents, pikepdf.Array) else [contents]:
            found.append(part.read_bytes())
        for xobject in (page.Resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form":
                found.append(xobject.read_bytes())
    return found


def test_page_count(print_build: Built) -> None:
    # Cover, twelve months, legend, at least one page of explanations, imprint.
    assert print_build.report.pages >= 16
    with pikepdf.open(print_build.pdf) as pdf:
        assert len(pdf.pages) == print_build.report.pages


def test_trim_and_bleed_boxes_on_every_page(print_build: Built) -> None:
    with pikepdf.open(print_build.pdf) as pdf:
        for page in pdf.pages:
            assert _mm(page.obj.TrimBox) == [0.0, 0.0, 297.0, 420.0]
            assert _mm(page.obj.BleedBox) == [-3.0, -3.0, 300.0, 423.0]
            media = _mm(page.obj.MediaBox)
            assert media[0] < -3 and media[3] > 423  # room for the crop marks outside the bleed


def test_crop_marks_in_registration_colour(print_build: Built) -> None:
    with pikepdf.open(print_build.pdf) as pdf:
        last = pdf.pages[0].obj.Contents[-1].read_bytes()
        assert b"1 1 1 1 K" in last and last.count(b" l S") == 8


def test_output_intent_names_the_registered_condition(print_builds: Built) -> None:
    """ISO 15930-7 (PDF/X-4) 6.2.4; FOGRA39 as the ICC Characterization Data Registry names it."""
    with pikepdf.open(print_builds.pdf) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert intent.OutputConditionIdentifier == "FOGRA39"
        assert intent.RegistryName == "http://www.color.org"
        assert "ISO 12647-2" in str(intent.OutputCondition)
        assert "FOGRA39" in str(intent.Info)
        profile = intent.DestOutputProfile.read_bytes()
        assert intent.DestOutputProfile.N == 4
        assert profile[16:20] == b"CMYK" and profile[12:16] == b"prtr"  # an output profile of a CMYK printer
        assert profile[8] == 2  # ICC version 2: PDF/X-4 (PDF 1.6) knows ICC up to 4.1
        assert b"FOGRA39" in profile  # our profile, made from Fogra's data
        assert "pdfx" in bytes(pdf.Root.Metadata.read_bytes()).decode("utf-8", "replace").lower()




def test_all_fonts_embedded(print_builds: Built) -> None:
    with pikepdf.open(print_builds.pdf) as pdf:
        fonts = {}
        for page in pdf.pages:
            fonts.update({str(f.BaseFont): f for f in (page.Resources.get("/Font") or {}).values()})
        assert fonts
        for name, font in fonts.items():
            descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_no_missing_glyphs_and_no_warnings(print_build: Built) -> None:
    assert print_build.report.warnings == []


def test_scripts_are_printed(print_build: Built) -> None:
    text = "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(print_build.pdf))
    for sample in ("פסח", "عيد", "दीपावली", "ਵਿਸਾਖੀ", "春节", "Çarşema"):
        assert sample in text, sample


@pytest.mark.full
def test_rebuild_in_another_folder_is_byte_identical(print_build: Built, tmp_path: Path, photo_store: Path) -> None:
    """The same edition in another folder, with its cache elsewhere, gives the same bytes (and job sheet checksum).

    WeasyPrint names images after their URLs, which hold the folders: render/image_ids.py names the folders.
    """
    root = tmp_path / "Kalender Ausgabe ä" / "projekt"
    for part in ("content", "portraits", "templates"):
        shutil.copytree(print_build.options.root / part, root / part)
    options = BuildOptions(root=root, year=2027, out=tmp_path / "out",
                           cache_dir=seeded_cache(tmp_path / "Zwischenspeicher", photo_store))
    build(options)
    assert (tmp_path / "out" / "calendar-2027-print-a3.pdf").read_bytes() == print_build.pdf.read_bytes()
    job_sheet = print_build.pdf.with_name("calendar-2027-print-a3-job.txt").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "calendar-2027-print-a3-job.txt").read_text(encoding="utf-8") == job_sheet


def _render(pdf_path: Path, index: int, scale: float = 2.0):  # type: ignore[no-untyped-def]
    page = pdfium.PdfDocument(pdf_path)[index]
    return page, page.render(scale=scale).to_pil().convert("RGB"), scale


def _label_box(page, text: str) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """Return the PDF-space box (left, bottom, right, top) of `text` in the month grid.

    The name also stands in the holiday list right of the grid: the leftmost match is the grid's.
    """
    textpage = page.get_textpage()
    searcher = textpage.search(text, match_case=True, match_whole_word=True)
    found = []
    while (match := searcher.get_next()) is not None:
        start, count = match
        boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
        found.append((min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                      max(b[3] for b in boxes)))
    assert found, text
    return min(found)


def _pixels_above(image, page, box, scale: float, height_mm: float, width_mm: float):  # type: ignore[no-untyped-def]
    """Return the pixels in the area above a label box (where the day number and dots are)."""
    page_height = page.get_height()
    left = int((box[0] - page.get_mediabox()[0]) * scale)
    top_pt = page_height - (box[3] - page.get_mediabox()[1])
    bottom = int(top_pt * scale)
    top = int((top_pt - height_mm * MM) * scale)
    right = left + int(width_mm * MM * scale)
    data = image.crop((left, top, right, bottom)).tobytes()
    return [tuple(data[i : i + 3]) for i in range(0, len(data), 3)]


@pytest.mark.parametrize(
    ("month_index", "label", "what"),
    [
        (3, "Ostersonntag", "red"),  # 28 March 2027 is a Sunday: its number is red
        (3, "Karfreitag", "red"),  # Good Friday is a legal holiday in Hessen: red
        (3, "Gründonnerstag", "black"),  # Maundy Thursday is neither: black
    ],
)
def test_day_number_colour(print_build: Built, month_index: int, label: str, what: str) -> None:
    page, image, scale = _render(print_build.pdf, month_index)
    red, dark = _red_and_dark(_pixels_above(image, page, _label_box(page, label), scale, height_mm=8, width_mm=9))
    if what == "red":
        assert red > 40 and red > dark
    else:
        assert dark > 40 and red < 5


def _red_and_dark(pixels: list[tuple[int, int, int]]) -> tuple[int, int]:
    """Return how many pixels are Sunday red and how many near black."""
    red = sum(1 for r, g, b in pixels if r > 180 and g < 110 and b < 110)
    dark = sum(1 for r, g, b in pixels if r < 90 and g < 90 and b < 90)
    return red, dark


def test_christian_dot_in_good_friday_cell(print_build: Built) -> None:
    page, image, scale = _render(print_build.pdf, 3)
    pixels = _pixels_above(image, page, _label_box(page, "Karfreitag"), scale, height_mm=8, width_mm=22)
    blue = sum(1 for r, g, b in pixels if b > 120 and b > r + 60 and b > g + 30)
    assert blue > 30  # the blue dot of the christian category beside the day number


def test_a4_edition_fits_its_pages(print_a4_build: Built) -> None:
    assert print_a4_build.report.warnings == []  # includes the check that nothing overflowed onto extra pages
    with pikepdf.open(print_a4_build.pdf) as pdf:
        assert _mm(pdf.pages[0].obj.TrimBox) == [0.0, 0.0, 210.0, 297.0]


@pytest.mark.full
def test_overflowing_column_is_an_error_and_nothing_is_written(project: Path, cache: Path) -> None:
    theme = project / "templates" / "theme.css"
    theme.write_text(theme.read_text(encoding="utf-8").replace(
        "--explanation-column-height: 350mm;", "--explanation-column-height: 415mm;"), encoding="utf-8")
    options = BuildOptions(root=project, year=2027, out=project / "out", cache_dir=cache)
    with pytest.raises(ContentError) as caught:
        build(options)
    assert any("Spalte der Festerklärungen" in p.message and p.path == "templates/theme.css"
               for p in caught.value.problems)
    assert not (project / "out" / "calendar-2027-print-a3.pdf").exists()


def _image_colour_spaces(pdf_path: Path) -> set[str]:
    with pikepdf.open(pdf_path) as pdf:
        found = set()
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                space = obj.ColorSpace
                if isinstance(space, pikepdf.Array):
                    profile = space[1].read_bytes()
                    assert profile[16:20] == b"RGB " and b"sRGB" in profile
                    assert profile[8:12] <= bytes([4, 0x10, 0, 0])  # ICC ≤ 4.1: what PDF 1.6 (PDF/X-4) knows
                    found.add(f"{space[0]} N={int(space[1].N)}")
                else:
                    found.add(str(space))
        return found


def test_photos_are_separated_into_the_print_condition_by_default(print_builds: Built) -> None:
    """German printers reject RGB images: the default separates them into FOGRA39 within its ink limit."""
    assert _image_colour_spaces(print_builds.pdf) == {"/DeviceCMYK"}


@pytest.mark.full
def test_photos_stay_srgb_with_their_profile_when_asked(project: Path, cache: Path) -> None:
    """`print_photos: srgb`: ICC-tagged RGB, which PDF/X-4 allows, for a printer who separates them."""
    assert _image_colour_spaces(_build_a4_with(project, cache, "print_photos: srgb")) == {"/ICCBased N=3"}


@pytest.mark.full
def test_photos_are_separated_into_the_printers_profile(project: Path, cache: Path) -> None:
    shutil.copyfile(PRINTER_PROFILE, project / "content" / "druckerei.icc")
    target = _build_a4_with(project, cache, "output_profile: content/druckerei.icc")
    assert _image_colour_spaces(target) == {"/DeviceCMYK"}
    with pikepdf.open(target) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.DestOutputProfile.read_bytes() == PRINTER_PROFILE.read_bytes()
        assert intent.OutputConditionIdentifier == "FOGRA39"  # the condition the printer's profile is for


def _build_a4_with(project: Path, cache: Path, setting: str) -> Path:
    """Add one setting to the project's edition.yaml, build the A4 print PDF and return it."""
    edition = project / "content" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8") + setting + "\n", encoding="utf-8")
    options = BuildOptions(root=project, year=2027, product=PRODUCTS["print-a4"], out=project / "out",
                           cache_dir=cache)
    build(options)
    return options.target



def test_build_leaves_the_diff_baseline_alone(print_build: Built) -> None:
    # `diff` owns its baseline: a build between two diff runs must not hide a change from the report
    from calendar_build.review.snapshot import snapshot_path  # noqa: PLC0415

    assert print_build.pdf.is_file()
    assert not snapshot_path(print_build.pdf.parent, 2027).exists()


def test_black_text_is_solid_k_and_overprints(print_builds: Built) -> None:
    """Black text 100 % K overprinting, no near-black, greys K only; nothing else overprints."""
    with pikepdf.open(print_builds.pdf) as pdf:
        runs = text_runs(pdf)
    black = [run for run in runs if run.cmyk == (0.0, 0.0, 0.0, 1.0)]
    assert len(black) > 300
    assert all(run.overprint for run in black)
    assert [run for run in runs if run.overprint and run.cmyk != (0.0, 0.0, 0.0, 1.0)] == []
    near_black = {run.cmyk for run in runs if run.cmyk and run.cmyk[:3] == (0, 0, 0) and 0.9 <= run.cmyk[3] < 1}
    assert near_black == set()
    rich_greys = {run.cmyk for run in runs if run.cmyk and run.cmyk[0] == run.cmyk[1] == run.cmyk[2] > 0}
    assert rich_greys == set()






