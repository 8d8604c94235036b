"""Fixtures for driving the command line end to end on a copy of the sample project.

The copies share one photo cache (a symlinked `.cache/calendar-build`): the cache is keyed by the
photos' bytes, so after the first test every `check` and `build` of the sample is warm and fast.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from calendar_build.cli import main
from tests.conftest import REPO
from tools.make_sample_photos import make_photos

YEAR = "2027"
# every line an editor sees on stderr: a problem, a summary, a shortened day cell
PROBLEM = re.compile(r"^[^\s:][^:]*(:\d+)?: (Fehler|Warnung): \S.*$")
PRODUCTS = "Druck-PDF A3, Bildschirm-PDF"  # what the sample edition makes: `check` checks every product
SUMMARY = re.compile(r"^(\d+ Fehler, \d+ Warnung(en)? – (nichts geschrieben|geschrieben: .*)\.|Gekürzt am .*|Enger gesetzt \(.*|Abgebrochen\.)$")


@dataclass(frozen=True)
class Run:
    """The outcome of one command: exit code and what it printed."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """Return the lines printed to stderr."""
        return self.err.splitlines()


@pytest.fixture(scope="session")
def sample_photos() -> None:
    """Make sure the sample edition's placeholder photos exist (generated once, never rewritten)."""
    folder = REPO / "portraits" / YEAR
    if any(not (folder / f"{spec.stem}.jpg").is_file() for spec in folder.glob("*.yaml")):
        make_photos(folder)


@pytest.fixture(scope="session")
def photo_cache(shared_cache: Path) -> Path:
    """Return the cache folder shared by all copies of the sample project (and by every worker of the run)."""
    return shared_cache


@pytest.fixture
def sample(project: Path, photo_cache: Path, sample_photos: None) -> Path:
    """Return a fresh copy of the sample project whose cache is the shared warm one."""
    (project / ".cache").mkdir()
    (project / ".cache" / "calendar-build").symlink_to(photo_cache, target_is_directory=True)
    return project


CliRunner = Callable[..., Run]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Return a runner: cli("check", root) runs `calendar-build check --root ROOT --year 2027` in-process."""

    def run(command: str, root: Path, *extra: str, year: str = YEAR) -> Run:
        capsys.readouterr()
        try:
            code = main([command, "--root", str(root), "--year", year, *extra])
        except SystemExit as exc:  # argparse: command-line misuse
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


def run_module(*args: str, cwd: Path | None = None, timeout: float = 120) -> Run:
    """Run `python -m calendar_build ARGS` in a child process, as an editor would."""
    done = subprocess.run([sys.executable, "-m", "calendar_build", *args], capture_output=True, text=True,
                          cwd=cwd or REPO, timeout=timeout, check=False)
    return Run(done.returncode, done.stdout, done.stderr)


def assert_clean_failure(run: Run) -> None:
    """Assert exit 1 and that every line on stderr is a German problem or the summary – no traceback."""
    assert run.code == 1, run.err
    assert "Traceback" not in run.err
    assert all(PROBLEM.match(line) or SUMMARY.match(line) for line in run.lines), run.err
