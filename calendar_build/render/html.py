"""Page model -> HTML with Jinja2: sandboxed, autoescaped, strict about undefined names; templates only present.

Templates are the designers' and may come from anywhere, so they run in Jinja's immutable
sandbox: no attribute starting with an underscore (no way to `__globals__`, `os` or `open`), no
changing of the calendar's data, no `lipsum`, repetition (`*`, `**`) bounded. Includes, imports
and `extends` are followed before rendering: a template that reaches itself, or a chain deeper than
MAX_NESTING, is reported with file and line instead of recursing until Python gives up.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, safe_range

from calendar_build.content.encoding import EncodingProblem, decode_text
from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.languages import GERMAN, digits
from calendar_build.pages.model import Calendar
from calendar_build.errors import os_error_message
from calendar_build.output import atomic_write
from calendar_build.paths import machine_cache
from calendar_build.pages.plan import PageRef
from calendar_build.paths import PathOutside, inside, read_regular

MAX_NESTING = 8  # includes within includes (calendar -> page -> macros is 3)
MAX_REPEAT = 1_000_000  # characters or items a template may make with * or **
MAX_TEMPLATE_BYTES = 1_000_000


@dataclass(frozen=True)
class Urls:
    """Where the HTML finds its stylesheet (photos are in the page model); empty: passed separately."""

    stylesheet: str = ""


class TemplateProblem(Exception):
    """A template that does not compile or render; carries file, line and a German message."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


def _not_found(name: str) -> str:
    """Return why a template a template asked for cannot be used: outside templates/, or missing."""
    if name.startswith("/") or ".." in name.replace("\\", "/").split("/"):
        return (f"Die Vorlage '{name}' liegt außerhalb von templates/ – Vorlagen dürfen nur Dateien aus "
                "templates/ einbinden.")
    return f"Die Vorlage '{name}' fehlt."


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
            raw = read_regular(resolved, MAX_TEMPLATE_BYTES)
            mtime = resolved.stat().st_mtime
        except FileNotFoundError:
            raise jinja2.TemplateNotFound(template) from None
        except OSError as exc:  # a FIFO, a folder, a symlink loop: named, never waited on
            raise TemplateProblem(f"templates/{template}", None, f"{os_error_message(exc)}.") from None
        if len(raw) > MAX_TEMPLATE_BYTES:
            raise TemplateProblem(f"templates/{template}", None, f"Die Vorlage ist zu groß (höchstens "
                                  f"{MAX_TEMPLATE_BYTES} Bytes).")
        try:
            source = decode_text(raw)
        except EncodingProblem as exc:
            raise TemplateProblem(f"templates/{template}", exc.line, exc.message) from None
        return source, str(path), lambda: resolved.is_file() and resolved.stat().st_mtime == mtime

    def list_templates(self) -> list[str]:
        """Return the names of the template files (.j2) below the templates folder."""
        return sorted(p.relative_to(self.templates).as_posix() for p in self.templates.rglob("*.j2"))


class VerifiedBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates on disk, each with its sha256: a damaged entry is compiled anew, never used.

    A cache that cannot be written (read-only, a file in the way, deleted meanwhile) only costs time.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.jbc"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket from its file when the file is whole."""
        try:
            raw = read_regular(self._path(bucket), 50_000_000)
        except OSError:
            return
        digest, data = raw[:32], raw[32:]
        if hashlib.sha256(data).digest() != digest:
            return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # noqa: BLE001 - written by another Python: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Write the bucket with its digest; give up quietly when the cache cannot be written."""
        data = bucket.bytecode_to_string()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self._path(bucket), hashlib.sha256(data).digest() + data)
        except OSError:
            pass


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Return a cache of compiled templates (keyed by their source), None if it cannot be made."""
    # "jinja-i18n": templates compiled before the i18n extension and the context filter must not be reused
    folder = machine_cache("jinja-i18n")
    return VerifiedBytecodeCache(folder)


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with bounded repetition."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """Refuse a product or power that would fill the memory; otherwise compute it."""
        sizes = [len(v) for v in (left, right) if isinstance(v, (str, list, tuple))]
        counts = [v for v in (left, right) if isinstance(v, int)]
        if operator == "*" and sizes and counts and sizes[0] * max(counts[-1], 0) > MAX_REPEAT:
            raise SecurityError(f"Wiederholung mit '*' ergibt mehr als {MAX_REPEAT} Zeichen")
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise SecurityError("Potenz mit '**' ist zu groß (Exponent höchstens 64)")
        return super().call_binop(context, operator, left, right)


def environment(templates: Path, language: str = GERMAN) -> jinja2.Environment:
    """Return the sandboxed Jinja2 environment for a project's templates folder, its texts in `language`.

    Templates mark reader-visible text as `_("…")` (gettext, i18n/catalogues.py); `|digits` writes a
    number in the language's digits.
    """
    env = TemplateSandbox(
        loader=ProjectLoader(templates),
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.pop("lipsum", None)  # a filler-text generator: nothing a calendar prints
    env.globals["range"] = bounded_range
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


def bounded_range(*args: int) -> range:
    """Return range(*args), refusing more than the sandbox's MAX_RANGE steps with a SecurityError."""
    try:
        return safe_range(*args)
    except OverflowError:
        raise SecurityError(f"range too big: höchstens {MAX_RANGE} Schritte") from None


