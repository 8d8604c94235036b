"""Run the command line: `python -m calendar_build`."""

from calendar_build.cli import run

run()
