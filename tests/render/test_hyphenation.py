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
    parsed = pyphen.Pyphen(lang="de_DE").inserted(WORDS)
    pyphen.hdcache.clear()
    assert hyphenation.warm(tmp_path) is True  # parses and stores
    stored = list((tmp_path / "hyphenation").glob("de_DE-*.marshal"))
    assert len(stored) == 1
    pyphen.hdcache.clear()
    assert hyphenation.warm(tmp_path) is True  # reads the stored patterns
    dictionary = pyphen.LANGUAGES["de_DE"]
    assert pyphen.Pyphen(lang="de_DE").hd is pyphen.hdcache[dictionary]
    assert pyphen.Pyphen(lang="de_DE").inserted(WORDS) == parsed
    assert parsed.startswith("In-te-gra-ti-ons-bü-ro")


def test_a_broken_cache_file_is_parsed_again(tmp_path: Path, fresh_pyphen: None) -> None:
    hyphenation.warm(tmp_path)
    stored = next((tmp_path / "hyphenation").glob("*.marshal"))
    stored.write_bytes(b"\x00broken")
    pyphen.hdcache.clear()
    assert hyphenation.warm(tmp_path) is True
    assert pyphen.Pyphen(lang="de_DE").inserted("Pflegefachfrau") == "Pfle-ge-fach-frau"


def test_print_pdf_hyphenates_portraits_and_explanations(print_build: Built) -> None:
    text = subprocess.run(["pdftotext", str(print_build.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    # WeasyPrint ends a hyphenated line with U+2010 HYPHEN; a hard hyphen (Nord-Süd) is U+002D
    broken = [line for line in text.splitlines() if line.endswith("\u2010") and line[-2:-1].isalpha()]
    assert len(broken) >= 10, broken
