"""The layout memo's page-by-page replay (tests/layout_memo.py) is exact: a part's pages laid out one by one, each
as a document of its own, and joined give what the part laid out whole gives – page count, fit violations with
their page numbers, WeasyPrint's messages and refused URLs – on the sample and on a stress edition.

Every layout here is WeasyPrint's own (the memo's unwrapped function), never a remembered one.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from calendar_build.pipeline import BuildOptions, set_pages
from calendar_build.products import PRODUCTS
from calendar_build.render import pdf
from calendar_build.stages.compose import compose
from tests import layout_memo
from tests.render.test_fit import SENTENCE, portrait


def job_of(project: Path, product: str, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Return the layout job `check` makes for a product of the project (nothing laid out)."""
    seen: list[Any] = []
    with monkeypatch.context() as patch:
        patch.setattr(pdf, "render_pdf", lambda job, _target: seen.append(job) or pdf.PdfResult())
        options = BuildOptions(root=project, year=2027, product=PRODUCTS[product], cache_dir=cache)
        set_pages(options, compose(options), None, parallel=False)
    return seen[0]


def stress(project: Path) -> None:
    """Overfill the March portrait, enlarge the month names past their frames, add a property WeasyPrint rejects."""
    portrait(project, "Shirin Rahimi-Farahani de Oliveira Santos", (SENTENCE * 7)[:600])
    theme = project / "templates" / "theme.css"
    theme.write_text(theme.read_text(encoding="utf-8").replace("--size-month:", "--size-month: 40mm; --old-size:", 1),
                     encoding="utf-8")
    layout = project / "templates" / "calendar.css"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n.portrait { text-shadow-colour: red; }\n",
                      encoding="utf-8")


def outcomes(job: Any, memo: layout_memo.Memo) -> list[tuple[Any, bool, list[Any] | None]]:
    """Return each part of the job laid out whole (and whether separable) and page by page (None: not separable).

    The pages are laid out as the memo lays them out, each as a document of its own (WeasyPrint each time).
    """
    assert memo.render is not None
    found = []
    for index, part in enumerate(job.parts):
        pages = layout_memo.pages_of(part)
        assert pages is not None and len(pages) > 1
        whole, _files = memo.fresh(memo.render, job, index)
        whole_separable = memo.separable
        alone = replace(job, parts=tuple(pages))
        each = []
        for number in range(len(pages)):
            page, _files = memo.fresh(memo.render, alone, number)
            each.append(replace(page, pages=page.pages - 1) if memo.separable else None)
        found.append((whole, whole_separable, None if None in each else each))
    return found


@pytest.mark.parametrize(("product", "stressed"), [("print-a3", False), ("screen", False), ("print-a3", True)],
                         ids=["sample-print-a3", "sample-screen", "stress-print-a3"])
def test_pages_laid_out_alone_and_joined_are_the_part(warm_project: Path, product: str, stressed: bool,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      remembered_layouts: layout_memo.Memo) -> None:
    if stressed:
        stress(warm_project)
    job = job_of(warm_project, product, warm_project / ".cache" / "calendar-build", monkeypatch)
    violations, messages, whole_separable, each_separable = 0, 0, [], []
    for whole, separable, each in outcomes(job, remembered_layouts):
        whole_separable.append(separable)
        each_separable.append(each is not None)
        violations += len(whole.violations)
        messages += len(whole.messages)
        if each is None:  # a page runs onto the next: the memo lays out the part whole
            assert not separable
            continue
        assert layout_memo.joined(each, job.strict) == layout_memo.joined([whole], job.strict)
        assert sum(page.pages for page in each) == whole.pages
        parts = layout_memo.split(whole, len(each)) if separable else None
        if parts is not None:  # what a whole part's layout leaves behind for its pages
            assert parts == each
    if stressed:
        # violations on many pages and a message on every one; on the cover the title block is pushed past the
        # page's end onto January's page: the memo sees it and lays that part out whole, the other page by page
        assert violations > 12 and messages > 0
        assert whole_separable == each_separable == [False, True]
    else:
        assert violations == messages == 0
        assert all(whole_separable) and all(each_separable)


def test_a_part_that_is_not_a_plain_sequence_of_pages_is_laid_out_whole() -> None:
    head, tail = '<!doctype html><html><head></head><body>', "</body></html>"
    page = '<section class="page month"><section class="x"></section></section>\n'
    assert layout_memo.pages_of(head + page * 3 + tail) == [head + page + layout_memo.BEHIND + tail] * 3
    assert layout_memo.pages_of(head + "<main>" + page * 3 + "</main>" + tail) is None  # wrapped by a template
    assert layout_memo.pages_of(head + page + '<section class="page x"><div>' + tail) is None  # unbalanced
    assert layout_memo.pages_of('<html><body class="x">' + page + tail) is None
