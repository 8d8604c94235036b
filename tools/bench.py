#!/usr/bin/env python3
"""Benchmarks of calendar-build, printed side by side (run with `make bench`).

1. The holiday engine: the whole catalogue for every year 1950–2099 in one process (target < 1 s).
2. The print build: cold and warm build, bare WeasyPrint render, peak memory (tools/bench_build.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calendar_build.content.loader import load_content  # noqa: E402
from calendar_build.engine.occurrences import compute_year  # noqa: E402
from calendar_build.engine.years import SUPPORTED_YEARS  # noqa: E402


def bench_holidays() -> dict[str, float]:
    """Time loading the catalogue and computing every supported year."""
    started = time.perf_counter()
    content = load_content(ROOT)
    loaded = time.perf_counter()
    count = sum(len(compute_year(content, year).occurrences) for year in SUPPORTED_YEARS)
    done = time.perf_counter()
    return {"load_s": loaded - started, "compute_s": done - loaded, "occurrences": count}


def main() -> int:
    """Run the benchmarks and print a table."""
    holidays = bench_holidays()
    years = f"{SUPPORTED_YEARS.start}–{SUPPORTED_YEARS.stop - 1}"
    print(f"{'benchmark':<48} {'result':>12}  target")
    print(f"{'holiday catalogue, load content':<48} {holidays['load_s']:>11.3f}s")
    print(f"{f'holiday catalogue, compute {years}':<48} {holidays['compute_s']:>11.3f}s  < 1 s"
          f"  ({holidays['occurrences']:.0f} occurrences)")
    from tools import bench_build  # noqa: PLC0415

    return bench_build.main()


if __name__ == "__main__":
    sys.exit(main())
