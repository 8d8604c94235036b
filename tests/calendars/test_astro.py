"""Astronomy: our new-moon solver against PyEphem's own search (independent code path), 1950–2099."""

import datetime as dt

import ephem
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_build.calendars import astro


@settings(max_examples=60)
@given(st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2099, 12, 1)))
def test_new_moon_matches_ephem(moment: dt.datetime) -> None:
    ours = astro.next_new_moon(moment.replace(microsecond=0))
    theirs = ephem.Date(ephem.next_new_moon(ephem.Date(moment))).datetime()
    assert ours > moment.replace(microsecond=0)
    assert abs((ours - theirs).total_seconds()) < 120  # aberration and light time: about 1.5 min


def test_equinox_2026() -> None:
    # 20 March 2026, 14:46 UTC (US Naval Observatory, Earth's seasons 2026).
    assert abs((astro.march_equinox(2026) - dt.datetime(2026, 3, 20, 14, 46)).total_seconds()) < 90
