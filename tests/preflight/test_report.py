"""Preflight finds what a printer sends back: no output intent, grey black that knocks out, tiny text."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import HTML

from calendar_build.cli import main
from calendar_build.preflight.report import format_report, has_errors, preflight

BAD = ("<style>@page { size: 80mm 40mm; margin: 5mm } body { font-family: sans-serif }</style>"
       "<p style='color: device-cmyk(0 0 0 0.92); font-size: 10pt'>Grau statt Schwarz</p>"
       "<p style='color: device-cmyk(0 0 0 1); font-size: 4.5pt'>winzig und aussparend</p>")


@pytest.fixture
def bad_pdf(tmp_path: Path) -> Path:
    target = tmp_path / "schlecht.pdf"
    HTML(string=BAD).write_pdf(target)
    return target


def test_errors_of_a_pdf_made_without_care(bad_pdf: Path) -> None:
    result = preflight(bad_pdf, glyph_check=False)
    errors = " / ".join(result.errors)
    assert "schwarze Textstellen nicht 100 % K (K 92 %)" in errors
    assert "überdrucken nicht" in errors
    assert "unter 6 pt (kleinste 4.50 pt)" in errors
    assert result.condition == "" and has_errors(result)
    assert "keine Druckbedingung" in format_report(bad_pdf, result)


RULES = [
    # (thickness pt, colour, error expected): solid 0.25 pt, dark tints 0.3 pt, light tints 0.5 pt
    (0.3, "0 0 0 1", False),
    (0.2, "0 0 0 1", True),
    (0.35, "0 0 0 0.7", False),
    (0.25, "0 0 0 0.7", True),
    (0.5, "0 0 0 0.22", False),
    (0.4, "0 0 0 0.22", True),  # the month grid before issue 10: dotted at 60 lines/cm
    (0.4, "0.12 0 0 0", True),
]


@pytest.mark.parametrize(("width", "colour", "expected"), RULES)
def test_thin_rules(width: float, colour: str, expected: bool, tmp_path: Path) -> None:
    target = tmp_path / "linie.pdf"
    HTML(string="<style>@page { size: 80mm 60mm; margin: 20mm 5mm 5mm }</style>"
                f"<div style='border-top: {width}pt solid device-cmyk({colour}); height: 10mm'></div>").write_pdf(target)
    errors = " / ".join(preflight(target, glyph_check=False).errors)
    assert ("Linien zu dünn" in errors) is expected, errors


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["preflight", "fehlt.pdf"], 2, "nicht gefunden"),
    (["preflight"], 2, "Diese Angaben fehlen"),
])
def test_usage_errors(argv: list[str], code: int, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    if argv == ["preflight"]:
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == code
    else:
        assert main(argv) == code
    assert message in capsys.readouterr().err


def test_a_file_that_is_no_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "kaputt.pdf"
    fake.write_text("kein PDF", encoding="utf-8")
    assert main(["preflight", str(fake)]) == 2
    assert "keine lesbare PDF" in capsys.readouterr().err


def test_exit_one_on_errors(bad_pdf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preflight", "--no-glyphs", str(bad_pdf)]) == 1
    assert "Fehler." in capsys.readouterr().out


def test_text_in_the_binding_strip_is_an_error(tmp_path: Path) -> None:
    """Wire-O at the top edge: 12 mm free of text; the same text 20 mm down passes."""
    for top_mm, expected in ((4, True), (20, False)):
        target = tmp_path / f"oben-{top_mm}.pdf"
        HTML(string=f"<style>@page {{ size: 80mm 60mm; margin: {top_mm}mm 5mm 5mm }}</style>"
                    "<p style='color: device-cmyk(0 0 0 1); font-size: 10pt'>Titel</p>").write_pdf(target)
        errors = " / ".join(preflight(target, glyph_check=False).errors)
        assert ("Bindestreifen" in errors) is expected, errors
        assert "Bindestreifen" not in " / ".join(preflight(target, glyph_check=False, strip_mm=0).errors)
