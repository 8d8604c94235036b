"""The command line: parse arguments, run a command, turn problems into exit codes.

Exit codes: 0 success, 1 content problems (printed as `path:line: message`), 2 misuse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from calendar_build import clock
from calendar_build.content.loader import Content, load_content
from calendar_build.engine.occurrences import compute_year
from calendar_build.engine.rules import SUPPORTED_YEARS
from calendar_build.errors import ContentError, Problem, Problems, UsageError, print_problems
from calendar_build.i18n.languages import LANGUAGE_CODES
from calendar_build.export import table
from calendar_build.products import BY_VARIANT_AND_FORMAT, DEFAULT_PRODUCTS, PRODUCTS, Product, product_for

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
LANGUAGE_COMMANDS = ("holidays", "ics", "build", "check", "preview", "watch")  # the commands that take --language


class GermanParser(argparse.ArgumentParser):
    """An argument parser that reports misuse in German and exits with 2."""

    def error(self, message: str) -> NoReturn:
        """Print a German usage error and exit with 2."""
        replacements = {
            "the following arguments are required": "Diese Angaben fehlen",
            "invalid choice": "ungültige Auswahl",
            "invalid int value": "keine ganze Zahl",
            "unrecognized arguments": "unbekannte Angaben",
            "expected one argument": "erwartet einen Wert",
            "argument": "Angabe",
            "choose from": "möglich sind",
        }
        for english, german in replacements.items():
            message = message.replace(english, german)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: Fehler: {message}\n")


def _edition_value(root: Path, key: str) -> object:
    """Return a setting of content/edition.yaml read quickly (None if absent or unreadable; checked later)."""
    from calendar_build.content.yamlsafe import YamlProblem, load_yaml  # noqa: PLC0415

    edition = root / "content" / "edition.yaml"
    try:
        data = load_yaml(edition).data if edition.is_file() else None
    except YamlProblem:
        data = None  # reported properly when the content is loaded
    return data.get(key) if isinstance(data, dict) else None


def default_year(root: Path) -> int:
    """Return the edition's year from content/edition.yaml, else next year (SOURCE_DATE_EPOCH's, if set)."""
    year = _edition_value(root, "year")
    if isinstance(year, int) and not isinstance(year, bool):
        return year
    return clock.today().year + 1


def edition_language(args: argparse.Namespace) -> str:
    """Return --language, else `language` of content/edition.yaml, else German."""
    from calendar_build.i18n.languages import GERMAN, LANGUAGES  # noqa: PLC0415

    language = args.language or _edition_value(args.root, "language")
    return language if isinstance(language, str) and language in LANGUAGES else GERMAN


def localized_content(args: argparse.Namespace) -> tuple[Content, str]:
    """Return the project's content in the edition's language and that language; raise ContentError."""
    from calendar_build.i18n.content import localize  # noqa: PLC0415

    problems = Problems()
    language = edition_language(args)
    content = localize(load_content(args.root, problems), language, problems)
    problems.raise_if_errors()
    return content, language


def year_arg(text: str) -> int:
    """Parse --year; the range check comes later with a content-style message."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' ist keine Jahreszahl") from None


def check_year(year: int) -> None:
    """Raise ContentError for a year outside the supported range."""
    if year not in SUPPORTED_YEARS:
        raise ContentError([Problem(
            "--year", None,
            f"Das Jahr {year} wird nicht unterstützt – die Feiertage werden für "
            f"{SUPPORTED_YEARS.start}–{SUPPORTED_YEARS.stop - 1} berechnet.",
        )])


def check_out_dir(out: Path) -> None:
    """Raise UsageError when `out` cannot become the output folder (a file in the way, not writable)."""
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"Der Ausgabeordner '{out}' kann nicht angelegt werden: '{existing}' ist eine Datei – "
                         f"bitte mit --out einen Ordner angeben.")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"In '{existing}' darf nicht geschrieben werden – bitte mit --out einen anderen Ordner "
                         f"angeben.")


