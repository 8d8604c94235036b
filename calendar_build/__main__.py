"""Run the command line: `python -m calendar_build`."""

import sys

from calendar_build.cli import main

sys.exit(main())
