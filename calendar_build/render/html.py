"""Page model -> HTML with Jinja2: autoescaped, strict about undefined names; templates only present."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
import jinja2
from jinja2.loaders import split_template_path

from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.languages import digits
from calendar_build.pages.model import Calendar
from calendar_build.pages.plan import PageRef
from calendar_build.paths import PathOutside, inside


@dataclass(frozen=True)
class Urls:
    """Where the HTML finds its stylesheet (photos are in the page model); empty: passed separately."""

    stylesheet: str = ""


class TemplateProblem(Exception):
    """A template that does not compile or render; carries file, line and a German message."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


class ProjectLoader(jinja2.BaseLoader):
    """Load templates from the templates folder: UTF-8 only, nothing from outside the project (no symlinks out)."""

    def __init__(self, templates: Path) -> None:
        self.templates = templates.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """Return the template's text and file name; raise TemplateProblem for a file we must not or cannot use."""
        path = self.templates.joinpath(*split_template_path(template))  # refuses '..'
        try:
            resolved = inside(self.templates.parent, path)
        except PathOutside:
            raise TemplateProblem(f"templates/{template}", None, "Die Vorlage verweist (Symlink) aus dem "
                                  "Kalenderprojekt hinaus – bitte die Datei selbst in templates/ legen.") from None
        try:
            raw = resolved.read_bytes()
            mtime = resolved.stat().st_mtime
        except OSError:
            raise jinja2.TemplateNotFound(template) from None
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TemplateProblem(f"templates/{template}", raw.count(b"\n", 0, exc.start) + 1,
                                  "Die Datei ist nicht UTF-8-kodiert – bitte als UTF-8 speichern.") from None
        return source, str(path), lambda: resolved.is_file() and resolved.stat().st_mtime == mtime


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Return a cache of compiled templates (keyed by their source), None if it cannot be made."""
    # "jinja-i18n": templates compiled before the i18n extension and the context filter must not be reused
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "calendar-build" / "jinja-i18n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def environment(templates: Path, language: str = "de") -> jinja2.Environment:
    """Return the Jinja2 environment for a project's templates folder, its texts in `language` (gettext).

    Templates mark reader-visible text as `{% trans %}…{% endtrans %}` or `_("…")`; `|digits` writes a
    number in the language's digits.
    """
    env = jinja2.Environment(
        loader=ProjectLoader(templates),
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["digits"] = _digits_filter(language)
    return env


def _digits_filter(language: str) -> Callable[..., str]:
    """Return the `digits` filter; it takes the context so Jinja never folds `{{ 7|digits }}` into the
    compiled (and cached) template of another language."""

    @jinja2.pass_context
    def digits_filter(_context: jinja2.runtime.Context, value: object) -> str:
        return digits(value, language)

    return digits_filter


def render_html(templates: Path, calendar: Calendar, pages: Sequence[PageRef], urls: Urls, created: str) -> str:
    """Return the HTML of the calendar's `pages` (all of a product's, or a few for a preview or a part).

    Raise TemplateProblem on errors.
    """
    env = environment(templates, calendar.language)
    try:
        template = env.get_template("calendar.html.j2")
        return template.render(cal=calendar, pages=pages, urls=urls, meta={"created": created})
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"templates/{exc.name or exc.filename}", exc.lineno,
                              f"Vorlagen-Syntaxfehler: {exc.message}") from exc
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(exc, templates)
        raise TemplateProblem(path, line, f"Unbekannter Name in der Vorlage: {undefined_message(exc)}") from exc
    except jinja2.TemplateNotFound as exc:
        path, line = _template_frame(exc, templates)
        if line is None:
            raise TemplateProblem(f"templates/{exc.name}", None, "Vorlage fehlt.") from exc
        raise TemplateProblem(path, line, f"Die Vorlage '{exc.name}' fehlt.") from exc
    except TemplateProblem:
        raise
    except Exception as exc:
        # An error raised by the template's own code (e.g. {{ year + "x" }}) is the designer's to fix;
        # one raised deeper, in our Python, is a bug and keeps its traceback.
        if not _raised_in_template(exc, templates):
            raise
        path, line = _template_frame(exc, templates)
        raise TemplateProblem(path, line, f"Fehler beim Ausführen der Vorlage: {type(exc).__name__}: {exc}") from exc


def undefined_message(exc: jinja2.UndefinedError) -> str:
    """Return Jinja's message about an undefined name in German."""
    message = exc.message or ""
    if match := re.fullmatch(r"'(.+)' is undefined", message):
        return f"'{match.group(1)}' ist nicht definiert."
    if match := re.fullmatch(r"'(.+)' has no attribute '(.+)'", message):
        owner = match.group(1).removesuffix(" object").rsplit(".", 1)[-1]
        return f"'{match.group(2)}' gibt es nicht in {owner}."
    return message


def _raised_in_template(exc: BaseException, templates: Path) -> bool:
    """Return whether the innermost frame of the exception is template code."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_code.co_filename.startswith(f"{templates.resolve()}{os.sep}")


def _template_frame(exc: BaseException, templates: Path) -> tuple[str, int | None]:
    """Return the template file and line where a rendering error happened."""
    tb = exc.__traceback__
    found: tuple[str, int | None] = ("templates/calendar.html.j2", None)
    root = templates.resolve()
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(f"{root}{os.sep}"):  # as the loader named it, even if it is a symlink
            found = ("templates/" + Path(filename).relative_to(root).as_posix(), tb.tb_lineno)
        tb = tb.tb_next
    return found
