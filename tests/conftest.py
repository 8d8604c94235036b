"""Shared fixtures: the repository root and a copy of the sample project to break."""

from __future__ import annotations

import shutil
from pathlib import Path

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
