"""The bilingual product: the explanations in the edition's language and German side by side."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from calendar_build.content.loader import load_content
from calendar_build.errors import ContentError
from calendar_build.pages.plan import plan_pages
from calendar_build.pipeline import set_pages
from calendar_build.products import PRODUCTS
from calendar_build.stages.compose import compose
from calendar_build.stages.options import BuildOptions
from tests.conftest import REPO

BILINGUAL = PRODUCTS["print-a3-bilingual"]


def test_is_a_row_of_the_product_table() -> None:
    assert BILINGUAL.bilingual and not PRODUCTS["print-a3"].bilingual
    assert BuildOptions(root=REPO, year=2027, product=BILINGUAL, language="tr").target.name == \
        "calendar-2027-print-a3-bilingual-tr.pdf"


def test_both_languages_printed_side_by_side(tmp_path: Path, warm_cache: Callable[[Path], Path]) -> None:
    options = BuildOptions(root=REPO, year=2027, product=BILINGUAL, language="tr", cache_dir=warm_cache(tmp_path / "cache"),
                           parallel_parts=False)
    draft = compose(options, [1])
    pages = plan_pages(draft.calendar, BILINGUAL.page_plan, draft.valid.theme.explanation_columns)
    first = next(n for n, page in enumerate(pages, start=1) if page.kind == "explanations")
    composed = compose(options, [first])
    item = composed.calendar.explanation_columns[0][0].items[0]
    german = {e.holiday.id: e.holiday.description for e in load_content(REPO).catalogue.entries}["new-year"]
    # New Year's Day is a legal holiday in Hessen: both halves end with the sentence in their language.
    assert item.german == " ".join(german.split()) + " Gesetzlicher Feiertag in Hessen."
    assert item.description.endswith(" Hessen eyaletindeki resmî tatillerden biridir.")
    target = tmp_path / "bilingual.pdf"
    set_pages(options, composed, target, parallel=False)  # the fit proof passes: both halves fit their column
    text = " ".join(pdfium.PdfDocument(target)[0].get_textpage().get_text_range().split())
    assert "Mit dem 1. Januar beginnt das Jahr" in text and "Gregoryen takvime göre yıl 1 Ocak'ta başlar" in text


def test_german_beside_german_is_refused(tmp_path: Path, warm_cache: Callable[[Path], Path]) -> None:
    options = BuildOptions(root=REPO, year=2027, product=BILINGUAL, cache_dir=warm_cache(tmp_path / "cache"))
    with pytest.raises(ContentError) as error:
        compose(options, [1])
    assert any("stellt Deutsch neben eine andere Sprache" in p.message for p in error.value.problems)
