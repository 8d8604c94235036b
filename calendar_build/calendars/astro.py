"""Astronomical events the lunisolar calendars need: equinox, new and full moons, sunset.

Positions come from PyEphem (VSOP87 for the Sun, ELP 2000-82 for the Moon, as in Meeus,
*Astronomical Algorithms*, 2nd ed.); all moments are naive UTC datetimes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from collections.abc import Callable
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
    moment: dt.datetime = ephem.Date(d).datetime()
    return moment.replace(microsecond=0)


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


def _sun() -> ephem.Sun:
    return ephem.Sun()


ALMANAC_HORIZON = "-0:50"  # upper limb on the horizon: 34' refraction + 16' solar semi-diameter
GEOMETRIC_HORIZON = "0"  # centre of the Sun on the geometric horizon, no refraction
UPPER_LIMB_AIRLESS_HORIZON = "-0:16"  # upper limb on the geometric horizon: semi-diameter, no refraction


@lru_cache(maxsize=4096)
def sunset(day: dt.date, place: Place, horizon: str = ALMANAC_HORIZON) -> dt.datetime:
    """Return the UTC moment of sunset at `place` on local `day` (almanac definition by default)."""
    return _sun_event(day, place, rising=False, horizon=horizon)


@lru_cache(maxsize=4096)
def sunrise(day: dt.date, place: Place) -> dt.datetime:
    """Return the UTC moment of sunrise at `place` on local `day`."""
    return _sun_event(day, place, rising=True, horizon=ALMANAC_HORIZON)


def observer(lat: float, lon: float, when: dt.datetime, horizon: str = ALMANAC_HORIZON) -> ephem.Observer:
    """Return an observer at sea level without refraction (the horizon carries it for rising and setting)."""
    place = ephem.Observer()
    place.lat, place.lon = str(lat), str(lon)
    place.elevation = 0
    place.pressure = 0  # refraction is in the horizon, as the almanacs do; altitudes are airless
    place.horizon = horizon
    place.date = _to_ephem(when)
    return place


def _sun_event(day: dt.date, place: Place, rising: bool, horizon: str) -> dt.datetime:
    at = observer(place.lat, place.lon, local_midnight(day, place), horizon)
    event = at.next_rising(_sun()) if rising else at.next_setting(_sun())
    return _to_datetime(event)


_SUN = ephem.Sun()
_MOON = ephem.Moon()


def ecliptic_longitudes(moment: dt.datetime) -> tuple[float, float]:
    """Return the geocentric ecliptic longitudes (degrees, equinox of date) of Sun and Moon."""
    when = _to_ephem(moment)
    _SUN.compute(when)
    _MOON.compute(when)
    # For the Sun, PyEphem's hlon is the Earth's heliocentric longitude: the Sun's geocentric one
    # is opposite. For the Moon, hlon is its geocentric ecliptic longitude (both of date).
    return (math.degrees(_SUN.hlon) + 180.0) % 360.0, math.degrees(_MOON.hlon) % 360.0


def sun_longitude(moment: dt.datetime) -> float:
    """Return the Sun's geocentric ecliptic longitude (degrees, equinox of date)."""
    _SUN.compute(_to_ephem(moment))
    return (math.degrees(_SUN.hlon) + 180.0) % 360.0


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
    return (sun_longitude(moment) - lahiri_ayanamsa(moment)) % 360.0


def _solve(residual: Callable[[dt.datetime], float], near: dt.datetime, rate: float, tolerance: float) -> dt.datetime:
    """Return the moment near `near` where residual (degrees, wrapped to ±180) is zero (secant method)."""
    moment, value = near, residual(near)
    step = dt.timedelta(days=value / rate)
    for _ in range(12):
        if abs(value) < tolerance:
            break
        following = moment + step
        following_value = residual(following)
        if following_value != value:
            rate = (value - following_value) / (step.total_seconds() / 86400.0)
        moment, value = following, following_value
        step = dt.timedelta(days=value / rate) if rate else dt.timedelta(0)
    return moment.replace(microsecond=0)


def moment_of_elongation(target: float, near: dt.datetime) -> dt.datetime:
    """Return the moment near `near` when the elongation equals `target` degrees (to about 30 s)."""
    return _solve(lambda m: (target - elongation(m) + 180.0) % 360.0 - 180.0, near, 12.19, 0.005)


def moment_of_sidereal_longitude(target: float, near: dt.datetime) -> dt.datetime:
    """Return the moment near `near` when the Sun's sidereal longitude equals `target` (a sankranti)."""
    return _solve(lambda m: (target - sidereal_sun_longitude(m) + 180.0) % 360.0 - 180.0, near, 0.9856, 1e-4)


_MEAN_NEW_MOON_2000 = dt.datetime(2000, 1, 6, 14, 20, 36)  # Meeus ch. 49: JDE 2451550.09766 (TT ≈ UT here)


def mean_new_moon(lunation: int) -> dt.datetime:
    """Return the mean new moon of lunation `lunation` (0 = 6 January 2000), within ±15 h of the true one."""
    return _MEAN_NEW_MOON_2000 + dt.timedelta(days=SYNODIC_MONTH * lunation)


def approximate_new_moon(lunation: int) -> dt.datetime:
    """Return the new moon of a lunation from the largest periodic terms (Meeus ch. 49), within about 1 h.

    Only a starting point for the exact solution: it saves iterations, not accuracy.
    """
    k = float(lunation)
    sun_anomaly = math.radians(2.5534 + 29.10535670 * k)
    moon_anomaly = math.radians(201.5643 + 385.81693528 * k)
    latitude_argument = math.radians(160.7108 + 390.67050284 * k)
    correction = (
        -0.40720 * math.sin(moon_anomaly)
        + 0.17241 * math.sin(sun_anomaly)
        + 0.01608 * math.sin(2 * moon_anomaly)
        + 0.01039 * math.sin(2 * latitude_argument)
        + 0.00739 * math.sin(moon_anomaly - sun_anomaly)
        - 0.00514 * math.sin(moon_anomaly + sun_anomaly)
    )
    return mean_new_moon(lunation) + dt.timedelta(days=correction)


@lru_cache(maxsize=8192)
def next_new_moon(after: dt.datetime) -> dt.datetime:
    """Return the first new moon (conjunction) after a UTC moment."""
    lunation = math.floor((after - _MEAN_NEW_MOON_2000).total_seconds() / 86400.0 / SYNODIC_MONTH)
    for candidate in (lunation, lunation + 1, lunation + 2):
        if mean_new_moon(candidate) < after - dt.timedelta(days=1):
            continue  # its true new moon lies surely before `after`
        moment = moment_of_elongation(0.0, approximate_new_moon(candidate))
        if moment > after:
            return moment
    raise AssertionError("no new moon found")  # pragma: no cover - three lunations always contain one


@lru_cache(maxsize=8192)
def next_full_moon(after: dt.datetime) -> dt.datetime:
    """Return the first full moon after a UTC moment."""
    ahead = ((180.0 - elongation(after)) % 360.0) / 12.19
    moment = moment_of_elongation(180.0, after + dt.timedelta(days=ahead))
    if moment <= after:
        moment = moment_of_elongation(180.0, moment + dt.timedelta(days=SYNODIC_MONTH))
    return moment
