"""The year poster in each language: weekdays, digits and legend from the page model and the catalogues.

Only the page model and the poster's HTML are made here (no WeasyPrint); the set poster is read back in
test_editions.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import LANGUAGES, digits
from calendar_build.pages.model import Calendar
from calendar_build.pages.plan import PageRef
from calendar_build.pages.poster import poster_months
from calendar_build.products import PRODUCTS
from calendar_build.render.html import Urls, render_html
from calendar_build.stages.compose import page_model
from calendar_build.stages.options import BuildOptions
from calendar_build.stages.validate import validate
from tests.conftest import REPO

# The German wording of the poster's legend, none of which may be left in another language's poster.
GERMAN_LEGEND = ("Sonntag und gesetzlicher Feiertag", "Schulferien", "beginnt am Vorabend", "Datum kann",
                 "Erklärungen aller Feste", "in Hessen")  # Turkish writes the state "Hessen" too


@pytest.fixture(scope="module")
def posters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Calendar]:
    """Return the poster's page model (no photos) in every language."""
    cache = tmp_path_factory.mktemp("cache")
    found = {}
    for code in LANGUAGES:
        options = BuildOptions(root=REPO, year=2027, product=PRODUCTS["poster-a2"], cache_dir=cache, language=code)
        found[code] = page_model(options, validate(options), {})[0]
    return found


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_weekdays_are_the_language_s(posters: dict[str, Calendar], code: str) -> None:
    months = poster_months(posters[code])
    january = months[0]
    assert january.name == Dates(code).months[0]
    # 1 January 2027 is a Friday (weekday 4, Monday = 0)
    assert dt.date(2027, 1, 1).weekday() == 4
    assert [d.weekday for d in january.days[:3]] == [Dates(code).weekdays_short[i] for i in (4, 5, 6)]


@pytest.mark.parametrize(("code", "day"), [("de", "{}."), ("en", "{}"), ("ar", "{}"), ("fa", "{}")])
def test_the_month_list_writes_days_as_the_language_does(posters: dict[str, Calendar], code: str, day: str) -> None:
    more = [item for month in poster_months(posters[code]) for item in month.more]
    assert more, "the sample year moves names into a month's list"
    for item in more:
        number = re.sub(r"\D", "", item.day.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
        assert item.day == day.format(digits(int(number), code))


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "de"])
def test_the_poster_html_has_no_german_legend(posters: dict[str, Calendar], code: str, tmp_path: Path) -> None:
    calendar = posters[code]
    page = PageRef("poster", "poster", poster=poster_months(calendar))
    html = render_html(REPO / "templates", calendar, [page], Urls(), "2026-11-20T00:00:00+00:00")
    legend = html[html.index('class="poster-legend"'):]
    assert not [w for w in GERMAN_LEGEND if w in legend], legend
    assert calendar.region is not None and calendar.region.in_name in legend
    assert f'lang="{code}" dir="{LANGUAGES[code].direction}"' in html
