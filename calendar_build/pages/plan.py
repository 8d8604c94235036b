"""The page plan: which pages a product has, in order, each with what its template prints.

The product names the kinds of page (`products.Product.page_plan`); this module expands them into
pages: twelve month pages, as many explanation pages as the columns need. The templates loop over
the result, the parallel renderer splits it, the preview numbers it: the order is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

from calendar_build.pages.model import Calendar, ExplanationGroup, MonthPage
from calendar_build.pages.poster import PosterMonth, poster_months

Columns = tuple[tuple[ExplanationGroup, ...], ...]


@dataclass(frozen=True)
class PageRef:
    """One page of the plan: its id ("month-3"), kind (the template pages/<kind>.html.j2) and content."""

    id: str
    kind: str
    month: MonthPage | None = None  # for a month page
    columns: Columns = ()  # for an explanations page
    poster: tuple[PosterMonth, ...] = ()  # for the year poster: the twelve month columns
    first: bool = True  # the first page of its kind (continued pages say so)


def explanation_pages(calendar: Calendar, per_page: int) -> list[Columns]:
    """Return the explanation columns grouped into pages of `per_page` columns (at least one page)."""
    columns = calendar.explanation_columns
    return [columns[i : i + per_page] for i in range(0, len(columns), per_page)] or [()]


def _expand(kind: str, calendar: Calendar, per_page: int) -> list[PageRef]:
    if kind == "months":
        return [PageRef(f"month-{m.number}", "month", month=m) for m in calendar.months]
    if kind == "explanations":
        return [PageRef(f"explanations-{i}", "explanations", columns=page, first=i == 1)
                for i, page in enumerate(explanation_pages(calendar, per_page), start=1)]
    if kind == "poster":
        return [PageRef("poster", "poster", poster=poster_months(calendar))]
    if kind == "outlook" and not calendar.outlook:
        return []
    return [PageRef(kind, kind)]


def plan_pages(calendar: Calendar, page_plan: tuple[str, ...], columns_per_page: int) -> tuple[PageRef, ...]:
    """Return the pages of a product in print order (page n is item n-1)."""
    return tuple(page for kind in page_plan for page in _expand(kind, calendar, columns_per_page))
