"""Templates reach nothing outside templates/ (issue 18, "loaders refuse paths outside templates/"): an include,
import or extends of a path outside, absolute or through a symlink is refused with the template and line, and
nothing of the file it aimed at reaches the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import CliRunner, assert_clean_failure
from tests.cli.test_hostile import COVER_END, COVER, Edit, cover

OUTSIDE = "liegt außerhalb von templates/ – Vorlagen dürfen nur Dateien aus templates/ einbinden."


def symlinked_out(root: Path) -> None:
    """Put a template into templates/ that is a symlink to a file outside the project, and include it."""
    secret = root.parent / f"{root.name}-secret.txt"
    secret.write_text("GEHEIM", encoding="utf-8")
    (root / "templates" / "pages" / "secret.j2").symlink_to(secret)
    cover("{% include 'pages/secret.j2' %}")(root)


CASES: list[tuple[str, Edit, str]] = [
    ("include-dotdot", cover("{% include '../content/edition.yaml' %}"),
     f"{COVER}:{COVER_END}: Fehler: Die Vorlage '../content/edition.yaml' {OUTSIDE}"),
    ("include-absolute", cover("{% include '/etc/hostname' %}"),
     f"{COVER}:{COVER_END}: Fehler: Die Vorlage '/etc/hostname' {OUTSIDE}"),
    ("import-dotdot", cover("{% import '../../../etc/hostname' as h %}"),
     f"{COVER}:{COVER_END}: Fehler: Die Vorlage '../../../etc/hostname' {OUTSIDE}"),
    ("symlink-out", symlinked_out,
     "templates/pages/secret.j2: Fehler: Die Vorlage verweist (Symlink) aus dem Kalenderprojekt hinaus – bitte die "
     "Datei selbst in templates/ legen."),
]


@pytest.mark.parametrize(("case", "edit", "expected"), CASES, ids=[row[0] for row in CASES])
def test_templates_reach_nothing_outside(case: str, edit: Edit, expected: str, sample: Path, cli: CliRunner) -> None:
    edit(sample)
    run = cli("check", sample)
    assert_clean_failure(run)
    assert run.lines == [expected], run.err
    assert "GEHEIM" not in run.out + run.err
