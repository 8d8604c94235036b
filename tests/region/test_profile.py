"""The region profile: names from the holidays package, local holidays, logo, portrait rules – German messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.content.loader import load_content
from calendar_build.content.schema import PortraitRules
from calendar_build.errors import ContentError, Problems
from calendar_build.portraits.loader import load_portraits
from calendar_build.region import checks
from calendar_build.region.profile import REGION_CODES, Region, local_names
from calendar_build.region.view import region_view

E = "content/edition.yaml"


@pytest.mark.parametrize(("code", "in_name"), [
    ("DE-BY", "in Bayern"), ("DE-SL", "im Saarland"), ("DE-NW", "in Nordrhein-Westfalen"), ("DE-BE", "in Berlin"),
    ("AT-9", "in Wien"), ("AT-3", "in Niederösterreich"), ("CH-ZH", "im Kanton Zürich"),
])
def test_state_names(code: str, in_name: str) -> None:
    assert Region(code).in_name == in_name


def test_every_german_state_and_austrian_land_is_a_region() -> None:
    assert sum(c.startswith("DE-") for c in REGION_CODES) == 16
    assert [c for c in REGION_CODES if c.startswith("AT-")] == [f"AT-{n}" for n in range(1, 10)]


@pytest.mark.parametrize(("code", "names"), [
    # Bayerisches Feiertagsgesetz: Mariä Himmelfahrt in Catholic municipalities, the Friedensfest in one city;
    # Sachsen and Thüringen: Fronleichnam in some Catholic municipalities (package category `catholic`).
    ("DE-BY", {"Mariä Himmelfahrt", "Augsburger Hohes Friedensfest"}),
    ("DE-SN", {"Fronleichnam"}), ("DE-TH", {"Fronleichnam"}), ("DE-HE", set()), ("AT-9", set()),
])
def test_local_holidays_a_profile_may_name(code: str, names: set[str]) -> None:
    assert set(local_names(Region(code))) == names


def add(project: Path, text: str) -> None:
    """Append lines to the project's content/edition.yaml."""
    path = project / "content" / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def report(project: Path, year: int = 2027) -> list[str]:
    """Return the profile problems of a project as editors see them."""
    problems = Problems()
    checks.report(load_content(project), year, problems)
    return [p.render() for p in problems.items]


def line_of(project: Path, key: str) -> int:
    """Return the line of a top-level key in content/edition.yaml."""
    lines = (project / E).read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if text.startswith(f"{key}:"))


def test_unknown_region_is_refused(project: Path) -> None:
    text = (project / E).read_text(encoding="utf-8").replace("region: DE-HE", "region: DE-XX")
    (project / E).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(project)
    assert caught.value.problems[0].render().startswith(f"{E}:{line_of(project, 'region')}: Fehler: "
                                                        f"Unbekannter Wert 'DE-XX' in 'region' – erlaubt: DE-BB, ")


def test_local_holiday_of_another_state(project: Path) -> None:
    """Each wrong entry is named at its own line (before: all of them at the line of 'local_holidays:')."""
    add(project, "local_holidays:\n  Mariä Himmelfahrt: all\n  Fronleichnam: some\n")
    first = line_of(project, 'local_holidays') + 1
    assert report(project) == [f"{E}:{first}: Fehler: 'Mariä Himmelfahrt' ist in Hessen kein nur örtlich geltender "
                               f"Feiertag – möglich: keiner.",
                               f"{E}:{first + 1}: Fehler: 'Fronleichnam' ist in Hessen kein nur örtlich geltender "
                               f"Feiertag – möglich: keiner."]


def test_local_holiday_without_its_diacritic_names_the_right_one(project: Path) -> None:
    """'Maria Himmelfahrt' typed without the ä: before, the list of what is possible only."""
    text = (project / E).read_text(encoding="utf-8").replace("region: DE-HE", "region: DE-BY")
    (project / E).write_text(text, encoding="utf-8")
    add(project, "local_holidays:\n  Maria Himmelfahrt: all\n")
    assert report(project) == [f"{E}:{line_of(project, 'local_holidays') + 1}: Fehler: 'Maria Himmelfahrt' ist in "
                               f"Bayern kein nur örtlich geltender Feiertag – möglich: Mariä Himmelfahrt, Augsburger "
                               f"Hohes Friedensfest. Meinten Sie 'Mariä Himmelfahrt'?"]


@pytest.mark.parametrize(("applies", "note"), [
    ("all", "Mariä Himmelfahrt (15. August) ist gesetzlicher Feiertag nur in Gemeinden mit überwiegend katholischer "
            "Bevölkerung; das gilt für alle Gemeinden dieser Ausgabe, daher rot gedruckt."),
    ("some", "Mariä Himmelfahrt (15. August) ist gesetzlicher Feiertag nur in Gemeinden mit überwiegend "
             "katholischer Bevölkerung; das gilt nicht in allen Gemeinden dieser Ausgabe, daher nicht rot gedruckt."),
])
def test_the_legend_says_where_a_local_holiday_applies(project: Path, applies: str, note: str) -> None:
    text = (project / E).read_text(encoding="utf-8").replace("region: DE-HE", "region: DE-BY")
    (project / E).write_text(text + f"local_holidays:\n  Mariä Himmelfahrt: {applies}\n", encoding="utf-8")
    view = region_view(load_content(project), 2028)
    assert view.local_notes == (note,)
    assert view.legal_line == "Sonntage und gesetzliche Feiertage in Bayern sind rot gedruckt."


