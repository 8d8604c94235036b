"""Nothing lost: an interrupted or failed build, a broken cache entry, two builds at once.

The kill tests start a real build in a child process and stop it while it writes the PDF (seen
in /proc: the child holds an unnamed file open in the output folder), then show the earlier PDF
is byte-identical and no temporary file is left behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from calendar_build.pipeline import BuildOptions
from calendar_build.stages.photos import prepare
from calendar_build.stages.validate import validate
from tests.cli.conftest import CliRunner, PRODUCTS, Run, YEAR, assert_clean_failure
from tests.cli.test_bad_input import COVER, append
from tests.cli.test_check import snapshot
from tests.conftest import REPO

pytestmark = pytest.mark.full  # the whole space: make test-full

PDF = f"calendar-{YEAR}-print-a3.pdf"
EARLIER = {PDF: b"%PDF-1.7 the earlier, good calendar\n%%EOF\n",
           f"holidays-{YEAR}.ics": b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
           "html-print-a3/calendar.html": b"<!doctype html><p>earlier preview</p>"}


def earlier_outputs(out: Path) -> None:
    """Write the outputs of an 'earlier build' into `out`."""
    for name, data in EARLIER.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)


def files_in(out: Path) -> dict[str, bytes]:
    """Return every file below `out` (hidden ones included) with its bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def assert_untouched(out: Path) -> None:
    """Assert the earlier outputs are byte-identical and no new PDF or temporary file lies beside them."""
    found = files_in(out)
    assert {name: found.get(name) for name in EARLIER} == EARLIER
    assert [name for name in found if name.endswith((".pdf", ".part", ".tmp"))] == [PDF]


def writing_pdf(child: subprocess.Popen[bytes], out: Path) -> bool:
    """Return whether the child is writing into `out` right now: an unnamed (O_TMPFILE) or a .part file."""
    if any(p.name.endswith(".part") for p in out.iterdir()):
        return True
    try:
        links = [os.readlink(f"/proc/{child.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{child.pid}/fd")]
    except OSError:  # the child just closed a descriptor or ended
        return False
    return any(link.startswith(f"{out}/") and link.endswith("(deleted)") for link in links)


