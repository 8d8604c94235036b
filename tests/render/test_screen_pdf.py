"""The accessible screen PDF: PDF/UA-1 tagging, language, title, bookmarks, alt texts, RGB, size."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from calendar_build.pages.dates import MONTHS
from calendar_build.pipeline import BuildOptions, build
from calendar_build.products import PRODUCTS
from tests.render.conftest import Built

MM = 72 / 25.4


def _struct_elements(node: pikepdf.Object, kind: str) -> list[pikepdf.Dictionary]:
    found = []
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == kind:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            found.extend(_struct_elements(kid, kind))
    return found


def test_tagged_with_language_and_title(screen_build: Built) -> None:
    with pikepdf.open(screen_build.pdf) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "de"
        assert str(pdf.docinfo.Title) == "Interkultureller Kalender 2027"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        metadata = pdf.Root.Metadata.read_bytes().decode("utf-8", "replace")
        assert "pdfuaid:part" in metadata


def test_a_bookmark_per_month(screen_build: Built) -> None:
    with pikepdf.open(screen_build.pdf) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    for month in MONTHS:
        assert f"{month} 2027" in titles
    assert titles[0] == "Titelseite"


def test_every_photo_has_its_alt_text(screen_build: Built, repo) -> None:  # type: ignore[no-untyped-def]
    import yaml

    alts = [yaml.safe_load(p.read_text(encoding="utf-8"))["alt"] for p in sorted((repo / "portraits/2027").glob("*.yaml"))]
    with pikepdf.open(screen_build.pdf) as pdf:
        figures = _struct_elements(pdf.Root.StructTreeRoot, "/Figure")
        texts = [str(f.get("/Alt", "")) for f in figures]
    assert all(texts), "a figure without alt text"
    for alt in alts:
        assert " ".join(alt.split()) in texts


def test_reading_order_portrait_then_holidays(screen_build: Built) -> None:
    page = pdfium.PdfDocument(screen_build.pdf)[4]  # April
    text = page.get_textpage().get_text_range()  # content order, which is the tagged reading order
    portrait = text.index("Farid Ahmadi")
    holidays = text.upper().index("FESTE UND GEDENKTAGE")
    grid = text.index("KW")
    assert portrait < holidays < grid


def test_rgb_without_bleed_and_small(screen_build: Built) -> None:
    assert screen_build.pdf.stat().st_size < 10 * 1024 * 1024
    with pikepdf.open(screen_build.pdf) as pdf:
        assert "/OutputIntents" not in pdf.Root
        for page in pdf.pages:
            assert [round(float(v) / MM) for v in page.MediaBox] == [0, 0, 297, 420]
            for xobject in (page.Resources.get("/XObject") or {}).values():
                assert xobject.get("/ColorSpace") != "/DeviceCMYK"


def test_outlook_page_and_spelled_out_marks(screen_build: Built) -> None:
    text = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(screen_build.pdf))
    assert "Ausblick 2028–2032" in text
    assert "(ab Vorabend)" in text
    assert screen_build.report.warnings == []


def test_indic_names_carry_their_text_for_screen_readers(screen_build: Built, repo) -> None:  # type: ignore[no-untyped-def]
    """Devanagari and Gurmukhi draw some vowel signs before their consonant: the names carry /ActualText.

    Read from the glyphs, the 2027 sample gave "दशिहरा" for दशहरा (pdfium), so the tag must hold the text itself.
    """
    import yaml

    originals = {str(item["original"]) for path in sorted((repo / "content" / "holidays").glob("*.yaml"))
                 for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("holidays", [])
                 if item.get("original")}
    indic = {name for name in originals if any(0x0900 <= ord(char) <= 0x0DFF for char in name)}
    with pikepdf.open(screen_build.pdf) as pdf:
        spans = _struct_elements(pdf.Root.StructTreeRoot, "/Span")
        actual = {str(span.ActualText) for span in spans if "/ActualText" in span}
    assert len(indic) >= 9 and indic <= actual  # every Hindu and Sikh feast of the sample is in the calendar
    # every other name and text is read from its glyphs as before: Arabic, Hebrew and Chinese names carry none
    assert all(any(0x0900 <= ord(char) <= 0x0DFF for char in text) for text in actual), actual


def _tree(node: pikepdf.Object, pages: dict[tuple[int, int], int], page: int | None = None) -> list[tuple[object, ...]]:
    """Return the structure tree depth first: role, language, alt and actual text, and the page of its content."""
    if not isinstance(node, pikepdf.Dictionary):
        return [("MCID", page)]  # a marked-content number: numbered per page, so only its page counts
    if node.get("/Type") == "/MCR" or node.get("/Type") == "/OBJR":
        return [(str(node.Type), pages.get(node.Pg.objgen, page) if "/Pg" in node else page)]
    page = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
    row = (str(node.get("/S")), str(node.get("/Lang", "")), str(node.get("/Alt", "")), str(node.get("/ActualText", "")), page)
    kids = node.get("/K")
    found = [row]
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        found += _tree(kid, pages, page)
    return found


@pytest.mark.full
def test_the_screen_pdf_set_in_parts_reads_like_one_piece(screen_build: Built, tmp_path: Path, cache: Path) -> None:
    """The screen PDF is set in parts and joined: the same pages and the same structure tree (roles, languages,
    alt and actual texts, each on its page) as when it is set at once – what a screen reader reads."""
    assert PRODUCTS["screen"].parts > 1
    one_piece = replace(PRODUCTS["screen"], parts=1)
    build(BuildOptions(root=screen_build.options.root, year=2027, product=one_piece, out=tmp_path, cache_dir=cache))
    trees = []
    for path in (tmp_path / "calendar-2027-screen.pdf", screen_build.pdf):
        with pikepdf.open(path) as pdf:
            pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
            trees.append(_tree(pdf.Root.StructTreeRoot, pages))
    assert len(trees[0]) > 1000 and trees[0] == trees[1]
    whole, joined = pdfium.PdfDocument(tmp_path / "calendar-2027-screen.pdf"), pdfium.PdfDocument(screen_build.pdf)
    assert len(whole) == len(joined)
    for index in (0, len(whole) // 2, len(whole) - 1):  # the first page of each part and the last
        assert whole[index].render(scale=0.5).to_pil().tobytes() == joined[index].render(scale=0.5).to_pil().tobytes()
