"""The command line: parse arguments, run a command, turn problems into exit codes.

Exit codes: 0 success, 1 content problems (printed as `path:line: message`), 2 misuse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import gc
import re
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from calendar_build import clock
from calendar_build.engine.years import SUPPORTED_YEARS
from calendar_build.errors import (ContentError, Problem, Problems, UsageError, count, os_error_problem, print_problems,
                                   problem_summary, suggestion)
from calendar_build.i18n.languages import GERMAN, LANGUAGE_CODES, LANGUAGES
from calendar_build.memory import collect_cycles_less, keep_freed_memory
from calendar_build.products import BY_VARIANT_AND_FORMAT, DEFAULT_PRODUCTS, FORMATS, PRODUCTS, VARIANTS, Product, product_for
from calendar_build.workers import Pool, Terminated, early, stop_on_signals

if TYPE_CHECKING:
    from calendar_build.content.loader import Content

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
LANGUAGE_COMMANDS = ("holidays", "ics", "build", "check", "preview", "watch", "diff", "site", "serve")  # take --language
PDF_PRODUCTS = tuple(i for i, p in PRODUCTS.items() if p.output == "pdf")  # `site` makes the website
PRODUCT_HELP = "ein Produkt nach Namen, z. B. poster-a2-landscape (statt --variant und --format)"


class GermanHelpFormatter(argparse.HelpFormatter):
    """Help text with a German usage line ('Aufruf:')."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        """Add the usage line with a German prefix."""
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


def did_you_mean(message: str) -> str:
    """Return " – Meinten Sie 'build'?" for an invalid choice close to an allowed one, else ''."""
    match = re.search(r"ungültige Auswahl: '([^']*)' \(möglich sind (.*)\)", message)
    if not match:
        return ""
    close = difflib.get_close_matches(match[1], re.findall(r"'([^']*)'", match[2]), n=1)
    return f" – Meinten Sie '{close[0]}'?" if close else ""


def option_hint(message: str, options: Iterable[str]) -> str:
    """Return " – Meinten Sie '--year'?" for an unknown option close to a known one, else ''."""
    match = re.search(r"unbekannte Angaben: (.*)", message)
    unknown = [word.split("=", 1)[0] for word in match[1].split() if word.startswith("--")] if match else []
    known = list(options)
    hints = [hint for word in unknown if (hint := suggestion(word, known))]
    return f" –{hints[0]}" if hints else ""


class GermanParser(argparse.ArgumentParser):
    """An argument parser that reports misuse and shows its help in German and exits with 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", GermanHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "Befehle"
        self._optionals.title = "Angaben"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="diese Hilfe zeigen und beenden")

    def _options(self) -> set[str]:
        """Return every option this parser or one of its commands knows."""
        parsers = [self, *(sub for action in self._actions if isinstance(action, argparse._SubParsersAction)
                           for sub in action.choices.values())]
        return {option for parser in parsers for action in parser._actions for option in action.option_strings}

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
            "ambiguous option": "mehrdeutige Angabe",
            "could match": "passt zu",
            "expected at most one argument": "erwartet höchstens einen Wert",
            "ignored explicit argument": "Wert nicht erlaubt",
            "not allowed with argument": "nicht zusammen mit",
        }
        for english, german in replacements.items():
            message = message.replace(english, german)
        message += did_you_mean(message) or option_hint(message, self._options())
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: Fehler: {message}\n")


def say(args: argparse.Namespace, text: str) -> None:
    """Print an informational line on stdout, unless --quiet (problems are printed regardless)."""
    if not getattr(args, "quiet", False):
        print(text)


