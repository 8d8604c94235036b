"""Page model -> HTML with Jinja2: autoescaped, strict about undefined names; templates only present."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from calendar_build.pages.model import Calendar


@dataclass(frozen=True)
class Urls:
    """Where the HTML finds its stylesheet (photos are in the page model); empty: passed separately."""

    stylesheet: str = ""


class TemplateProblem(Exception):
    """A template that does not compile or render; carries file, line and a German message."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


def environment(templates: Path) -> jinja2.Environment:
    """Return the Jinja2 environment for a project's templates folder."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(templates: Path, calendar: Calendar, explanation_pages: Any, urls: Urls, created: str) -> str:
    """Return the calendar's HTML; raise TemplateProblem with file and line on template errors."""
    env = environment(templates)
    try:
        template = env.get_template("calendar.html.j2")
        return template.render(cal=calendar, explanation_pages=explanation_pages, urls=urls, meta={"created": created})
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"templates/{exc.name or exc.filename}", exc.lineno,
                              f"Vorlagen-Syntaxfehler: {exc.message}") from exc
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(exc, templates)
        raise TemplateProblem(path, line, f"Unbekannter Name in der Vorlage: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(f"templates/{exc.name}", None, "Vorlage fehlt.") from exc


def _template_frame(exc: BaseException, templates: Path) -> tuple[str, int | None]:
    """Return the template file and line where a rendering error happened."""
    tb = exc.__traceback__
    found: tuple[str, int | None] = ("templates/calendar.html.j2", None)
    root = str(templates.resolve())
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(root):
            found = ("templates/" + Path(filename).resolve().relative_to(templates.resolve()).as_posix(), tb.tb_lineno)
        tb = tb.tb_next
    return found
