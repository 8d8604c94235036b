"""Faults of the machine, not of the content: a full disk, a read-only folder, a folder in a file's place.

Every failed file operation reaches the editor as one German line naming the file, with exit 1
and no traceback (errno names as in errno(3)); the earlier outputs stay byte-identical.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from calendar_build import cli as cli_module
from tests.cli.conftest import YEAR, CliRunner, Run, assert_clean_failure
from tests.conftest import REPO

FULL = "Der Datenträger ist voll – bitte Platz schaffen oder mit --out einen anderen Ordner wählen."


def failing(exc: BaseException) -> Callable[..., int]:
    """Return a command that fails with `exc`."""
    def run(*_args: object) -> int:
        raise exc
    return run


# (case, exception raised inside a command, the line an editor sees); filenames inside the project are shown
# relative to it, others in full
BOUNDARY = [
    ("ENOSPC", OSError(errno.ENOSPC, "No space left on device", "/srv/out/calendar.pdf"), f"/srv/out/calendar.pdf: Fehler: {FULL}"),
    ("staged-file", OSError(errno.ENOSPC, "No space left on device", "{root}/output/2027/.calendar.pdf.k3j4h5g6.part"),
     f"output/2027/calendar.pdf: Fehler: {FULL}"),  # the output, not the temporary file it was staged in
    ("EDQUOT", OSError(errno.EDQUOT, "Disk quota exceeded", "/srv/out/x.ics"),
     "/srv/out/x.ics: Fehler: Das Speicherkontingent ist erschöpft – bitte Platz schaffen."),
    ("EROFS", OSError(errno.EROFS, "Read-only file system", "/media/cd/output"),
     "/media/cd/output: Fehler: Der Datenträger ist schreibgeschützt – bitte einen beschreibbaren Ordner wählen "
     "(mit --out)."),
    ("EACCES", PermissionError(errno.EACCES, "Permission denied", "{root}/output/2027"),
     "output/2027: Fehler: Keine Berechtigung zum Lesen oder Schreiben – bitte die Zugriffsrechte prüfen."),
    ("ENOTDIR", NotADirectoryError(errno.ENOTDIR, "Not a directory", "{root}/.cache/calendar-build/photos"),
     ".cache/calendar-build/photos: Fehler: Ein Teil des Pfads ist eine Datei, kein Ordner."),
    ("EISDIR", IsADirectoryError(errno.EISDIR, "Is a directory", "{root}/output/2027/calendar-2027-print.pdf"),
     "output/2027/calendar-2027-print.pdf: Fehler: Dies ist ein Ordner, keine Datei."),
    ("EBUSY", OSError(errno.EBUSY, "Device or resource busy", "{root}/output/2027/calendar-2027-print-a3.pdf"),
     "output/2027/calendar-2027-print-a3.pdf: Fehler: Die Datei ist gerade in Benutzung – bitte das Programm "
     "schließen, in dem sie geöffnet ist (z. B. den PDF-Betrachter), und den Befehl wiederholen."),
    ("ELOOP", OSError(errno.ELOOP, "Too many levels of symbolic links", "{root}/content/holidays/x.yaml"),
     "content/holidays/x.yaml: Fehler: Symlink-Schleife (der Verweis zeigt auf sich selbst)."),
    ("EIO", OSError(errno.EIO, "Input/output error", None),
     "calendar-build: Fehler: Ein-/Ausgabefehler des Datenträgers."),
    ("broken-pool", BrokenProcessPool("A process in the process pool was terminated abruptly"),
     "calendar-build: Fehler: Ein Arbeitsprozess wurde beendet (zu wenig Arbeitsspeicher?) – nichts geschrieben."),
    ("memory", MemoryError(), "calendar-build: Fehler: Zu wenig Arbeitsspeicher – nichts geschrieben."),
]


@pytest.mark.parametrize(("case", "exc", "expected"), BOUNDARY, ids=[row[0] for row in BOUNDARY])
def test_os_errors_become_one_german_line(case: str, exc: BaseException, expected: str, tmp_path: Path,
                                          cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    if isinstance(exc, OSError) and exc.filename:
        exc = type(exc)(exc.errno, exc.strerror, exc.filename.format(root=tmp_path))
    monkeypatch.setattr(cli_module, "cmd_check", failing(exc))
    run = cli("check", tmp_path)
    assert run == Run(1, "", expected + "\n")


def test_ics_into_a_folder_in_the_files_place_changes_nothing(sample: Path, cli: CliRunner) -> None:
    out = sample / "output"
    out.mkdir()
    (out / f"holidays-{YEAR}-christian.ics").write_bytes(b"earlier")
    (out / f"holidays-{YEAR}.ics").mkdir()
    run = cli("ics", sample, "--out", str(out))
    assert_clean_failure(run)
    assert run.lines == [f"output/holidays-{YEAR}.ics: Fehler: Dies ist ein Ordner, keine Datei."]
    assert sorted(p.name for p in out.iterdir()) == [f"holidays-{YEAR}-christian.ics", f"holidays-{YEAR}.ics"]
    assert (out / f"holidays-{YEAR}-christian.ics").read_bytes() == b"earlier"


@pytest.mark.full
def test_full_disk_while_writing_the_pdf(sample: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC injected where the finished PDF is flushed to disk; the earlier PDF stays, no temporary file."""
    out = sample / "output"
    out.mkdir()
    earlier = out / f"calendar-{YEAR}-print-a3.pdf"
    earlier.write_bytes(b"%PDF-1.7 earlier\n%%EOF\n")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    run = cli("build", sample, "--out", str(out))
    assert_clean_failure(run)
    assert run.lines == [f"output/calendar-{YEAR}-print-a3.pdf: Fehler: {FULL}"]
    assert [p.name for p in out.iterdir()] == [earlier.name]
    assert earlier.read_bytes() == b"%PDF-1.7 earlier\n%%EOF\n"


