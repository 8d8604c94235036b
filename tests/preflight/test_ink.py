"""Ink coverage: kept per page under a digest of what the page draws, so a rebuild draws only changed pages."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from calendar_build.preflight import ink
from calendar_build.preflight.ink import max_ink, page_digests
from calendar_build.render.join import join_pdfs
from tests import ink_memo

# DeviceCMYK fills: C+M+Y+K of the darkest area in percent (no output intent, so the values pass unchanged;
# 0.5 is drawn as 127/255 by Ghostscript: 3 × 49.8 + 100 = 249.4)
PAGES = {"light": b"0.2 0 0 0 k 0 0 200 200 re f", "dark": b"0.5 0.5 0.5 1 k 10 10 50 50 re f",
         "medium": b"0 0.6 0.6 0 k 0 0 100 100 re f"}


@pytest.fixture(autouse=True)
def real_measurement(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests count Ghostscript's runs: the run's memo of measured PDFs (tests/ink_memo.py) stays out."""
    monkeypatch.setattr(ink, "_separations", ink_memo.REAL)


def make_pdf(path: Path, contents: list[bytes]) -> Path:
    """Write a PDF of 200 × 200 pt pages with the given content streams."""
    with pikepdf.new() as pdf:
        for content in contents:
            page = pdf.add_blank_page(page_size=(200, 200))
            page.obj.Contents = pdf.make_stream(content)
        pdf.save(path)
    return path


class Calls:
    """Ghostscript's runs, counted, with the pages each was asked to draw (also runs in a process forked meanwhile:
    `Measuring` measures in one, so they are written down in a file)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.log = folder / "ghostscript-runs.jsonl"
        real = subprocess.run

        def run(command: list[str], **kwargs: Any) -> Any:
            # a run names each PDF after its page list: one line per run, its (pages, file) pairs
            drawn = [[command[n].split("=", 1)[1], Path(command[n + 1]).name] for n in range(len(command) - 1)
                     if command[n].startswith("-sPageList=")]
            with self.log.open("a", encoding="utf-8") as log:
                log.write(json.dumps(drawn or [[None, Path(command[-1]).name]]) + "\n")
            return real(command, **kwargs)

        monkeypatch.setattr(ink.subprocess, "run", run)

    def runs(self) -> list[list[tuple[str | None, str]]]:
        """Return each run's (pages, file) pairs: the page list asked of each PDF (None: all) and its name."""
        lines = self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []
        return [[(listed, name) for listed, name in json.loads(line)] for line in lines]

    @property
    def page_lists(self) -> list[str | None]:
        """Return the pages asked of each PDF, run after run (None: all)."""
        return [listed for run in self.runs() for listed, _ in run]

    @property
    def files(self) -> list[str]:
        """Return the name of each PDF drawn, run after run."""
        return [name for run in self.runs() for _, name in run]

    @property
    def pages(self) -> list[int]:
        """Return the pages drawn (1-based) by all runs together, sorted."""
        return sorted(int(page) for listed in self.page_lists if listed for page in listed.split(","))


def test_cached_ink_equals_measured_and_draws_nothing_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", list(PAGES.values()))
    measured = max_ink(pdf)
    assert [p.max_percent for p in measured] == [20.0, 249.4, 120.0]
    calls = Calls(monkeypatch, tmp_path)
    assert max_ink(pdf, cache=tmp_path / "cache") == measured
    assert max_ink(pdf, cache=tmp_path / "cache") == measured
    assert calls.pages == [1, 2, 3]  # each page drawn once; the second call drew no page


@pytest.mark.parametrize("cores", [1, 2, 3, 8])
def test_the_pages_are_shared_out_among_one_ghostscript_per_core(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  cores: int) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", [*PAGES.values(), PAGES["light"]])
    monkeypatch.setattr(ink.os, "cpu_count", lambda: cores)
    calls = Calls(monkeypatch, tmp_path)
    measured = max_ink(pdf)
    assert [(p.page, p.max_percent) for p in measured] == [(0, 20.0), (1, 249.4), (2, 120.0), (3, 20.0)]
    assert len(calls.runs()) == min(cores, 4)  # never an idle process: at most one per page
    assert calls.pages == [1, 2, 3, 4]


def test_only_the_changed_page_is_drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    light, dark, medium = PAGES.values()
    max_ink(make_pdf(tmp_path / "a.pdf", [light, dark, medium]), cache=tmp_path / "cache")
    changed = make_pdf(tmp_path / "b.pdf", [light, b"1 1 1 1 k 0 0 20 20 re f", medium])
    calls = Calls(monkeypatch, tmp_path)
    assert [p.max_percent for p in max_ink(changed, cache=tmp_path / "cache")] == [20.0, 400.0, 120.0]
    assert calls.pages == [2]
    assert [p.page for p in max_ink(changed, cache=tmp_path / "cache")] == [0, 1, 2]


