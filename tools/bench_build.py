"""Benchmark of the print build with camera-size photos (called by tools/bench.py).

Builds the full A3 print PDF of the sample edition, with twelve generated 6000×4000 JPEG
photos, in fresh processes: cold (empty cache), warm (cached photos), the bare WeasyPrint
render of the same HTML (from --keep-html), and the peak memory of each.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def run(command: list[str]) -> tuple[float, float]:
    """Run a Python command; return (wall seconds, peak RSS in MiB of the process or any of its children)."""
    assert command[0] == sys.executable
    if command[1] == "-m":
        command = [sys.executable, "-c", PEAK + f"import runpy; sys.argv = {command[2:]!r}; "
                   f"runpy.run_module({command[2]!r}, run_name='__main__')"]
    else:  # -c SCRIPT ARGS
        command = [sys.executable, "-c", PEAK + command[2], *command[3:]]
    started = time.perf_counter()
    process = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.decode()}")
    peak = [line for line in process.stderr.decode().splitlines() if line.startswith("PEAK ")]
    return elapsed, int(peak[-1].split()[1]) / 1024


def median_run(command: list[str], before=None) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Return the median wall time of RUNS runs and the largest peak RSS among them; `before` runs before each."""
    results = []
    for _ in range(RUNS):
        if before is not None:
            before()
        results.append(run(command))
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def main() -> int:
    """Run the build benchmark and print the results beside their targets."""
    with tempfile.TemporaryDirectory(prefix="calendar-bench-") as folder:
        project = Path(folder)
        print("… erzeuge 12 Fotos 6000×4000", file=sys.stderr)
        make_project(project)
        build = [sys.executable, "-m", "calendar_build", "build", "--year", YEAR, "--root", str(project),
                 "--out", str(project / "out")]

        def empty_cache() -> None:
            shutil.rmtree(project / ".cache", ignore_errors=True)

        cold, cold_rss = median_run(build, before=empty_cache)
        warm, warm_rss = median_run(build)
        _, _ = run(build + ["--keep-html"])
        bare, bare_rss = median_run([sys.executable, "-c", BARE_RENDER, str(project / "out" / "html-print"),
                                     str(project / "bare.pdf")])
        all_variants, _ = run(build + ["--variant", "screen"])  # warm the screen photos first
        all_variants, all_rss = run(build + ["--variant", "all"])
        preview = [sys.executable, "-m", "calendar_build", "preview", "--year", YEAR, "--root", str(project),
                   "--out", str(project / "out"), "--pages", "5", "--quiet"]
        one_page, _ = run(preview)
        # With the printer's own CMYK profile named in the edition, photos are separated into it.
        shutil.copyfile("/usr/share/color/icc/ghostscript/default_cmyk.icc", project / "content" / "druckerei.icc")
        with (project / "content" / "edition.yaml").open("a", encoding="utf-8") as edition:
            edition.write("output_profile: content/druckerei.icc\n")
        empty_cache()
        cmyk_cold, cmyk_rss = run(build)
        cmyk_warm, _ = run(build)
        peak = max(cold_rss, warm_rss, cmyk_rss)
        print(f"{'print build A3, 12 photos 6000×4000, cold':<48} {cold:>11.2f}s  ≤ 9 s  (median of {RUNS})")
        print(f"{'print build A3, warm (photos cached)':<48} {warm:>11.2f}s  ≤ 4.5 s")
        print(f"{'bare WeasyPrint render of the same HTML':<48} {bare:>11.2f}s  (warm/bare = {warm / bare:.2f}, ≤ 1.15)")
        print(f"{'peak RSS of any process (incl. workers)':<48} {peak:>10.0f}MiB  ≤ 400 MiB"
              f"  (cold {cold_rss:.0f}, warm {warm_rss:.0f}, bare {bare_rss:.0f})")
        print(f"{'  with the printer’s CMYK profile: cold / warm':<48} {cmyk_cold:>11.2f}s  (warm {cmyk_warm:.2f} s;"
              f" photos separated into CMYK, one run)")
        print(f"{'--variant all (print + screen + ICS, warm)':<48} {all_variants:>11.2f}s  (print alone {warm:.2f} s,"
              f" ratio {all_variants / warm:.2f}; peak {all_rss:.0f} MiB)")
        print(f"{'preview of one page (warm)':<48} {one_page:>11.2f}s  ≈ 2 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
