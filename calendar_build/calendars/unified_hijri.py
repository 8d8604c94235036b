"""The unified Hijri calendar of the Istanbul congress (2016), which Diyanet (Turkey) applies since 2017.

A month begins on the day after the first evening on which, somewhere on Earth before 0:00 UTC,
the Moon stands at least 5° above the horizon at sunset and at least 8° from the Sun. Exception:
when that holds only after 0:00 UTC, on land in the Americas, the month still begins the next day
if the conjunction came before dawn (fajr) in New Zealand.

The search is coarse but sufficient: the Moon is highest at the latest sunset, so each latitude is
looked at where its sunset falls at 0:00 UTC (and the Americas at their western coast). Diyanet's
published tables may differ in a rare month right at the limits; every Hijri date stays an estimate.

The search costs about 30 ms a month, half a minute for the supported years, so the month starts are
computed once and shipped as a table (`unified_hijri_starts.txt`, written by
`python -m calendar_build.calendars.unified_hijri`); a month outside the table is computed on demand,
and tests recompute a sample of the table from the criterion.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

import ephem

from calendar_build.calendars import astro

APPLIED_SINCE = 2017  # the first Gregorian year Diyanet's calendar follows the unified criterion
MIN_ALTITUDE = 5.0  # degrees: the Moon's altitude at sunset (centre, topocentric, without refraction)
MIN_ELONGATION = 8.0  # degrees: the Moon's geocentric angular distance from the Sun
LATITUDES = range(-60, 61, 2)  # degrees: where sunsets are looked at
# The western coast of the Americas (latitude, longitude east; mainland and coastal islands), every
# 5 degrees: on land there the Moon stands highest at sunset.
AMERICAS_WEST_COAST = (
    (-55, -74.0), (-50, -75.5), (-45, -75.0), (-40, -74.0), (-35, -72.5), (-30, -71.7), (-25, -70.6),
    (-20, -70.2), (-15, -75.5), (-10, -78.5), (-5, -81.3), (0, -80.1), (5, -77.5), (10, -85.8),
    (15, -92.5), (20, -105.7), (25, -112.3), (30, -116.0), (35, -120.8), (40, -124.3), (45, -124.0),
    (50, -127.9), (55, -133.0), (60, -165.0),
)
NEW_ZEALAND = astro.Place("Wellington", -41.29, 174.78, 12.0)
FAJR_HORIZON = "-18"  # dawn: the Sun 18° below the horizon
TABLE = Path(__file__).with_name("unified_hijri_starts.txt")
TABLE_YEARS = range(1368, 1526)  # Hijri years 1368–1525: October 1948 to 2101, the supported years with margin


def _sunset(lat: float, lon: float, evening: dt.date) -> dt.datetime | None:
    """Return the UTC moment of sunset on the local `evening` at a place, None where the Sun does not set."""
    local_noon = dt.datetime.combine(evening, dt.time(12)) - dt.timedelta(hours=lon / 15)
    try:
        sunset: dt.datetime = ephem.Date(astro.observer(lat, lon, local_noon).next_setting(ephem.Sun())).datetime()
        return sunset
    except (ephem.AlwaysUpError, ephem.NeverUpError):
        return None


def _moon_at(lat: float, lon: float, moment: dt.datetime) -> tuple[float, float]:
    """Return the Moon's altitude (topocentric, airless) and geocentric elongation in degrees."""
    moon, sun = ephem.Moon(), ephem.Sun()
    moon.compute(astro.observer(lat, lon, moment))
    altitude = math.degrees(moon.alt)
    moon.compute(ephem.Date(moment))
    sun.compute(ephem.Date(moment))
    return altitude, math.degrees(ephem.separation(moon, sun))


def _visible(lat: float, lon: float, moment: dt.datetime, conjunction: dt.datetime) -> bool:
    if moment <= conjunction:
        return False
    altitude, elongation = _moon_at(lat, lon, moment)
    return altitude >= MIN_ALTITUDE and elongation >= MIN_ELONGATION


