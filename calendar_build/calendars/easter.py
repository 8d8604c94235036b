"""Easter Sunday, Western (Gregorian computus) and Orthodox (Julian computus, as Gregorian date).

Source: the computus as implemented by python-dateutil (Oudin 1940 for Western Easter,
Meeus, *Astronomical Algorithms*, ch. 8 for the Julian computus).
"""

from __future__ import annotations

import datetime as dt

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter


def western_easter(year: int) -> dt.date:
    """Return Western Easter Sunday of `year`."""
    return easter(year, EASTER_WESTERN)


def orthodox_easter(year: int) -> dt.date:
    """Return Orthodox Easter Sunday of `year` as a Gregorian date."""
    return easter(year, EASTER_ORTHODOX)
