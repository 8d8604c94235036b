"""Problems an editor can fix, and the one error type that carries them to the CLI."""

from __future__ import annotations

import difflib
import errno
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems


def promoted(warnings: Sequence[Problem], strict: bool) -> list[Problem]:
    """Return the warnings, as errors under --strict."""
    return [Problem(p.path, p.line, p.message, "error") for p in warnings] if strict else list(warnings)


@contextmanager
def keeping(warnings: Sequence[Problem], strict: bool = False) -> Iterator[None]:
    """Let a ContentError raised inside also carry the warnings found before it: an editor sees every problem
    of a run at once, not the warnings only after the errors are mended."""
    try:
        yield
    except ContentError as exc:
        raise ContentError(list(dict.fromkeys([*promoted(warnings, strict), *exc.problems]))) from exc


class UsageError(Exception):
    """Raised for command-line misuse; the CLI exits with 2."""


def suggestion(word: object, choices: Iterable[str]) -> str:
    """Return " Meinten Sie 'eid-al-fitr'?" for a close known word (case ignored), else ''."""
    if not isinstance(word, str) or not word:
        return ""
    known = list(choices)
    by_fold = {c.casefold(): c for c in known}
    close = difflib.get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=0.75)
    return f" Meinten Sie '{by_fold[close[0]]}'?" if close and by_fold[close[0]] != word else ""


def count(number: int, singular: str, plural: str) -> str:
    """Return '1 Warnung', '0 Warnungen', '2 Seiten': the number with the German singular or plural."""
    return f"{number} {singular if number == 1 else plural}"


def problem_summary(errors: int, warnings: int) -> str:
    """Return '1 Fehler, 1 Warnung' ('Fehler' is singular and plural alike)."""
    return f"{errors} Fehler, {count(warnings, 'Warnung', 'Warnungen')}"


def print_problems(problems: list[Problem]) -> tuple[int, int]:
    """Print every problem to stderr as `path:line: Fehler: …`; return (errors, warnings)."""
    for problem in problems:
        print(problem.render(), file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    return errors, len(problems) - errors


def display_path(path: Path, root: Path) -> str:
    """Return `path` relative to the project root where possible, with forward slashes."""
    # As written first: a symlink pointing out of the project is still named by where it lies.
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside, or a symlink loop
        return path.name


# What a failed file operation means for an editor, by errno (Linux names).
_ERRNO_DE = {
    errno.ENOENT: "Datei oder Ordner fehlt",
    errno.EACCES: "Keine Berechtigung zum Lesen oder Schreiben – bitte die Zugriffsrechte prüfen",
    errno.EPERM: "Keine Berechtigung zum Lesen oder Schreiben – bitte die Zugriffsrechte prüfen",
    errno.ENOSPC: "Der Datenträger ist voll – bitte Platz schaffen oder mit --out einen anderen Ordner wählen",
    errno.EDQUOT: "Das Speicherkontingent ist erschöpft – bitte Platz schaffen",
    errno.EFBIG: "Die Datei wird zu groß für diesen Datenträger",
    errno.EROFS: "Der Datenträger ist schreibgeschützt – bitte einen beschreibbaren Ordner wählen (mit --out)",
    errno.ENOTDIR: "Ein Teil des Pfads ist eine Datei, kein Ordner",
    errno.EISDIR: "Dies ist ein Ordner, keine Datei",
    errno.ELOOP: "Symlink-Schleife (der Verweis zeigt auf sich selbst)",
    errno.ENAMETOOLONG: "Der Pfad ist zu lang",
    errno.EIO: "Ein-/Ausgabefehler des Datenträgers",
    errno.EMFILE: "Zu viele offene Dateien",
    errno.ENFILE: "Zu viele offene Dateien",
    errno.ENXIO: "Dies ist keine gewöhnliche Datei (Socket oder Gerät)",
    errno.EBUSY: "Die Datei ist gerade in Benutzung – bitte das Programm schließen, in dem sie geöffnet ist (z. B. "
                 "den PDF-Betrachter), und den Befehl wiederholen",
    errno.EEXIST: "Dieser Name ist schon vergeben",
    errno.ENOTEMPTY: "Der Ordner ist nicht leer",
    errno.EXDEV: "Die Datei liegt auf einem anderen Datenträger",
    errno.ENOMEM: "Zu wenig Arbeitsspeicher",
    errno.EPIPE: "Die Ausgabe wurde geschlossen",
}


def os_error_message(exc: OSError) -> str:
    """Return a German sentence for a failed file operation (without the file name)."""
    from calendar_build.paths import NotRegularFile  # noqa: PLC0415 - paths imports nothing of ours

    if isinstance(exc, NotRegularFile):
        return f"{exc.strerror} – bitte eine gewöhnliche Datei an diese Stelle legen"
    return _ERRNO_DE.get(exc.errno or 0, f"Dateifehler ({errno.errorcode.get(exc.errno or 0, exc.errno)})")


# Hidden files and folders an output is staged in before it is renamed into place (output.py, preview.py):
# ".name.new", ".name.old", ".name.RANDOM.part", ".name.PIDxHEX.staged" (and its ".old", the earlier file kept
# during a commit) stand for the output "name".
_STAGED = re.compile(r"^\.(?P<name>.+?)(?:\.new|\.old|\.[A-Za-z0-9_]{6,}\.part|\.\d+x[0-9a-f]+\.(?:staged|old))$")


def _visible(path: str) -> str:
    """Return the output a staged temporary file or folder stands for (other paths unchanged)."""
    head, _, name = path.rpartition("/")
    staged = _STAGED.match(name)
    return f"{head}/{staged['name']}" if staged and head else staged["name"] if staged else path


def os_error_problem(exc: OSError, root: Path | None = None) -> Problem:
    """Return a failed file operation as a problem naming the file (relative to `root` where possible)."""
    shown = "calendar-build" if exc.filename is None else _visible(os.fsdecode(exc.filename))
    if root is not None and exc.filename is not None:
        try:
            shown = Path(os.path.abspath(shown)).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            pass  # outside the project (an --out folder): the whole path says most
    return Problem(shown, None, f"{os_error_message(exc)}.")


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
