"""Setting the print PDF in parallel parts: how pages are split, and how the parts are joined."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from calendar_build import workers
from calendar_build.pipeline import BuildOptions, build
from calendar_build.products import PRODUCTS
from calendar_build.render.parts import split_pages, work
from calendar_build.render.fit import Violation
from calendar_build.render.job import _renumbered
from calendar_build.render.ready import setter
from calendar_build.stages.styles import cover_tile_mm
from calendar_build.stages.validate import validate
from calendar_build.render.join import join_pdfs
from tests.render.conftest import Built

MONTHS = [f"month-{n}" for n in range(1, 13)]
CALENDAR = ["cover", *MONTHS, "legend", "explanations-1", "explanations-2", "explanations-3", "imprint"]


@pytest.mark.parametrize(("ids", "parts", "expected"), [
    (["cover"], 2, [["cover"]]),  # never an empty part
    (["cover", "imprint"], 5, [["cover"], ["imprint"]]),
    (CALENDAR, 1, [CALENDAR]),
    # cover 0.05 + 8 months 1.52 = 1.57 against 4 months 0.76 + legend 0.05 + explanations 0.75 + imprint 0.03 = 1.59
    (CALENDAR, 2, [CALENDAR[:9], CALENDAR[9:]]),
    # halves first (cover to August, September to the imprint), then each half in two
    (CALENDAR, 4, [CALENDAR[:5], CALENDAR[5:9], CALENDAR[9:14], CALENDAR[14:]]),
    (CALENDAR, 3, [CALENDAR[:6], CALENDAR[6:12], CALENDAR[12:]]),  # one part's share first, two parts' after
    (["month-1", "month-2", "month-3", "month-4"], 2, [["month-1", "month-2"], ["month-3", "month-4"]]),
])
def test_split_pages(ids: list[str], parts: int, expected: list[list[str]]) -> None:
    assert split_pages(ids, parts) == expected


@pytest.mark.parametrize("parts", [1, 2, 3, 4])
def test_split_keeps_every_page_in_order_and_balances_the_work(parts: int) -> None:
    groups = split_pages(CALENDAR, parts)
    assert [page for group in groups for page in group] == CALENDAR
    loads = [sum(work(page) for page in group) for group in groups]
    # no part carries more than an even share plus the heaviest single page
    assert max(loads) <= sum(loads) / parts + max(work(page) for page in CALENDAR)


@pytest.mark.parametrize("ids", [CALENDAR, [*CALENDAR[:13], "legend", "outlook", *CALENDAR[14:]],
                                 [*CALENDAR[:16], "explanations-4", "explanations-5", "imprint"], [*MONTHS[:8], "poster"]])
def test_the_halves_of_four_parts_are_the_best_split_in_two(ids: list[str]) -> None:
    """On two cores each process sets one half of the parts (render/job.py): the halves are cut where the heavier
    carries least, whatever the parts within them (a split for the largest part alone gave eight months and a poster
    halves of 0.95 and 2.32)."""
    groups = split_pages(ids, 4)
    assert [page for group in groups for page in group] == ids
    weights = [work(page) for page in ids]
    halves = max(sum(work(page) for group in groups[:2] for page in group),
                 sum(work(page) for group in groups[2:] for page in group))
    best = min(max(sum(weights[:cut]), sum(weights[cut:])) for cut in range(2, len(ids) - 1))  # two pages a half
    assert halves == pytest.approx(best)


def _pdf(folder: Path, titles: list[str], name: str = "T") -> Path:
    """Write a small PDF with one page and one bookmark per title, made by WeasyPrint; return its path."""
    from weasyprint import HTML  # noqa: PLC0415

    body = "".join(f'<h2 style="break-after: page">{title}</h2>' for title in titles)
    path = folder / f"{name}-{titles[0]}.pdf"
    HTML(string=f"<html lang=de><title>{name}</title><body>{body}</body></html>").write_pdf(path)
    return path


def test_join_keeps_page_order_bookmarks_and_the_first_documents_data(tmp_path: Path) -> None:
    first, second = _pdf(tmp_path, ["Januar", "Februar"], "Erster"), _pdf(tmp_path, ["März", "April", "Mai"], "Zweiter")
    out = io.BytesIO()
    join_pdfs([first, second], out)
    out.seek(0)
    with pikepdf.open(out) as joined:
        assert len(joined.pages) == 5
        assert str(joined.docinfo["/Title"]) == "Erster"
        with joined.open_outline() as outline:
            marks = [(item.title, _page_index(joined, item)) for item in outline.root]
    assert marks == [("Januar", 0), ("Februar", 1), ("März", 2), ("April", 3), ("Mai", 4)]
    document = pdfium.PdfDocument(out.getvalue())
    assert [document[i].get_textpage().get_text_range().strip() for i in range(5)] == [
        "Januar", "Februar", "März", "April", "Mai"]


def _page_index(pdf: pikepdf.Pdf, item: pikepdf.OutlineItem) -> int:
    destination = item.destination
    assert isinstance(destination, pikepdf.Array)
    return [page.objgen for page in pdf.pages].index(destination[0].objgen)


def _tagged(folder: Path, sections: list[str], name: str) -> Path:
    """Write a tagged PDF (PDF/UA-1) of sections, one page each, made by WeasyPrint; return its path."""
    from weasyprint import HTML  # noqa: PLC0415

    body = "".join(f'<section style="break-after: page">{section}</section>' for section in sections)
    path = folder / f"{name}.pdf"
    HTML(string=f"<html lang=de><title>T</title><body>{body}</body></html>").write_pdf(path, pdf_variant="pdf/ua-1")
    return path


def _structure(pdf: pikepdf.Pdf) -> list[tuple[int, str, int | None, str]]:
    """Return the structure tree depth first: (depth, tag, page index, alternative text); marked content as 'MCID'."""
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    found: list[tuple[int, str, int | None, str]] = []

    def walk(element: pikepdf.Object, depth: int) -> None:
        if not isinstance(element, pikepdf.Dictionary):
            found.append((depth, "MCID", None, str(int(element))))
            return
        page = pages.get(element.Pg.objgen) if "/Pg" in element else None
        found.append((depth, str(element.get("/S", "/MCR")), page, str(element.get("/Alt", ""))))
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]):
            walk(kid, depth + 1)

    walk(pdf.Root.StructTreeRoot.K[0], 0)
    return found


SECTIONS = ['<h2 id="eins">Eins</h2><p>Text</p>', '<h2 id="zwei">Zwei</h2><img alt="Ein Bild" src="data:image/png;base64,'
            'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">',
            '<h2 id="drei">Drei</h2><p><a href="https://example.org/">Verweis</a></p>', '<h2 id="vier">Vier</h2>']


def test_join_of_tagged_parts_keeps_the_structure_of_one_document(tmp_path: Path) -> None:
    """Tags, parent tree, named destinations and links of later parts land as if the document had been set at once."""
    whole = _tagged(tmp_path, SECTIONS, "whole")
    out = io.BytesIO()
    join_pdfs([_tagged(tmp_path, SECTIONS[:2], "first"), _tagged(tmp_path, SECTIONS[2:], "second")], out)
    out.seek(0)
    with pikepdf.open(whole) as one, pikepdf.open(out) as joined:
        assert len(_structure(joined)) > 12
        assert _structure(joined) == _structure(one)
        # every page's marked content is found under its key, and each element found there is on that page
        tree = joined.Root.StructTreeRoot.ParentTree.Nums
        entries = {int(tree[i]): tree[i + 1] for i in range(0, len(tree), 2)}
        assert [int(tree[i]) for i in range(0, len(tree), 2)] == sorted(entries)
        for index, page in enumerate(joined.pages):
            elements = entries[int(page.obj.StructParents)]
            assert [e.Pg.objgen for e in elements] == [page.objgen] * len(elements)
        links = [a for page in joined.pages for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert len(links) == 1 and entries[int(links[0].StructParent)].S == "/Link"
        pages = {page.objgen: index for index, page in enumerate(joined.pages)}
        destinations = {name: pages[d[0].objgen] for name, d in pikepdf.NameTree(joined.Root.Names.Dests).items()}
        assert destinations == {"eins": 0, "zwei": 1, "drei": 2, "vier": 3}
        assert str(joined.Root.Lang) == "de" and bool(joined.Root.MarkInfo.Marked)


def test_every_month_of_the_print_pdf_has_its_named_destination(print_build: Built) -> None:
    """The months of the second part keep their anchors (`calendar.pdf#monat-10`), as in one piece."""
    with pikepdf.open(print_build.pdf) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        destinations = {name: pages[d[0].objgen] for name, d in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
    assert {f"monat-{month}": month for month in range(1, 13)}.items() <= destinations.items()


def test_join_is_deterministic(tmp_path: Path) -> None:
    parts = [_pdf(tmp_path, ["A"]), _pdf(tmp_path, ["B"])]
    first, second = io.BytesIO(), io.BytesIO()
    join_pdfs(parts, first)
    join_pdfs(parts, second)
    assert first.getvalue() == second.getvalue()


def _identified(folder: Path, title: str) -> Path:
    """Write a one-page PDF whose file ID WeasyPrint derives from its content (as in the print and screen PDFs)."""
    from weasyprint import HTML  # noqa: PLC0415

    path = folder / f"id-{title}.pdf"
    HTML(string=f"<html lang=de><title>T</title><body><h2>{title}</h2></body></html>").write_pdf(path, pdf_identifier=True)
    return path


def test_the_joined_file_id_follows_the_parts_content(tmp_path: Path) -> None:
    """The second file ID string derives from the parts' own (content digests): the same parts give the same ID,
    another part another one – and no placeholder is left for a RIP or archive to see."""
    a, b, c = (_identified(tmp_path, title) for title in ("Eins", "Zwei", "Drei"))
    ids = []
    for parts in ([a, b], [a, b], [a, c]):
        out = io.BytesIO()
        join_pdfs(parts, out)
        assert b"31415926535897932384626433832795" not in out.getvalue()
        out.seek(0)
        with pikepdf.open(out) as joined:
            ids.append(bytes(joined.trailer.ID[1]))
            assert len(joined.pages) == 2
        (tmp_path / "joined.pdf").write_bytes(out.getvalue())
        shown = subprocess.run(["mutool", "show", str(tmp_path / "joined.pdf"), "trailer"], capture_output=True,
                               text=True, check=True).stdout  # another parser reads the same ID
        assert ids[-1].hex() in shown.lower(), shown
    assert ids[0] == ids[1] != ids[2] and len(ids[0]) == 16


def test_fit_messages_count_pages_through_the_whole_pdf() -> None:
    assert _renumbered(Violation("portraits", None, 3, "Die Festliste des Monats ist 2 Zeilen zu lang"), 9).message == (
        "Seite 12: Die Festliste des Monats ist 2 Zeilen zu lang")


def test_print_pdf_is_joined_from_parts_with_every_bookmark(print_build: Built) -> None:
    assert PRODUCTS["print-a3"].parts > 1
    with pikepdf.open(print_build.pdf) as pdf, pdf.open_outline() as outline:
        marks = [(item.title, _page_index(pdf, item)) for item in outline.root]
    titles = [title for title, _ in marks]
    assert titles[0] == "Titelseite" and "Januar 2027" in titles[1] and "Dezember 2027" in titles[12], titles
    assert [page for _, page in marks] == sorted(page for _, page in marks)  # each bookmark on its own page, in order
    assert marks[12][1] == 12  # December is page 13, in the second part


@pytest.mark.full
def test_parts_render_like_one_document(print_build: Built, tmp_path: Path, cache: Path) -> None:
    """Pages of both parts look exactly as they do when the whole calendar is set at once."""
    one_piece = replace(PRODUCTS["print-a3"], parts=1)
    build(BuildOptions(root=print_build.options.root, year=2027, product=one_piece, out=tmp_path, cache_dir=cache))
    whole, joined = pdfium.PdfDocument(tmp_path / "calendar-2027-print-a3.pdf"), pdfium.PdfDocument(print_build.pdf)
    assert len(whole) == len(joined)
    for index in (0, 12, len(whole) - 1):
        assert whole[index].render(scale=0.5).to_pil().tobytes() == joined[index].render(scale=0.5).to_pil().tobytes()


def test_each_photo_is_embedded_once(print_build: Built) -> None:
    """Twelve month photos and twelve cover tiles, none twice although two parts were joined."""
    with pikepdf.open(print_build.pdf) as pdf:
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        sizes = sorted({(int(image.Width), int(image.Height)) for image in images})
        digests = {image.read_raw_bytes() for image in images}
    assert len(images) == len(digests) == 24
    tile_w, tile_h = cover_tile_mm(print_build.options, validate(print_build.options).theme)
    assert (round(tile_w / 25.4 * 300), round(tile_h / 25.4 * 300)) in sizes  # tiles at 300 ppi, not the frames


@pytest.mark.full
@pytest.mark.xdist_group("print-a3-cache")  # one worker builds in this cache at a time (no foreign .parts-* folder)
def test_all_variants_at_once_give_the_same_print_pdf(print_build: Built, tmp_path: Path) -> None:
    """With print and screen built in parallel, the print parts are set one after the other: same bytes."""
    from calendar_build.variants import build_products  # noqa: PLC0415

    options = BuildOptions(root=print_build.options.root, year=2027, out=tmp_path, cache_dir=print_build.options.cache)
    outcomes = {p.id: outcome for p, outcome in build_products(options, (PRODUCTS["print-a3"], PRODUCTS["screen"]))}
    assert not isinstance(outcomes["print-a3"], list) and not isinstance(outcomes["screen"], list), outcomes
    assert (tmp_path / "calendar-2027-print-a3.pdf").read_bytes() == print_build.pdf.read_bytes()
    assert (tmp_path / "calendar-2027-screen.pdf").is_file()


@pytest.mark.xdist_group("print-a3-cache")
def test_no_part_files_are_left_behind(print_build: Built) -> None:
    assert list(print_build.options.cache.glob(".parts-*")) == []
    assert [p.name for p in print_build.pdf.parent.iterdir() if ".part" in p.name] == []


def test_part_folders_of_killed_builds_are_removed_later(tmp_path: Path) -> None:
    """A build killed outright leaves its parts folder in the cache; the next one removes it after an hour."""
    import os  # noqa: PLC0415
    import time  # noqa: PLC0415

    from calendar_build.output import STALE_SECONDS  # noqa: PLC0415
    from calendar_build.render.job import PdfJob, _scratch  # noqa: PLC0415

    stale, running = tmp_path / ".parts-old", tmp_path / ".parts-now"
    for folder in (stale, running):
        folder.mkdir()
        (folder / "part-1.pdf").write_bytes(b"%PDF")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    _scratch(PdfJob(("",), tmp_path, "", (), PRODUCTS["print-a3"], scratch=tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".parts-now"]  # another build may still use it


def test_parts_are_set_one_after_the_other_without_a_process_pool(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from calendar_build.render import job as module  # noqa: PLC0415

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise NotImplementedError("no semaphores")

    monkeypatch.setattr(workers, "ProcessPoolExecutor", refuse)
    page = '<section style="break-after: page"><h2>{}</h2></section>'
    parts = tuple(f"<html lang=de><title>T</title><body>{page.format(t)}</body></html>" for t in ("Eins", "Zwei"))
    job = module.PdfJob(parts, tmp_path, "@page { size: A6; }", (tmp_path,), PRODUCTS["screen"],
                        scratch=tmp_path / "scratch")
    result = module.render_pdf(job, tmp_path / "out.pdf")
    assert result.written and result.pages == 2
    document = pdfium.PdfDocument(tmp_path / "out.pdf")
    assert [document[i].get_textpage().get_text_range().strip() for i in range(2)] == ["Eins", "Zwei"]


def test_font_subsets_of_the_parts_have_their_own_names(print_build: Built) -> None:
    """Each part embeds its own subset of a font: one PDF must not name two different subsets alike."""
    with pikepdf.open(print_build.pdf) as pdf:
        files: dict[str, set[bytes]] = {}
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                stream = next(obj[k] for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in obj)
                files.setdefault(str(obj.FontName), set()).add(stream.read_raw_bytes())
        fonts = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]
    assert {name: len(found) for name, found in files.items() if len(found) > 1} == {}
    # Type0 fonts name their descendant and its descriptor with the same tag
    for font in fonts:
        if "/DescendantFonts" in font:
            descendant = font.DescendantFonts[0]
            assert str(font.BaseFont)[:7] == str(descendant.BaseFont)[:7] == str(descendant.FontDescriptor.FontName)[:7]


@pytest.mark.parametrize("parts", [1, 2])
def test_parts_set_in_an_early_pool_give_the_same_bytes(tmp_path: Path, parts: int) -> None:
    """`build` sets every part in workers forked before the pages were composed; `check` and a preview in this
    process: the PDF is the same (a single part is written by its worker and copied)."""
    from calendar_build.render import job as module  # noqa: PLC0415

    page = '<section style="break-after: page"><h2 style="hyphens: auto">{}</h2></section>'
    words = ("Silbentrennungsregeln", "Donaudampfschifffahrt")
    html = [f"<html lang=de><title>T</title><body>{page.format(w)}</body></html>" for w in words]
    chunks = tuple(html) if parts == 2 else ("".join(html).replace("</body></html><html lang=de><title>T</title><body>", ""),)
    job = module.PdfJob(chunks, tmp_path, "@page { size: A7; }", (tmp_path,), PRODUCTS["screen"],
                        scratch=tmp_path / "scratch", languages=("de",))
    here = module.render_pdf(job, tmp_path / "here.pdf")
    with workers.early(parts, setter("de")) as pool:
        pooled = module.render_pdf(job, tmp_path / "pooled.pdf", pool)
    assert here.written and pooled.written and here.pages == pooled.pages == 2
    assert (tmp_path / "pooled.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()
