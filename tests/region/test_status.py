"""A feast's legal status is one sentence made from the region's data, in the edition's language.

Expected legal status from the laws (the sources the holidays package cites for each state):
- Fronleichnam: Hessisches Feiertagsgesetz § 1 Abs. 1; Bayerisches Feiertagsgesetz Art. 1 Abs. 1 Nr. 1;
  Austria: Arbeitsruhegesetz § 7 Abs. 2; not in Berlin's Gesetz über die Sonn- und Feiertage § 1.
- Internationaler Frauentag (8 March): Berlin since 2019 (same Berlin law, § 1); not in Hessen or Bavaria.
- Karfreitag: legal in every German state; in Austria no legal holiday (not in § 7 Abs. 2 ArbRG).
- Mariä Himmelfahrt in Bavaria: only in municipalities with a predominantly Catholic population
  (Bayerisches Feiertagsgesetz Art. 1 Abs. 1 Nr. 2).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from calendar_build.content.loader import load_content
from calendar_build.engine.occurrences import YearTable, compute_year
from calendar_build.errors import Problems
from calendar_build.i18n.content import localize
from calendar_build.region.profile import Region
from calendar_build.region.scaffold import OWN_WORDS, refresh_shared
from calendar_build.region.status import LegalStatus, with_sentences
from calendar_build.region.words import Wording
from tests.conftest import REPO

LANGUAGES = ("de", "en", "tr", "uk", "ar", "fa")
# The sample edition's state in each language, as its content/translations/<lang>/region.yaml and the
# German state name spell it: no description of another region's edition may contain it.
HESSEN = ("Hessen", "Hesse", "Гессен", "هسن")
# How each language names Berlin, Bavaria and Vienna in the examples' sentences (written for the test).
OTHER_REGIONS = {
    "berlin": {"en": "in Berlin", "tr": "Berlin eyaletindeki", "uk": "у Берліні", "ar": "في ولاية برلين",
               "fa": "در ایالت برلین"},
    "landkreis-fuerstenfeldbruck": {"en": "in Bavaria", "tr": "Bavyera eyaletindeki", "uk": "у Баварії",
                                    "ar": "في ولاية بافاريا", "fa": "در ایالت بایرن"},
    "wien": {"en": "in Vienna", "tr": "Viyana eyaletindeki", "uk": "у Відні", "ar": "في ولاية فيينا",
             "fa": "در ایالت وین"},
}
# The sentence the sample edition (Hessen) prints after a legal holiday's description, per language.
SENTENCE = {
    "de": "Gesetzlicher Feiertag in Hessen.",
    "en": "A public holiday in Hesse.",
    "tr": "Hessen eyaletindeki resmî tatillerden biridir.",
    "uk": "Офіційне свято у Гессені.",
    "ar": "عطلة رسمية في ولاية هسن.",
    "fa": "در ایالت هسن تعطیل رسمی است.",
}


def _table(root: Path, language: str, year: int = 2027) -> YearTable:
    problems = Problems()
    content = localize(load_content(root, problems), language, problems)
    assert not problems.errors, problems.errors
    return compute_year(content, year)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the example projects with the shared catalogue and every language's translation."""
    found = {}
    for name, regions in OTHER_REGIONS.items():
        root = tmp_path_factory.mktemp(name)
        (root / "content").mkdir()
        shutil.copyfile(REPO / "examples" / name / "content" / "edition.yaml", root / "content" / "edition.yaml")
        refresh_shared(root)
        # the feasts' translations, as new-edition --region copies them: the edition's texts are the sample's own
        shutil.copytree(REPO / "content" / "translations", root / "content" / "translations",
                        ignore=shutil.ignore_patterns(*OWN_WORDS))
        for code, in_region in regions.items():
            (root / "content" / "translations" / code / "region.yaml").write_text(f"region: {in_region}\n",
                                                                                  encoding="utf-8")
        found[name] = root
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", sorted(OTHER_REGIONS))
def test_no_other_region_prints_hessen(examples: dict[str, Path], name: str, language: str) -> None:
    table = _table(examples[name], language)
    wrong = {o.id: o.entry.holiday.description for o in table.occurrences
             if any(word in o.entry.holiday.description for word in HESSEN)}
    assert not wrong