def _edition_setting(root: Path, key: str) -> tuple[object, int | None]:
    """Return a setting of content/edition.yaml read quickly and its line (None if absent or unreadable)."""
    from calendar_build.content.yamlsafe import YamlProblem, load_yaml  # noqa: PLC0415

    edition = root / "content" / "edition.yaml"
    try:
        doc = load_yaml(edition) if edition.is_file() else None
    except YamlProblem:
        doc = None  # reported properly when the content is loaded
    if doc is None or not isinstance(doc.data, dict) or key not in doc.data:
        return None, None
    return doc.data[key], doc.line((key,))


def _edition_value(root: Path, key: str) -> object:
    """Return a setting of content/edition.yaml read quickly (None if absent or unreadable; checked later)."""
    return _edition_setting(root, key)[0]


def default_year(root: Path) -> int:
    """Return the edition's year from content/edition.yaml, else next year (SOURCE_DATE_EPOCH's, if set).

    A year there out of range is reported for that line: the editor typed no --year.
    """
    year, line = _edition_setting(root, "year")
    if isinstance(year, int) and not isinstance(year, bool):
        if year not in SUPPORTED_YEARS:
            raise ContentError([Problem("content/edition.yaml", line, f"{unsupported_year(year)} Bitte 'year' "
                                        "korrigieren oder das Jahr mit --year angeben.")])
        return year
    return clock.today().year + 1


def edition_language(args: argparse.Namespace) -> str:
    """Return --language, else `language` of content/edition.yaml, else German."""
    language = getattr(args, "language", None) or _edition_value(args.root, "language")
    return language if isinstance(language, str) and language in LANGUAGES else GERMAN


def localized_content(root: Path, language: str) -> Content:
    """Return the project's content in `language`; raise ContentError with every problem."""
    from calendar_build.content.loader import load_content  # noqa: PLC0415 - loaded where content is needed
    from calendar_build.i18n.content import localize  # noqa: PLC0415

    problems = Problems()
    content = localize(load_content(root, problems), language, problems)
    problems.raise_if_errors()
    return content


