"""The static site of the sample edition: pages, links, language tags, open data, atomic writing."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest

from calendar_build.cli import main
from calendar_build.content.loader import load_content
from calendar_build.engine.occurrences import compute_year
from calendar_build.errors import ContentError
from calendar_build.site.build import build_site, on_colour
from calendar_build.site.opendata import SCHEMA
from tests.conftest import REPO
from tests.site.conftest import YEAR, BuiltSite

LINK = re.compile(r"""\s(?:href|src)="([^"]*)\"""")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")


def pages(folder: Path) -> list[Path]:
    """Return every HTML page of the site."""
    return sorted(folder.glob("*.html"))


def test_site_has_a_page_per_month_and_feast(built_site: BuiltSite) -> None:
    table = compute_year(load_content(REPO), YEAR)
    names = {p.name for p in pages(built_site.folder)}
    assert {"index.html", "legende.html", "planen.html", "daten.html", "plakat.html"} <= names  # a poster was built
    assert {f"monat-{m:02d}.html" for m in range(1, 13)} <= names
    assert {f"fest-{o.id}.html" for o in table.occurrences} <= names
    assert len(names) == 5 + 12 + len({o.id for o in table.occurrences}) == built_site.report.pages


def test_every_local_link_resolves_and_nothing_is_remote(built_site: BuiltSite) -> None:
    folder = built_site.folder
    for page in pages(folder):
        text = page.read_text(encoding="utf-8")
        for url in LINK.findall(text):
            parsed = urlparse(url)
            if parsed.scheme in ("http", "https"):
                # only the licence is linked (a link, never loaded)
                assert url.startswith("https://creativecommons.org/") and 'rel="license"' in text, (page.name, url)
                continue
            assert parsed.scheme == "" and not url.startswith("//"), (page.name, url)
            target = unquote(parsed.path)
            if target:
                assert (folder / target).is_file(), (page.name, url)
            if parsed.fragment:
                assert f'id="{parsed.fragment}"' in ((folder / target).read_text() if target else text), (page.name, url)
    for url in CSS_URL.findall((folder / "site.css").read_text()):
        assert (folder / url).is_file(), url


@pytest.mark.parametrize(("page", "expected"), [
    ("fest-pesach.html", 'lang="he"'),  # Hebrew
    ("fest-eid-al-fitr.html", 'lang="ar"'),  # Arabic
    ("fest-naw-ruz.html", 'lang="fa"'),  # Persian, though in Arabic script
    ("fest-chinese-new-year.html", 'lang="zh"'),
])
def test_original_names_carry_their_language(built_site: BuiltSite, page: str, expected: str) -> None:
    assert expected in (built_site.folder / page).read_text(encoding="utf-8")


def test_pages_are_german_with_one_heading(built_site: BuiltSite) -> None:
    for page in pages(built_site.folder):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="de"' in text, page.name
        assert len(re.findall(r"<h1[ >]", text)) == 1, page.name
        assert "device-cmyk" not in text


def test_stylesheet_is_rgb(built_site: BuiltSite) -> None:
    css = (built_site.folder / "site.css").read_text()
    assert "device-cmyk" not in css and "var(" not in css
    assert ".dot.cat-christian { background-color: #2160AC;" in css


def test_open_data_follows_its_schema(built_site: BuiltSite) -> None:
    document = json.loads((built_site.folder / f"holidays-{YEAR}.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    assert document["license"] == "CC BY 4.0"  # content/edition.yaml data_license
    pesach = next(h for h in document["holidays"] if h["id"] == "pesach")
    assert pesach["names"] == {"de": "Pessach", "he": "פסח"}
    # Pesach 2027: 15–22 Nisan 5787 = 22–29 April 2027 (hebcal.com)
    assert (pesach["start"], pesach["end"], pesach["eve"]) == ("2027-04-22", "2027-04-29", True)
    assert (built_site.folder / "holidays.schema.json").read_bytes() == SCHEMA.read_bytes()


def test_downloads_offer_ics_and_the_pdf(built_site: BuiltSite) -> None:
    data = (built_site.folder / "daten.html").read_text(encoding="utf-8")
    assert f'href="holidays-{YEAR}.ics"' in data and f'href="holidays-{YEAR}-jewish.ics"' in data
    assert f'href="calendar-{YEAR}-screen.pdf"' in data
    assert (built_site.folder / f"holidays-{YEAR}-jewish.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("colour", ["#5A5A5B", "#2160AC", "#948450", "#C08400", "#FFDD00", "#000000", "#FFFFFF"])
def test_dot_letters_reach_wcag_contrast(colour: str) -> None:
    def luminance(rgb: str) -> float:  # WCAG 2.2, definition of relative luminance
        values = [int(rgb[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(colour), luminance(on_colour(colour))), reverse=True)
    assert (high + 0.05) / (low + 0.05) >= 4.5  # 1.4.3 Contrast (Minimum)


def test_a_broken_template_keeps_the_last_site(built_site: BuiltSite, project: Path) -> None:
    target = project / "site"
    shutil.copytree(built_site.folder, target)
    feast = project / "templates" / "site" / "feast.html.j2"
    lines = feast.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "{{ f.no_such_field }}")
    feast.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = replace(built_site.options, root=project, out=project / "out")
    with pytest.raises(ContentError) as caught:
        build_site(options, target)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("templates/site/feast.html.j2", 6)
    assert "'no_such_field' gibt es nicht" in problem.message
    assert sorted(p.name for p in target.iterdir()) == sorted(p.name for p in built_site.folder.iterdir())
    assert not list(project.glob(".site.*"))


def test_site_command_refuses_a_file_as_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "datei").write_text("x")
    assert main(["site", "--root", str(REPO), "--year", str(YEAR), "--out", str(tmp_path / "datei" / "site")]) == 2
    assert "ist eine Datei" in capsys.readouterr().err


def test_site_command_refuses_an_unsupported_year(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["site", "--root", str(REPO), "--year", "2200"]) == 1
    assert "--year: Fehler: Das Jahr 2200 wird nicht unterstützt" in capsys.readouterr().err
