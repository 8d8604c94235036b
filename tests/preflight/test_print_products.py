"""Every print product as a printing house's prepress checks it: type, rules, plates, ink, binding, job sheet.

Measured on the built PDFs (preflight/content.py walks the content streams; Ghostscript separates
and draws). The limits and their reasons are in README "Für die Druckerei".
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageOps

from calendar_build.preflight.binding import strip_content
from calendar_build.preflight.content import Rule, TextRun, drawn
from calendar_build.preflight.ink import max_ink
from calendar_build.preflight.jobsheet import job_sheet, job_sheet_path, rgb_images
from calendar_build.photos.render import crop_box, focal_share
from calendar_build.pipeline import BuildOptions, build
from calendar_build.preflight.report import MIN_TEXT_PT, rule_minimum
from calendar_build.products import PRODUCTS, WALL_CALENDAR
from calendar_build.render.condition import CONDITIONS
from calendar_build.stages.photos import FACE_ROOM, photo_targets
from calendar_build.stages.validate import validate
from tests.content.test_palette import BY_ID, MORE_PLATES
from tests.preflight.conftest import PRINT_PRODUCTS
from tests.render.conftest import Built, reference_build

BOUND = tuple(p for p in PRINT_PRODUCTS if PRODUCTS[p].bound)  # the wall calendars

SMALL_COLOURED_PT = 8.0  # coloured text below this size: at most two plates (misregistration)
MIN_PLATE = 0.05  # a plate under 5 % does not print evenly
# The dots that keep more plates (tests/content/test_palette.py says why), as the PDF writes their colour.
MORE_PLATE_COLOURS = {tuple(round(v / 100, 3) for v in BY_ID[name]["cmyk"]) for name in MORE_PLATES}


@functools.cache
def _drawn(pdf_path: Path) -> tuple[tuple[TextRun, ...], tuple[Rule, ...]]:
    """Return the text runs and rules a reference build's PDF draws (walked once per process: 0.4 s for A3)."""
    with pikepdf.open(pdf_path) as pdf:
        items = drawn(pdf)
    return tuple(i for i in items if isinstance(i, TextRun)), tuple(i for i in items if isinstance(i, Rule))


def _plates(cmyk: tuple[float, ...]) -> int:
    return sum(1 for v in cmyk if v)


def test_the_poster_rows_are_among_the_products() -> None:
    assert {"print-a3", "print-a4", "poster-a2", "poster-a1"} <= set(PRINT_PRODUCTS)


def test_no_text_under_six_points(print_product: Built) -> None:
    runs, _ = _drawn(print_product.pdf)
    assert len(runs) > 300  # the walk does find the text
    small = sorted({(run.size_pt, run.font) for run in runs if run.size_pt < MIN_TEXT_PT})
    assert small == []


def test_rules_print_as_lines(print_product: Built) -> None:
    """Every rule at least 0.25 pt; tints need more (preflight/report.py says why)."""
    _, rules = _drawn(print_product.pdf)
    assert len(rules) > 20  # the walk does find the grid's and lists' rules
    assert {rule.cmyk for rule in rules if rule.cmyk and max(rule.cmyk) < 1}  # tinted rules are among them
    too_thin = sorted({(rule.thickness_pt, rule.cmyk) for rule in rules
                       if rule.cmyk and any(rule.cmyk) and rule.thickness_pt < rule_minimum(rule.cmyk)})
    assert too_thin == []


def test_small_coloured_text_has_at_most_two_plates(print_product: Built) -> None:
    runs, _ = _drawn(print_product.pdf)
    coloured = [run for run in runs if run.cmyk and any(run.cmyk[:3])]
    assert len({run.cmyk for run in coloured}) > 5, "the Sunday red and the dots: the check must see colours"
    small = [run for run in coloured if run.size_pt < SMALL_COLOURED_PT]
    wrong = {(run.size_pt, run.cmyk) for run in small if _plates(run.cmyk) > 2 and run.cmyk not in MORE_PLATE_COLOURS}
    assert wrong == set()


def test_no_plate_under_five_percent(print_product: Built) -> None:
    runs, rules = _drawn(print_product.pdf)
    colours = {item.cmyk for item in [*runs, *rules] if item.cmyk}
    assert len(colours) > 5
    assert {c for c in colours if any(0 < v < MIN_PLATE for v in c)} == set()


def test_max_ink_coverage_within_the_conditions_limit(print_product: Built) -> None:
    """FOGRA39 with our profile: at most 300 % total area coverage anywhere inside the bleed (Ghostscript)."""
    pages = max_ink(print_product.pdf)
    assert len(pages) == print_product.report.pages
    highest = max(page.max_percent for page in pages)
    assert 100 < highest <= 300  # photos and colours do print: a blank result would prove nothing


def test_no_device_rgb_anywhere(print_product: Built) -> None:
    with pikepdf.open(print_product.pdf) as pdf:
        for page in pdf.pages:
            contents = page.obj.Contents
            streams = [*(contents if isinstance(contents, pikepdf.Array) else [contents])]
            xobjects = (page.Resources.get("/XObject") or {}).values()
            streams += [x for x in xobjects if x.get("/Subtype") == "/Form"]
            assert not any(re.search(rb"\s(rg|RG)\s", stream.read_bytes()) for stream in streams)
            for xobject in xobjects:
                assert xobject.get("/ColorSpace") != "/DeviceRGB"
                group = xobject.get("/Group")
                assert group is None or group.get("/CS") != "/DeviceRGB"