def year_arg(text: str) -> int:
    """Parse --year; the range check comes later with a content-style message."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' ist keine Jahreszahl") from None


def unsupported_year(year: int) -> str:
    """Return the German message for a year outside the supported range."""
    return (f"Das Jahr {year} wird nicht unterstützt – die Feiertage werden für "
            f"{SUPPORTED_YEARS.start}–{SUPPORTED_YEARS.stop - 1} berechnet.")


def check_year(year: int) -> None:
    """Raise ContentError for a year outside the supported range."""
    if year not in SUPPORTED_YEARS:
        raise ContentError([Problem("--year", None, unsupported_year(year))])


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
    """Print the holiday table of a year as JSON, CSV or ICS, or write it to the file named by --out."""
    from calendar_build.engine.occurrences import compute_year  # noqa: PLC0415
    from calendar_build.export import table  # noqa: PLC0415

    check_year(args.year)
    if args.out is not None:
        check_out_dir(args.out.parent)
        if args.out.is_dir():
            raise UsageError(f"--out '{args.out}' ist ein Ordner – bitte einen Dateinamen angeben, z. B. "
                             f"--out feste-{args.year}.{args.format}.")
    language = edition_language(args)
    content = localized_content(args.root, language)
    year_table = compute_year(content, args.year)
    labels = {c.id: c.label for c in content.catalogue.categories}
    if args.format == "json":  # data files are UTF-8, whatever the terminal's encoding is
        data = table.to_json(year_table, labels).encode("utf-8")
    elif args.format == "csv":  # UTF-8 with BOM and semicolons, for a German spreadsheet
        data = table.to_csv(year_table, labels)
    else:
        from calendar_build.export import ics  # noqa: PLC0415 - icalendar is needed for ICS only

        stamp = ics_stamp(content.edition.document_date, args.year)
        data = ics.to_ics(year_table, labels, stamp, ics.calendar_name(args.year, None, language), language)
    if args.out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return EXIT_OK
    from calendar_build.output import atomic_write  # noqa: PLC0415

    # written by the program, not by the shell: PowerShell's '>' re-encodes (UTF-16, umlauts lost), and any '>'
    # empties the earlier file before an error is known
    atomic_write(args.out, data)
    say(args, f"geschrieben: {args.out}")
    return EXIT_OK


def ics_stamp(document_date: dt.date | None, year: int) -> dt.datetime:
    """Return the fixed DTSTAMP: the document date, else SOURCE_DATE_EPOCH, never the clock."""
    from calendar_build.export import ics  # noqa: PLC0415 - icalendar is needed for ICS only

    return ics.dtstamp(document_date, year, clock.source_epoch())


def cmd_ics(args: argparse.Namespace) -> int:
    """Write the iCalendar files of a year: all categories combined and one per category."""
    from calendar_build.output import transaction  # noqa: PLC0415

    with transaction(args.out or args.root / "output" / str(args.year)) as outputs:
        written = write_ics_files(args.root, args.year, args.out, edition_language(args))
        outputs.commit()
    for path in written:
        say(args, f"geschrieben: {path}")
    return EXIT_OK


def write_ics_files(root: Path, year: int, out: Path | None, language: str = GERMAN) -> list[Path]:
    """Write the iCalendar files of a year in `language` into `out` (default output/JAHR); return their paths."""
    from calendar_build.engine.occurrences import compute_year  # noqa: PLC0415
    from calendar_build.export.write import write_ics  # noqa: PLC0415 - icalendar is needed for ICS only

    check_year(year)
    content = localized_content(root, language)
    year_table = compute_year(content, year)
    labels = {c.id: c.label for c in content.catalogue.categories}
    folder = out or root / "output" / str(year)
    check_out_dir(folder)
    return write_ics(year_table, labels, folder, ics_stamp(content.edition.document_date, year), language)


def one_product(args: argparse.Namespace) -> Product:
    """Return the product --product names, else the one --variant and --format select; raise UsageError."""
    if getattr(args, "product", None):
        return PRODUCTS[args.product]
    try:
        return product_for(args.variant, args.format)
    except KeyError:
        formats = ", ".join(f for v, f in BY_VARIANT_AND_FORMAT if v == args.variant)
        raise UsageError(f"--format {args.format} gibt es für --variant {args.variant} nicht – möglich sind: "
                         f"{formats}.") from None


def selected_products(args: argparse.Namespace) -> tuple[Product, ...]:
    """Return the products --variant and --format select; `all`: the edition's list (edition.yaml `products`)."""
    if args.variant != "all" or getattr(args, "product", None):
        return (one_product(args),)
    listed = _edition_value(args.root, "products")
    ids = [i for i in listed if i in PRODUCTS] if isinstance(listed, list) else list(DEFAULT_PRODUCTS)
    if args.format:  # `--variant all --format a4`: the edition's products that come in that format
        ids = [BY_VARIANT_AND_FORMAT[PRODUCTS[i].variant, args.format] for i in ids
               if (PRODUCTS[i].variant, args.format) in BY_VARIANT_AND_FORMAT]
        if not ids:
            raise UsageError(f"--format {args.format}: keines der Produkte der Ausgabe gibt es in diesem Format – "
                             f"bitte --variant angeben (z. B. --variant poster).")
    return tuple(PRODUCTS[i] for i in dict.fromkeys(ids)) or tuple(PRODUCTS[i] for i in DEFAULT_PRODUCTS)


def cmd_build(args: argparse.Namespace) -> int:
    """Build the calendar PDFs of the selected products (with `--variant all` also the ICS files)."""
    from calendar_build.render.ready import setter  # noqa: PLC0415

    check_year(args.year)
    products = selected_products(args)
    language = edition_language(args)
    # A single product's pages are set by a worker forked now, before the content's modules are loaded:
    # it loads WeasyPrint meanwhile (several products are built side by side in processes of their own).
    with early(1 if len(products) == 1 else 0, setter(language)) as pool:
        return _build(args, products, language, pool)