def test_a_damaged_entry_is_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", list(PAGES.values()))
    expected = max_ink(pdf, cache=tmp_path / "cache")
    entry = tmp_path / "cache" / f"{page_digests(pdf)[0]}-{ink.DPI}-{ink.CACHE_VERSION}.json"
    entry.write_text("{broken", encoding="utf-8")
    calls = Calls(monkeypatch, tmp_path)
    assert max_ink(pdf, cache=tmp_path / "cache") == expected
    assert calls.page_lists == ["1"]


def test_the_pages_of_several_pdfs_are_drawn_in_one_run_per_core(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ghostscript run costs its start (0.1–0.2 s): the parts of a PDF are drawn together, not one run each."""
    light, dark, medium = PAGES.values()
    pdfs = [make_pdf(tmp_path / "a.pdf", [light, dark]), make_pdf(tmp_path / "b.pdf", [medium]),
            make_pdf(tmp_path / "c.pdf", [dark, b"1 1 1 1 k 0 0 20 20 re f", light])]
    monkeypatch.setattr(ink.os, "cpu_count", lambda: 2)
    calls = Calls(monkeypatch, tmp_path)
    measured = ink.max_inks(pdfs)
    assert [[(p.page, p.max_percent) for p in inks] for inks in measured] == [
        [(0, 20.0), (1, 249.4)], [(0, 120.0)], [(0, 249.4), (1, 400.0), (2, 20.0)]]
    assert len(calls.runs()) == 2  # two cores: two runs, each drawing its share of every PDF
    assert sorted(calls.files) == ["a.pdf", "a.pdf", "b.pdf", "c.pdf", "c.pdf"]
    assert measured == [max_ink(pdf) for pdf in pdfs]


def test_a_drawing_on_pages_of_several_pdfs_is_drawn_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    light, dark, medium = PAGES.values()
    pdfs = [make_pdf(tmp_path / "a.pdf", [light, dark, light]), make_pdf(tmp_path / "b.pdf", [dark, medium])]
    calls = Calls(monkeypatch, tmp_path)
    measured = ink.max_inks(pdfs, cache=tmp_path / "cache")
    assert [[p.max_percent for p in inks] for inks in measured] == [[20.0, 249.4, 20.0], [249.4, 120.0]]
    assert sorted(zip(calls.files, calls.page_lists)) in ([("a.pdf", "1"), ("a.pdf", "2"), ("b.pdf", "2")],
                                                          [("a.pdf", "1,2"), ("b.pdf", "2")])


def test_pdfs_for_another_output_intent_are_drawn_in_runs_of_their_own(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Ghostscript separates a run for one output profile: a PDF with another intent (or none) gets its own run."""
    light, dark, _ = PAGES.values()
    plain = make_pdf(tmp_path / "plain.pdf", [light, dark])
    intended = make_pdf(tmp_path / "intended.pdf", [dark, light])
    with pikepdf.open(intended, allow_overwriting_input=True) as pdf:
        profile = pdf.make_stream(Path("/usr/share/color/icc/ghostscript/default_cmyk.icc").read_bytes())
        profile.N = 4
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX, DestOutputProfile=profile)])
        pdf.save(intended)
    monkeypatch.setattr(ink.os, "cpu_count", lambda: 1)
    calls = Calls(monkeypatch, tmp_path)
    measured = ink.max_inks([plain, intended])
    assert [[p.max_percent for p in inks] for inks in measured] == [[20.0, 249.4], [249.4, 20.0]]
    assert sorted(calls.files) == ["intended.pdf", "plain.pdf"] and len(calls.runs()) == 2


def test_page_digest_follows_what_is_drawn(tmp_path: Path) -> None:
    light, dark, _ = PAGES.values()
    first = page_digests(make_pdf(tmp_path / "a.pdf", [light, dark, light]))
    assert first[0] == first[2] != first[1]  # the same drawing on two pages: one digest
    assert page_digests(make_pdf(tmp_path / "b.pdf", [light, light]))[0] == first[0]
    bigger = tmp_path / "c.pdf"
    with pikepdf.new() as pdf:  # the same content on a bigger page is another page
        pdf.add_blank_page(page_size=(300, 300)).obj.Contents = pdf.make_stream(light)
        pdf.save(bigger)
    assert page_digests(bigger)[0] != first[0]


