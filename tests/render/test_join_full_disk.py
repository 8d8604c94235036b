"""A full disk while the parts are joined (issue 18: "a C++ abort from the PDF joiner"): the failed write reaches us
as an OSError naming ENOSPC – the process lives on to print a German message – and the parts stay readable."""

from __future__ import annotations

import errno
import io
import random
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


class FillsUp(io.RawIOBase):
    """A writable stream on a device that fills up after `room` bytes; records what it was given."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room, self.pieces = room, list[int]()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        size = len(memoryview(data))  # type: ignore[arg-type]
        if sum(self.pieces) + size > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.pieces.append(size)
        return size


def large_parts(folder: Path, count: int) -> list[Path]:
    """Write `count` one-page PDFs, each with a megabyte of image data (noise: it stays a megabyte), and return
    their paths."""
    made = []
    for number in range(count):
        pdf = pikepdf.new()
        pdf.add_blank_page(page_size=(200, 300))
        pdf.pages[0].Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=pikepdf.Stream(
            pdf, random.Random(number).randbytes(1 << 20), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1024,
            Height=1024, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)))
        pdf.save(folder / f"large-{number}.pdf")
        made.append(folder / f"large-{number}.pdf")
    return made


def test_the_joined_pdf_streams_into_the_file_and_a_disk_full_midway_is_an_os_error(tmp_path: Path) -> None:
    files = large_parts(tmp_path, 3)
    whole = FillsUp(1 << 30)
    join_pdfs(files, whole)
    assert sum(whole.pieces) > 3 << 20 and max(whole.pieces) < sum(whole.pieces) / 2  # never the whole PDF at once
    midway = FillsUp(1 << 20)
    try:
        join_pdfs(files, midway)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    else:
        raise AssertionError("the full disk went unnoticed")
    assert sum(midway.pieces) <= 1 << 20
