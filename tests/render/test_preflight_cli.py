"""`calendar-build preflight` on the built print PDFs: the A3 passes, the A4 is sent back for its small list."""

from __future__ import annotations

import pytest

from calendar_build.cli import main
from tests.render.conftest import Built


def test_preflight_of_the_print_pdfs(print_builds: Built, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["preflight", "--no-glyphs", str(print_builds.pdf)])
    out = capsys.readouterr().out
    assert "Druckbedingung FOGRA39" in out and "Schriften alle eingebettet" in out
    assert len([line for line in out.splitlines() if line[:5].strip().isdigit()]) == print_builds.report.pages
    assert code == 0 and "– 0 Fehler." in out, out  # A3 and A4 alike (A4's month list is 6 pt since issue 10)
