"""Benchmark of the print build with camera-size photos (called by tools/bench.py).

Builds the full A3 print PDF of the sample edition, with twelve generated 6000×4000 JPEG
photos, in fresh processes: cold (empty cache), warm (cached photos), the bare WeasyPrint
render of the same HTML (from --keep-html), the cold build once more with the photos left in sRGB
(what separating them into CMYK costs), `--variant all` beside the print build alone, the
other products (A4, poster, another language, screen, website), with wall time, CPU time of the
whole process tree and peak memory of each; every target of issue 16 beside its figure, pass/fail.
"Warm" builds set every page anew (the cache of parts emptied first); a rebuild with nothing changed
and one after a correction of one portrait text take the parts that did not change from that cache.
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
CORES = len(os.sched_getaffinity(0))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))  # each timing is the median of this many runs (timings wander by 10 % and more)

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
    """One run: wall time, CPU time, the largest peak RSS of one of its processes, the largest total PSS of all."""

    seconds: float
    peak_rss: float  # MiB, of the process or any one of its children
    tree_pss: float  # MiB, sampled: proportional set size summed over the process and its children
    cpu: float = 0.0  # seconds of CPU (user + system) of the process and every child it waited for


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


def run(command: list[str], one_core: bool = False, sampled: bool = False) -> Measured:
    """Run a Python command (on one core only, if asked); return its wall and CPU time and memory (see Measured).

    The memory of all its processes together is sampled only when asked (`sampled`): reading their page tables
    every 50 ms takes this process a share of a core, which the measured build then lacks (a warm build 0.2 s
    longer, median of six pairs); timed runs are not sampled, memory is sampled in runs of its own.
    """
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
        # wait4 reaps the process itself: its rusage counts every child it waited for (photo workers,
        # parallel parts, Ghostscript), which the process's own getrusage would leave out
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG if sampled else 0)
            if pid:
                break
            tree_pss = max(tree_pss, _pss_mib(_tree(process.pid)))
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr}")
    peak = [line for line in stderr.splitlines() if line.startswith("PEAK ")]
    return Measured(elapsed, int(peak[-1].split()[1]) / 1024, tree_pss, usage.ru_utime + usage.ru_stime)


class Row(NamedTuple):
    """One line of the table: what, the figure, its target (None: for information) and a remark."""

    label: str
    value: float
    unit: str
    limit: float | None = None
    note: str = ""


def table(rows: list[Row]) -> str:
    """Return the rows as a table with the target and pass/fail beside each figure."""
    lines = [f"{'benchmark':<56} {'result':>10}  {'target':<11} {'':<4} note"]
    for row in rows:
        figure = f"{row.value:.0f} {row.unit}" if row.unit == "MiB" else f"{row.value:.2f} {row.unit}"
        target = f"≤ {row.limit:g} {row.unit}".replace(" ×", "×") if row.limit is not None else ""
        verdict = "" if row.limit is None else ("ok" if row.value <= row.limit else "FAIL")
        lines.append(f"{row.label:<56} {figure:>10}  {target:<11} {verdict:<4} {row.note}")
    return "\n".join(lines)


def med(runs: list[Measured], field: str = "seconds") -> float:
    """Return the median of one field over the runs."""
    return statistics.median(getattr(r, field) for r in runs)


def main() -> int:
    """Run the build benchmark and print the results beside their targets."""
    with tempfile.TemporaryDirectory(prefix="calendar-bench-") as folder:
        project = Path(folder)
        print("… erzeuge 12 Fotos 6000×4000", file=sys.stderr)
        make_project(project)
        cli = [sys.executable, "-m", "calendar_build"]
        where = ["--year", YEAR, "--root", str(project), "--out", str(project / "out")]
        build = [*cli, "build", *where]
        bare_render = [sys.executable, "-c", BARE_RENDER, str(project / "out" / "html-print-a3"), str(project / "bare.pdf")]

        def empty_cache() -> None:
            shutil.rmtree(project / ".cache", ignore_errors=True)

        def anew(command: list[str], one_core: bool = False, sampled: bool = False) -> Measured:
            """Run a build whose parts are all set anew (none kept from the run before: render/part_cache.py)."""
            shutil.rmtree(project / ".cache" / "calendar-build" / "parts", ignore_errors=True)
            return run(command, one_core, sampled)

        portrait = next((project / "portraits" / YEAR).glob("10-*.yaml"))
        original = portrait.read_text(encoding="utf-8")

        def corrected(round_number: int) -> Measured:
            """Run a build after an editor's correction of October's portrait text (a text not seen before)."""
            portrait.write_text(original.replace("text: >-\n  ", f"text: >-\n  ({round_number + 1}) ", 1), encoding="utf-8")
            return run(build)

        print("… Druck-PDF: kalt, warm, WeasyPrint allein", file=sys.stderr)
        run(build + ["--keep-html"])  # the HTML bundle the bare render reads
        # Rounds of cold, warm and bare side by side, so each ratio compares runs of the same minute
        # (this machine's speed wanders by a third from one minute to the next).
        rounds = []
        for _ in range(RUNS):
            empty_cache()
            rounds.append((run(build), anew(build), run(bare_render)))
        cold_runs, warm_runs, bare_runs = ([r[i] for r in rounds] for i in range(3))
        print("… Speicher aller Prozesse zusammen (eigene Läufe)", file=sys.stderr)
        empty_cache()
        memory_runs = [run(build, sampled=True), anew(build, sampled=True)]
        print("… Neubau: unverändert, nach einer Korrektur", file=sys.stderr)
        run(build)
        unchanged_runs = [run(build) for _ in range(RUNS)]
        corrected_runs = [corrected(n) for n in range(RUNS)]
        portrait.write_text(original, encoding="utf-8")
        cold, warm, bare = med(cold_runs), med(warm_runs), med(bare_runs)
        warm_cpu, bare_cpu = med(warm_runs, "cpu"), med(bare_runs, "cpu")
        cpu_ratio = statistics.median(w.cpu / b.cpu for _, w, b in rounds)
        ratio = statistics.median(w.seconds / b.seconds for _, w, b in rounds)
        # On one core the parallel parts cannot help: what the build adds to WeasyPrint's own work shows.
        print("… auf einem Kern", file=sys.stderr)
        solo_warm = med([anew(build, one_core=True) for _ in range(RUNS)])
        solo_bare = med([run(bare_render, one_core=True) for _ in range(RUNS)])
        print("… --variant all", file=sys.stderr)
        run(build + ["--variant", "screen"])  # warm the screen photos first
        all_runs, print_runs = [], []
        for _ in range(RUNS):  # side by side again: the ratio compares runs of the same minute
            all_runs.append(anew(build + ["--variant", "all"]))
            print_runs.append(anew(build))
        all_kept = run(build + ["--variant", "all"])  # the print PDF's parts kept from the run before
        all_ratio = statistics.median(a.seconds / p.seconds for a, p in zip(all_runs, print_runs))
        all_floor = statistics.median(a.cpu / CORES / p.seconds for a, p in zip(all_runs, print_runs))
        preview = [*cli, "preview", *where, "--pages", "5", "--quiet"]
        one_page = run(preview).seconds
        print("… weitere Produkte", file=sys.stderr)
        products = {  # the second run of each is measured: the first prepares the product's photos
            "print A4 (--format a4)": build + ["--format", "a4"],
            "poster A2 (--variant poster)": build + ["--variant", "poster"],
            "print A3 in Turkish (--language tr)": build + ["--language", "tr"],
            "screen PDF (--variant screen)": build + ["--variant", "screen"],
            "website (site)": [*cli, "site", *where],
        }
        product_runs = {}
        for label, command in products.items():
            run(command)
            product_runs[label] = anew(command)
        # Where the cold build's time goes: the same cold build with the photos left in sRGB for the printer's RIP
        # to separate (print_photos: srgb), side by side with the default, which separates them into CMYK.
        print("… kalt: Fotos in CMYK (Standard) und in sRGB, abwechselnd", file=sys.stderr)
        edition_yaml = project / "content" / "edition.yaml"
        edition_text = edition_yaml.read_text(encoding="utf-8")
        separated_pairs = []
        for _ in range(RUNS):
            empty_cache()
            separated = run(build)
            edition_yaml.write_text(edition_text + "print_photos: srgb\n", encoding="utf-8")
            empty_cache()
            separated_pairs.append((separated, run(build)))
            edition_yaml.write_text(edition_text, encoding="utf-8")
        srgb_runs = [rgb for _, rgb in separated_pairs]
        separation_wall = statistics.median(cmyk.seconds - rgb.seconds for cmyk, rgb in separated_pairs)
        separation_cpu = statistics.median(cmyk.cpu - rgb.cpu for cmyk, rgb in separated_pairs)
        # With the printer's own CMYK profile named in the edition, photos are separated into it.
        print("… mit dem CMYK-Profil der Druckerei", file=sys.stderr)
        shutil.copyfile("/usr/share/color/icc/ghostscript/default_cmyk.icc", project / "content" / "druckerei.icc")
        with (project / "content" / "edition.yaml").open("a", encoding="utf-8") as edition:
            edition.write("output_profile: content/druckerei.icc\n")
        empty_cache()
        cmyk_cold = run(build)
        cmyk_warm = anew(build)
        everything = (cold_runs + warm_runs + memory_runs + all_runs + print_runs + srgb_runs
                      + [cmyk_cold, cmyk_warm, *product_runs.values()])
        peak = max(r.peak_rss for r in everything)
        rows = [
            Row("print build A3, 12 photos 6000×4000, cold", cold, "s", 6.5,
                f"median of {RUNS}: {', '.join(f'{r.seconds:.2f}' for r in cold_runs)}"),
            # CPU time over the cores is the least wall time any overlapping of the same work could reach
            Row(f"  CPU of the cold build, whole tree / {CORES} cores", med(cold_runs, "cpu") / CORES, "s", None,
                f"CPU {med(cold_runs, 'cpu'):.2f} s; wall/floor {cold / (med(cold_runs, 'cpu') / CORES):.2f}"),
            Row("  cold, photos left in sRGB (print_photos: srgb)", med(srgb_runs), "s", None,
                f"pairs CMYK/sRGB {', '.join(f'{c.seconds:.2f}/{r.seconds:.2f}' for c, r in separated_pairs)}; "
                f"separating the photos costs {separation_wall:.2f} s wall, {separation_cpu:.2f} s CPU"),
            Row("print build A3, warm (photos cached, all pages set)", warm, "s", 3.0,
                f"median of {RUNS}: {', '.join(f'{r.seconds:.2f}' for r in warm_runs)}"),
            Row("  rebuild after a correction (October's text)", med(corrected_runs), "s", 3.0,
                f"median of {RUNS}: {', '.join(f'{r.seconds:.2f}' for r in corrected_runs)}; CPU "
                f"{med(corrected_runs, 'cpu'):.2f} s; the part with October set anew, the others kept"),
            Row("  rebuild, nothing changed (every part kept)", med(unchanged_runs), "s", None,
                f"median of {RUNS}: {', '.join(f'{r.seconds:.2f}' for r in unchanged_runs)}; CPU "
                f"{med(unchanged_runs, 'cpu'):.2f} s"),
            Row("bare WeasyPrint render of the same HTML", bare, "s", None,
                f"warm/bare wall {ratio:.2f}; rounds {', '.join(f'{w.seconds:.2f}/{b.seconds:.2f}' for _, w, b in rounds)}"),
            Row("  CPU of the warm build, whole process tree", warm_cpu, "s", None,
                f"bare render {bare_cpu:.2f} s CPU; warm/bare CPU {cpu_ratio:.2f}; "
                f"wall/floor {warm / (warm_cpu / CORES):.2f} on {CORES} cores"),
            Row("  both on one core: warm / bare", solo_warm, "s", None,
                f"bare {solo_bare:.2f} s, ratio {solo_warm / solo_bare:.2f}"),
            Row("peak RSS of any process (incl. workers)", peak, "MiB", 400,
                f"cold {max(r.peak_rss for r in cold_runs + memory_runs[:1]):.0f}, "
                f"warm {max(r.peak_rss for r in warm_runs + memory_runs[1:]):.0f}, "
                f"all {max(r.peak_rss for r in all_runs):.0f}, bare {max(r.peak_rss for r in bare_runs):.0f}"),
            Row("  all processes together (PSS, sampled)", max(r.tree_pss for r in memory_runs), "MiB", None,
                f"photo workers and parallel parts together: cold {memory_runs[0].tree_pss:.0f}, warm "
                f"{memory_runs[1].tree_pss:.0f} (runs of their own, not timed)"),
            Row("--variant all (print + screen + ICS) / print", all_ratio, "×", 1.25,
                f"median {med(all_runs):.2f} s vs print {med(print_runs):.2f} s, side by side, every page set anew; "
                f"{all_kept.seconds:.2f} s with the print PDF's parts kept"),
            # the products are set side by side: their CPU time over the cores is the least wall time they can take
            Row(f"  CPU of --variant all, whole tree / {CORES} cores, / print", all_floor, "×", None,
                f"CPU {med(all_runs, 'cpu'):.2f} s (print alone {med(print_runs, 'cpu'):.2f} s): the least ratio "
                f"any overlapping reaches"),
            Row("preview of one page, as a command", one_page, "s", None, "cold process (see bench_serve for serve)"),
            *(Row(f"  {label}, warm", measured.seconds, "s", None, f"CPU {measured.cpu:.2f} s, peak {measured.peak_rss:.0f} MiB")
              for label, measured in product_runs.items()),
            Row("with the printer’s CMYK profile: cold", cmyk_cold.seconds, "s", None,
                f"warm {cmyk_warm.seconds:.2f} s; photos separated into CMYK, one run"),
        ]
        print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
