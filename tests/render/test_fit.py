"""The fit proof on stress editions: every text fits its frame, or the edition is refused naming file and line.

The refused cases are laid out only (as `check` does); the case that fits is built, and its PDF is read
back with pdfium (another library than the one the proof uses) to show that no glyph covers another.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from weasyprint import CSS, HTML

from calendar_build.errors import ContentError, Problem
from calendar_build.pipeline import BuildOptions, build, set_pages
from calendar_build.products import PRODUCTS
from calendar_build.render.fit import compact_pages, crowded_sections, page_title, prove
from calendar_build.render.pdf import compacted
from calendar_build.stages.compose import compose
from tests.conftest import beyond
from tests.render.glyphs import overlapping_glyphs

MARCH = "portraits/2027/03-shirin-rahimi.yaml"
JANUARY, SEPTEMBER = 2, 10  # their pages in the wall calendar: the cover, then the months (a test laying out one)
SENTENCE = "Sie erzählt gern von ihrer Familie, ihrer Arbeit und den Festen, die sie mit Nachbarn feiert. "


def portrait(project: Path, name: str, text: str) -> int:
    """Give the March portrait another name and text; return the line the text starts on."""
    path = project / MARCH
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("text:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    lines[start:end] = ["text: >-", *(f"  {part}" for part in _wrap(text))]
    lines = [f'name: "{name}"' if line.startswith("name:") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return start + 1


def _wrap(text: str, width: int = 70) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return out + [line]


def lay_out(project: Path, product: str, cache: Path, pages: Sequence[int] | None = None) -> None:
    """Compose and lay out a product as `check` does (only `pages`, 1-based, if given); raise ContentError with
    what does not fit."""
    options = BuildOptions(root=project, year=2027, product=PRODUCTS[product], cache_dir=cache)
    set_pages(options, compose(options, pages), None, parallel=False)


# Quick: each stress test in its most demanding format – refused where the frame is largest (A3), built without
# an overlap where the pages are tightest (A4); the other formats in the full tier.
@pytest.mark.parametrize("product", beyond(["print-a3", "print-a4", "screen"], quick=["print-a3"]))
def test_portrait_text_within_the_schema_is_refused_when_it_does_not_fit(
        project: Path, cache: Path, product: str) -> None:
    """The issue's case: 42 + 546 characters pass the schema but ran into the grid's header."""
    line = portrait(project, "Shirin Rahimi-Farahani de Oliveira Santos", (SENTENCE * 6)[:546])
    with pytest.raises(ContentError) as caught:
        lay_out(project, product, cache)
    found = [p for p in caught.value.problems if p.path == MARCH]
    assert found and found[0].line == line, caught.value.problems
    assert "Name und Text des Porträts ist" in found[0].message and "Zeile" in found[0].message
    # March is the fourth page of the product named first: check lays out several, each with its own pages
    assert found[0].message.startswith(f"{PRODUCTS[product].title}, Seite 4: Name und Text des Porträts ist")


def refused_with_month_size(project: Path, cache: Path, size: str, pages: Sequence[int] | None = None) -> list[Problem]:
    """Set the theme's month name size, lay out the A3 print (only `pages` if given) and return the problems it is
    refused with."""
    theme = project / "templates" / "theme.css"
    theme.write_text(theme.read_text(encoding="utf-8").replace("--size-month: 44pt;", f"--size-month: {size};"),
                     encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        lay_out(project, "print-a3", cache, pages)
    return caught.value.problems


def test_a_larger_month_name_size_is_refused_naming_the_theme(project: Path, cache: Path) -> None:
    september = [p for p in refused_with_month_size(project, cache, "56pt", [SEPTEMBER])
                 if "'September'" in p.message]
    assert september and september[0].path == "templates/theme.css"
    assert "Der Monatsname ist" in september[0].message and "zu breit" in september[0].message


@pytest.mark.full
def test_a_block_running_past_its_page_is_refused_for_that_page(project: Path, cache: Path) -> None:
    """A cover title block taller than the cover goes on to January's page: reported for the cover, not January."""
    messages = [p.message for p in refused_with_month_size(project, cache, "40mm")]
    assert any(m.startswith("Druck-PDF A3, Seite 1: Der Titelblock der Titelseite ist zu lang für die Seite und läuft auf die "
                            "folgende über") for m in messages), messages
    assert not any(m.startswith("Druck-PDF A3, Seite 2: Der Titelblock") for m in messages), messages