@pytest.mark.parametrize(("logo", "message"), [
    ("logo.gif", "Logo 'logo.gif' muss eine SVG- oder PNG-Datei sein."),
    ("logo.svg", "Logo 'logo.svg' fehlt."),
    ("../logo.svg", "Logo '../logo.svg' liegt außerhalb des Kalenderprojekts – bitte ins Projekt legen."),
])
def test_bad_logo(project: Path, logo: str, message: str) -> None:
    add(project, f"logo: {logo}\n")
    assert report(project) == [f"{E}:{line_of(project, 'logo')}: Fehler: {message}"]


def test_impossible_portrait_rules(project: Path) -> None:
    text = (project / E).read_text(encoding="utf-8").replace("  count: 12", "  count: 10")
    (project / E).write_text(text, encoding="utf-8")
    assert report(project) == [f"{E}:{line_of(project, 'portraits')}: Fehler: 12 Städte, aber nur 10 Porträts – "
                               f"jede Stadt kann nicht vorkommen (cover_towns: false setzen oder Städte kürzen)."]


def test_a_town_listed_twice_is_one_town(project: Path) -> None:
    """Before, 'Eppstein' twice also gave '13 Städte, aber nur 12 Porträts', a rule nobody broke."""
    text = (project / E).read_text(encoding="utf-8").replace("  - Eppstein\n", "  - Eppstein\n  - Eppstein\n")
    (project / E).write_text(text, encoding="utf-8")
    assert report(project) == [f"{E}:{line_of(project, 'towns')}: Fehler: Doppelt unter 'towns': Eppstein – bitte "
                               f"jede Stadt nur einmal eintragen."]


def test_portraits_follow_the_profile_rules(project: Path) -> None:
    # the sample's twelve portraits with fewer towns, at most twice each: a town three times is an error
    towns = ("Bad Soden am Taunus", "Eppstein", "Eschborn", "Flörsheim am Main", "Hattersheim am Main",
             "Hochheim am Main", "Hofheim am Taunus", "Kelkheim (Taunus)", "Kriftel", "Liederbach am Taunus",
             "Schwalbach am Taunus", "Sulzbach (Taunus)")
    folder = project / "portraits" / "2027"
    for path in [p for p in sorted(folder.glob("*.yaml")) if "town: Eppstein" not in p.read_text(encoding="utf-8")][:2]:
        text = path.read_text(encoding="utf-8")
        path.write_text("\n".join("town: Eppstein" if t.startswith("town:") else t for t in text.splitlines()) + "\n",
                        encoding="utf-8")
    problems = Problems()
    load_portraits(project, 2027, problems, towns=towns, rules=PortraitRules(cover_towns=False, max_per_town=2))
    messages = {p.message for p in problems.items}
    assert messages == {"Eppstein kommt 3-mal vor – jede Stadt höchstens zweimal."}


@pytest.mark.parametrize(("rules", "expected"), [
    (PortraitRules(), []),  # the sample: six women and six men
    (PortraitRules(gender_balance="none"), []),
])
def test_gender_rule(project: Path, rules: PortraitRules, expected: list[str]) -> None:
    problems = Problems()
    load_portraits(project, 2027, problems, rules=rules)
    assert [p.render() for p in problems.items] == expected


def test_fewer_portraits_than_months_allowed_by_the_profile(project: Path) -> None:
    folder = project / "portraits" / "2027"
    for path in sorted(folder.glob("*.yaml"))[10:]:
        path.unlink()
    problems = Problems()
    load_portraits(project, 2027, problems, rules=PortraitRules(count=10, cover_towns=False))
    assert [p.render() for p in problems.items] == []
    problems = Problems()
    load_portraits(project, 2027, problems, rules=PortraitRules(count=12, cover_towns=False))
    assert [p.render() for p in problems.items] == ["portraits/2027: Fehler: Es sind 10 Porträts – eine Ausgabe "
                                                     "braucht genau zwölf."]



def test_the_three_countries_load_without_the_package_s_other_countries() -> None:
    """Only Germany, Austria and Switzerland are loaded, as the package's own classes: a later import of all of
    `holidays.countries`, and the package's own lookup, use the same ones."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    script = ("import sys; from calendar_build.region.profile import COUNTRIES; "
              "print(*sorted(m for m in sys.modules if m.startswith('holidays.countries'))); "
              "import holidays, holidays.countries as every; "
              "print(every.Germany is COUNTRIES['DE'], every.Austria is COUNTRIES['AT'], "
              "isinstance(holidays.country_holidays('CH', years=2027), COUNTRIES['CH']))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["holidays.countries.austria holidays.countries.germany "
                                        "holidays.countries.switzerland", "True True True"]