def cmd_holidays(args: argparse.Namespace) -> int:
    """Print the holiday table of a year as JSON, CSV or ICS."""
    check_year(args.year)
    content, language = localized_content(args)
    year_table = compute_year(content, args.year)
    labels = {c.id: c.label for c in content.catalogue.categories}
    if args.format == "json":
        sys.stdout.write(table.to_json(year_table, labels))
    elif args.format == "csv":
        sys.stdout.write(table.to_csv(year_table, labels))
    else:
        from calendar_build.export import ics  # noqa: PLC0415 - icalendar is needed for ICS only

        stamp = ics_stamp(content.edition.document_date, args.year)
        sys.stdout.flush()
        sys.stdout.buffer.write(ics.to_ics(year_table, labels, stamp, ics.calendar_name(args.year, None, language),
                                           language))
    return EXIT_OK


def ics_stamp(document_date: dt.date | None, year: int) -> dt.datetime:
    """Return the fixed DTSTAMP: the document date, else SOURCE_DATE_EPOCH, never the clock."""
    from calendar_build.export import ics  # noqa: PLC0415 - icalendar is needed for ICS only

    return ics.dtstamp(document_date, year, clock.source_epoch())


def cmd_ics(args: argparse.Namespace) -> int:
    """Write the iCalendar files of a year: all categories combined and one per category."""
    from calendar_build.export.write import write_ics  # noqa: PLC0415 - icalendar is needed for ICS only

    check_year(args.year)
    content, language = localized_content(args)
    year_table = compute_year(content, args.year)
    labels = {c.id: c.label for c in content.catalogue.categories}
    out = args.out or args.root / "output" / str(args.year)
    check_out_dir(out)
    for path in write_ics(year_table, labels, out, ics_stamp(content.edition.document_date, args.year), language):
        print(f"geschrieben: {path}")
    return EXIT_OK


def selected_products(args: argparse.Namespace) -> tuple[Product, ...]:
    """Return the products --variant and --format select; `all`: the edition's list (edition.yaml `products`)."""
    if args.variant != "all":
        return (product_for(args.variant, args.format or "a3"),)
    listed = _edition_value(args.root, "products")
    ids = [i for i in listed if i in PRODUCTS] if isinstance(listed, list) else list(DEFAULT_PRODUCTS)
    if args.format:  # `--variant all --format a4`: the edition's products in that format
        ids = [BY_VARIANT_AND_FORMAT[PRODUCTS[i].medium, args.format] for i in ids]
    return tuple(PRODUCTS[i] for i in dict.fromkeys(ids)) or tuple(PRODUCTS[i] for i in DEFAULT_PRODUCTS)


def cmd_build(args: argparse.Namespace) -> int:
    """Build the calendar PDFs of the selected products (with `--variant all` also the ICS files)."""
    from calendar_build.pipeline import BuildOptions  # noqa: PLC0415 - WeasyPrint loads slowly
    from calendar_build.variants import build_products, print_report  # noqa: PLC0415

    check_year(args.year)
    products = selected_products(args)
    options = BuildOptions(root=args.root, year=args.year, out=args.out, keep_html=args.keep_html, strict=args.strict,
                           language=edition_language(args))
    check_out_dir(options.out_dir)
    from calendar_build.progress import steps  # noqa: PLC0415

    problems: list[Problem] = []
    failed: list[str] = []
    with steps(args.quiet) as step:
        outcomes = build_products(options, products, step)
    for product, outcome in outcomes:
        if isinstance(outcome, list):
            problems.extend(p for p in outcome if p not in problems)
            failed.append(product.title)
        else:
            print_report(product, outcome)
    if args.variant == "all" and not problems:
        cmd_ics(argparse.Namespace(root=args.root, year=args.year, out=args.out, language=options.language))
    if problems:
        written = [p.title for p, outcome in outcomes if not isinstance(outcome, list)]
        raise ContentError(problems, written=written, not_written=failed)
    return EXIT_OK


