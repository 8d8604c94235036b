"""The one place that reads the clock: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""

from __future__ import annotations

import datetime as dt
import os

from calendar_build.errors import UsageError


def source_epoch() -> int | None:
    """Return SOURCE_DATE_EPOCH in seconds, None when unset; raise UsageError when it is no whole number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return int(epoch)
    except ValueError:
        raise UsageError(f"SOURCE_DATE_EPOCH muss eine ganze Zahl sein, nicht '{epoch}'.") from None


def now_utc() -> dt.datetime:
    """Return the current time in UTC to the second (SOURCE_DATE_EPOCH when set)."""
    epoch = source_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def today() -> dt.date:
    """Return today's date (SOURCE_DATE_EPOCH's, when set)."""
    return now_utc().date() if source_epoch() is not None else dt.date.today()
