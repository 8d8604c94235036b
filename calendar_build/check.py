"""`calendar-build check`: validate everything a build would use, print every problem, write nothing."""

from __future__ import annotations

from pathlib import Path

from calendar_build.errors import ContentError, Problem, print_problems, problem_summary
from calendar_build.pipeline import BuildOptions, page_model, paged_explanations, prepare, validate
from calendar_build.render.html import TemplateProblem, Urls, render_html


def run_check(root: Path, year: int, strict: bool, page_format: str = "a3", quiet: bool = False) -> int:
    """Return 0 when clean, 1 on errors (or on warnings under --strict); print problems and a summary.

    With `quiet` a clean check prints nothing at all.
    """
    options = BuildOptions(root=root, year=year, page_format=page_format, strict=strict)
    problems: list[Problem] = []
    try:
        valid = validate(options)
        problems.extend(valid.warnings)
        photos, photo_warnings = prepare(options, valid)
        problems.extend(photo_warnings)
        calendar, _ = page_model(options, valid, photos.urls())
        # the templates render with the real context, page by page as in a build
        render_html(root / "templates", calendar, paged_explanations(calendar, valid), Urls(),
                    "2000-01-01T00:00:00+00:00")
    except ContentError as exc:
        problems.extend(exc.problems)
    except TemplateProblem as exc:
        problems.append(Problem(exc.path, exc.line, exc.message))
    errors, warnings = print_problems(problems)
    if errors or warnings or not quiet:
        print(f"Prüfung {year}: {problem_summary(errors, warnings)}.")
    return 1 if errors or (strict and warnings) else 0
