"""Previews for designers: only the requested pages, PNGs with the page's aspect ratio, watch mode."""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from calendar_build.errors import UsageError
from calendar_build.pipeline import BuildOptions
from calendar_build.pages.model import PhotoUrls
from calendar_build.photos.model import PreparedPhoto
from calendar_build import preview as preview_module
from calendar_build.render import draw as draw_module, job as job_module
from calendar_build.preview import Memo, lighter_urls, parse_pages, preview, preview_folder, report_lines
from calendar_build.products import PRODUCTS
from calendar_build.stages.compose import Composed
from calendar_build.stages.photos import PortraitPhotos
from calendar_build.watch import forget_unless_text, rebuild, watch

A3_WITH_BLEED = (297 + 6) / (420 + 6)  # the preview shows the bleed a designer has to fill


@pytest.mark.parametrize(
    ("text", "pages"),
    [(None, None), ("", None), ("5", [5]), ("1,5-6", [1, 5, 6]), (" 3 - 4 , 3", [3, 4])],
)
def test_parse_pages(text: str | None, pages: list[int] | None) -> None:
    assert parse_pages(text) == pages


@pytest.mark.parametrize("text", ["x", "5-3", "0", "1,,2", "-4", "1-2000000000", "1000", "5,1-1000",
                                  "1-" + "9" * 5000])
def test_parse_pages_refuses(text: str) -> None:
    with pytest.raises(UsageError, match="--pages"):
        parse_pages(text)


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_preview_renders_only_requested_pages(project: Path) -> None:
    report = preview(BuildOptions(root=project, year=2027), [1, 5])
    assert [p.name for p in report.pngs] == ["seite-01.png", "seite-05.png"]
    for png in report.pngs:
        with Image.open(png) as image:
            assert abs(image.width / image.height - A3_WITH_BLEED) < 0.005
    assert sorted(p.name for p in (project / "output/2027/preview").iterdir()) == [
        "index.html", "seite-01.png", "seite-05.png"]
    assert re.search(r'src="seite-05\.png\?v=[0-9a-f]+"', report.sheet.read_text(encoding="utf-8"))  # versioned: cached until redrawn


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_preview_of_the_a4_screen_product(project: Path) -> None:
    report = preview(BuildOptions(root=project, year=2027, product=PRODUCTS["screen-a4"]), [1])
    with Image.open(report.pngs[0]) as image:
        assert abs(image.width / image.height - 210 / 297) < 0.005  # no bleed on screen


@pytest.mark.full
@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_preview_of_the_landscape_poster(project: Path) -> None:
    calendar = project / "output/2027/preview"
    calendar.mkdir(parents=True)
    (calendar / "seite-01.png").write_bytes(b"the cover's preview")
    report = preview(BuildOptions(root=project, year=2027, product=PRODUCTS["poster-a2-landscape"]), [1, 2])
    assert [p.name for p in report.pngs] == ["seite-01.png", "seite-02.png"]  # front and back
    assert {p.parent.name for p in report.pngs} == {"preview-poster-a2-landscape"}  # a folder of its own
    assert (calendar / "seite-01.png").read_bytes() == b"the cover's preview"  # the calendar's pages stay
    with Image.open(report.pngs[0]) as image:
        assert abs(image.width / image.height - 600 / 426) < 0.005  # 594 × 420 mm with 3 mm bleed
        pixels = image.convert("RGB").resize((60, 43))
    assert "poster" in report.sheet.read_text(encoding="utf-8")
    assert "Jahresplakat A2 quer" in report.sheet.read_text(encoding="utf-8")
    # the front is the poster: twelve month columns of day rows, not a blank or a wall calendar's cover photo
    colours = pixels.getcolors(60 * 43) or []
    assert sum(count for count, (r, g, b) in colours if min(r, g, b) > 200) > 60 * 43 * 0.6  # mostly paper


@pytest.mark.parametrize(("product", "language", "folder"), [
    ("print-a3", "de", "preview"), ("print-a3", "tr", "preview-tr"), ("poster-a2", "de", "preview-poster-a2"),
    ("poster-a1-landscape", "ar", "preview-poster-a1-landscape-ar"), ("screen-a4", "de", "preview-screen-a4"),
])
def test_preview_folder_per_product_and_language(product: str, language: str, folder: str) -> None:
    options = BuildOptions(root=Path("projekt"), year=2027, product=PRODUCTS[product], language=language)
    assert preview_folder(options) == Path("projekt/output/2027") / folder


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_preview_page_beyond_the_end(project: Path) -> None:
    with pytest.raises(UsageError, match="gibt es nicht"):
        preview(BuildOptions(root=project, year=2027), [99])


