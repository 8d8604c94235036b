"""The progress helper: shown on a terminal, silent with --quiet or when stderr is not a terminal."""

from __future__ import annotations

import io

import pytest

from calendar_build.progress import enabled, steps


class Terminal(io.StringIO):
    """A text stream that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("quiet", "stream", "shown"), [
    (False, Terminal(), True),
    (True, Terminal(), False),  # --quiet
    (False, io.StringIO(), False),  # a pipe or a log file
])  # fmt: skip
def test_enabled(quiet: bool, stream: io.StringIO, shown: bool) -> None:
    assert enabled(quiet, stream) is shown


@pytest.mark.parametrize(("quiet", "stream_type", "shown"), [
    (False, Terminal, True),
    (True, Terminal, False),
    (False, io.StringIO, False),
])  # fmt: skip
def test_steps(quiet: bool, stream_type: type[io.StringIO], shown: bool) -> None:
    stream = stream_type()
    with steps(quiet, stream) as step:
        step("Fotos vorbereiten")
        step("PDF setzen")
    output = stream.getvalue()
    assert ("Fotos vorbereiten" in output and "PDF setzen" in output) is shown
    assert (output == "") is not shown


def test_failed_step_is_marked_and_the_error_passes() -> None:
    stream = Terminal()
    with pytest.raises(RuntimeError), steps(False, stream) as step:
        step("PDF setzen")
        raise RuntimeError("kaputt")
    assert "PDF setzen – abgebrochen" in stream.getvalue()
