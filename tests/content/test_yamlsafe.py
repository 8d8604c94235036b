"""Safe YAML loading: every malformed file ends in a German message with its line."""

import datetime as dt

import pytest

from calendar_build.content import yamlsafe
from calendar_build.content.yamlsafe import YamlProblem, parse_yaml


@pytest.mark.parametrize(
    ("raw", "line", "fragment"),
    [
        (b"a: 1\nb:\n\t- 2\n", 3, "Tabulatorzeichen"),
        (b"a: 1\na: 2\n", 2, "'a' steht doppelt"),
        (b"a: &x [1, 2]\nb: *x\n", 1, "Anker"),
        (b"lol: !!python/object/apply:os.system ['echo pwned']\n", 1, "Unerlaubter YAML-Tag"),
        (b"a: !custom 3\n", 1, "Unerlaubter YAML-Tag"),
        (b"", None, "leer"),
        (b"# nur ein Kommentar\n", None, "leer"),
        (b"name: M\xfcller\n", 1, "UTF-8"),
        (b"a: 1\nname: Titel: Untertitel\n", 2, "Doppelpunkt"),
        (b"a:\n  - 1\n - 2\n", 3, "Einrückung"),
        # a line without ':' is named, not the line where the parser gives up (it said 5, 3 and 7)
        (b"name: Amina\ntext: >-\nErste Zeile\n  zweite\nphoto: x.jpg\n", 3, "fehlt ein Doppelpunkt"),
        (b"a: 1\nb 2\nc: 3\n", 2, "fehlt ein Doppelpunkt"),
        (b"holidays:\n  - id: a\n    description: >-\n    Erste Zeile,\n      zweite.\n\n  - id: b\n", 4,
         "Einrückung verrutscht"),
        (b"a: 1\n---\nb: 2\n", 2, "Nur ein YAML-Dokument"),
        (b"a: [1, 2\n", 2, "Klammer"),
        (b'a: "offen\n', 2, "Anführungszeichen"),
        (b"a: " + b"[" * 2000 + b"]" * 2000 + b"\n", 1, "Zu tief verschachtelt"),  # libyaml's depth limit
    ],
)
def test_bad_yaml(raw: bytes, line: int | None, fragment: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(raw)
    assert caught.value.line == line
    assert fragment in caught.value.message


def test_billion_laughs_refused_before_expansion() -> None:
    bomb = b'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + b"".join(
        b"%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n" % ((bytes([c]),) * 2 + (bytes([c - 1]),) * 9)
        for c in range(ord("b"), ord("k"))
    )
    with pytest.raises(YamlProblem, match="Anker"):
        parse_yaml(bomb)


def test_lines_are_kept_for_values() -> None:
    doc = parse_yaml(b"holidays:\n  - id: a\n    rule:\n      kind: fixed\n      month: 13\n")
    assert doc.line(("holidays", 0, "rule", "month")) == 5
    assert doc.line(("holidays", 0, "rule", "nonexistent")) == 3  # nearest parent


def test_dates_and_bom() -> None:
    doc = parse_yaml("\ufeffstart: 2027-03-10\nname: Çarşema Sor\n".encode())
    assert str(doc.data["start"]) == "2027-03-10"
    assert doc.data["name"] == "Çarşema Sor"


def test_text_is_read_in_normal_form_c() -> None:
    """'Flörsheim' pasted from a Mac ('o' + combining diaeresis) equals the one typed, keys too."""
    doc = parse_yaml("town: Flo\u0308rsheim\nStra\u0308ße: 1\n".encode())
    assert doc.data == {"town": "Flörsheim", "Sträße": 1}


def test_numbers_with_a_leading_zero_are_decimal() -> None:
    """'month: 08' is August (it was the text '08', and 010 the octal number 8); quoted stays text."""
    doc = parse_yaml(b'a: 08\nb: 09\nc: 010\nd: 03\ne: "08"\nf: 0\ng: -07\n')
    assert doc.data == {"a": 8, "b": 9, "c": 10, "d": 3, "e": "08", "f": 0, "g": -7}


def test_bytes_read_before_are_not_parsed_again_and_each_caller_gets_its_own_data() -> None:
    raw = "name: Ada\ndays:\n  - 2027-03-01\n  - {month: 3}\n# kept\n".encode()
    yamlsafe._parsed.cache_clear()
    first = parse_yaml(raw)
    first.data["days"].append("changed")
    first.data["days"][1]["month"] = 4
    first.lines[("name",)] = 99
    second = parse_yaml(raw)
    assert yamlsafe._parsed.cache_info().hits == 1  # the second read parsed nothing
    assert second.data == {"name": "Ada", "days": [dt.date(2027, 3, 1), {"month": 3}]}
    assert second.line(("name",)) == 1 and second.line(("days", 1, "month")) == 4


def test_a_problem_is_raised_again_for_the_same_bytes() -> None:
    for _ in range(2):
        with pytest.raises(YamlProblem, match="doppelt"):
            parse_yaml(b"name: a\nname: b\n")