def _wait_for(messages: list[str], fragment: str, count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while sum(fragment in m for m in messages) < count:
        assert time.monotonic() < deadline, messages
        time.sleep(0.1)


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_watch_rebuilds_after_a_change_and_survives_a_broken_one(project: Path) -> None:
    messages: list[str] = []
    stop = threading.Event()
    options = BuildOptions(root=project, year=2027)
    thread = threading.Thread(target=watch, args=(options, [2], stop, messages.append), daemon=True)
    thread.start()
    try:
        _wait_for(messages, "Beobachte", 1)
        assert sum("Vorschau aktualisiert" in m for m in messages) == 1
        edition = project / "content/edition.yaml"
        edition.write_text(edition.read_text(encoding="utf-8").replace("Angekommen", "Zuhause"), encoding="utf-8")
        _wait_for(messages, "Vorschau aktualisiert", 2)
        edition.write_text("motto: [kaputt\n", encoding="utf-8")
        _wait_for(messages, "Vorschau fehlgeschlagen", 1)
        assert any(m.startswith("content/edition.yaml:") for m in messages)
        theme = project / "templates/theme.css"
        lines = theme.read_text(encoding="utf-8").splitlines()
        number = next(n for n, text in enumerate(lines, 1) if "--size-month:" in text)
        lines[number - 1] = "  --size-month: calc(44pt * 1.1;"  # a missing ')' swallows the rest of the file
        theme.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _wait_for(messages, "Vorschau fehlgeschlagen", 2)
        assert any(m.startswith(f"templates/theme.css:{number}: Fehler: CSS-Syntaxfehler") for m in messages), messages
        assert thread.is_alive()  # a broken change does not stop the watcher
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_preview_shows_the_binding_strip(project: Path) -> None:
    """A bound product's preview tints the strip below the top trim edge (edition.yaml binding, 12 mm)."""
    def page(binding: str) -> Image.Image:
        edition = project / "content" / "edition.yaml"
        text = edition.read_text(encoding="utf-8")
        edition.write_text(re.sub(r"(?m)^binding: .*\n", "", text) + f"binding: {binding}\n", encoding="utf-8")
        report = preview(BuildOptions(root=project, year=2027, product=PRODUCTS["print-a4"]), [2])
        with Image.open(report.pngs[0]) as image:
            return image.convert("RGB")

    bound, loose = page("wire-o-top"), page("none")
    px_per_mm = 100 / 25.4
    inside, below = round((3 + 6) * px_per_mm), round((3 + 20) * px_per_mm)  # 6 mm and 20 mm below the trim edge
    assert bound.crop((0, below, bound.width, below + 20)).tobytes() == loose.crop((0, below, loose.width, below + 20)).tobytes()
    def row(image: Image.Image) -> list[tuple[int, ...]]:
        data = image.crop((0, inside, image.width, inside + 1)).tobytes()
        return [tuple(data[i:i + 3]) for i in range(0, len(data), 3)]

    tinted = list(zip(row(bound), row(loose)))
    assert all(b != l for b, l in tinted[:50])
    assert sum(b[0] - b[1] for b, _ in tinted) > sum(l[0] - l[1] for _, l in tinted)  # towards magenta


@pytest.mark.full
@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_memo_lays_out_only_changed_pages_and_their_pngs_match_a_full_preview(project: Path, tmp_path: Path) -> None:
    options = BuildOptions(root=project, year=2027)
    memo: Memo = {}
    pages = [1, 4, 5]  # the cover, March, April
    assert preview(options, pages, memo).drawn == pages
    assert preview(options, pages, memo).drawn == []  # nothing changed: nothing laid out
    portrait = next((project / "portraits/2027").glob("03-*.yaml"))  # March's portrait is on page 4 only
    portrait.write_text(portrait.read_text(encoding="utf-8").replace("text: >-\n  ", "text: >-\n  Neu: ", 1),
                        encoding="utf-8")
    report = preview(options, pages, memo)
    assert report.drawn == [4]
    incremental = {png.name: png.read_bytes() for png in report.pngs}
    full = preview(replace(options, out=tmp_path / "full"), pages)  # no memo: every page laid out
    assert full.drawn == pages
    assert {png.name: png.read_bytes() for png in full.pngs} == incremental  # the same pixels either way
    theme = project / "templates/theme.css"  # the stylesheet is in every page's digest
    theme.write_text(theme.read_text(encoding="utf-8").replace("--size-month: 44pt", "--size-month: 46pt"),
                     encoding="utf-8")
    assert preview(options, pages, memo).drawn == pages


def test_a_changed_photo_or_font_makes_watch_forget_the_memo() -> None:
    memo: Memo = {"seite-01.png": "digest"}
    forget_unless_text(memo, {"/p/portraits/2027/03-shirin.yaml", "/p/templates/pages/month.html.j2"})
    assert memo == {"seite-01.png": "digest"}
    forget_unless_text(memo, {"/p/portraits/2027/03-shirin.yaml", "/p/portraits/2027/03-shirin.jpg"})
    assert memo == {}


def test_preview_shows_half_size_copies_of_the_prepared_photos(tmp_path: Path) -> None:
    prepared = tmp_path / "cache" / "0123abcd.jpg"
    prepared.parent.mkdir()
    Image.new("CMYK", (800, 600), (10, 200, 30, 0)).save(prepared, "JPEG", quality=95)
    photo = PreparedPhoto(tmp_path / "a.jpg", prepared, 800, 600, 300.0)
    urls = lighter_urls(PortraitPhotos(frames={3: photo}, tiles={}), tmp_path / "light")
    copy = tmp_path / "light" / "0123abcd-2.jpg"
    assert urls == {3: PhotoUrls(copy.as_uri(), "")}
    with Image.open(copy) as image:
        assert (image.size, image.mode) == ((400, 300), "CMYK")
        assert abs(image.getpixel((200, 150))[1] - 200) <= 3  # the colour kept (no inverted CMYK)
    made = copy.stat().st_mtime_ns
    lighter_urls(PortraitPhotos(frames={3: photo}, tiles={}), tmp_path / "light")
    assert copy.stat().st_mtime_ns == made  # made once


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_watch_tells_a_theme_value_dropped_and_a_page_set_compact(project: Path) -> None:
    """A designer in `watch` sees what `preview` and `check` say: before, a colour WeasyPrint dropped went unmentioned."""
    theme = project / "templates" / "theme.css"
    lines = theme.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.strip() == "--accent: #1b5f9e;")  # the screen block's
    lines[number - 1] = lines[number - 1].replace("#1b5f9e", "#1b5f9")
    theme.write_text("\n".join(lines) + "\n", encoding="utf-8")
    said: list[str] = []
    options = BuildOptions(root=project, year=2027, product=PRODUCTS["screen"])
    report = rebuild(options, [3], said.append, {})
    assert report is not None and said[0].startswith(f"templates/theme.css:{number}: Warnung: '--accent: #1b5f9'")
    assert said[-1].startswith("Vorschau aktualisiert (1 Seite")
    # the 2027 sample's October in Ukrainian on an A4 screen fits only compact (its legend reached into the list)
    ukrainian = replace(options, product=PRODUCTS["screen-a4"], language="uk")
    report = preview(ukrainian, [2, 11], {})
    assert report.compacted == [(11, "Oktober")]  # numbered as in the calendar, not in the document of two pages
    assert report_lines(ukrainian, report)[-1] == ("Enger gesetzt (Bildschirm-PDF A4): Seite 11 (Oktober) – nur so "
                                                   "passen ihre Texte in die Rahmen (die „compact“-Werte in "
                                                   "templates/theme.css).")