def start_build(root: Path, out: Path) -> subprocess.Popen[bytes]:
    """Start `calendar-build build` in a child process."""
    return subprocess.Popen([sys.executable, "-m", "calendar_build", "build", "--root", str(root), "--year", YEAR,
                             "--out", str(out), "--quiet"], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_interrupted_build_leaves_earlier_outputs(sig: signal.Signals, sample: Path) -> None:
    out = sample / "output"
    out.mkdir()
    earlier_outputs(out)
    child = start_build(sample, out)
    try:
        deadline = time.monotonic() + 120
        while not writing_pdf(child, out):
            assert child.poll() is None, f"the build ended before it wrote the PDF: {child.communicate()}"
            assert time.monotonic() < deadline, "the build never started writing the PDF"
            time.sleep(0.005)
        child.send_signal(sig)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert_untouched(out)
    if sig == signal.SIGINT:
        assert child.returncode == 130
        assert err.decode().splitlines()[-1] == "Abgebrochen."
        assert b"Traceback" not in err
    else:
        assert child.returncode == -signal.SIGKILL


def test_good_build_then_failed_build(sample: Path, cli: CliRunner) -> None:
    """A real PDF survives a later build that fails; neither build writes a content file."""
    out = sample / "output"
    before = snapshot(sample)
    first = cli("build", sample, "--out", str(out))
    assert first.code == 0, first.err
    assert first.out.splitlines()[0] == f"geschrieben: {out / PDF}"
    outputs = files_in(out)
    assert outputs[PDF].startswith(b"%PDF-")
    append(COVER, "{{ cal.nosuch }}\n")(sample)
    second = cli("build", sample, "--out", str(out))
    assert_clean_failure(second)
    assert files_in(out) == outputs
    del before["templates/pages/cover.html.j2"]  # the one file this test changed itself
    after = snapshot(sample)
    del after["templates/pages/cover.html.j2"]
    assert after == before


# --- the photo cache ----------------------------------------------------------------------------------------------

def entries(cache: Path) -> dict[str, dict[str, object]]:
    """Return the sidecars of a photo cache by key."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((cache / "photos").glob("*.json"))}


def used_keys(root: Path) -> list[str]:
    """Return the cache keys of the project's twelve prepared photos (a warm run)."""
    options = BuildOptions(root=root, year=int(YEAR))
    photos, _ = prepare(options, validate(options))
    return sorted(photo.path.stem for photo in [*photos.frames.values(), *photos.tiles.values()])


def assert_consistent(cache: Path) -> None:
    """Assert every entry is complete, its JPEG matching its sidecar (and its stamp, where that vouches for the
    JPEG as it is now: a stamp of a JPEG made again since is not trusted), and no temporary file is left."""
    found = entries(cache)
    for key, meta in found.items():
        assert hashlib.sha256((cache / "photos" / f"{key}.jpg").read_bytes()).hexdigest() == meta["sha256"]
    stamps = {p.stem: p.read_text(encoding="ascii") for p in (cache / "photos").glob("*.checked")}
    for key, stamp in stamps.items():
        jpeg = (cache / "photos" / f"{key}.jpg").stat()
        now = f"{jpeg.st_size} {jpeg.st_mtime_ns} {jpeg.st_ino}"
        assert stamp.rsplit(" ", 1)[0] != now or stamp == f"{now} {found[key]['sha256']}", key
    assert sorted(p.name for p in (cache / "photos").iterdir()) == sorted(
        [f"{key}{suffix}" for key in found for suffix in (".jpg", ".json")] + [f"{key}.checked" for key in stamps])


def own_cache(root: Path, shared: Path) -> Path:
    """Give the project its own copy of the warm shared cache; return it."""
    link = root / ".cache" / "calendar-build"
    link.unlink()
    shutil.copytree(shared / "photos", link / "photos")
    return link


def test_cache_survives_corrupt_and_truncated_entries(sample: Path, photo_cache: Path, cli: CliRunner) -> None:
    assert cli("check", sample).code == 0  # warm the shared cache
    cache = own_cache(sample, photo_cache)
    keys = used_keys(sample)
    assert len(keys) == 24  # twelve month frames and twelve cover tiles
    jpeg = cache / "photos" / f"{keys[0]}.jpg"
    jpeg.write_bytes(jpeg.read_bytes()[:1000])  # truncated
    (cache / "photos" / f"{keys[1]}.json").write_text("{\"sha256\": ")  # corrupt sidecar
    (cache / "photos" / f"{keys[2]}.jpg").write_bytes(b"")  # empty
    run = cli("check", sample)
    assert run == Run(0, f"Prüfung {YEAR} ({PRODUCTS}): 0 Fehler, 0 Warnungen.\n", "")
    assert set(keys) <= set(entries(cache))
    assert_consistent(cache)


def test_concurrent_checks_fill_the_same_entries(sample: Path, photo_cache: Path, cli: CliRunner) -> None:
    assert cli("check", sample).code == 0  # warm the shared cache
    cache = own_cache(sample, photo_cache)
    keys = used_keys(sample)
    for key in keys[:2]:  # two cold photos, prepared by both processes at once
        (cache / "photos" / f"{key}.jpg").unlink()
        (cache / "photos" / f"{key}.json").unlink()
    command = [sys.executable, "-m", "calendar_build", "check", "--root", str(sample), "--year", YEAR]
    children = [subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
    results = [child.communicate(timeout=180) for child in children]
    for child, (out, err) in zip(children, results):
        assert child.returncode == 0, err.decode()
        assert out.decode() == f"Prüfung {YEAR} ({PRODUCTS}): 0 Fehler, 0 Warnungen.\n"
    assert set(keys) <= set(entries(cache))  # written by the children
    assert_consistent(cache)