def _build(args: argparse.Namespace, products: tuple[Product, ...], language: str, pool: Pool) -> int:
    from calendar_build.output import transaction  # noqa: PLC0415
    from calendar_build.pipeline import BuildOptions  # noqa: PLC0415
    from calendar_build.variants import build_products, print_report  # noqa: PLC0415

    options = BuildOptions(root=args.root, year=args.year, out=args.out, keep_html=args.keep_html, strict=args.strict,
                           language=language)
    check_out_dir(options.out_dir)
    from calendar_build.progress import steps  # noqa: PLC0415

    problems: list[Problem] = []
    ics: list[list[Path] | ContentError | UsageError] = []

    def write_ics() -> None:  # while the products are set; its problem counts only after theirs
        try:
            ics.append(write_ics_files(args.root, args.year, args.out, options.language))
        except (ContentError, UsageError) as exc:
            ics.append(exc)

    # All outputs of this build are written first and renamed into place together at the end:
    # when one product fails, none replaces its earlier file (nor an ICS file).
    with transaction(options.out_dir) as outputs:
        with steps(args.quiet) as step:
            outcomes = build_products(options, products, step, write_ics if args.variant == "all" else None, pool)
        for _, outcome in outcomes:
            if isinstance(outcome, list):
                problems.extend(p for p in outcome if p not in problems)
        if problems:  # the other products' warnings still count
            raise ContentError(problems + [w for _, o in outcomes if not isinstance(o, list) for w in o.warnings
                                           if w not in problems])
        written = ics[0] if ics else []
        if isinstance(written, Exception):
            raise written
        outputs.commit()
    shown: list[Problem] = []  # a warning about the content comes once, not once per product
    for product, outcome in outcomes:
        if not isinstance(outcome, list):
            print_report(product, outcome, quiet=args.quiet, shown=shown)
            shown += outcome.warnings
    for path in written:
        say(args, f"geschrieben: {path}")
    return EXIT_OK


def cmd_preview(args: argparse.Namespace) -> int:
    """Render PNG previews of some pages and a contact sheet."""
    from calendar_build.render.ready import setter  # noqa: PLC0415

    check_year(args.year)
    product = one_product(args)
    language = edition_language(args)
    # The pages are set and drawn by a worker forked now, before the content's modules are loaded (as in `build`):
    # it loads WeasyPrint meanwhile.
    with early(1, setter(language)) as pool:
        return _preview(args, product, language, pool)


def _preview(args: argparse.Namespace, product: Product, language: str, pool: Pool) -> int:
    from calendar_build.pipeline import BuildOptions  # noqa: PLC0415
    from calendar_build.preview import parse_pages, preview, report_lines  # noqa: PLC0415

    pages = parse_pages(args.pages)
    options = BuildOptions(root=args.root, year=args.year, product=product, out=args.out, language=language)
    check_out_dir(options.out_dir)  # a file in the way: a usage error before anything is rendered
    report = preview(options, pages, pool=pool)
    for line in report_lines(options, report):
        print(line, file=sys.stderr)
    say(args, f"Vorschau: {count(len(report.pngs), 'Seite', 'Seiten')} in {report.seconds:.1f} s – {report.sheet}")
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    """Rebuild the preview whenever content, portraits or templates change."""
    from calendar_build.pipeline import BuildOptions  # noqa: PLC0415
    from calendar_build.preview import parse_pages  # noqa: PLC0415
    from calendar_build.watch import watch  # noqa: PLC0415

    check_year(args.year)
    product = one_product(args)
    return watch(BuildOptions(root=args.root, year=args.year, product=product, out=args.out,
                              language=edition_language(args)),
                 parse_pages(args.pages))


