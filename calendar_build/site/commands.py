"""The command-line side of the website: `site`, `clashes` and `serve` (registered in cli.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from calendar_build.errors import display_path, print_problems
from calendar_build.products import PRODUCTS
from calendar_build.stages.options import BuildOptions

EXIT_OK = 0


def web_options(args: argparse.Namespace) -> BuildOptions:
    """Return the build options of the web product."""
    from calendar_build.cli import edition_language  # noqa: PLC0415 - the cli registers these commands

    return BuildOptions(root=args.root, year=args.year, product=PRODUCTS["web"], strict=getattr(args, "strict", False),
                        language=edition_language(args))


def cmd_site(args: argparse.Namespace) -> int:
    """Write the static website of the edition."""
    from calendar_build.cli import check_out_dir, check_year  # noqa: PLC0415
    from calendar_build.site.build import build_site, site_folder  # noqa: PLC0415

    check_year(args.year)
    options = web_options(args)
    target = site_folder(options, args.out)
    check_out_dir(target)
    report = build_site(options, target)
    print_problems(list(report.warnings))
    print(f"Website: {report.pages} Seiten, {report.files} Dateien in {report.seconds:.1f} s – {target / 'index.html'}")
    return EXIT_OK


def cmd_clashes(args: argparse.Namespace) -> int:
    """Print every planned date of an ICS or CSV file that falls on a feast of the edition."""
    from calendar_build.cli import check_year  # noqa: PLC0415
    from calendar_build.content.loader import load_content  # noqa: PLC0415
    from calendar_build.engine.occurrences import compute_year  # noqa: PLC0415
    from calendar_build.site.clashes import find_clashes, read_planned, report  # noqa: PLC0415

    check_year(args.year)
    shown = display_path(args.planned, Path.cwd())
    planned, warnings = read_planned(args.planned, shown)
    content = load_content(args.root)
    table = compute_year(content, args.year)
    print_problems(warnings)
    labels = {c.id: c.label for c in content.catalogue.categories}
    print(report(planned, find_clashes(planned, table), table, labels, shown), end="")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the site and print previews on 127.0.0.1 and reload them in the browser on every change."""
    from calendar_build.cli import check_year  # noqa: PLC0415
    from calendar_build.preview import parse_pages  # noqa: PLC0415
    from calendar_build.site.serve import serve  # noqa: PLC0415

    check_year(args.year)
    return serve(web_options(args), parse_pages(args.pages), args.port, print_pages=not args.no_print)


def add_commands(command: Callable[[str, str, Callable[[argparse.Namespace], int]], argparse.ArgumentParser]) -> None:
    """Register the site's commands with the command line (`command` is the cli's factory of subcommands)."""
    site = command("site", "Website der Ausgabe schreiben (output/JAHR/site/): Monate, Feste, Legende, "
                   "Planungshilfe, offene Daten, ICS.", cmd_site)
    site.add_argument("--out", type=Path, default=None, help="Zielordner der Website (Standard: output/JAHR/site)")
    site.add_argument("--strict", action="store_true", help="Warnungen als Fehler behandeln")

    clashes = command("clashes", "Geplante Termine (ICS oder CSV) gegen die Feste der Ausgabe prüfen.", cmd_clashes)
    clashes.add_argument("planned", type=Path, metavar="TERMINE", help="ICS- oder CSV-Datei mit geplanten Terminen")

    serve = command("serve", "Live-Vorschau auf 127.0.0.1: Website und Druckseiten, neu geladen bei jeder "
                    "Änderung an content/, portraits/, templates/.", cmd_serve)
    serve.add_argument("--port", type=int, default=8000, help="Port (Standard: 8000)")
    serve.add_argument("--pages", default="2", metavar="SEITEN", help="Druckseiten als PNG, z. B. 1,5-6 (Standard: 2, der Januar)")
    serve.add_argument("--no-print", action="store_true", help="nur die Website, keine Druckseiten")
