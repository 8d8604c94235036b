"""The example projects in examples/ check clean with the program's catalogue and templates copied in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from calendar_build.cli import main
from calendar_build.content.loader import load_content
from calendar_build.errors import Problems
from calendar_build.portraits.loader import load_portraits
from calendar_build.region.scaffold import refresh_shared
from calendar_build.region.view import region_view
from tests.conftest import REPO
from tools.make_sample_photos import make_photos

EXAMPLES = {  # folder: (region, state as printed, one town of the profile)
    "landkreis-fuerstenfeldbruck": ("DE-BY", "in Bayern", "Germering"),
    "berlin": ("DE-BE", "in Berlin", "Neukölln"),
    "koeln": ("DE-NW", "in Nordrhein-Westfalen", "Ehrenfeld"),
    "wien": ("AT-9", "in Wien", "Favoriten"),
}


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in (REPO / "examples").iterdir() if p.is_dir()) == sorted(EXAMPLES)


@pytest.mark.full
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_checks_clean(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / name
    for part in ("content/edition.yaml", "content/logo.svg"):
        (root / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "examples" / name / part, root / part)
    shutil.copytree(REPO / "examples" / name / "portraits", root / "portraits",
                    ignore=shutil.ignore_patterns("*.jpg"))
    refresh_shared(root)
    make_photos(root / "portraits" / "2027", (3600, 2700))
    code = main(["check", "--root", str(root), "--year", "2027"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "0 Fehler, 0 Warnungen" in out
    content = load_content(root)
    region, in_name, town = EXAMPLES[name]
    assert content.edition.region == region and town in content.edition.towns
    view = region_view(content, 2027)
    assert view.legal_line == f"Sonntage und gesetzliche Feiertage {in_name} sind rot gedruckt."
    assert view.school_legend.startswith(f"Das hellblaue Band zeigt die Schulferien {in_name}:")
    assert view.logo.endswith("logo.svg")
    assert "Musterausgabe" in content.edition.publisher
    problems = Problems()
    portraits = load_portraits(root, 2027, problems, towns=content.edition.towns, rules=content.edition.portraits)
    assert len(portraits) == 12 and all(p.spec.sample for p in portraits)  # fictional, marked as samples