def cmd_preview(args: argparse.Namespace) -> int:
    """Render PNG previews of some pages and a contact sheet."""
    from calendar_build.pipeline import BuildOptions  # noqa: PLC0415
    from calendar_build.preview import parse_pages, preview  # noqa: PLC0415

    check_year(args.year)
    pages = parse_pages(args.pages)
    product = product_for(args.variant, args.format or "a3")
    report = preview(BuildOptions(root=args.root, year=args.year, product=product, out=args.out,
                                  language=edition_language(args)), pages)
    print_problems(report.warnings)
    print(f"Vorschau: {len(report.pngs)} Seiten in {report.seconds:.1f} s – {report.sheet}")
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    """Rebuild the preview whenever content, portraits or templates change."""
    from calendar_build.pipeline import BuildOptions  # noqa: PLC0415
    from calendar_build.preview import parse_pages  # noqa: PLC0415
    from calendar_build.watch import watch  # noqa: PLC0415

    check_year(args.year)
    product = product_for(args.variant, args.format or "a3")
    return watch(BuildOptions(root=args.root, year=args.year, product=product, out=args.out,
                              language=edition_language(args)),
                 parse_pages(args.pages))


def cmd_check(args: argparse.Namespace) -> int:
    """Validate and lay out every product a build would make, without writing a PDF."""
    from calendar_build.check import run_check  # noqa: PLC0415
    from calendar_build.pipeline import BuildOptions  # noqa: PLC0415

    check_year(args.year)
    return run_check(BuildOptions(root=args.root, year=args.year, strict=args.strict, language=edition_language(args)),
                     selected_products(args))


def cmd_new_edition(args: argparse.Namespace) -> int:
    """Scaffold the twelve portrait files and the overrides file of a new edition."""
    from calendar_build.editions import plan_edition, write_edition  # noqa: PLC0415

    check_year(args.year)
    plan = plan_edition(args.root, args.year, args.source_year)
    for path in write_edition(args.root, plan):
        print(f"angelegt: {path}")
    order = f"Reihenfolge der Städte wie {plan.source_year}" if plan.source_year else "Städte alphabetisch"
    print(f"Ausgabe {args.year} angelegt ({order}). Jetzt die Porträts ausfüllen und mit "
          f"'calendar-build check --year {args.year}' prüfen.")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """Report how the dates moved against last year and the last build; write report and review sheets."""
    from calendar_build.progress import steps  # noqa: PLC0415
    from calendar_build.review import run_diff  # noqa: PLC0415

    check_year(args.year)
    with steps(args.quiet) as step:
        result = run_diff(args.root, args.year, step)
    sys.stdout.write(result.text)
    report, *sheets = result.outputs
    print(f"geschrieben: {report}")
    if sheets:
        print(f"geschrieben: {len(sheets)} Prüfbögen in {sheets[0].parent}")
    return EXIT_OK