def test_parts_measured_while_joined_give_the_ink_of_the_joined_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ink of a PDF joined from parts is measured from the parts (render/job.py hands them over before the
    join, preflight/ink.py: Measuring): the same figures, page by page, as measuring the joined file."""
    light, dark, medium = PAGES.values()
    folder = tmp_path / ".parts-x"
    folder.mkdir()
    parts = [make_pdf(folder / "part-1.pdf", [light, dark]), make_pdf(folder / "part-2.pdf", [medium, light, dark])]
    joined = tmp_path / "joined.pdf"
    with joined.open("wb") as stream:
        join_pdfs(parts, stream)
    calls = Calls(monkeypatch, tmp_path)
    with ink.Measuring(tmp_path / "cache") as measuring:
        measuring.start(parts, fresh={1})
        for part in parts:
            part.unlink()  # the parts' folder goes with the join: the measurement has its own links
        measured = measuring.result()
    # the part set anew first: its pages drawn; the first part draws the same as two of them, found in the cache
    assert calls.pages == [1, 2, 3] and set(calls.files) == {"part-1.pdf"}
    assert list(tmp_path.glob(f"{ink.PRIVATE_PREFIX}*")) == []  # its links removed when done
    assert [(p.page, p.max_percent) for p in measured] == [(0, 20.0), (1, 249.4), (2, 120.0), (3, 20.0), (4, 249.4)]
    assert measured == max_ink(joined)


def test_parts_kept_from_the_last_build_take_their_ink_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    light, dark, medium = PAGES.values()
    first = [make_pdf(tmp_path / "a-1.pdf", [light, dark]), make_pdf(tmp_path / "a-2.pdf", [medium])]
    with ink.Measuring(tmp_path / "cache") as measuring:
        measuring.start(first, fresh={0, 1})
    changed = make_pdf(tmp_path / "b-2.pdf", [b"1 1 1 1 k 0 0 20 20 re f"])
    calls = Calls(monkeypatch, tmp_path)
    with ink.Measuring(tmp_path / "cache") as measuring:
        measuring.start([first[0], changed], fresh={1})
        assert [p.max_percent for p in measuring.result() or []] == [20.0, 249.4, 400.0]
    assert calls.page_lists == ["1"]  # only the page of the part set anew is drawn


def test_nothing_started_means_no_result(tmp_path: Path) -> None:
    """A PDF of one part is written as it is set: the job sheet measures the written file instead."""
    with ink.Measuring(tmp_path / "cache") as measuring:
        assert measuring.result() is None


def test_a_failed_measurement_is_raised_where_the_result_is_asked_for(tmp_path: Path) -> None:
    part = tmp_path / "part-1.pdf"
    part.write_bytes(b"%PDF-1.7 not really")
    with ink.Measuring(tmp_path / "cache") as measuring:
        measuring.start([part])
        with pytest.raises(Exception):
            measuring.result()


def test_photos_are_drawn_from_their_ink_proxies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ghostscript decodes a photo at its full 300 ppi to draw it at 72 dpi: it is given the photo workers' average
    of each 4 × 4 pixels instead (photos/proxy.py), and finds the same ink."""
    from PIL import Image  # noqa: PLC0415
    from weasyprint import HTML  # noqa: PLC0415

    from calendar_build.errors import Problems  # noqa: PLC0415
    from calendar_build.photos import PhotoTarget, prepare_photos  # noqa: PLC0415
    from tests.photos.helpers import CMYK_PROFILE, encode  # noqa: PLC0415

    photo = Image.new("RGB", (1200, 720), (150, 110, 90))
    photo.paste((20, 10, 30), (500, 300, 640, 420))  # a dark coat: the most ink, over about 6 × 4 mm
    (tmp_path / "a.jpg").write_bytes(encode(photo))
    target = PhotoTarget(50.0, 30.0, ppi=300, colour="cmyk", output_profile=CMYK_PROFILE)
    proxies = tmp_path / "proxies"
    prepared = prepare_photos([(tmp_path / "a.jpg", (0.5, 0.5), target, "x.yaml", 1)], tmp_path / "photos",
                              Problems(), proxies=proxies)[(tmp_path / "a.jpg", target)]
    pdf = tmp_path / "page.pdf"
    HTML(string=f'<style>@page {{ size: 60mm 40mm; margin: 5mm }} img {{ display: block; width: 50mm; height: 30mm }}'
                f'</style><img src="{prepared.path.as_uri()}">').write_pdf(pdf)
    drawn: list[list[int]] = []
    real = ink._separations

    def separations(requests: Any, dpi: int) -> Any:
        for file, _ in requests:  # the widths of the images Ghostscript is given
            with pikepdf.open(file) as document:
                drawn.append([int(o.Width) for o in document.objects
                              if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"])
        return real(requests, dpi)

    monkeypatch.setattr(ink, "_separations", separations)
    plain, = max_ink(pdf)
    proxied, = max_ink(pdf, proxies=proxies)
    assert drawn == [[prepared.width_px], [-(-prepared.width_px // 4)]]
    assert plain.max_percent > 250  # the coat's ink, not the light background's
    assert abs(proxied.max_percent - plain.max_percent) <= 1.5
    assert max(abs(a - b) for a, b in zip(proxied.at_mm, plain.at_mm)) <= 1.0  # found where it is
    assert max_ink(pdf, proxies=tmp_path / "none") == [plain]  # without a proxy the photo itself is drawn
