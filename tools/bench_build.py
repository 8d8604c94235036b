"""Benchmark of the print build with camera-size photos (called by tools/bench.py).

Builds the full A3 print PDF of the sample edition, with twelve generated 6000×4000 JPEG
photos, in fresh processes: cold (empty cache), warm (cached photos), the bare WeasyPrint
render of the same HTML (from --keep-html), and the peak memory of each.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[1]
YEAR = "2027"
PHOTO_SIZE = (6000, 4000)
RUNS = 3  # each timing is the median of this many runs (one machine's timings wander by 10 % and more)

BARE_RENDER = """
import sys
from pathlib import Path
from weasyprint import CSS, HTML
folder = Path(sys.argv[1])
html = (folder / "calendar.html").read_text(encoding="utf-8")
html = html.replace('<link rel="stylesheet" href="calendar.css">', "")
profiles = {}
css = CSS(filename=str(folder / "calendar.css"), color_profiles=profiles)
document = HTML(string=html, base_url=str(folder) + "/").render(stylesheets=[css], color_profiles=profiles)
document.write_pdf(sys.argv[2], pdf_variant="pdf/x-4", output_intent="device-cmyk")
"""


def make_project(target: Path) -> None:
    """Copy the sample project and give it camera-size photos (deterministic, with grain)."""
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, target / name)
    portraits = target / "portraits" / YEAR
    portraits.mkdir(parents=True)
    for yaml_file in sorted((ROOT / "portraits" / YEAR).glob("*.yaml")):
        shutil.copyfile(yaml_file, portraits / yaml_file.name)
    sys.path.insert(0, str(ROOT / "tools"))
    from make_sample_photos import make_photos  # noqa: PLC0415

    make_photos(portraits, PHOTO_SIZE)
    # Grain gives the smooth placeholders a camera's detail: about 9.5 MB per 24-megapixel JPEG at
    # quality 92, as a full-frame camera writes them.
    grain = Image.effect_noise(PHOTO_SIZE, 10)
    for photo in sorted(portraits.glob("*.jpg")):
        with Image.open(photo) as image:
            channels = [ImageChops.add(channel, grain, 1.0, -128) for channel in image.convert("RGB").split()]
            Image.merge("RGB", channels).save(photo, quality=92)


# Each measured Python process reports on exit, in one marked line on stderr, the larger of its own
# peak RSS (VmHWM: ru_maxrss would inherit the bench's own peak across fork and exec) and that of its
# children (the photo workers).
PEAK = ("import atexit, resource, sys; atexit.register(lambda: print('PEAK', max("
        "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]),"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss), file=sys.stderr));")


class Measured(NamedTuple):
    """One run: wall time, the largest peak RSS of one of its processes, the largest total PSS of all of them."""

    seconds: float
    peak_rss: float  # MiB, of the process or any one of its children
    tree_pss: float  # MiB, sampled: proportional set size summed over the process and its children


def _tree(pid: int) -> list[int]:
    """Return the process and all its descendants."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:
            continue  # ended meanwhile
        for task in tasks:
            try:
                pending += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                pass
    return found


def _pss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue  # ended meanwhile
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total / 1024


def run(command: list[str], one_core: bool = False) -> Measured:
    """Run a Python command (on one core only, if asked); return its wall time and memory (see Measured)."""
    assert command[0] == sys.executable
    if command[1] == "-m":
        command = [sys.executable, "-c", PEAK + f"import runpy; sys.argv = {command[2:]!r}; "
                   f"runpy.run_module({command[2]!r}, run_name='__main__')"]
    else:  # -c SCRIPT ARGS
        command = [sys.executable, "-c", PEAK + command[2], *command[3:]]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        pin = (lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})) if one_core else None
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, preexec_fn=pin)
        tree_pss = 0.0
        while process.poll() is None:
            tree_pss = max(tree_pss, _pss_mib(_tree(process.pid)))
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr}")
    peak = [line for line in stderr.splitlines() if line.startswith("PEAK ")]
    return Measured(elapsed, int(peak[-1].split()[1]) / 1024, tree_pss)


