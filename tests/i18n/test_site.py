"""The website in another language: one site per language (`site --language fa` -> output/JAHR/site-fa)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from calendar_build.i18n.dates import Dates
from calendar_build.products import PRODUCTS
from calendar_build.site.build import SiteFiles, compose_site
from calendar_build.stages.options import BuildOptions
from tests.conftest import REPO, once

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
    """Compose the Persian site in memory, once per run (the run's prepared photos shared)."""

    def make(folder: Path) -> SiteFiles:
        options = BuildOptions(root=REPO, year=2027, product=PRODUCTS["web"], language="fa",
                               cache_dir=warm_cache(folder / "cache" / "calendar-build"))
        return compose_site(options)[1]

    return once(tmp_path_factory, "i18n-site-fa", make)


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
