"""Every product of the product table can be made in every language we ship: `check` passes each pair.

Before, the fit proof refused (rightly) seven pairs of the 2027 sample: the A4 screen PDF in English, Ukrainian and
Arabic (October's feast list a line too long, or running into the legend), the A1 poster in English (a column of
explanations a line too long) and the turned posters in Arabic and Persian (CLDR's weekday names wider than the
day's head). One in-process `check` per pair, laid out once per run (tests/layout_memo.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.i18n.languages import GERMAN, LANGUAGES
from calendar_build.products import PRODUCTS
from tests.cli.conftest import CliRunner, cli, photo_cache, sample, sample_photos  # noqa: F401 - fixtures

# The bilingual product sets German beside another language: for German itself it is a usage error by design.
PAIRS = [(product.id, code) for product in PRODUCTS.values() if product.output == "pdf" for code in LANGUAGES
         if not (product.bilingual and code == GERMAN)]


def test_the_matrix_covers_every_pdf_product_and_language() -> None:
    assert len(PAIRS) == 9 * 6 - 1 and {code for _, code in PAIRS} == {"de", "en", "tr", "uk", "ar", "fa"}


@pytest.mark.full
@pytest.mark.parametrize(("product", "code"), PAIRS)
def test_every_product_fits_in_every_language(cli: CliRunner, sample: Path, product: str, code: str) -> None:
    run = cli("check", sample, "--product", product, "--language", code, "--quiet")
    assert run.code == 0 and "Fehler:" not in run.err, run.err
