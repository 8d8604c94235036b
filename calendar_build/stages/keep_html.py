"""Stage (optional): the HTML of a build with its assets, for a designer to open in a browser."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlparse

from calendar_build.output import atomic_write, staged_folder
from calendar_build.pages.model import Calendar, PhotoUrls
from calendar_build.pages.plan import PageRef
from calendar_build.render.html import Urls, render_html
from calendar_build.stages.compose import Composed, relink
from calendar_build.stages.options import BuildOptions


def keep_html(options: BuildOptions, composed: Composed) -> Path:
    """Write the HTML and its assets into <out>/html-<product>/; return the HTML file."""
    target = options.out_dir / f"html-{options.product.id}"
    # A bundle of this build only, no stale files: made in a hidden folder beside it, then swapped in,
    # so an interrupted build leaves the earlier bundle whole.
    with staged_folder(target) as folder:
        (folder / "photos").mkdir()
        relative = {}
        photos = composed.photos
        for month in photos.urls():
            relative[month] = PhotoUrls(f"photos/{month:02d}.jpg", f"photos/{month:02d}-titel.jpg")
            shutil.copyfile(photos.frames[month].path, folder / relative[month].frame)
            shutil.copyfile(photos.tiles[month].path, folder / relative[month].tile)
        calendar = relink(composed.calendar, relative)
        pages = [replace_month(page, calendar) for page in composed.pages]
        html = render_html(options.root / "templates", calendar, pages, Urls("calendar.css"), composed.created)
        atomic_write(folder / "calendar.css", _bundle_css(composed.css, folder).encode())
        atomic_write(folder / "calendar.html", html.encode())
    return target / "calendar.html"


def replace_month(page: PageRef, calendar: Calendar) -> PageRef:
    """Return the page with its month taken from `calendar` (relinked photos)."""
    return replace(page, month=calendar.months[page.month.number - 1]) if page.month is not None else page


def _bundle_css(css: str, folder: Path) -> str:
    """Return the stylesheet with its font and profile files copied beside it and linked relatively."""
    def local(match: re.Match[str]) -> str:
        source = Path(unquote(urlparse(match.group(1)).path))
        (folder / "assets").mkdir(exist_ok=True)
        shutil.copyfile(source, folder / "assets" / source.name)
        return f"url('assets/{source.name}')"

    return re.sub(r"url\('(file://[^']+)'\)", local, css)
