"""Shared fixtures: the repository root and a copy of the sample project to break."""

from __future__ import annotations

import resource
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    """Return the repository root (the sample calendar project)."""
    return REPO


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a fresh copy of the sample project's content, portraits and templates to modify."""
    for name in ("content", "portraits", "templates"):
        source = REPO / name
        if source.exists():
            shutil.copytree(source, tmp_path / name)
    return tmp_path


# --- time per test folder, printed at the end of every run ------------------------------------------------------
# Wall time and CPU time (this process and its children): on a busy machine the CPU time still says what a
# folder costs, and `make test`'s target (under two minutes on two cores) is judged by both.
_SPENT: dict[str, list[float]] = {}


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """Add the test's wall and CPU time (setup and teardown included) to its folder."""
    wall, cpu = time.perf_counter(), _cpu()
    yield
    folder = Path(str(item.path)).relative_to(REPO).parts[:2]
    name = "/".join(folder[:-1]) if len(folder) > 1 and folder[1].endswith(".py") else "/".join(folder)
    spent = _SPENT.setdefault(name if not name.endswith(".py") else "tests", [0.0, 0.0])
    spent[0] += time.perf_counter() - wall
    spent[1] += _cpu() - cpu


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the time each test folder took."""
    if not _SPENT:
        return
    terminalreporter.write_sep("-", "time per test folder (wall / CPU incl. child processes)")
    for name, (wall, cpu) in sorted(_SPENT.items(), key=lambda item: -item[1][0]):
        terminalreporter.write_line(f"{name:<24} {wall:7.1f} s  {cpu:7.1f} s")
