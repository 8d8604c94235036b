"""Problems an editor can fix, and the one error type that carries them to the CLI."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]

_SEVERITY_DE = {"error": "Fehler", "warning": "Warnung"}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content: where it is and what to do."""

    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def render(self) -> str:
        """Return the problem as `path:line: Fehler: message`."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {_SEVERITY_DE[self.severity]}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found; the CLI prints them and exits with 1."""

    def __init__(self, problems: list[Problem], written: Sequence[str] = (), not_written: Sequence[str] = ()) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems
        self.written, self.not_written = tuple(written), tuple(not_written)  # products, where some were written


class UsageError(Exception):
    """Raised for command-line misuse; the CLI exits with 2."""


def print_problems(problems: list[Problem]) -> tuple[int, int]:
    """Print every problem to stderr as `path:line: Fehler: …`; return (errors, warnings)."""
    for problem in problems:
        print(problem.render(), file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    return errors, len(problems) - errors


def display_path(path: Path, root: Path) -> str:
    """Return `path` relative to the project root where possible, with forward slashes."""
    # As written first: a symlink pointing out of the project is still named by where it lies.
    written = (Path(os.path.abspath(path)), Path(os.path.abspath(root)))
    for candidate, base in (written, (path.resolve(), root.resolve())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.name


class Problems:
    """Collects problems while validating, so all are reported at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, path: str, line: int | None, message: str) -> None:
        """Record an error."""
        self.items.append(Problem(path, line, message, "error"))

    def warning(self, path: str, line: int | None, message: str) -> None:
        """Record a warning."""
        self.items.append(Problem(path, line, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        """Return only the errors."""
        return [p for p in self.items if p.severity == "error"]

    def raise_if_errors(self) -> None:
        """Raise ContentError when any error was recorded."""
        if self.errors:
            raise ContentError(self.items)
