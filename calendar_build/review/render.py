"""Review models -> standalone HTML pages via templates/review/ (autoescape, StrictUndefined)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from calendar_build.errors import ContentError, Problem
from calendar_build.i18n.languages import GERMAN
from calendar_build.render.html import TemplateProblem, render_template
from calendar_build.review.model import Report, Sheet

REPORT_TEMPLATE = "review/bericht.html.j2"
SHEET_TEMPLATE = "review/pruefbogen.html.j2"


def _render(templates: Path, name: str, language: str = GERMAN, **context: Any) -> str:
    """Render one template in the sandbox; raise ContentError naming the template file and line on failure."""
    try:
        return render_template(templates, name, language, **context)
    except TemplateProblem as exc:
        if exc.message == "Vorlage fehlt.":
            raise ContentError([Problem(exc.path, None, "Vorlage fehlt – bitte aus dem Programmordner "
                                        "calendar-build/templates/review/ in das Kalenderprojekt kopieren.")]) from exc
        raise ContentError([Problem(exc.path, exc.line, exc.message)]) from exc


def render_report(templates: Path, report: Report) -> str:
    """Return the report page."""
    return _render(templates, REPORT_TEMPLATE, report=report)


def render_sheet(templates: Path, sheet: Sheet) -> str:
    """Return the review sheet of one category."""
    return _render(templates, SHEET_TEMPLATE, sheet.language, sheet=sheet)