def build_parser() -> GermanParser:
    """Return the argument parser with all commands."""
    parser = GermanParser(prog="calendar-build", description="Interkulturelle Kalender bauen.")
    commands = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=GermanParser)
    commands.required = True

    def command(name: str, help_text: str, run: Callable[[argparse.Namespace], int]) -> GermanParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--root", type=lambda p: Path(p).resolve(), default=Path(".").resolve(),
                         help="Kalenderprojekt-Ordner (Standard: hier)")
        sub.add_argument("--year", type=year_arg, default=None,
                         help="Jahr (Standard: 'year' aus content/edition.yaml, sonst nächstes Jahr)")
        sub.add_argument("--quiet", action="store_true", help="keine Fortschrittsanzeige")
        if name in LANGUAGE_COMMANDS:
            sub.add_argument("--language", choices=LANGUAGE_CODES, default=None,
                             help="Sprache der Ausgabe (Standard: 'language' aus content/edition.yaml, sonst de)")
        sub.set_defaults(run=run)
        return sub

    holidays = command("holidays", "Feiertagstabelle eines Jahres ausgeben.", cmd_holidays)
    holidays.add_argument("--format", choices=("json", "csv", "ics"), default="json", help="Ausgabeformat")

    ics_cmd = command("ics", "Kalenderdateien (ICS) eines Jahres schreiben: alle Kategorien und je Kategorie.",
                      cmd_ics)
    ics_cmd.add_argument("--out", type=Path, default=None, help="Zielordner (Standard: output/JAHR)")

    build_cmd = command("build", "Kalender-PDF bauen.", cmd_build)
    build_cmd.add_argument("--format", choices=("a3", "a4"), default=None, help="Seitenformat (Standard: a3)")
    build_cmd.add_argument("--variant", choices=("print", "screen", "all"), default="print",
                           help="print: Druck-PDF, screen: barrierearme Bildschirm-PDF, all: alle Produkte der "
                                "Ausgabe (products in edition.yaml) und ICS")
    build_cmd.add_argument("--out", type=Path, default=None, help="Zielordner (Standard: output/JAHR)")
    build_cmd.add_argument("--keep-html", action="store_true", help="HTML und Bilder zusätzlich ablegen")
    build_cmd.add_argument("--strict", action="store_true", help="Warnungen als Fehler behandeln")

    for name, help_text, run in (
        ("preview", "PNG-Vorschau einzelner Seiten und Übersichtsseite (output/JAHR/preview/).", cmd_preview),
        ("watch", "Vorschau bei jeder Änderung an content/, portraits/, templates/ neu erzeugen.", cmd_watch),
    ):
        sub = command(name, help_text, run)
        sub.add_argument("--pages", default=None, help="Seiten, z. B. 1,5-6 (Standard: alle)")
        sub.add_argument("--format", choices=("a3", "a4"), default=None, help="Seitenformat (Standard: a3)")
        sub.add_argument("--variant", choices=("print", "screen"), default="print",
                         help="print: Druckfassung, screen: Bildschirmfassung (Standard: print)")
        sub.add_argument("--out", type=Path, default=None, help="Zielordner (Standard: output/JAHR)")

    check_cmd = command("check", "Alles prüfen, was ein Build verwendet, ohne PDF zu schreiben.", cmd_check)
    check_cmd.add_argument("--format", choices=("a3", "a4"), default=None, help="Seitenformat (Standard: a3)")
    check_cmd.add_argument("--variant", choices=("print", "screen", "all"), default="all",
                           help="Standard all: alle Produkte der Ausgabe (products in edition.yaml)")
    check_cmd.add_argument("--strict", action="store_true", help="Warnungen als Fehler behandeln")

    new_edition = command("new-edition", "Neue Ausgabe anlegen: zwölf Porträt-Vorlagen und Overrides-Datei.",
                          cmd_new_edition)
    new_edition.add_argument("--from", dest="source_year", type=year_arg, default=None, metavar="JAHR",
                             help="Städte-Reihenfolge dieser Ausgabe übernehmen (Standard: die letzte vorhandene)")

    command("diff", "Prüfbericht: Termine gegenüber Vorjahr und letztem Stand, Prüfbögen für die Gemeinden.",
            cmd_diff)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.year is None:
            args.year = default_year(args.root)
        return int(args.run(args))
    except ContentError as exc:
        errors, warnings = print_problems(exc.problems)
        outcome = (f"geschrieben: {', '.join(exc.written)}; nicht geschrieben: {', '.join(exc.not_written)}"
                   if exc.written else "nichts geschrieben")
        print(f"{errors} Fehler, {warnings} {'Warnung' if warnings == 1 else 'Warnungen'} – {outcome}.",
              file=sys.stderr)
        return EXIT_CONTENT
    except UsageError as exc:
        print(f"calendar-build: Fehler: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return 130
