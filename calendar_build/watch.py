"""`calendar-build watch`: rebuild the preview whenever content, portraits or templates change.

A change that breaks the build is reported (German, `path:line: …`) and watching goes on.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from watchfiles import watch as watch_changes

from calendar_build.errors import ContentError, UsageError, count
from calendar_build.pipeline import BuildOptions
from calendar_build.preview import Memo, PreviewReport, preview, report_lines

WATCHED = ("content", "portraits", "templates")
# Files whose every effect shows in a page's HTML or the stylesheet (the preview's memo sees them).
# A photo, logo or font replaced under the same name does not: then every page is drawn again.
TEXT_SOURCES = (".yaml", ".yml", ".j2", ".css", ".html", ".po")


def ignored(_change: object, path: str) -> bool:
    """Return whether a changed file is noise (editor swap files, caches)."""
    name = Path(path).name
    return name.startswith(".") or name.endswith(("~", ".swp", ".tmp", ".part")) or "__pycache__" in path


def only_text(changed: set[str]) -> bool:
    """Return whether every changed file is one of the text sources (not a photo, a logo, a font)."""
    return all(path.endswith(TEXT_SOURCES) for path in changed)


def forget_unless_text(memo: Memo, changed: set[str]) -> None:
    """Empty the memo when a changed file is not one of the text sources."""
    if not only_text(changed):
        memo.clear()


def rebuild(options: BuildOptions, pages: list[int] | None, say: Callable[[str], None],
            memo: Memo | None = None, sight: Sequence[int] = (),
            shown: Callable[[], None] | None = None) -> PreviewReport | None:
    """Render the preview once (only changed pages, with the `memo` of earlier ones; those in `sight` first, then
    `shown` is called); report problems instead of raising them."""
    try:
        report = preview(options, pages, memo, sight, shown)
    except (ContentError, UsageError) as exc:
        problems = exc.problems if isinstance(exc, ContentError) else []
        for problem in problems:
            say(problem.render())
        say("Vorschau fehlgeschlagen – bitte die Meldungen oben beheben; ich beobachte weiter.")
        return None
    for line in report_lines(options, report):
        say(line)
    drawn = "" if len(report.drawn) == len(report.pngs) else f", davon {len(report.drawn)} neu gesetzt"
    if report.first is not None:
        numbers, seconds = report.first
        drawn += f"; {'Seite' if len(numbers) == 1 else 'Seiten'} {', '.join(map(str, numbers))} im Blick nach {seconds:.1f} s"
    say(f"Vorschau aktualisiert ({count(len(report.pngs), 'Seite', 'Seiten')}{drawn}, {report.seconds:.1f} s): {report.sheet}")
    return report


def watch(options: BuildOptions, pages: list[int] | None, stop: threading.Event | None = None,
          say: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)) -> int:
    """Render the preview, then again after every change, until `stop` is set or Ctrl-C."""
    folders = [options.root / name for name in WATCHED if (options.root / name).is_dir()]
    memo: Memo = {}  # only the pages that changed are laid out again
    rebuild(options, pages, say, memo)
    say(f"Beobachte {', '.join(f.name + '/' for f in folders)} – beenden mit Strg+C.")
    try:
        for changes in watch_changes(*folders, watch_filter=lambda c, p: not ignored(c, p), stop_event=stop,
                                     debounce=50, step=20, rust_timeout=500, yield_on_timeout=False):
            forget_unless_text(memo, {path for _change, path in changes})
            rebuild(options, pages, say, memo)
    except KeyboardInterrupt:
        say("Beendet.")
    return 0
