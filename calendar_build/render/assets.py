"""Check the files templates and stylesheets refer to before anything is rendered.

Every `src="…"`, `<link href="…">`, `url(…)` and `@import` written literally in templates/ must
name a file inside the calendar project (or a system font); nothing is ever loaded from the
network. WeasyPrint's url_fetcher (`pdf.LocalFetcher`) refuses the same at render time, also for
URLs a template builds from variables – this check only says earlier and with file and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from calendar_build.errors import Problems
from calendar_build.paths import PathOutside, inside, read_regular_text

SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
TEMPLATE_SUFFIXES = (".j2", ".html", ".css")

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->|\{#.*?#\}", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
# Attributes whose URL a browser or WeasyPrint loads; <a href> is a link in the PDF and never fetched.
_FETCHED = re.compile(r"""<(?:link|image)\b[^>]*?\s(?:xlink:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')"""
                      r"""|\s(?:src|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I | re.S)


def _blank(match: re.Match[str]) -> str:
    """Return the comment with everything but its line breaks removed (lines stay where they were)."""
    return re.sub(r"[^\n]", " ", match.group())


def references(text: str, is_css: bool) -> list[tuple[int, str]]:
    """Return (line, URL) of every literal reference in a template or stylesheet; Jinja expressions skipped."""
    text = _CSS_COMMENT.sub(_blank, text) if is_css else _HTML_COMMENT.sub(_blank, text)
    found = []
    for pattern in (_CSS_URL, _FETCHED):  # a template may hold a <style> block, a stylesheet no tags
        for match in pattern.finditer(text):
            url = next((g for g in match.groups() if g is not None), "").strip()
            if url and "{{" not in url and "{%" not in url and not url.startswith(("#", "data:")):
                found.append((text.count("\n", 0, match.start()) + 1, url))
    return found


def remote_problem(url: str) -> str | None:
    """Return why `url` must not be loaded when it points to the network, else None."""
    if urlparse(url).scheme not in ("", "file") or url.startswith("//"):
        return (f"Verweis auf '{url}' – aus dem Netz wird nichts geladen; bitte die Datei ins Kalenderprojekt "
                f"legen und relativ verweisen.")
    return None


def problem_with(url: str, root: Path, base: Path) -> str | None:
    """Return why `url` (relative to `base`) must not be loaded, in German, or None when it is fine."""
    parsed = urlparse(url)
    if remote := remote_problem(url):
        return remote
    target = Path(unquote(parsed.path))
    if not target.is_absolute():
        target = base / target
    try:
        path = inside(root, target)
    except PathOutside:
        if any(target.resolve().is_relative_to(fonts) for fonts in SYSTEM_FONT_DIRS):
            return None
        return (f"Verweis auf '{url}' führt aus dem Kalenderprojekt hinaus – nur Dateien im Projektordner werden "
                f"gelesen.")
    if not path.is_file():
        return f"Die Datei '{url}' fehlt (gesucht in {path.relative_to(root.resolve()).as_posix() or '.'})."
    return None


def check_assets(root: Path, problems: Problems) -> None:
    """Record every literal reference in templates/ that leaves the project, is remote or is missing."""
    templates = root / "templates"
    files = sorted(p for p in templates.rglob("*") if p.suffix in TEMPLATE_SUFFIXES) if templates.is_dir() else []
    for path in files:
        try:
            text = read_regular_text(inside(root, path))
        except (PathOutside, OSError, ValueError):  # EncodingProblem
            continue  # the template or theme loader reports such a file with its line
        shown = path.relative_to(root).as_posix()
        # the site's templates link files of the site they are written into (checked after it is composed)
        of_site = path.is_relative_to(templates / "site")
        for line, url in references(text, path.suffix == ".css"):
            message = remote_problem(url) if of_site else problem_with(url, root, templates)
            if message is not None:
                problems.error(shown, line, message)