def cmd_check(args: argparse.Namespace) -> int:
    """Validate and lay out every product a build would make, without writing a PDF."""
    from calendar_build.check import run_check  # noqa: PLC0415
    from calendar_build.pipeline import BuildOptions  # noqa: PLC0415

    check_year(args.year)
    return run_check(BuildOptions(root=args.root, year=args.year, strict=args.strict, language=edition_language(args)),
                     selected_products(args), quiet=args.quiet)


def cmd_new_edition(args: argparse.Namespace) -> int:
    """Scaffold the twelve portrait files and the overrides file of a new edition."""
    from calendar_build.editions import plan_edition, write_edition  # noqa: PLC0415

    check_year(args.year)
    if args.region is not None or args.name is not None:
        from calendar_build.region import scaffold  # noqa: PLC0415

        region = scaffold.check_args(args.region or "", args.name or "")
        for path in scaffold.create_project(args.root, region, args.name, args.year):
            say(args, f"angelegt: {path}")
    plan = plan_edition(args.root, args.year, args.source_year)
    for path in write_edition(args.root, plan):
        say(args, f"angelegt: {path}")
    if plan.edition is not None:
        say(args, f"geändert: {args.root / 'content' / 'edition.yaml'} – " + "; ".join(plan.edition.changes))
    order = f"Reihenfolge der Städte wie {plan.source_year}" if plan.source_year else "Städte alphabetisch"
    say(args, f"Ausgabe {args.year} angelegt ({order}). Jetzt die Porträts ausfüllen und mit "
          f"'calendar-build check --year {args.year}' prüfen.")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """Report how the dates moved against last year and the last build; write report and review sheets."""
    from calendar_build.progress import steps  # noqa: PLC0415
    from calendar_build.review import run_diff  # noqa: PLC0415

    check_year(args.year)
    with steps(args.quiet) as step:
        result = run_diff(args.root, args.year, step, language=edition_language(args))
    sys.stdout.write(result.text)
    report, *sheets = result.outputs
    say(args, f"geschrieben: {report}")
    if sheets:
        say(args, f"geschrieben: {count(len(sheets), 'Prüfbogen', 'Prüfbögen')} in {sheets[0].parent}")
    return EXIT_OK


def cmd_preflight(args: argparse.Namespace) -> int:
    """Check a print PDF as a printing house would; German report per page; exit 1 on errors."""
    import pikepdf  # noqa: PLC0415

    from calendar_build.preflight.report import format_report, has_errors, preflight  # noqa: PLC0415

    if not args.pdf.is_file():
        raise UsageError(f"Datei '{args.pdf}' nicht gefunden.")
    try:
        result = preflight(args.pdf, glyph_check=not args.no_glyphs, strip_mm=args.binding_strip)
    except pikepdf.PdfError as exc:
        raise UsageError(f"'{args.pdf}' ist keine lesbare PDF ({exc}).") from exc
    sys.stdout.write(format_report(args.pdf, result))
    return EXIT_CONTENT if has_errors(result) else EXIT_OK


