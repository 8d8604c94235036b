"""Every program the builder and the tests start comes from a Debian package `make install` installs.

A fresh Debian 12 machine has none of them; a program that merely happened to be on the developer's machine
(poppler's pdftotext was one) makes `make test` fail on the next one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

# A program named as the first word of a command given to subprocess or kept in `command`, or found with shutil.which.
STARTED = re.compile(r'(?:(?:subprocess\.\w+\(|command\s*=)\s*\[\s*|shutil\.which\()"([a-z][a-z0-9-]*)"')


def apt_packages() -> set[str]:
    """Return the packages in the Makefile's APT_PACKAGES (continued lines joined)."""
    text = (REPO / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    line = next(line for line in text.splitlines() if line.startswith("APT_PACKAGES :="))
    return set(line.split(":=", 1)[1].split())


def started_programs() -> set[str]:
    """Return the programs named as commands in the package, the tests and the tools."""
    found: set[str] = set()
    for folder in ("calendar_build", "tests", "tools"):
        for path in (REPO / folder).rglob("*.py"):
            found.update(STARTED.findall(path.read_text(encoding="utf-8")))
    return found


def test_the_scan_finds_the_programs_we_know_we_start() -> None:
    assert {"gs", "mutool", "pdftotext", "pdftoppm", "colprof", "fc-match", "chromium"} <= started_programs()


def test_the_makefile_lists_poppler_beside_ghostscript_and_mupdf() -> None:
    assert {"ghostscript", "mupdf-tools", "poppler-utils", "argyll", "fontconfig", "chromium"} <= apt_packages()


@pytest.mark.parametrize("program", sorted(started_programs()))
def test_every_started_program_comes_from_a_package_make_install_installs(program: str) -> None:
    path = shutil.which(program)
    assert path is not None, f"{program} fehlt: make install hätte es installieren müssen"
    owner = subprocess.run(["dpkg", "-S", str(Path(path).resolve())], capture_output=True, text=True)
    if owner.returncode != 0:  # /usr/bin/x may be a link the package ships under another name
        owner = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
    assert owner.returncode == 0, f"{program} ({path}) gehört zu keinem Debian-Paket"
    packages = {entry.split(":")[0].strip() for entry in owner.stdout.split(": ", 1)[0].split(",")}
    assert packages & apt_packages() or any(essential(package) for package in packages), \
        f"{program} kommt aus {packages}, das nicht in APT_PACKAGES steht"


def essential(package: str) -> bool:
    """Return whether a package is one of Debian's essential ones, on every Debian machine (dpkg itself)."""
    query = subprocess.run(["dpkg-query", "-W", "-f", "${Essential}", package], capture_output=True, text=True)
    return query.stdout.strip() == "yes"


def recipe(target: str) -> str:
    """Return the commands of a Makefile target."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n)+)", text, re.M)
    assert found is not None, target
    return found.group(1)


def test_the_two_tiers_together_run_every_test_and_ci_runs_both() -> None:
    """make test leaves out the tests marked `full`, make test-full runs exactly those, CI runs one after the other."""
    assert '-m "not full"' in recipe("test") and "-m mypy" in recipe("test")
    assert "-m full" in recipe("test-full")
    ci = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert ci.index("make test") < ci.index("make test-full")
    config = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "--strict-markers" in config and '"full: ' in config  # a misspelt mark is an error, not a third tier