@pytest.mark.parametrize(("pages", "cores", "parts"), [
    (1, 2, 1), (3, 2, 1), (7, 2, 1), (8, 2, 2), (18, 2, 2), (18, 1, 1), (18, 8, 4), (40, 8, 8),
])
def test_many_changed_pages_are_set_and_drawn_in_parts_one_per_core(pages: int, cores: int, parts: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview_module.os, "cpu_count", lambda: cores)
    assert preview_module.preview_parts(pages) == parts


@pytest.mark.full
@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_pages_set_and_drawn_in_parts_are_the_pages_set_in_one(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A theme change redraws every page of `watch` and `serve` in parts side by side: the same PNGs as in one."""
    options = BuildOptions(root=project, year=2027)
    set_pages, parts = preview_module.set_pages, []

    def counting(options: BuildOptions, composed: Composed, *args: Any, **kwargs: Any) -> Any:
        parts.append(len(composed.parts))
        return set_pages(options, composed, *args, **kwargs)

    monkeypatch.setattr(preview_module, "set_pages", counting)
    drawn = {}
    for cores in (1, 2):
        monkeypatch.setattr(preview_module.os, "cpu_count", lambda cores=cores: cores)
        memo: Memo = {}
        report = preview(options, list(range(2, 10)), memo)
        assert report.drawn == list(range(2, 10))
        drawn[cores] = [png.read_bytes() for png in report.pngs]
    assert parts == [1, 2]
    assert drawn[1] == drawn[2]


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_each_part_is_drawn_where_it_was_set_and_nothing_is_joined(project: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview's parts are drawn from their own PDFs by the processes that set them: no joined PDF, no second
    round of processes to draw (after a theme change the page in sight comes 0.1 s sooner, tools/bench_serve.py)."""
    monkeypatch.setattr(job_module, "_join", lambda *_args: pytest.fail("a preview joined its parts"))
    monkeypatch.setattr(preview_module.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(preview_module, "PAGES_PER_PART", 1)  # two pages: two parts
    render_here, overlay = job_module._render_here, draw_module.strip_overlay

    def noted(kind: str) -> None:  # forked workers inherit the patches: each notes its process in a file
        (tmp_path / f"{kind}-{os.getpid()}-{time.monotonic_ns()}").touch()

    def setting(*args: Any) -> Any:
        noted("set")
        return render_here(*args)

    def drawing(*args: Any) -> Any:
        noted("drawn")
        return overlay(*args)

    monkeypatch.setattr(job_module, "_render_here", setting)
    monkeypatch.setattr(draw_module, "strip_overlay", drawing)
    report = preview(BuildOptions(root=project, year=2027), [3, 4], {})
    assert report.drawn == [3, 4] and all(png.is_file() for png in report.pngs)

    def processes(kind: str) -> set[str]:
        return {path.name.split("-")[1] for path in tmp_path.glob(f"{kind}-*")}

    assert len(list(tmp_path.glob("drawn-*"))) == 2
    assert len(processes("set")) == 2 and processes("drawn") == processes("set")


@pytest.mark.parametrize(("drawn", "sight", "rounds"), [
    ([1, 2, 3, 4, 5], [4, 5, 1], [[4, 5], [1, 2, 3]]),  # the two most visible changed pages first
    ([1, 2, 3, 4, 5], [9, 3], [[3], [1, 2, 4, 5]]),  # a page in sight that did not change is not drawn
    ([1, 2, 3], [], [[1, 2, 3]]),  # no browser said what it shows
    ([4, 5], [5, 4, 1], [[4, 5]]),  # every changed page is in sight: one round
    ([3], [3], [[3]]),
    ([], [2], [[]]),  # nothing changed: the sheet is written once
    ([1, 2, 3], [2, 2, 3], [[2, 3], [1]]),
])
def test_the_changed_pages_in_sight_are_drawn_first(drawn: list[int], sight: list[int], rounds: list[list[int]]) -> None:
    assert preview_module.in_sight_first(drawn, sight) == rounds


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_after_a_theme_change_the_pages_in_sight_are_shown_first(project: Path) -> None:
    """`serve` after a theme change: the page the designer looks at comes first, the others are marked until
    they follow, and every PNG is the one a full preview draws."""
    options = BuildOptions(root=project, year=2027)
    memo: Memo = {}
    pages = [1, 4, 5]
    preview(options, pages, memo)
    folder = preview_folder(options)
    before = {n: (folder / f"seite-{n:02d}.png").read_bytes() for n in pages}
    theme = project / "templates/theme.css"  # every page's look changes
    theme.write_text(theme.read_text(encoding="utf-8").replace("--size-month: 44pt", "--size-month: 40pt"),
                     encoding="utf-8")
    seen: list[tuple[dict[int, bool], str]] = []

    def shown() -> None:  # what a browser reloading now gets
        pngs = {n: (folder / f"seite-{n:02d}.png").read_bytes() != before[n] for n in pages}
        seen.append((pngs, (folder / "index.html").read_text(encoding="utf-8")))

    said: list[str] = []
    report = rebuild(options, pages, said.append, memo, sight=[5, 2], shown=shown)
    assert report is not None and report.drawn == pages and report.first is not None and report.first[0] == [5]
    assert len(seen) == 1
    changed, sheet = seen[0]
    assert changed == {1: False, 4: False, 5: True}  # April's page first, the others still the earlier ones
    assert sheet.count(preview_module.PENDING) == 2 and re.search(r'<figure class=alt><img src="seite-01', sheet)
    assert "Seite 5 im Blick nach" in said[-1]
    final = (folder / "index.html").read_text(encoding="utf-8")
    assert preview_module.PENDING not in final and "class=alt" not in final
    assert all((folder / f"seite-{n:02d}.png").read_bytes() != before[n] for n in pages)
    drawn = {n: (folder / f"seite-{n:02d}.png").read_bytes() for n in pages}
    full = preview(replace(options, out=project / "full"), pages)  # no memo: every page in one round
    assert {n: png.read_bytes() for n, png in zip(pages, full.pngs)} == drawn