def main() -> int:
    """Run the build benchmark and print the results beside their targets."""
    with tempfile.TemporaryDirectory(prefix="calendar-bench-") as folder:
        project = Path(folder)
        print("… erzeuge 12 Fotos 6000×4000", file=sys.stderr)
        make_project(project)
        build = [sys.executable, "-m", "calendar_build", "build", "--year", YEAR, "--root", str(project),
                 "--out", str(project / "out")]
        bare_render = [sys.executable, "-c", BARE_RENDER, str(project / "out" / "html-print-a3"), str(project / "bare.pdf")]

        def empty_cache() -> None:
            shutil.rmtree(project / ".cache", ignore_errors=True)

        run(build + ["--keep-html"])  # the HTML bundle the bare render reads
        # Rounds of cold, warm and bare side by side, so each ratio compares runs of the same minute
        # (this machine's speed wanders by a third from one minute to the next).
        rounds = []
        for _ in range(RUNS):
            empty_cache()
            rounds.append((run(build), run(build), run(bare_render)))
        cold, warm, bare = (statistics.median(r[i].seconds for r in rounds) for i in range(3))
        cold_rss, warm_rss, bare_rss = (max(r[i].peak_rss for r in rounds) for i in range(3))
        cold_pss, warm_pss = (max(r[i].tree_pss for r in rounds) for i in range(2))
        ratio = statistics.median(r[1].seconds / r[2].seconds for r in rounds)
        # On one core the parallel parts cannot help: what the build adds to WeasyPrint's own work shows.
        solo_warm, solo_bare = (statistics.median(run(command, one_core=True).seconds for _ in range(RUNS))
                                for command in (build, bare_render))
        run(build + ["--variant", "screen"])  # warm the screen photos first
        all_variants, all_rss, _ = run(build + ["--variant", "all"])
        preview = [sys.executable, "-m", "calendar_build", "preview", "--year", YEAR, "--root", str(project),
                   "--out", str(project / "out"), "--pages", "5", "--quiet"]
        one_page = run(preview).seconds
        # With the printer's own CMYK profile named in the edition, photos are separated into it.
        shutil.copyfile("/usr/share/color/icc/ghostscript/default_cmyk.icc", project / "content" / "druckerei.icc")
        with (project / "content" / "edition.yaml").open("a", encoding="utf-8") as edition:
            edition.write("output_profile: content/druckerei.icc\n")
        empty_cache()
        cmyk_cold, cmyk_rss, _ = run(build)
        cmyk_warm = run(build).seconds
        peak = max(cold_rss, warm_rss, cmyk_rss)
        print(f"{'print build A3, 12 photos 6000×4000, cold':<48} {cold:>11.2f}s  ≤ 9 s  (median of {RUNS})")
        print(f"{'print build A3, warm (photos cached)':<48} {warm:>11.2f}s  ≤ 4.5 s")
        print(f"{'bare WeasyPrint render of the same HTML':<48} {bare:>11.2f}s  (warm/bare = {ratio:.2f}, ≤ 1.15;"
              f" rounds {', '.join(f'{w.seconds:.2f}/{b.seconds:.2f}' for _, w, b in rounds)})")
        print(f"{'  both on one core: warm / bare':<48} {solo_warm:>11.2f}s  (bare {solo_bare:.2f} s,"
              f" ratio {solo_warm / solo_bare:.2f})")
        print(f"{'peak RSS of any process (incl. workers)':<48} {peak:>10.0f}MiB  ≤ 400 MiB"
              f"  (cold {cold_rss:.0f}, warm {warm_rss:.0f}, bare {bare_rss:.0f})")
        print(f"{'  all processes together (PSS, sampled)':<48} {max(cold_pss, warm_pss):>10.0f}MiB"
              f"  (cold {cold_pss:.0f}, warm {warm_pss:.0f}: photo workers / parallel parts)")
        print(f"{'  with the printer’s CMYK profile: cold / warm':<48} {cmyk_cold:>11.2f}s  (warm {cmyk_warm:.2f} s;"
              f" photos separated into CMYK, one run)")
        print(f"{'--variant all (print + screen + ICS, warm)':<48} {all_variants:>11.2f}s  (print alone {warm:.2f} s,"
              f" ratio {all_variants / warm:.2f}; peak {all_rss:.0f} MiB)")
        print(f"{'preview of one page (warm)':<48} {one_page:>11.2f}s  ≈ 2 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
