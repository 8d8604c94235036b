"""A quiet-aware progress display for long commands: one line per step, on stderr.

    with steps(args.quiet) as step:
        step("Fotos vorbereiten")
        ...
        step("PDF setzen")

Nothing is shown with `--quiet` or when stderr is not a terminal (pipes, CI logs, tests), so
the output that scripts read stays clean.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import TaskID

Step = Callable[[str], None]


def enabled(quiet: bool, stream: TextIO) -> bool:
    """Return whether progress should be shown: not quiet and the stream is a terminal."""
    if quiet:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def steps(quiet: bool = False, stream: TextIO | None = None) -> Iterator[Step]:
    """Yield `step(label)`: each call finishes the running step and starts the next."""
    out = stream if stream is not None else sys.stderr
    if not enabled(quiet, out):
        yield _silent
        return
    # loaded only for a terminal: a script's or the bench's build saves the import (20 ms before the first step)
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn  # noqa: PLC0415

    console = Console(file=out, force_terminal=True)
    with Progress(SpinnerColumn(finished_text="✓"), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        running: list[tuple[TaskID, str]] = []

        def step(label: str) -> None:
            for task, _ in running:
                progress.update(task, completed=1)
            running[:] = [(progress.add_task(label, total=1), label)]

        try:
            yield step
        except BaseException:
            for task, label in running:  # a failed step gets no tick
                progress.update(task, description=f"{label} – abgebrochen")
            raise
        for task, _ in running:
            progress.update(task, completed=1)


def _silent(label: str) -> None:
    """Show nothing (quiet mode)."""
