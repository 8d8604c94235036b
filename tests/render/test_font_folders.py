"""WeasyPrint's folder of `@font-face` fonts ('weasyprint-…' in the temporary folder) is removed after each part.

WeasyPrint removes it only when its FontConfiguration is collected, which a pool worker ending with os._exit never
does: every build left two such folders behind in /tmp, a `watch` session one per change.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest

from calendar_build.products import PRODUCTS
from calendar_build.render import pdf
from calendar_build.render.job import PdfJob

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")  # fonts-dejavu-core: in the README's packages


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return the temporary folder WeasyPrint writes to in this test (a folder of the test's own)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def job(tmp_path: Path, *, draft: bool, size: int = 12) -> PdfJob:
    """Return a one-page screen job whose stylesheet loads a font by `@font-face`."""
    css = (f"@font-face {{ font-family: 'Loaded'; src: url('{FONT.as_uri()}'); }} "
           f"@page {{ size: 100mm 100mm }} p {{ font-family: 'Loaded'; font-size: {size}pt }}")
    return PdfJob(parts=("<html lang='de'><body><p>Fünf Uhr</p></body></html>",), base_dir=tmp_path,
                  generated_css=css, allowed=(tmp_path,), product=PRODUCTS["screen"], draft=draft)


def test_a_part_leaves_no_font_folder_behind(tmp_path: Path, temporary: Path) -> None:
    seen: list[Path] = []
    loaded = pdf._stylesheet

    def noting(*args: object, **kwargs: object) -> object:
        sheet = loaded(*args, **kwargs)  # type: ignore[arg-type]
        seen.extend(temporary.glob("weasyprint-*"))
        return sheet

    pdf_bytes = io.BytesIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "_stylesheet", noting)
        part = pdf._render_part(job(tmp_path, draft=False), 0, pdf_bytes)
    assert part.usable and pdf_bytes.getvalue().startswith(b"%PDF")
    assert seen, "the font was loaded through a folder of WeasyPrint's: the test sees what it removes"
    assert list(temporary.iterdir()) == []


def test_a_draft_keeps_the_fonts_of_its_stylesheet_until_the_next_one(tmp_path: Path, temporary: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "_kept", [])
    pdf._render_part(job(tmp_path, draft=True), 0, io.BytesIO())
    first = list(temporary.glob("weasyprint-*"))
    assert len(first) == 1  # kept with the parsed stylesheet for the next preview
    pdf._render_part(job(tmp_path, draft=True), 0, io.BytesIO())
    assert list(temporary.glob("weasyprint-*")) == first  # the same stylesheet again: reused
    pdf._render_part(job(tmp_path, draft=True, size=14), 0, io.BytesIO())
    second = list(temporary.glob("weasyprint-*"))
    assert len(second) == 1 and second != first  # another one: the old folder removed
    pdf._discard_kept()  # as at the end of the process
    assert list(temporary.iterdir()) == []


def test_a_forked_worker_leaves_the_parents_fonts_alone(tmp_path: Path, temporary: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "_kept", [])
    pdf._render_part(job(tmp_path, draft=True), 0, io.BytesIO())
    [kept] = pdf._kept
    monkeypatch.setattr(pdf, "_kept", [pdf._Stylesheet(kept.key, kept.font_config, kept.color_profiles, kept.css,
                                                       owner=kept.owner + 1)])  # parsed by another process
    pdf._discard_kept()
    assert len(list(temporary.glob("weasyprint-*"))) == 1
    pdf._discard(kept)
    assert list(temporary.iterdir()) == []


def test_a_pool_worker_keeps_no_draft_stylesheet(tmp_path: Path, temporary: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview's second part is set in a worker that ends with it: its draft's fonts go with the part."""
    monkeypatch.setattr(pdf, "_kept", [])
    monkeypatch.setattr(pdf.multiprocessing, "parent_process", lambda: object())  # as in a pool's worker
    pdf._render_part(job(tmp_path, draft=True), 0, io.BytesIO())
    assert pdf._kept == [] and list(temporary.iterdir()) == []
