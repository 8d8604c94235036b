"""Bounded work and workers that die with the build: misuse and `kill` never leave memory or processes behind.

The memory rows run the command in a child process under an address-space limit (RLIMIT_AS,
setrlimit(2)): a command that expanded `--pages 1-2000000000` into a list would be killed or
fail with MemoryError there, instead of slowing the whole machine down.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.conftest import YEAR
from tests.conftest import REPO

MEMORY_LIMIT = 2 << 30  # 2 GiB of address space: the sample builds in far less


def limited() -> None:
    """Limit the child's address space (runs in the child before exec)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize(("args", "code", "message"), [
    (["preview", "--pages", "1-2000000000"], 2,
     "calendar-build: Fehler: --pages: '1-2000000000' geht über Seite 999 hinaus – so viele Seiten hat kein Kalender."),
    (["watch", "--pages", "3,7-99999999999"], 2,
     "calendar-build: Fehler: --pages: '7-99999999999' geht über Seite 999 hinaus – so viele Seiten hat kein Kalender."),
])
def test_bounded_before_expansion(args: list[str], code: int, message: str, sample: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "calendar_build", *args, "--root", str(sample),
                           *(["--year", YEAR] if "--year" not in args else [])],
                          capture_output=True, text=True, cwd=REPO, timeout=120, preexec_fn=limited, check=False)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith(message), done.stderr


# --- workers die with the build -----------------------------------------------------------------------------------

EARLIER = {f"calendar-{YEAR}-print-a3.pdf": b"%PDF-1.7 earlier print\n%%EOF\n",
           f"calendar-{YEAR}-screen.pdf": b"%PDF-1.7 earlier screen\n%%EOF\n",
           f"holidays-{YEAR}.ics": b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"}


def session_members(session: int) -> list[int]:
    """Return the live processes (not zombies) of a session, from /proc/PID/stat (proc(5))."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def visible_files(out: Path) -> dict[str, bytes]:
    """Return the files in `out` that are not hidden, with their bytes."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


@pytest.mark.full
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL], ids=["SIGTERM", "SIGHUP", "SIGKILL"])
def test_killed_build_leaves_no_worker_and_no_new_output(sig: signal.Signals, sample: Path) -> None:
    out = sample / "output"
    out.mkdir()
    for name, data in EARLIER.items():
        (out / name).write_bytes(data)
    child = subprocess.Popen([sys.executable, "-m", "calendar_build", "build", "--variant", "all", "--root",
                              str(sample), "--year", YEAR, "--out", str(out), "--quiet"], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(session_members(child.pid)) < 3:  # the command and its two variant workers
            assert child.poll() is None, f"the build ended before its workers started: {child.communicate()}"
            assert time.monotonic() < deadline, "the workers never started"
            time.sleep(0.02)
        time.sleep(0.3)  # the workers are at work now (with the photos prepared, the whole build takes 1.5–2 s)
        child.send_signal(sig)
        _, err = child.communicate(timeout=60)
        deadline = time.monotonic() + 15
        while (survivors := session_members(child.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        for pid in session_members(child.pid):
            os.kill(pid, signal.SIGKILL)
        if child.poll() is None:
            child.kill()
            child.wait()
    assert survivors == []
    time.sleep(1.0)  # a surviving worker used to replace the PDFs seconds after the command ended
    assert visible_files(out) == EARLIER
    if sig != signal.SIGKILL:
        assert child.returncode == 128 + sig
        assert err.decode().splitlines() == ["Abgebrochen."]
        assert sorted(p.name for p in out.iterdir()) == sorted(EARLIER)  # no staged file left either
    else:
        assert child.returncode == -signal.SIGKILL