def build_parser() -> GermanParser:
    """Return the argument parser with all commands."""
    parser = GermanParser(prog="calendar-build", description="Interkulturelle Kalender bauen.")
    commands = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=GermanParser)
    commands.required = True

    def command(name: str, help_text: str, run: Callable[[argparse.Namespace], int]) -> GermanParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub._positionals.title = "Dateien"  # a command's positionals are files (TERMINE, DATEI.pdf), not commands
        sub.add_argument("--root", type=lambda p: Path(p).resolve(), default=Path(".").resolve(), metavar="ORDNER",
                         help="Kalenderprojekt-Ordner (Standard: hier)")
        sub.add_argument("--year", type=year_arg, default=None, metavar="JAHR",
                         help="Jahr (Standard: 'year' aus content/edition.yaml, sonst nächstes Jahr)")
        sub.add_argument("--quiet", action="store_true",
                         help="nur Fehler und Warnungen ausgeben (keine Fortschrittsanzeige, keine Erfolgsmeldungen)")
        if name in LANGUAGE_COMMANDS:
            sub.add_argument("--language", choices=LANGUAGE_CODES, default=None,
                             help="Sprache der Ausgabe (Standard: 'language' aus content/edition.yaml, sonst de)")
        sub.set_defaults(run=run)
        return sub

    holidays = command("holidays", "Feiertagstabelle eines Jahres ausgeben.", cmd_holidays)
    holidays.add_argument("--format", choices=("json", "csv", "ics"), default="json", help="Ausgabeformat")
    holidays.add_argument("--out", type=Path, default=None, metavar="DATEI",
                          help="in diese Datei schreiben (statt auf den Bildschirm), z. B. feste-2028.csv")

    ics_cmd = command("ics", "Kalenderdateien (ICS) eines Jahres schreiben: alle Kategorien und je Kategorie.",
                      cmd_ics)
    ics_cmd.add_argument("--out", type=Path, default=None, metavar="ORDNER", help="Zielordner (Standard: output/JAHR)")

    build_cmd = command("build", "Kalender-PDF bauen.", cmd_build)
    build_cmd.add_argument("--format", choices=FORMATS, default=None,
                           help="Seitenformat (Standard: a3, beim Plakat a2)")
    build_cmd.add_argument("--variant", choices=(*VARIANTS, "all"), default="print",
                           help="print: Druck-PDF, screen: barrierearme Bildschirm-PDF, poster: Jahresplakat, "
                                "all: alle Produkte der Ausgabe (products in edition.yaml) und ICS")
    build_cmd.add_argument("--product", choices=PDF_PRODUCTS, default=None, help=PRODUCT_HELP)
    build_cmd.add_argument("--out", type=Path, default=None, metavar="ORDNER", help="Zielordner (Standard: output/JAHR)")
    build_cmd.add_argument("--keep-html", action="store_true", help="HTML und Bilder zusätzlich ablegen")
    build_cmd.add_argument("--strict", action="store_true", help="Warnungen als Fehler behandeln")

    for name, help_text, run in (
        ("preview", "PNG-Vorschau einzelner Seiten und Übersichtsseite (output/JAHR/preview/, "
                    "andere Produkte in preview-PRODUKT/, z. B. preview-poster-a2/).", cmd_preview),
        ("watch", "Vorschau bei jeder Änderung an content/, portraits/, templates/ neu erzeugen.", cmd_watch),
    ):
        sub = command(name, help_text, run)
        sub.add_argument("--pages", default=None, metavar="SEITEN", help="Seiten, z. B. 1,5-6 (Standard: alle)")
        sub.add_argument("--format", choices=FORMATS, default=None,
                         help="Seitenformat (Standard: a3, beim Plakat a2)")
        sub.add_argument("--variant", choices=VARIANTS, default="print",
                         help="print: Druckfassung, screen: Bildschirmfassung, poster: Jahresplakat (Standard: print)")
        sub.add_argument("--product", choices=PDF_PRODUCTS, default=None, help=PRODUCT_HELP)
        sub.add_argument("--out", type=Path, default=None, metavar="ORDNER", help="Zielordner (Standard: output/JAHR)")

    check_cmd = command("check", "Alles prüfen, was ein Build verwendet, ohne PDF zu schreiben.", cmd_check)
    check_cmd.add_argument("--format", choices=FORMATS, default=None, help="Seitenformat (Standard: a3)")
    check_cmd.add_argument("--product", choices=PDF_PRODUCTS, default=None, help=PRODUCT_HELP)
    check_cmd.add_argument("--variant", choices=(*VARIANTS, "all"), default="all",
                           help="Standard all: alle Produkte der Ausgabe (products in edition.yaml)")
    check_cmd.add_argument("--strict", action="store_true", help="Warnungen als Fehler behandeln")

    new_edition = command("new-edition", "Neue Ausgabe anlegen: zwölf Porträt-Vorlagen und Overrides-Datei.",
                          cmd_new_edition)
    new_edition.add_argument("--from", dest="source_year", type=year_arg, default=None, metavar="JAHR",
                             help="Städte-Reihenfolge dieser Ausgabe übernehmen (Standard: die letzte vorhandene)")
    new_edition.add_argument("--region", default=None, metavar="CODE",
                             help="neues Projekt für dieses Land anlegen (ISO 3166-2, z. B. DE-BY, AT-9)")
    new_edition.add_argument("--name", default=None, help="Kreis oder Stadt des neuen Projekts, z. B. \"Landkreis …\"")

    command("diff", "Prüfbericht: Termine gegenüber Vorjahr und letztem Stand, Prüfbögen für die Gemeinden.",
            cmd_diff)

    preflight_cmd = command("preflight", "Druck-PDF prüfen wie die Druckvorstufe: Farbauftrag, Schwarz, kleinste "
                            "Schrift, dünnste Linie, Bildauflösung, Zeichen; Bericht je Seite.", cmd_preflight)
    preflight_cmd.add_argument("pdf", type=Path, metavar="DATEI.pdf", help="die zu prüfende PDF")
    preflight_cmd.add_argument("--binding-strip", type=float, default=12.0, metavar="MM",
                               help="Bindestreifen an der Oberkante, frei bis auf Fotos (Standard 12, 0: ohne)")
    preflight_cmd.add_argument("--no-glyphs", action="store_true",
                               help="Zeichen nicht mit Ghostscript und MuPDF zeichnen (schneller)")
    from calendar_build.site.commands import add_commands  # noqa: PLC0415

    add_commands(command)  # site, clashes, serve
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with stop_on_signals():
            if args.year is None:
                args.year = default_year(args.root)
            code = int(args.run(args))
            sys.stdout.flush()
            return code
    except ContentError as exc:
        errors, warnings = print_problems(exc.problems)
        # the outputs of a build are replaced together or not at all (output.transaction)
        print(f"{problem_summary(errors, warnings)} – nichts geschrieben.", file=sys.stderr)
        return EXIT_CONTENT
    except UsageError as exc:
        print(f"calendar-build: Fehler: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP (Terminated): the shell's code for the signal
        print("Abgebrochen.", file=sys.stderr)
        return 128 + (int(exc.args[0]) if isinstance(exc, Terminated) else int(signal.SIGINT))
    except OSError as exc:  # the disk, not the content: full, read-only, a folder in the way …
        return _system_failure(os_error_problem(exc, args.root))
    except (BrokenProcessPool, MemoryError) as exc:
        return _system_failure(Problem("calendar-build", None, _FAILURES[type(exc)]))


def run() -> NoReturn:
    """Run the command line as a program (`calendar-build`, `python -m calendar_build`) and exit with its code.

    Everything is written and closed when `main` returns: the objects left are frozen out of the
    garbage collector, which the interpreter would otherwise walk once more on its way out
    (a fifth of a second after a build, measured in `make bench`). Freed memory is kept for reuse in the
    program's processes (calendar_build/memory.py).
    """
    keep_freed_memory()
    collect_cycles_less()
    code = main()
    gc.freeze()
    sys.exit(code)


_FAILURES = {
    BrokenProcessPool: "Ein Arbeitsprozess wurde beendet (zu wenig Arbeitsspeicher?) – nichts geschrieben.",
    MemoryError: "Zu wenig Arbeitsspeicher – nichts geschrieben.",
}


def _system_failure(problem: Problem) -> int:
    """Report a failure of the machine (disk, memory) in German and return exit code 1."""
    _quiet_stdout()
    print_problems([problem])
    return EXIT_CONTENT


def _tolerant_streams() -> None:
    """Let stdout and stderr show every character, whatever PYTHONIOENCODING says (escaped if need be)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _quiet_stdout() -> None:
    """Drop what stdout still holds (it may be a full device): nothing more to fail at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
