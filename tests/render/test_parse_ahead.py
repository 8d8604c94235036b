"""The stylesheet parsed ahead (render/pdf.py: `parse_ahead`): `build` hands it to the worker that will set the
pages while the main process still builds them; that worker and the process it forks for the other parts take it
as parsed, and the PDF is the one a build without it writes."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from calendar_build import workers
from calendar_build.render import job as jobs
from calendar_build.render import pdf
from calendar_build.render.ready import parse_ahead, setter
from tests.render.test_part_cache import fresh, job_target, render, tiny_job

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")  # fonts-dejavu-core: in the README's packages
LOADED = " @font-face { font-family: Eigene; src: url(schrift.ttf) } h2 { font-family: Eigene }"
MONTHS = ("Januar", "Februar", "März", "April")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a project folder with a font of its own; WeasyPrint's temporary folders go to `tmp` in it."""
    (tmp_path / "out").mkdir()
    (tmp_path / "tmp").mkdir()
    shutil.copyfile(FONT, tmp_path / "schrift.ttf")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # forked workers inherit it
    return tmp_path


@pytest.fixture
def parses(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a file with one line per stylesheet parsed, in this process or a worker forked from it."""
    log = folder / "parses.txt"
    real = pdf._parse

    def noted(job: jobs.PdfJob, fetcher: pdf.LocalFetcher) -> pdf._Stylesheet:
        with log.open("a") as stream:
            stream.write(f"{os.getpid()}\n")
        return real(job, fetcher)

    monkeypatch.setattr(pdf, "_parse", noted)
    return log


def font_folders(folder: Path) -> list[Path]:
    return list((folder / "tmp").glob("weasyprint-*"))


def test_the_parts_and_the_forked_process_take_the_stylesheet_parsed_ahead(folder: Path, parses: Path) -> None:
    job = replace(tiny_job(folder, MONTHS, css=LOADED), parallel=True)
    with workers.early(1, setter("de")) as pool:
        pool.prepare(parse_ahead, replace(job, parts=()))
        result = jobs.render_pdf(job, job_target(folder), pool)
        assert result.written and result.reused_pages == 0
        assert font_folders(folder) == []  # dropped by the worker once every part was set
    workers_parsed = parses.read_text().split()
    assert len(workers_parsed) == 1 and workers_parsed[0] != str(os.getpid())  # once, in the worker, ahead
    written = job_target(folder).read_bytes()
    assert written == fresh(job, folder)  # and the PDF is the one set without it
    # each part still rests on the font the stylesheet fetched: changed, every part is set anew
    os.utime(folder / "schrift.ttf", ns=(0, 0))
    assert render(job, job_target(folder))[0].reused_pages == 0


def test_with_every_part_kept_the_worker_drops_the_stylesheet_it_parsed_ahead(folder: Path, parses: Path) -> None:
    job = tiny_job(folder, MONTHS, css=LOADED)
    render(job, job_target(folder))
    with workers.early(1, setter("de")) as pool:
        pool.prepare(parse_ahead, replace(job, parts=()))
        result = jobs.render_pdf(job, job_target(folder), pool)
        assert result.reused_pages == len(MONTHS)
        assert font_folders(folder) == []  # not left behind by a worker that ends with os._exit


def test_a_stylesheet_that_warns_is_not_kept_ahead_and_every_part_says_so(folder: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "_ahead", [])
    job = tiny_job(folder, MONTHS[:2], css=LOADED + " h2 { colour: red }")  # no such property: WeasyPrint warns
    pdf.parse_ahead(replace(job, parts=()))
    assert pdf._ahead == [] and font_folders(folder) == []
    result = jobs.render_pdf(replace(job, parallel=False), job_target(folder))
    assert result.written and any("colour" in warning for warning in result.warnings)


def test_a_stylesheet_parsed_ahead_serves_only_its_own_job(folder: Path, parses: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "_ahead", [])
    job = replace(tiny_job(folder, MONTHS[:2], css=LOADED), parallel=False)
    pdf.parse_ahead(replace(job, parts=(), generated_css=job.generated_css + " h2 { color: red }"))
    assert len(pdf._ahead) == 1
    render(job, job_target(folder))
    assert len(parses.read_text().split()) == 2  # another stylesheet: parsed for the parts
    pdf.forget_ahead()
    assert pdf._ahead == [] and font_folders(folder) == []
