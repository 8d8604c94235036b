"""Editions in other languages, read back from the PDF: names, descriptions, direction, glyphs, language tags.

The PDFs are set by the real pipeline (compose, WeasyPrint, fit proof) and read with pdfium, poppler
and MuPDF, libraries independent of WeasyPrint.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from calendar_build.i18n.dates import Dates
from tests.conftest import beyond
from tests.i18n.conftest import LANGUAGE_CODES, POSTER_CODES, Sample


# Text extraction limit (pdfium, poppler and MuPDF alike): a lam-alef ligature of an Arabic-script word
# comes back with its two letters swapped ("لا" as "ال"), and ZWNJ is dropped. The tests look for
# words without that ligature; the drawn text is right (see the renderer test and the PNGs).
LAM_ALEF = ("لا", "لأ", "لإ", "لآ", "لى")  # lam with alef or alef maksura


def extractable(word: str) -> bool:
    """Return whether a word survives text extraction unchanged."""
    return not any(pair in word for pair in LAM_ALEF)


def _text(pdf: Path, index: int) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[index].get_textpage().get_text_range()
    finally:
        document.close()


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_month_name_and_weekdays_in_the_language(samples: Mapping[str, Sample], code: str) -> None:
    text = _text(samples[code].pdf, 0)
    dates = Dates(code)
    assert dates.months[0] in text
    weekdays = [w.replace("\u200c", "") for w in dates.weekdays_short if extractable(w)]
    assert len(weekdays) >= 3
    for weekday in weekdays:
        assert weekday in text
    assert "Feste und Gedenktage" not in text and "KW" not in text  # the German headings are translated


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_a_description_in_the_language(samples: Mapping[str, Sample], code: str) -> None:
    text = " ".join(_text(samples[code].pdf, 1).split()).replace("\u2010 ", "")  # words hyphenated at line ends
    words = [w.strip("()«».,؛،") for w in samples[code].first_description.replace("\u200c", "").split()
             if extractable(w)]  # brackets come back mirrored from right-to-left runs
    assert len(words) >= 8
    for word in words:
        assert word in text
    assert "gesetzlicher Feiertag" not in text  # the German description of New Year's Day is not printed


def _heads_x(pdf: Path, labels: tuple[str, ...]) -> dict[int, float]:
    """Return weekday index -> middle x of the weekday head on page 1 (the grid's heads come first).

    Longer labels are placed first: "شنبه" (Saturday) also matches inside "دوشنبه" (Monday).
    """
    document = pdfium.PdfDocument(pdf)
    try:
        text = document[0].get_textpage()
        found: dict[int, tuple[float, float]] = {}
        for index in sorted(range(len(labels)), key=lambda i: -len(labels[i])):
            label = labels[index].replace("\u200c", "")
            if not extractable(label):
                continue
            searcher = text.search(label, match_whole_word=True)
            while (hit := searcher.get_next()) is not None:
                boxes = [text.get_charbox(i) for i in range(hit[0], hit[0] + hit[1])]
                span = (min(b[0] for b in boxes), max(b[2] for b in boxes))
                if not any(left <= (span[0] + span[1]) / 2 <= right for left, right in found.values()):
                    found[index] = span
                    break
            assert index in found, label
        return {index: (left + right) / 2 for index, (left, right) in found.items()}
    finally:
        document.close()


@pytest.mark.parametrize(("code", "rtl"), [("en", False), ("tr", False), ("uk", False), ("ar", True), ("fa", True)])
def test_grid_runs_in_the_writing_direction(samples: Mapping[str, Sample], code: str, rtl: bool) -> None:
    """The week runs right to left in Arabic and Persian (Monday's column right of Sunday's), else left to right."""
    heads = _heads_x(samples[code].pdf, Dates(code).weekdays_short)
    assert len(heads) >= 3
    xs = [heads[i] for i in sorted(heads)]
    assert xs == sorted(xs, reverse=rtl)


def _mupdf_failures(stderr: str) -> list[str]:
    """Return MuPDF's complaints about glyphs or fonts it could not draw."""
    return [line for line in stderr.splitlines() if "glyph" in line.lower() or "font" in line.lower()]


def _block_ink(image: Image.Image, block: int = 16) -> list[float]:
    size = (image.width // block, image.height // block)
    small = image.crop((0, 0, size[0] * block, size[1] * block)).resize(size, Image.Resampling.BOX)
    return [255.0 - value for value in small.get_flattened_data()] if hasattr(small, "get_flattened_data") \
        else [255.0 - value for value in small.getdata()]


def _correlation(first: list[float], second: list[float]) -> float:
    mean_a, mean_b = sum(first) / len(first), sum(second) / len(second)
    cov = sum((a - mean_a) * (b - mean_b) for a, b in zip(first, second, strict=True))
    var_a = sum((a - mean_a) ** 2 for a in first)
    var_b = sum((b - mean_b) ** 2 for b in second)
    return cov / (var_a * var_b) ** 0.5


def _assert_drawn_alike(pdf: Path, page: int, tmp_path: Path, alike: float = 0.97) -> None:
    """Assert that Poppler and MuPDF draw the page without a glyph or font complaint, with the same ink in the
    same places (correlation of the ink in 1 cm squares above `alike`)."""
    poppler = subprocess.run(["pdftoppm", "-r", "40", "-f", str(page), "-l", str(page), "-gray", "-png", str(pdf),
                              str(tmp_path / "p")], capture_output=True, text=True, check=True)
    mupdf = subprocess.run(["mutool", "draw", "-r", "40", "-c", "gray", "-o", str(tmp_path / "m.png"), str(pdf),
                            str(page)], capture_output=True, text=True, check=True)
    assert poppler.stderr == ""
    assert _mupdf_failures(mupdf.stderr) == []
    first, second = Image.open(next(tmp_path.glob("p*.png"))).convert("L"), Image.open(tmp_path / "m.png").convert("L")
    assert first.size == second.size
    ink_a, ink_b = _block_ink(first), _block_ink(second)
    assert sum(ink_a) / len(ink_a) > 5  # the page carries text
    assert _correlation(ink_a, ink_b) > alike  # same text in the same 1.0 cm squares (anti-aliasing aside)


@pytest.mark.parametrize("page", [1, 2])
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_two_renderers_draw_every_glyph(samples: Mapping[str, Sample], code: str, page: int, tmp_path: Path) -> None:
    """Poppler and MuPDF draw the page without a glyph or font complaint, and put the same ink in the same places."""
    _assert_drawn_alike(samples[code].pdf, page, tmp_path)


@pytest.mark.full
@pytest.mark.parametrize("code", POSTER_CODES)
def test_two_renderers_draw_every_glyph_of_the_poster(posters: Mapping[str, Path], code: str, tmp_path: Path) -> None:
    """The poster's front carries every short name of the year: both renderers draw them all.

    The poster is CMYK (PDF/X-4): without ICC support MuPDF turns the category colours and the Sunday panels
    darker than Poppler does (measured: 0.93 for both languages, 0.97 and more for the RGB screen pages), so
    the ink agrees less; a missing script would leave whole columns of names blank in one of them.
    """
    _assert_drawn_alike(posters[code], 1, tmp_path, alike=0.9)


def _x_of(pdf: Path, word: str) -> float:
    """Return the middle x of the first occurrence of `word` on page 1."""
    document = pdfium.PdfDocument(pdf)
    try:
        text = document[0].get_textpage()
        hit = text.search(word, match_whole_word=True).get_next()
        assert hit is not None, word
        boxes = [text.get_charbox(i) for i in range(hit[0], hit[0] + hit[1])]
        return (min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2
    finally:
        document.close()


@pytest.mark.parametrize("code", beyond(POSTER_CODES, quick=("ar",)))
def test_the_poster_runs_right_to_left(posters: Mapping[str, Path], code: str) -> None:
    """January's column stands right of February's, and December's is the leftmost."""
    months = Dates(code).months
    xs = [_x_of(posters[code], months[m]) for m in (0, 1, 11)]
    assert xs[0] > xs[1] > xs[2]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_document_and_german_portrait_text_carry_their_language(samples: Mapping[str, Sample], code: str) -> None:
    """PDF/UA: the catalogue's /Lang is the edition's, the German portrait text (no translation) is tagged de."""
    with pikepdf.open(samples[code].pdf) as pdf:
        assert str(pdf.Root.Lang) == code
        langs = {str(obj.Lang) for obj in pdf.objects
                 if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem" and "/Lang" in obj}
    assert langs == {"de"}