def check_nesting(env: jinja2.Environment, name: str) -> None:
    """Raise TemplateProblem for an include/import/extends chain that reaches itself or runs too deep."""
    chain: list[str] = []
    found: dict[str, list[tuple[str, int]] | None] = {}  # each template parsed once, however often it is reached

    def references(current: str) -> list[tuple[str, int]] | None:
        if current not in found:
            try:
                source, _, _ = env.loader.get_source(env, current)  # type: ignore[union-attr]
                found[current] = list(_references(env.parse(source, current), env))
            except (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError):
                found[current] = None  # reported with file and line when the template is rendered
        return found[current]

    def visit(current: str, where: tuple[str, int | None]) -> None:
        if current in chain:
            loop = " → ".join([*chain[chain.index(current):], current])
            raise TemplateProblem(where[0], where[1], f"Die Vorlage bindet sich selbst ein ({loop}) – "
                                  "das endet nie; bitte den Verweis entfernen.")
        if len(chain) >= MAX_NESTING:
            raise TemplateProblem(where[0], where[1], f"Vorlagen sind tiefer als {MAX_NESTING} Ebenen "
                                  f"verschachtelt ({' → '.join([*chain, current])}).")
        referenced = references(current)
        if referenced is None:
            return
        chain.append(current)
        for name, line in referenced:
            visit(name, (f"templates/{current}", line))
        chain.pop()

    visit(name, (f"templates/{name}", None))


# Include chains found sound in this process (watch, serve), by template and the state of every template file
_SOUND: set[tuple[str, str, tuple[tuple[str, int, int], ...]]] = set()


def _fingerprint(env: jinja2.Environment, templates: Path) -> tuple[tuple[str, int, int], ...]:
    """Return the name, modification time and size of every template file."""
    found = []
    for name in env.list_templates():
        try:
            stat = (templates / name).stat()
        except OSError:
            continue
        found.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def checked_before(env: jinja2.Environment, templates: Path, name: str) -> None:
    """Check the include chain of `name` (check_nesting) unless found sound before with the same template files."""
    key = (str(templates), name, _fingerprint(env, templates))
    if key not in _SOUND:
        check_nesting(env, name)
        _SOUND.add(key)


def _references(tree: nodes.Template, env: jinja2.Environment) -> Iterator[tuple[str, int]]:
    """Yield (template name, line) of every include, import and extends.

    A name built at render time ("pages/" ~ page.kind ~ ".html.j2") stands for every template its
    fixed parts fit.
    """
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = node.template  # type: ignore[attr-defined]  # every one of the four has it
        choices = target.items if isinstance(target, (nodes.Tuple, nodes.List)) else [target]
        for choice in choices:
            pattern = _name_pattern(choice)
            if pattern is None:
                continue
            names = [pattern] if not any(c in pattern for c in "*?[") else \
                fnmatch.filter(env.list_templates(), pattern)
            for referenced in names:
                yield referenced, node.lineno


def _name_pattern(node: nodes.Node) -> str | None:
    """Return the template name a node gives, with '*' for the parts known only at render time."""
    if isinstance(node, nodes.Const):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, nodes.Concat):
        return "".join(part.value if isinstance(part, nodes.Const) and isinstance(part.value, str) else "*"
                       for part in node.nodes)
    if isinstance(node, nodes.Add):
        return f"{_name_pattern(node.left) or '*'}{_name_pattern(node.right) or '*'}"
    return "*"


