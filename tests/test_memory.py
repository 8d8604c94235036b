"""calendar_build/memory.py: freed memory stays with the process for reuse – large buffers allocated one after
another (a photo's pixels) cost page faults once, not every time; workers forked later keep the setting."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from calendar_build import cli
from calendar_build.memory import YOUNG_COLLECTED_AFTER, collect_cycles_less

FAULTS = """
import os, resource, sys
from calendar_build.memory import keep_freed_memory
kept = keep_freed_memory() if sys.argv[1] == "kept" else False

def faults_of_ten_photos():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(10):  # a photo's buffers: six blocks of 16 MB (as Pillow allocates), all freed at its end
        blocks = [bytearray(16 << 20) for _ in range(6)]  # every page written (zeroed)
        del blocks
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

here = faults_of_ten_photos()
reader, writer = os.pipe()
if os.fork() == 0:  # a worker forked after the setting
    os.write(writer, str(faults_of_ten_photos()).encode())
    os._exit(0)
os.wait()
print(kept, here, int(os.read(reader, 64)))
"""


def _faults(mode: str) -> tuple[str, int, int]:
    done = subprocess.run([sys.executable, "-c", FAULTS, mode], capture_output=True, text=True, check=True,
                          timeout=60)
    kept, here, forked = done.stdout.split()
    return kept, int(here), int(forked)


def test_large_buffers_allocated_again_and_again_fault_their_pages_in_once() -> None:
    photo = 6 * (16 << 20) // 4096  # pages
    kept, here, forked = _faults("kept")
    assert kept == "True"
    assert here < 2 * photo and forked < 2 * photo  # the first photo's pages, then the same ones again
    _, given_back, _ = _faults("default")
    assert given_back > 5 * photo  # glibc's own setting: the freed blocks go back, new pages for most photos


def test_the_program_keeps_freed_memory_before_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []

    def keep() -> bool:
        order.append("memory")
        return True

    def main() -> int:
        order.append("main")
        return 0

    monkeypatch.setattr(cli, "keep_freed_memory", keep)
    monkeypatch.setattr(cli, "collect_cycles_less", lambda: order.append("cycles"))
    monkeypatch.setattr(cli, "main", main)
    with pytest.raises(SystemExit) as exited:
        cli.run()
    assert exited.value.code == 0 and order == ["memory", "cycles", "main"]


def _young_collections(objects: int) -> int:
    """Return how often the cycle collector ran while `objects` new containers were made and kept."""
    before = gc.get_stats()[0]["collections"]
    kept = [{} for _ in range(objects)]
    assert len(kept) == objects
    return int(gc.get_stats()[0]["collections"] - before)


def test_the_cycle_collector_runs_after_ten_thousand_new_objects_also_in_a_forked_worker() -> None:
    """Laying out pages makes hundreds of thousands of objects: the collector looks at them in 14 instead of 279
    runs (calendar_build/memory.py)."""
    threshold = gc.get_threshold()
    try:
        gc.set_threshold(700, *threshold[1:])  # Python's default
        assert _young_collections(100_000) >= 100
        collect_cycles_less()
        assert gc.get_threshold()[0] == YOUNG_COLLECTED_AFTER
        assert _young_collections(100_000) <= 12
        reader, writer = os.pipe()
        if os.fork() == 0:  # a worker forked after the setting (the child never returns into the tests)
            try:
                os.write(writer, str(_young_collections(100_000)).encode())
            finally:
                os._exit(0)
        os.wait()
        assert int(os.read(reader, 64)) <= 12
    finally:
        gc.set_threshold(*threshold)
