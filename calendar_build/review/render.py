"""Review models -> standalone HTML pages via templates/review/ (autoescape, StrictUndefined)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from calendar_build.errors import ContentError, Problem
from calendar_build.render.html import TemplateProblem, environment
from calendar_build.review.model import Report, Sheet

REPORT_TEMPLATE = "review/bericht.html.j2"
SHEET_TEMPLATE = "review/pruefbogen.html.j2"


def _render(templates: Path, name: str, **context: Any) -> str:
    """Render one template; raise ContentError naming the template file and line on failure."""
    try:
        return environment(templates).get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        problem = Problem(f"templates/{exc.name or name}", exc.lineno, f"Vorlagen-Syntaxfehler: {exc.message}")
    except jinja2.TemplateNotFound as exc:
        problem = Problem(f"templates/{exc.name}", None, "Vorlage fehlt – bitte aus dem Programmordner "
                          "calendar-build/templates/review/ in das Kalenderprojekt kopieren.")
    except jinja2.UndefinedError as exc:
        problem = Problem(*_frame(exc, templates, name), f"Unbekannter Name in der Vorlage: {exc.message}")
    except TemplateProblem as exc:  # a template file that is not UTF-8 or points out of the project
        problem = Problem(exc.path, exc.line, exc.message)
    raise ContentError([problem])


def _frame(exc: BaseException, templates: Path, name: str) -> tuple[str, int | None]:
    """Return the template file and line where rendering failed."""
    found: tuple[str, int | None] = (f"templates/{name}", None)
    root = templates.resolve()
    tb = exc.__traceback__
    while tb is not None:
        filename = Path(tb.tb_frame.f_code.co_filename)
        if filename.is_absolute() and root in filename.resolve().parents:
            found = (f"templates/{filename.resolve().relative_to(root).as_posix()}", tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_report(templates: Path, report: Report) -> str:
    """Return the report page."""
    return _render(templates, REPORT_TEMPLATE, report=report)


def render_sheet(templates: Path, sheet: Sheet) -> str:
    """Return the review sheet of one category."""
    return _render(templates, SHEET_TEMPLATE, sheet=sheet)
