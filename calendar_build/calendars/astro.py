"""Astronomical events the lunisolar calendars need: equinox, new and full moons, sunset.

Positions come from PyEphem (VSOP87 for the Sun, ELP 2000-82 for the Moon, as in Meeus,
*Astronomical Algorithms*, 2nd ed.); all moments are naive UTC datetimes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

import ephem

SYNODIC_MONTH = 29.530588853  # days, Meeus ch. 49


@dataclass(frozen=True)
class Place:
    """A reference place: latitude/longitude in degrees, standard time offset in hours."""

    name: str
    lat: float
    lon: float
    utc_offset: float


TEHRAN = Place("Teheran", 35.6892, 51.3890, 3.5)
NEW_DELHI = Place("Neu-Delhi", 28.6139, 77.2090, 5.5)
BEIJING = Place("Peking", 39.9042, 116.4074, 8.0)


def _to_datetime(d: ephem.Date) -> dt.datetime:
    return ephem.Date(d).datetime().replace(microsecond=0)


def _to_ephem(moment: dt.datetime) -> ephem.Date:
    return ephem.Date(moment)


def local_date(moment: dt.datetime, place: Place) -> dt.date:
    """Return the civil date at `place` (standard time) of a UTC moment."""
    return (moment + dt.timedelta(hours=place.utc_offset)).date()


def local_midnight(day: dt.date, place: Place) -> dt.datetime:
    """Return the UTC moment of local midnight at the start of `day`."""
    return dt.datetime.combine(day, dt.time()) - dt.timedelta(hours=place.utc_offset)


@lru_cache(maxsize=512)
def march_equinox(year: int) -> dt.datetime:
    """Return the UTC moment of the March equinox of `year`."""
    return _to_datetime(ephem.next_vernal_equinox(ephem.Date(dt.datetime(year, 3, 1))))


def next_new_moon(after: dt.datetime) -> dt.datetime:
    """Return the first new moon (conjunction) after a UTC moment."""
    return _next_new_moon_cached(after.replace(microsecond=0))


@lru_cache(maxsize=8192)
def _next_new_moon_cached(after: dt.datetime) -> dt.datetime:
    return _to_datetime(ephem.next_new_moon(_to_ephem(after)))


@lru_cache(maxsize=8192)
def next_full_moon(after: dt.datetime) -> dt.datetime:
    """Return the first full moon after a UTC moment."""
    return _to_datetime(ephem.next_full_moon(_to_ephem(after)))


def _sun() -> ephem.Sun:
    return ephem.Sun()


@lru_cache(maxsize=4096)
def sunset(day: dt.date, place: Place) -> dt.datetime:
    """Return the UTC moment of sunset (upper limb, standard refraction) at `place` on local `day`."""
    return _sun_event(day, place, rising=False)


@lru_cache(maxsize=4096)
def sunrise(day: dt.date, place: Place) -> dt.datetime:
    """Return the UTC moment of sunrise at `place` on local `day`."""
    return _sun_event(day, place, rising=True)


def _sun_event(day: dt.date, place: Place, rising: bool) -> dt.datetime:
    observer = ephem.Observer()
    observer.lat = str(place.lat)
    observer.lon = str(place.lon)
    observer.elevation = 0
    observer.pressure = 0  # refraction is in the horizon below, as the almanacs do
    observer.horizon = "-0:50"  # 34' refraction + 16' solar semi-diameter
    observer.date = _to_ephem(local_midnight(day, place))
    event = observer.next_rising(_sun()) if rising else observer.next_setting(_sun())
    return _to_datetime(event)


def ecliptic_longitudes(moment: dt.datetime) -> tuple[float, float]:
    """Return the geocentric ecliptic longitudes (degrees, equinox of date) of Sun and Moon."""
    when = _to_ephem(moment)
    sun = ephem.Sun(when)
    moon = ephem.Moon(when)
    sun_lon = math.degrees(ephem.Ecliptic(sun, epoch=when).lon)
    moon_lon = math.degrees(ephem.Ecliptic(moon, epoch=when).lon)
    return sun_lon, moon_lon


def elongation(moment: dt.datetime) -> float:
    """Return the Moon's longitude minus the Sun's, 0 to 360 degrees (0 at new moon)."""
    sun_lon, moon_lon = ecliptic_longitudes(moment)
    return (moon_lon - sun_lon) % 360.0


def lahiri_ayanamsa(moment: dt.datetime) -> float:
    """Return the Lahiri (Chitrapaksha) ayanamsa in degrees, linear in time (±0.01° over 1950–2099)."""
    years = (moment - dt.datetime(2000, 1, 1, 12)).total_seconds() / (365.25 * 86400)
    return 23.85306 + years * 50.2788 / 3600.0


def sidereal_sun_longitude(moment: dt.datetime) -> float:
    """Return the Sun's sidereal (Lahiri) longitude in degrees, 0 to 360."""
    sun_lon, _ = ecliptic_longitudes(moment)
    return (sun_lon - lahiri_ayanamsa(moment)) % 360.0


def moment_of_elongation(target: float, near: dt.datetime) -> dt.datetime:
    """Return the moment near `near` when the elongation equals `target` degrees (Newton's method)."""
    moment = near
    for _ in range(8):
        diff = (target - elongation(moment) + 180.0) % 360.0 - 180.0
        if abs(diff) < 1e-4:
            break
        moment += dt.timedelta(days=diff / 12.19)  # mean daily gain of the Moon on the Sun
    return moment.replace(microsecond=0)


def moment_of_sidereal_longitude(target: float, near: dt.datetime) -> dt.datetime:
    """Return the moment near `near` when the Sun's sidereal longitude equals `target` (a sankranti)."""
    moment = near
    for _ in range(8):
        diff = (target - sidereal_sun_longitude(moment) + 180.0) % 360.0 - 180.0
        if abs(diff) < 1e-5:
            break
        moment += dt.timedelta(days=diff / 0.9856)  # mean daily motion of the Sun
    return moment.replace(microsecond=0)
