"""A catalogue no month page can hold (issue 18: "5,000 extra holidays pass `check` and then fail `build` blaming
theme.css"): `check` and `build` refuse it the same way, before any layout, naming the file and line of the first
feast that no longer fits; the earlier output stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.engine.capacity import MONTH_LIST_MAX
from tests.cli.conftest import YEAR, CliRunner, assert_clean_failure

HOLIDAYS = "content/holidays/christian.yaml"
FEAST = "  - id: extra-{n}\n    name: Zusatzfest {n}\n    rule: {{kind: fixed, month: {month}, day: {day}}}\n" \
        "    description: Ein Fest zum Prüfen.\n"
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
          "Dezember")


def add_feasts(root: Path, count: int) -> None:
    """Append `count` one-day feasts spread over every month of the year."""
    with (root / HOLIDAYS).open("a", encoding="utf-8") as stream:
        stream.writelines(FEAST.format(n=n, month=n % 12 + 1, day=n % 28 + 1) for n in range(count))


@pytest.mark.full
def test_5000_extra_feasts_are_refused_alike_by_check_and_build(sample: Path, cli: CliRunner) -> None:
    add_feasts(sample, 5000)
    out = sample / "output"
    out.mkdir()
    earlier = out / f"calendar-{YEAR}-print-a3.pdf"
    earlier.write_bytes(b"%PDF-1.7 earlier\n%%EOF\n")
    checked = cli("check", sample)
    built = cli("build", sample, "--out", str(out))
    assert_clean_failure(checked)
    assert_clean_failure(built)
    problems = [line for line in checked.lines if ": Fehler: " in line]
    assert problems == [line for line in built.lines if ": Fehler: " in line]
    assert len(problems) == 12
    for line, month in zip(problems, MONTHS):
        assert line.startswith(f"{HOLIDAYS}:")
        assert f": Fehler: Im {month} {YEAR} stehen " in line
        assert f"die Festliste einer Monatsseite fasst höchstens {MONTH_LIST_MAX}; ab 'extra-" in line
        assert "theme.css" not in line
    assert [p.name for p in out.iterdir()] == [earlier.name]
    assert earlier.read_bytes() == b"%PDF-1.7 earlier\n%%EOF\n"
