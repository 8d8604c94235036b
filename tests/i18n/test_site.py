"""The website in another language: one site per language (`site --language fa` -> output/JAHR/site-fa)."""

from __future__ import annotations

import html
import json
import re
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.dates import Dates
from calendar_build.products import PRODUCTS
from calendar_build.site.build import SiteFiles, compose_site
from calendar_build.site.planning_texts import RELATIONS, form_texts
from calendar_build.stages.options import BuildOptions
from tests.conftest import REPO

# German words of the site's own texts (templates/site/, site/plan.py, site/feasts.py), none of which may be left.
GERMAN = ("Zum Inhalt", "Legende", "Termine prüfen", "Abonnieren", "Feste und Gedenktage", "Worum es geht",
          "So wird das Datum", "nächsten Jahren", "Kalenderdateien", "Offene Daten", "Alle Kategorien",
          "gesetzlicher Feiertag", "Hessen", "Fester Tag", "Stand ")


def _text(page: bytes) -> str:
    """Return the visible text of a page without the German portrait text (marked lang="de") and scripts."""
    source = page.decode("utf-8")
    body = source[source.index("<body"):]
    body = re.sub(r"<script.*?</script>|<p lang=\"de\".*?</p>", " ", body, flags=re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", body).split()))


@pytest.fixture(scope="module")
def persian(tmp_path_factory: pytest.TempPathFactory, warm_cache: Callable[[Path], Path]) -> SiteFiles:
    """Compose the Persian site in memory (the run's prepared photos shared)."""
    options = BuildOptions(root=REPO, year=2027, product=PRODUCTS["web"], language="fa",
                           cache_dir=warm_cache(tmp_path_factory.mktemp("cache") / "calendar-build"))
    return compose_site(options)[1]


def test_every_page_is_persian_and_right_to_left(persian: SiteFiles) -> None:
    pages = {name: data for name, data in persian.texts.items() if name.endswith(".html")}
    assert len(pages) > 80
    for name, data in pages.items():
        assert b'<html lang="fa" dir="rtl"' in data, name
        text = _text(data)
        assert not [w for w in GERMAN if w in text], (name, [w for w in GERMAN if w in text])


def test_dates_and_names_are_persian(persian: SiteFiles) -> None:
    pesach = _text(persian.texts["fest-pesach.html"])
    assert "پسح" in pesach and "۲۰۲۷" in pesach and "2027" not in pesach
    january = _text(persian.texts["monat-01.html"])
    assert Dates("fa").months[0] in january
    assert "holidays-2027-fa.ics" in persian.texts["daten.html"].decode("utf-8")


def test_the_site_folder_carries_the_language() -> None:
    assert PRODUCTS["web"].output_name(2027, "fa") == "site-fa"
    assert PRODUCTS["web"].output_name(2027) == "site"


def _json_after(source: str, start: str, end: str) -> dict[str, object]:
    """Return the JSON between `start` and `end` in a page or script."""
    begin = source.index(start) + len(start)
    return dict(json.loads(source[begin:source.index(end, begin)]))


def test_the_planning_form_gets_persian_words_digits_and_dates(persian: SiteFiles) -> None:
    words = _json_after(persian.texts["planen.html"].decode(), '<script type="application/json" id="planen-texte">',
                        "</script>")
    texts = words["texts"]
    assert isinstance(texts, dict) and texts["vorabend"] == translations("fa").gettext(RELATIONS["vorabend"])
    assert words["digits"] == "۰۱۲۳۴۵۶۷۸۹" and words["lang"] == "fa"
    data = _json_after(persian.texts["holidays-2027.js"].decode(), "window.KALENDER = ", ";\n")
    days, holidays = data["days"], data["holidays"]
    assert isinstance(days, dict) and isinstance(holidays, list)
    pesach = next(h for h in holidays if h["id"] == "pesach")
    assert pesach["when"] == Dates("fa").date_range(dt.date(2027, 4, 22), dt.date(2027, 4, 29)) == "۲۲ تا ۲۹ آوریل"
    assert days["2027-04-21"] == "چهارشنبه ۲۱ آوریل ۲۰۲۷"  # the eve of Pesach: a day that can meet a feast


# The clash count's forms by CLDR plural category (Unicode CLDR plurals.xml, as Intl.PluralRules names them),
# each the catalogue's form for a number of that category.
PLURALS = [("de", {"one": 1, "other": 2}), ("tr", {"one": 1, "other": 2}), ("fa", {"one": 1, "other": 2}),
           ("uk", {"one": 1, "few": 3, "many": 5}),
           ("ar", {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 11, "other": 100})]


@pytest.mark.parametrize(("code", "samples"), PLURALS)
def test_the_clash_count_has_a_form_for_each_plural_category(code: str, samples: dict[str, int]) -> None:
    forms = form_texts(code)["clashes"]
    ngettext = translations(code).ngettext
    assert forms == {category: ngettext("%(count)s Überschneidung", "%(count)s Überschneidungen", n)
                     for category, n in samples.items()}