def render_html(templates: Path, calendar: Calendar, pages: Sequence[PageRef], urls: Urls, created: str) -> str:
    """Return the HTML of the calendar's `pages` (all of a product's, or a few for a preview or a part).

    Raise TemplateProblem on errors.
    """
    return render_template(templates, "calendar.html.j2", language=calendar.language, cal=calendar, pages=pages,
                           urls=urls, meta={"created": created})


def render_html_parts(templates: Path, calendar: Calendar, parts: Sequence[Sequence[PageRef]], urls: Urls,
                      created: str) -> list[str]:
    """Return the HTML of each part's pages, all rendered in one sandbox (its templates checked once).

    Raise TemplateProblem on errors.
    """
    return render_templates(templates, [("calendar.html.j2", {"cal": calendar, "pages": pages, "urls": urls,
                                                              "meta": {"created": created}}) for pages in parts],
                            calendar.language)


def render_template(templates: Path, name: str, language: str = GERMAN, **context: Any) -> str:
    """Render one template in the sandbox, its texts in `language`; raise TemplateProblem (German, file and
    line) on every failure."""
    return render_templates(templates, [(name, context)], language)[0]


def render_templates(templates: Path, jobs: Sequence[tuple[str, dict[str, Any]]],
                     language: str = GERMAN) -> list[str]:
    """Render several templates in one sandbox, each include chain checked once (the website's pages).

    Raise TemplateProblem (German, file and line) on the first failure.
    """
    env = environment(templates, language)
    checked: set[str] = set()
    rendered: list[str] = []
    try:
        for name, context in jobs:
            if name not in checked:
                checked_before(env, templates, name)
                checked.add(name)
            rendered.append(env.get_template(name).render(**context))
        return rendered
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"templates/{exc.name or exc.filename}", exc.lineno,
                              f"Vorlagen-Syntaxfehler: {exc.message}") from exc
    except SecurityError as exc:
        path, line = _template_frame(exc, templates)
        raise TemplateProblem(path, line, security_message(exc)) from exc
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(exc, templates)
        raise TemplateProblem(path, line, f"Unbekannter Name in der Vorlage: {undefined_message(exc)}") from exc
    except jinja2.TemplateNotFound as exc:
        path, line = _template_frame(exc, templates)
        if line is None:
            raise TemplateProblem(f"templates/{exc.name}", None, "Vorlage fehlt.") from exc
        raise TemplateProblem(path, line, _not_found(str(exc.name))) from exc
    except TemplateProblem:
        raise
    except RecursionError as exc:  # a macro calling itself without end
        path, line = _template_frame(exc, templates)
        raise TemplateProblem(path, line, "Die Vorlage ruft sich ohne Ende selbst auf (Makro-Rekursion) – "
                              "bitte den Selbstaufruf entfernen.") from None
    except Exception as exc:
        # An error raised by the template's own code (e.g. {{ year + "x" }}) is the designer's to fix;
        # one raised deeper, in our Python, is a bug and keeps its traceback.
        if not _raised_in_template(exc, templates):
            raise
        path, line = _template_frame(exc, templates)
        raise TemplateProblem(path, line, f"Fehler beim Ausführen der Vorlage: {type(exc).__name__}: {exc}") from exc


def security_message(exc: SecurityError) -> str:
    """Return the sandbox's refusal in German."""
    text = str(exc)
    if match := re.search(r"access to attribute '([^']+)' of '([^']+)' object is unsafe", text):
        return (f"Die Vorlage greift auf '{match.group(1)}' zu, ein Innenleben von Python – Vorlagen dürfen nur "
                f"die Kalenderdaten ausgeben; bitte den Ausdruck entfernen.")
    if "unsafe" in text or "not safely callable" in text or "modify" in text or "immutable" in text:
        return ("Die Vorlage versucht, Daten zu ändern oder etwas Unsicheres aufzurufen – Vorlagen dürfen nur "
                "die Kalenderdaten ausgeben; bitte den Ausdruck entfernen.")
    if "range too big" in text:
        return f"range() ist in der Vorlage zu groß – höchstens {MAX_RANGE} Schritte."
    return f"In Vorlagen nicht erlaubt: {text}."


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