@pytest.mark.parametrize("product", beyond(["print-a3", "print-a4"], quick=["print-a4"]))
def test_long_texts_that_fit_build_without_one_glyph_over_another(
        project: Path, cache: Path, tmp_path: Path, product: str) -> None:
    portrait(project, "Shirin Rahimi-Farahani", (SENTENCE * 4)[:330])
    options = BuildOptions(root=project, year=2027, product=PRODUCTS[product], out=tmp_path,
                           cache_dir=cache)
    set_pages(options, compose(options), options.target)  # the build's setting and writing, without its job sheet
    for page in range(14):  # cover, the months, the legend
        assert overlapping_glyphs(options.target, page) == [], page


def test_the_glyph_check_sees_an_overlap(tmp_path: Path) -> None:
    """The independent check would notice text printed over text."""
    pdf = tmp_path / "overlap.pdf"
    HTML(string='<p style="position:absolute;top:10mm;font-size:20pt">Januar</p>'
                '<p style="position:absolute;top:14mm;font-size:20pt">Februar</p>').write_pdf(pdf)
    assert overlapping_glyphs(pdf, 0)


@pytest.mark.parametrize(("top", "refused"), [("0", True), ("6mm", False)])
def test_two_lines_of_one_frame_over_each_other_are_refused(top: str, refused: bool) -> None:
    """A date placed over its feast's name in the same list (as the right-to-left list did with a two-line date)."""
    html = ('<ul data-frame="month-list" style="position:absolute;top:10mm;left:10mm;width:60mm;height:40mm;'
            f'font-size:10pt"><li style="position:relative">Chanukka<span style="position:absolute;top:{top};left:0">'
            '25. Dez.</span></li></ul>')
    messages = [v.message for v in prove(HTML(string=html).render(), 0.0)]
    pairs = ("('Chanukka' / '25. Dez.')", "('25. Dez.' / 'Chanukka')")
    found = any(f"zwei Zeilen darin überdecken sich {pair}" in m for pair in pairs for m in messages)
    assert found == refused, messages


def test_two_frames_over_each_other_are_named_in_german() -> None:
    """The A4 screen PDF of October 2038: 'Die Festliste des Monats und die legendenzeile überdecken sich' (the
    second frame's description was lowered whole, nouns too)."""
    html = ('<p data-frame="month-list" style="position:absolute;top:10mm;left:10mm;margin:0">Chanukka</p>'
            '<p data-frame="legend-strip" style="position:absolute;top:11mm;left:10mm;margin:0">Legende</p>')
    messages = [v.message for v in prove(HTML(string=html).render(), 0.0)]
    assert messages == ["Seite 1: Die Festliste des Monats und die Legendenzeile überdecken sich "
                        "('Chanukka' / 'Legende')."], messages


@pytest.mark.parametrize(("size", "refused"), [("5.9pt", True), ("0.7em", True), ("6pt", False), ("0.75em", False)])
def test_type_below_the_smallest_printed_size_is_refused(size: str, refused: bool) -> None:
    """However a size comes about (here 0.7 em of 8 pt: 5.6 pt), the proof measures the laid-out text."""
    html = ('<div data-frame="legend" style="position:absolute;top:10mm;left:10mm;width:80mm;height:20mm;'
            f'font-size:8pt">Legende <span style="font-size:{size}">± 1 Tag</span></div>')
    found = prove(HTML(string=html).render(), 0.0, min_text_pt=6.0)
    assert [(v.path, "gedruckt wird keine Schrift unter 6 pt ('± 1 Tag')" in v.message) for v in found] == (
        [("templates/theme.css", True)] if refused else [])
    assert prove(HTML(string=html).render(), 0.0) == []  # no minimum (the screen)


def test_a_relative_type_size_below_six_points_keeps_the_print_pdf_from_being_made(project: Path, cache: Path) -> None:
    """The month list's dates at 0.6 em of 8.8 pt (5.3 pt): check and build refuse, naming the page."""
    theme = project / "templates" / "theme.css"
    theme.write_text(theme.read_text(encoding="utf-8").replace("--size-list-when: 0.9em;", "--size-list-when: 0.6em;"),
                     encoding="utf-8")
    options = BuildOptions(root=project, year=2027, product=PRODUCTS["print-a3"], cache_dir=cache)
    with pytest.raises(ContentError) as caught:
        set_pages(options, compose(options, [12]), None, parallel=False)
    assert [p.message.split(" – ")[0] for p in caught.value.problems] == [
        "Druck-PDF A3, Seite 1: Die Festliste des Monats ist in 5,3 pt gesetzt"]
    screen = replace(options, product=PRODUCTS["screen"])
    set_pages(screen, compose(screen, [12]), None, parallel=False)  # no printing minimum on screen