def _last_sunset_before_midnight(lat: float, evening: dt.date) -> tuple[float, dt.datetime] | None:
    """Return the place (longitude) and moment of the latest sunset of `evening` at `lat` before 0:00 UTC."""
    midnight = dt.datetime.combine(evening + dt.timedelta(days=1), dt.time())
    lon = -90.0
    for _ in range(4):  # sunset moves 4 minutes a degree of longitude: a few steps find 0:00 UTC
        moment = _sunset(lat, lon, evening)
        if moment is None:
            return None
        lon = max(-180.0, min(180.0, lon + (moment - midnight).total_seconds() / 240.0))
    moment = _sunset(lat, lon, evening)
    while moment is not None and moment > midnight:  # stay on the evening's side of midnight
        lon += 0.25
        moment = _sunset(lat, lon, evening)
    return None if moment is None else (lon, moment)


def criterion_met(evening: dt.date, conjunction: dt.datetime) -> bool:
    """Return whether the month begins on the day after `evening` (UTC date of the sunsets)."""
    for lat in LATITUDES:
        found = _last_sunset_before_midnight(lat, evening)
        if found is not None and _visible(lat, found[0], found[1], conjunction):
            return True
    if conjunction >= _fajr_in_new_zealand(evening + dt.timedelta(days=1)):
        return False
    for lat, lon in AMERICAS_WEST_COAST:
        moment = _sunset(lat, lon, evening)
        if moment is not None and _visible(lat, lon, moment, conjunction):
            return True
    return False


def _fajr_in_new_zealand(day: dt.date) -> dt.datetime:
    """Return the UTC moment of dawn (fajr) in New Zealand on its local `day`."""
    start = astro.local_midnight(day, NEW_ZEALAND)
    observer = astro.observer(NEW_ZEALAND.lat, NEW_ZEALAND.lon, start, horizon=FAJR_HORIZON)
    fajr: dt.datetime = ephem.Date(observer.next_rising(ephem.Sun(), use_center=True)).datetime()
    return fajr


@lru_cache(maxsize=4096)
def month_start(near: dt.date) -> dt.date:
    """Return the first day of the Hijri month whose conjunction lies within a few days before `near`.

    `near` is the month's first day in the arithmetic calendar, which is 0 to 2 days after the
    conjunction.
    """
    conjunction = astro.next_new_moon(dt.datetime.combine(near, dt.time()) - dt.timedelta(days=4))
    evening = conjunction.date()
    while not criterion_met(evening, conjunction):
        evening += dt.timedelta(days=1)
    return evening + dt.timedelta(days=1)


@cache
def table() -> dict[tuple[int, int], dt.date]:
    """Return the shipped month starts: (Hijri year, month) -> the first day (Gregorian)."""
    starts = {}
    for line in TABLE.read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            month, first = line.split()
            year, number = month.split("-")
            starts[int(year), int(number)] = dt.date.fromisoformat(first)
    return starts


def write_table(path: Path, years: range, start: Callable[[int, int, int], dt.date]) -> None:
    """Compute the month starts of Hijri `years` (near `start`, the arithmetic calendar's) and write the table."""
    lines = ["# Month starts of the unified Hijri calendar (Istanbul 2016), computed by unified_hijri.py's",
             "# criterion; regenerate with `python -m calendar_build.calendars.unified_hijri`. Hijri month, first day."]
    lines += [f"{year}-{month:02d} {month_start(start(year, month, 1)).isoformat()}"
              for year in years for month in range(1, 13)]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


if __name__ == "__main__":  # pragma: no cover - the table's generator, run by hand after a change of the criterion
    from calendar_build.calendars.hijri import arithmetic_to_gregorian

    write_table(Path(sys.argv[1]) if len(sys.argv) > 1 else TABLE, TABLE_YEARS, arithmetic_to_gregorian)