@pytest.mark.parametrize(("case", "args", "env"), [
    ("stdout-full", ["holidays", "--format", "json"], {}),
    ("ascii-terminal", ["holidays", "--format", "csv"], {"PYTHONIOENCODING": "ascii"}),
])
def test_output_streams(case: str, args: list[str], env: dict[str, str], sample: Path) -> None:
    with open("/dev/full" if case == "stdout-full" else os.devnull, "w") as target:
        done = subprocess.run([sys.executable, "-m", "calendar_build", *args, "--root", str(sample), "--year", YEAR],
                              stdout=target if case == "stdout-full" else subprocess.PIPE, stderr=subprocess.PIPE,
                              cwd=REPO, timeout=120, env={**os.environ, **env}, check=False)
    stderr = done.stderr.decode()
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    if case == "stdout-full":
        assert (done.returncode, stderr) == (1, f"calendar-build: Fehler: {FULL}\n")
    else:  # the table is UTF-8 as a file would be, not escaped for the terminal
        assert (done.returncode, stderr) == (0, "")
        assert "Naw-Rúz".encode() in done.stdout


@pytest.mark.full
@pytest.mark.parametrize(("case", "blocked", "warning"), [
    ("cache-is-a-file", ".cache/calendar-build",
     ".cache/calendar-build: Warnung: Zwischenspeicher nicht nutzbar (dort liegt eine Datei statt eines Ordners) – "
     "es wird ohne ihn gebaut (langsamer)."),
])
def test_unusable_cache_is_a_warning(case: str, blocked: str, warning: str, project: Path, cli: CliRunner) -> None:
    """A file where the cache folder belongs: the check still runs, without the cache, and says so."""
    (project / blocked).parent.mkdir(parents=True, exist_ok=True)
    (project / blocked).write_bytes(b"not a folder")
    run = cli("check", project)
    assert (run.code, run.lines) == (0, [warning]), run.err
    assert (project / blocked).read_bytes() == b"not a folder"