@pytest.mark.parametrize(("frame_left", "text_left", "margin", "expected"), [
    # the frame itself lies past the margin: the theme placed it there
    ("2mm", "0", 5.0, ("templates/theme.css", "Die Festliste des Monats reicht näher als 5,0 mm an den Seitenrand "
                                              "('Chanukka') – bitte in theme.css Maße oder Ränder anpassen.")),
    # the frame keeps the margin, a text placed out of it does not: blamed on what fills the frame
    ("10mm", "-8mm", 5.0, ("portraits/2027/12-x.yaml", "Die Festliste des Monats reicht näher als 5,0 mm an den "
                                                      "Seitenrand ('Chanukka').")),
    ("-5mm", "0", 0.0, ("templates/theme.css", "Die Festliste des Monats ragt über den Seitenrand hinaus ('Chanukka') "
                                               "– bitte in theme.css Maße oder Ränder anpassen.")),
])
def test_text_at_the_trim_edge_names_who_put_it_there(frame_left: str, text_left: str, margin: float,
                                                      expected: tuple[str, str]) -> None:
    html = (f'<style>@page {{ margin: 0 }}</style>'
            f'<div data-frame="month-list" data-source="portraits/2027/12-x.yaml:3" style="position:absolute;'
            f'top:20mm;left:{frame_left};width:40mm;height:20mm;font-size:10pt">'
            f'<span style="position:relative;left:{text_left}">Chanukka</span></div>')
    found = [(v.path, v.message.removeprefix("Seite 1: ")) for v in prove(HTML(string=html).render(), margin)
             if "Seitenrand" in v.message]
    assert found == [expected]


