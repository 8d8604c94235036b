"""Two feasts of one day named alike (engine/names.py): refused at the second's file and line, in every language.

The Bahá'í Naw-Rúz (Badíʻ calendar, equinox in Tehran) and the Iranian Nouruz (Solar Hijri calendar) are two feasts
that fall on one day in most years: 21 March 2026 and 2027, 20 March 2028 (tests/reference_dates.py). Turkish,
Arabic and Persian had given both the same short name ('Nevruz', 'النوروز', 'نوروز'): the day cell read the name
twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.content.loader import load_content
from calendar_build.engine.names import check_distinct_names
from calendar_build.engine.occurrences import compute_year
from calendar_build.errors import Problems
from calendar_build.i18n.content import localize
from calendar_build.i18n.languages import LANGUAGES
from tests.conftest import REPO


def clashes(root: Path, code: str, year: int) -> list[tuple[str, int | None, str]]:
    """Return the problems check_distinct_names records for the project's catalogue in a language and year."""
    problems = Problems()
    content = localize(load_content(root), code, problems)
    assert problems.items == []
    check_distinct_names(compute_year(content, year, alternatives=False), problems)
    return [(p.path, p.line, p.message) for p in problems.items]


@pytest.mark.parametrize("year", [2027, 2028])  # the two feasts on one day: 21 March 2027, 20 March 2028
@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_the_shipped_catalogues_name_the_feasts_of_a_day_apart(code: str, year: int) -> None:
    assert clashes(REPO, code, year) == []


# (language, the Bahá'í Naw-Rúz's short name before, the line of 'nowruz' in its language's intercultural.yaml)
BEFORE = [
    ("tr", "Nevruz", 33),
    ("ar", "النوروز", 31),
    ("fa", "نوروز", 32),
]


@pytest.mark.parametrize(("code", "short", "line"), BEFORE)
def test_one_short_name_for_two_feasts_of_a_day_is_refused(project: Path, code: str, short: str, line: int) -> None:
    path = project / "content" / "translations" / code / "bahai.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  naw-ruz:")
    at = text.index("    short: ", start)
    path.write_text(text[:at] + f"    short: {short}" + text[text.index("\n", at):], encoding="utf-8")
    assert clashes(project, code, 2028) == [(
        f"content/translations/{code}/intercultural.yaml", line,
        f"Am 20. März 2028 heißen 'naw-ruz' und 'nowruz' beide '{short}' ('short') – zwei Feste unter einem Namen liest "
        "man als eines, doppelt gedruckt. Bitte 'nowruz' hier einen eigenen Namen geben.")]