def test_job_sheet_matches_the_pdf(print_product: Built) -> None:
    sheet = job_sheet_path(print_product.pdf)
    assert sheet in print_product.report.outputs
    text = sheet.read_text(encoding="utf-8")
    assert f"SHA-256 {hashlib.sha256(print_product.pdf.read_bytes()).hexdigest()}" in text
    with pikepdf.open(print_product.pdf) as pdf:
        pages = len(pdf.pages)
    sheets = pages // 2 if print_product.options.product.duplex else pages  # a poster: front and back of one sheet
    assert re.search(rf"^Blätter: +{sheets},", text, re.M)
    listed = re.findall(r"^ +(\d+)  (.+)$", text, re.M)
    assert [int(number) for number, _ in listed] == list(range(1, pages + 1))
    ink = max(page.max_percent for page in max_ink(print_product.pdf))
    assert f"höchstens {ink:.0f} % gemessen" in text
    assert "FOGRA39" in text and "kein RGB" in text
    if print_product.options.product.page_plan == WALL_CALENDAR:
        assert "Titelblatt" in listed[0][1] and "Monatsblatt Januar" in listed[1][1] and "4/0" in text


def test_job_sheet_counts_rgb_photos(tmp_path_factory: pytest.TempPathFactory, photo_store: Path) -> None:
    """A photo left in RGB (here: the first image replaced by an RGB one) is named on the job sheet."""
    built = reference_build(tmp_path_factory, photo_store, "print-a3")
    pdf_path = tmp_path_factory.mktemp("rgb") / "rgb.pdf"
    with pikepdf.open(built.pdf) as pdf:
        assert rgb_images(pdf) == 0
        image = next(o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image")
        image.write(zlib.compress(bytes([200, 40, 40]) * 16), filter=pikepdf.Name.FlateDecode)
        image.Width, image.Height, image.ColorSpace = 4, 4, pikepdf.Name.DeviceRGB
        image.BitsPerComponent = 8
        for key in ("/Decode", "/DecodeParms"):
            if key in image:
                del image[key]
        pdf.save(pdf_path)
    with pikepdf.open(pdf_path) as pdf:
        assert rgb_images(pdf) == 1
    sheet = job_sheet(pdf_path, built.options.product, CONDITIONS["FOGRA39"], ())
    assert "1 Fotos in sRGB" in sheet and "kein RGB" not in sheet


@pytest.mark.parametrize("product_id", BOUND)
def test_nothing_but_photos_in_the_binding_strip(product_id: str, tmp_path_factory: pytest.TempPathFactory,
                                                  photo_store: Path) -> None:
    """Wire-O at the top edge (edition.yaml binding, 12 mm): Ghostscript without images draws nothing there."""
    pdf = reference_build(tmp_path_factory, photo_store, product_id).pdf
    assert strip_content(pdf, 12.0) == []
    assert "Wire-O an der Oberkante" in job_sheet_path(pdf).read_text(encoding="utf-8")


@pytest.mark.parametrize("product_id", BOUND)
def test_photo_crops_keep_the_focal_point_below_the_strip(product_id: str, tmp_path_factory: pytest.TempPathFactory,
                                                          photo_store: Path) -> None:
    """Each portrait's focal point (its YAML's focal_point, the face) lands below the strip, with room for the face."""
    options = reference_build(tmp_path_factory, photo_store, product_id).options
    valid = validate(options)
    frame, tile = photo_targets(options, valid)
    strip = valid.content.edition.binding_strip_mm
    assert frame.focal_below > (options.product.bleed_mm + strip) / frame.height_mm  # the strip and the face's room
    for portrait in valid.portraits:
        with Image.open(portrait.photo) as image:
            size = ImageOps.exif_transpose(image).size
        for target in (frame, tile):  # the month page's photo and the cover's tile, both at the top edge
            box = crop_box(size, target.width_mm / target.height_mm, portrait.spec.focal_point, target.focal_below)
            on_page_mm = focal_share(box, size, portrait.spec.focal_point) * target.height_mm - options.product.bleed_mm
            assert on_page_mm >= strip + FACE_ROOM * target.height_mm - 0.5, (portrait.photo.name, on_page_mm)


@pytest.mark.full
def test_a_face_at_the_top_edge_is_reported(project: Path, warm_cache: Callable[[Path], Path]) -> None:
    """A focal point the crop cannot bring below the strip is a warning naming the photo."""
    portrait = sorted((project / "portraits" / "2027").glob("03-*.yaml"))[0]
    text = portrait.read_text(encoding="utf-8")
    portrait.write_text(re.sub(r"focal_point: \[[^]]*\]", "focal_point: [0.5, 0.02]", text), encoding="utf-8")
    options = BuildOptions(root=project, year=2027, product=PRODUCTS["print-a4"], out=project / "out",
                           cache_dir=warm_cache(project / "cache"))
    report = build(options)
    warned = [f"{w.path}: {w.message}" for w in report.warnings]
    assert [w for w in warned if "Bindestreifen" in w and portrait.stem in w], warned