def test_text_over_a_photo_is_refused(project: Path, cache: Path) -> None:
    """Only a caption (data-caption) may lie over a photo: the sample badge may, the month name may not."""
    css = project / "templates" / "calendar.css"
    css.write_text(css.read_text(encoding="utf-8") + ".month-band { top: 20mm; }\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        lay_out(project, "print-a3", cache, [JANUARY])
    assert any("liegt über einem Foto" in p.message for p in caught.value.problems), caught.value.problems


@pytest.mark.full
def test_the_sample_fits_every_product(repo: Path, cache: Path) -> None:
    for product in ("print-a4", "screen-a4"):
        lay_out(repo, product, cache)


@pytest.mark.full
def test_a_product_is_one_table_row(repo: Path, cache: Path, tmp_path: Path) -> None:
    """A new product needs no code: here an A4 print without marks and bleed, set in one piece."""
    flat = replace(PRODUCTS["print-a4"], id="print-a4-flat", bleed_mm=0.0, crop_marks=False, parts=1,
                   file_name="calendar-{year}-flat.pdf")
    options = BuildOptions(root=repo, year=2027, product=flat, out=tmp_path,
                           cache_dir=cache)
    report = build(options)
    assert report.outputs == [tmp_path / "calendar-2027-flat.pdf", tmp_path / "calendar-2027-flat-job.txt"]
    assert report.pages >= 18


def test_a_long_name_under_a_poster_portrait_is_refused_naming_the_portrait(project: Path, cache: Path) -> None:
    line = portrait(project, "Shirin Rahimi-Farahani de Oliveira Santos", SENTENCE)
    with pytest.raises(ContentError) as caught:
        lay_out(project, "poster-a2", cache)
    found = [p for p in caught.value.problems if p.path == MARCH]
    assert found and found[0].line == line, caught.value.problems
    assert "Name und Ort unter einem Porträt des Plakats ist" in found[0].message and "Seite 1:" in found[0].message


@pytest.mark.full
def test_poster_labels_wider_than_their_column_are_refused_naming_the_theme(project: Path, cache: Path) -> None:
    theme = project / "templates" / "theme.css"
    text = theme.read_text(encoding="utf-8")
    block = text.index("html.poster {")
    theme.write_text(text[:block] + text[block:].replace("--label-width: 27.5mm;", "--label-width: 40mm;", 1),
                     encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        lay_out(project, "poster-a2", cache)
    days = [p for p in caught.value.problems if "Tageszeile des Plakats" in p.message]
    assert days and days[0].path == "templates/theme.css" and "zu breit" in days[0].message, caught.value.problems


def _list_page(items: int, frame_mm: float = 30.0, frame: str = "month-list") -> HTML:
    """Return a page whose month list holds `items` feasts in a frame `frame_mm` high, with a legend below it."""
    feasts = "".join(f"<li>Fest {n}</li>" for n in range(items))
    return HTML(string=f'<section class="page month"><ul data-frame="{frame}" style="position:absolute;top:10mm;'
                       f'left:10mm;width:60mm;height:{frame_mm}mm;margin:0;line-height:5mm">{feasts}</ul>'
                       f'<p data-frame="legend-strip" style="position:absolute;top:{10 + frame_mm + 1}mm;left:10mm">'
                       'Legende</p></section>')


COMPACT_CSS = ".compact li { line-height: 4mm; }"  # the compact step: 30 mm hold 7 feasts, not 6


@pytest.mark.parametrize(("items", "crowded"), [(6, False), (7, True)])
def test_a_list_past_its_frame_asks_for_the_compact_step(items: int, crowded: bool) -> None:
    document = _list_page(items).render(stylesheets=[CSS(string=COMPACT_CSS)])
    sections = crowded_sections(document)
    assert bool(sections) == crowded
    assert bool(prove(document, 0.0)) == crowded  # the proof refuses what is not set once more


@pytest.mark.parametrize(("frame", "crowded"), [("month-list", True), ("day", True), ("portrait", False)])
def test_a_text_over_the_legend_below_its_frame_asks_for_the_compact_step(frame: str, crowded: bool) -> None:
    """The Ukrainian A4 screen page: the list stays in its frame, but the legend's first line reaches into it; the
    A4 print of October 2028: a feast on the 31st, in the sixth row of the grid. A portrait has no compact step."""
    html = _list_page(6, frame=frame)
    css = CSS(string=COMPACT_CSS + " p { margin: 0; } [data-frame=legend-strip] { top: 36mm !important; }")
    assert bool(crowded_sections(html.render(stylesheets=[css]))) == crowded


@pytest.mark.parametrize(("frame", "crowded"), [("poster-day", True), ("day", True), ("portrait", False)])
def test_a_line_over_another_of_its_frame_asks_for_the_compact_step(frame: str, crowded: bool) -> None:
    """The turned poster of 2038: four dots on 23 April ran from the day's head over its second name (one frame, two
    lines); the compact step sets the poster's dots smaller. A portrait has no compact step."""
    html = HTML(string=f'<section class="page"><div data-frame="{frame}" style="position:absolute;top:10mm;left:10mm;'
                       'width:40mm;height:10mm;font-size:9pt"><p style="margin:0">23 Fr</p><p style="margin:0">'
                       '●●●●●●</p><p style="position:absolute;top:4mm;left:8mm;margin:0">Orth. Karfr.</p></div></section>')
    assert bool(crowded_sections(html.render())) == crowded


def test_the_compact_step_is_set_once_more_and_then_fits() -> None:
    html = _list_page(7)
    css = CSS(string=COMPACT_CSS)
    sections = crowded_sections(html.render(stylesheets=[css]))
    again = compacted(html, sections).render(stylesheets=[css])
    assert sections[0].get("class") == "page month compact"
    assert crowded_sections(again) == [] and prove(again, 0.0) == []


def test_too_long_even_compact_is_refused() -> None:
    html = _list_page(9)
    css = CSS(string=COMPACT_CSS)
    again = compacted(html, crowded_sections(html.render(stylesheets=[css]))).render(stylesheets=[css])
    assert any("Die Festliste des Monats ist" in v.message for v in prove(again, 0.0))


def test_the_pages_set_compact_are_named_by_number_and_title() -> None:
    """An editor and a designer are told which pages fit only in the compact step (`Enger gesetzt …`)."""
    fits = _list_page(6).etree_element.find(".//section")
    crowded = _list_page(7).etree_element.find(".//section")
    assert fits is not None and crowded is not None
    crowded.set("id", "monat-10")
    body = "".join(ET.tostring(s, encoding="unicode") for s in (fits, crowded))
    css = CSS(string=COMPACT_CSS + " section { page-break-after: always; }")
    html = HTML(string=body)
    first = html.render(stylesheets=[css])
    assert compact_pages(first) == ()  # nothing is compact before the step
    again = compacted(html, crowded_sections(first)).render(stylesheets=[css])
    assert len(again.pages) == 2 and compact_pages(again) == ((2, "Oktober"),)


@pytest.mark.parametrize(("attributes", "title"), [
    ({"id": "monat-3", "class": "page month"}, "März"),
    ({"class": "page explanations compact"}, "Erklärungen"),
    ({"class": "page poster", "id": "jahresplakat"}, "Jahresplakat"),
    ({"class": "page legend"}, "Legende"),
    ({"id": "monat-13", "class": "page month"}, ""),  # no such month: no title rather than a wrong one
])
def test_a_page_is_titled_by_its_month_or_kind(attributes: dict[str, str], title: str) -> None:
    assert page_title(ET.Element("section", attributes)) == title
