"""A full disk while the parts are joined (issue 18: "a C++ abort from the PDF joiner"): the failed write reaches us
as an OSError naming ENOSPC – the process lives on to print a German message – and the parts stay readable."""

from __future__ import annotations

import errno
import io
import subprocess
import sys
from pathlib import Path

import pikepdf

from calendar_build.render.join import join_pdfs


class FullDisk(io.RawIOBase):
    """A writable stream on a device that is full."""

    def writable(self) -> bool:
        return True

    def write(self, _data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def parts(folder: Path, count: int) -> list[Path]:
    """Write `count` one-page PDFs and return their paths."""
    made = []
    for number in range(count):
        pdf = pikepdf.new()
        pdf.add_blank_page(page_size=(200 + number, 300))
        pdf.save(folder / f"part-{number}.pdf")
        made.append(folder / f"part-{number}.pdf")
    return made


def test_full_disk_is_an_os_error_not_an_abort(tmp_path: Path) -> None:
    # In a child process: an abort (SIGABRT) would end it with -6 instead of printing the errno.
    files = parts(tmp_path, 2)
    script = (
        "import errno, io, sys\n"
        "from pathlib import Path\n"
        "from calendar_build.render.join import join_pdfs\n"
        "from tests.render.test_join_full_disk import FullDisk\n"
        "try:\n"
        f"    join_pdfs([Path(p) for p in {[str(f) for f in files]!r}], FullDisk())\n"
        "except OSError as exc:\n"
        "    print(errno.errorcode[exc.errno])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2], check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "ENOSPC"), done.stderr
    for path in files:
        with pikepdf.open(path) as part:
            assert len(part.pages) == 1