@pytest.mark.parametrize(("region", "holiday", "legal"), [
    ("DE-HE", "corpus-christi", True), ("DE-BY", "corpus-christi", True), ("DE-BE", "corpus-christi", False),
    ("AT-9", "corpus-christi", True), ("DE-BE", "international-womens-day", True),
    ("DE-HE", "international-womens-day", False), ("DE-BY", "good-friday", True), ("AT-9", "good-friday", False),
])
def test_a_feast_is_called_legal_where_the_law_makes_it(region: str, holiday: str, legal: bool) -> None:
    sample = load_content(REPO)
    table = compute_year(replace(sample, edition=sample.edition.model_copy(update={"region": region})), 2027)
    occurrence = next(o for o in table.occurrences if o.id == holiday)
    sentence = f"Gesetzlicher Feiertag {Region(region).in_name}."
    assert occurrence.entry.holiday.description.endswith(sentence) is legal
    assert ("gesetzlicher feiertag" in occurrence.entry.holiday.description.casefold()) is legal
    assert occurrence.public is legal


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sentence_in_each_language(language: str) -> None:
    table = _table(REPO, language)
    by_id = {o.id: o.entry.holiday.description for o in table.occurrences}
    assert by_id["corpus-christi"].endswith(" " + SENTENCE[language])
    assert by_id["christmas-day"].count(SENTENCE[language]) == 1
    assert SENTENCE[language] not in by_id["christmas-eve"]  # no legal holiday anywhere in Germany


@pytest.mark.parametrize(("applies", "public"), [("all", True), ("some", False)])
def test_a_holiday_legal_in_part_of_bavaria_says_where(applies: str, public: bool) -> None:
    sample = load_content(REPO)
    edition = sample.edition.model_copy(update={"region": "DE-BY", "local_holidays": {"Mariä Himmelfahrt": applies}})
    table = compute_year(replace(sample, edition=edition), 2027)
    [occurrence] = [o for o in table.occurrences if o.start.isoformat() == "2027-08-15" and o.legal is not None]
    assert occurrence.public is public
    assert occurrence.entry.holiday.description == ("Gesetzlicher Feiertag in Bayern, aber nur in Gemeinden mit "
                                                    "überwiegend katholischer Bevölkerung.")


def test_a_part_of_the_state_the_profile_does_not_list_gets_no_sentence() -> None:
    # Augsburg's Friedensfest (8 August) is legal only in that city: the Bavarian example does not list it.
    sample = load_content(REPO)
    table = compute_year(replace(sample, edition=sample.edition.model_copy(update={"region": "DE-BY"})), 2027)
    assert not [o for o in table.occurrences if o.start.isoformat() == "2027-08-08" and o.legal is not None]


def test_the_german_beside_a_translation_gets_the_german_sentence() -> None:
    texts = {"corpus-christi": "Prozessionen.", "christmas-eve": "Familien feiern."}
    found = with_sentences(texts, {"corpus-christi": LegalStatus()}, Region("DE-HE"), Wording())
    assert found == {"corpus-christi": "Prozessionen. Gesetzlicher Feiertag in Hessen.",
                     "christmas-eve": "Familien feiern."}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_states_no_state_s_legal_status(language: str) -> None:
    # The legal status comes from the region's data; the texts name no state (the sample's included).
    problems = Problems()
    content = localize(load_content(REPO), language, problems)
    found = {e.holiday.id for e in content.catalogue.entries
             if any(word in e.holiday.description for word in (*HESSEN, "Bundesl", "Berlin", "Sachsen", "Bayern"))}
    assert not found
