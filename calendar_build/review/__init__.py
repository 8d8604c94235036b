"""The editor's review of a year: what moved, what is estimated, what changed since the last build.

`run_diff` is the `diff` command and the only writer of its baseline; `record_snapshot` stores a table.
"""

from calendar_build.review.diff import DiffResult, run_diff
from calendar_build.review.snapshot import record_snapshot

__all__ = ["DiffResult", "record_snapshot", "run_diff"]
