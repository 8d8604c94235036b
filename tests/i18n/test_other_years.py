"""Products of other years than the sample's 2027 fit in the languages where a year's days once broke them.

Each row is one product, language and year in which `check` refused the calendar (found by checking every print
and poster product in every language for 2026, 2028, 2029, 2030 and 2045), with what broke. The sample's portraits
are copied to that year; the placeholder photos are the same bytes, so the shared photo cache stays warm.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import YEAR, CliRunner, cli, photo_cache, sample, sample_photos  # noqa: F401 - fixtures

REFUSED = [
    # 13 April 2028, a Thursday: Pesach, Maundy Thursday, Vaisakhi. Number, 'الخميس' and three dots made a head of
    # 28.95 mm in a 27.8 mm row ("0,6 mm zu breit ('🅢')"); the upright poster now takes a weekday form that fits.
    ("poster-a2", "ar", 2028),
    # 20 March 2028, a Monday with two names: Persian digits (Noto Sans Arabic) made the head 5.8 mm high, and the
    # row ran 0.16 mm past its bottom ("1 Zeile zu lang ('نوروز')"). Both names were 'نوروز' (engine/names.py).
    ("poster-a2", "fa", 2028),
    # 23 and 25 April 2038 have four dots (Bahá'í, Christian, Jewish, Orthodox): 15.3 mm in the turned poster's 13.5 mm
    # head, over the day's second name ("zwei Zeilen darin überdecken sich ('Orth. Karfr.' / '🅝')"). The poster is
    # now set once more in the compact step, with dots of 8.5 pt (13.2 mm).
    ("poster-a2-landscape", "de", 2038),
]


@pytest.mark.full
@pytest.mark.parametrize(("product", "code", "year"), REFUSED)
def test_the_product_fits_in_that_year(cli: CliRunner, sample: Path, product: str, code: str, year: int) -> None:
    shutil.copytree(sample / "portraits" / YEAR, sample / "portraits" / str(year))
    run = cli("check", sample, "--product", product, "--language", code, "--quiet", year=str(year))
    assert run.code == 0 and "Fehler:" not in run.err, run.err
