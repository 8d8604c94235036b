"""German hyphenation in print: the dictionary cached by the build, and hyphenated lines in the PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyphen
import pytest

from calendar_build.render import hyphenation
from tests.render.conftest import Built

WORDS = "Integrationsbüro Seniorenzentrum Pflegefachfrau Vernichtungslager Jahreswechsel"


@pytest.fixture
def fresh_pyphen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give the test an empty Pyphen dictionary cache (restored afterwards)."""
    monkeypatch.setattr(pyphen, "hdcache", {})


def test_cached_dictionary_hyphenates_like_the_parsed_one(tmp_path: Path, fresh_pyphen: None) -> None:
    parsed = pyphen.Pyphen(lang="de").inserted(WORDS)
    pyphen.hdcache.clear()
    assert hyphenation.warm(tmp_path) is True  # parses and stores
    stored = list(tmp_path.glob("de_*.marshal"))
    assert len(stored) == 1
    pyphen.hdcache.clear()
    assert hyphenation.warm(tmp_path) is True  # reads the stored patterns
    assert pyphen.Pyphen(lang="de").inserted(WORDS) == parsed
    assert parsed.startswith("In-te-gra-ti-ons-bü-ro")


def test_a_broken_cache_file_is_parsed_again(tmp_path: Path, fresh_pyphen: None) -> None:
    hyphenation.warm(tmp_path)
    stored = next(tmp_path.glob("*.marshal"))
    stored.write_bytes(b"\x00broken")
    pyphen.hdcache.clear()
    assert hyphenation.warm(tmp_path) is True
    assert pyphen.Pyphen(lang="de").inserted("Pflegefachfrau") == "Pfle-ge-fach-frau"


# WeasyPrint asks Pyphen for the lang attribute as written ("de", "tr", "de-DE"); Pyphen falls back from
# there to a dictionary file. The one warmed must be the one asked for, or each process parses it again.
@pytest.mark.parametrize("lang", ["de", "de-DE", "uk", "en"])
def test_warm_fills_the_dictionary_weasyprint_asks_for(tmp_path: Path, fresh_pyphen: None, lang: str) -> None:
    hyphenation.warm_all(tmp_path, [lang])
    asked = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    assert asked in pyphen.hdcache
    pyphen.hdcache.clear()
    hyphenation.warm_all(tmp_path, [lang])  # from the build cache this time
    cached = pyphen.hdcache[asked]
    assert pyphen.Pyphen(lang=lang).hd is cached


def test_no_dictionary_for_a_language_pyphen_lacks(tmp_path: Path, fresh_pyphen: None) -> None:
    assert hyphenation.warm(tmp_path, "fa") is False
    assert pyphen.hdcache == {}


def test_print_pdf_hyphenates_portraits_and_explanations(print_build: Built) -> None:
    text = subprocess.run(["pdftotext", str(print_build.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    # WeasyPrint ends a hyphenated line with U+2010 HYPHEN; a hard hyphen (Nord-Süd) is U+002D
    broken = [line for line in text.splitlines() if line.endswith("\u2010") and line[-2:-1].isalpha()]
    assert len(broken) >= 10, broken
