"""`calendar-build watch`: rebuild the preview whenever content, portraits or templates change.

A change that breaks the build is reported (German, `path:line: …`) and watching goes on.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import watch as watch_changes

from calendar_build.errors import ContentError, UsageError, count
from calendar_build.pipeline import BuildOptions
from calendar_build.preview import PreviewReport, preview

WATCHED = ("content", "portraits", "templates")


def ignored(_change: object, path: str) -> bool:
    """Return whether a changed file is noise (editor swap files, caches)."""
    name = Path(path).name
    return name.startswith(".") or name.endswith(("~", ".swp", ".tmp", ".part")) or "__pycache__" in path


def rebuild(options: BuildOptions, pages: list[int] | None, say: Callable[[str], None]) -> PreviewReport | None:
    """Render the preview once; report problems instead of raising them."""
    try:
        report = preview(options, pages)
    except (ContentError, UsageError) as exc:
        problems = exc.problems if isinstance(exc, ContentError) else []
        for problem in problems:
            say(problem.render())
        say("Vorschau fehlgeschlagen – bitte die Meldungen oben beheben; ich beobachte weiter.")
        return None
    say(f"Vorschau aktualisiert ({count(len(report.pngs), 'Seite', 'Seiten')}, {report.seconds:.1f} s): {report.sheet}")
    return report


def watch(options: BuildOptions, pages: list[int] | None, stop: threading.Event | None = None,
          say: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)) -> int:
    """Render the preview, then again after every change, until `stop` is set or Ctrl-C."""
    folders = [options.root / name for name in WATCHED if (options.root / name).is_dir()]
    rebuild(options, pages, say)
    say(f"Beobachte {', '.join(f.name + '/' for f in folders)} – beenden mit Strg+C.")
    try:
        for _changes in watch_changes(*folders, watch_filter=lambda c, p: not ignored(c, p), stop_event=stop,
                                      debounce=300, rust_timeout=500, yield_on_timeout=False):
            rebuild(options, pages, say)
    except KeyboardInterrupt:
        say("Beendet.")
    return 0
