"""A web address in a portrait's text is never hyphenated: before, 'www.bad-soden.de/kurpark/veranstal-tungsuebersicht'
was printed with a hyphen a reader would type."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes

from calendar_build.pages.model import Run, runs
from calendar_build.pipeline import BuildOptions
from calendar_build.stages.compose import compose
from tests.conftest import REPO

ADDRESS = "www.bad-soden.de/kurpark/veranstaltungsuebersicht"


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("Mehr unter www.mtk.de.", (Run("Mehr unter ", False), Run("www.mtk.de", True), Run(".", False))),
    ("(https://mtk.de/a?b=1), dann", (Run("(", False), Run("https://mtk.de/a?b=1", True), Run("), dann", False))),
    ("„www.mtk.de“", (Run("„", False), Run("www.mtk.de", True), Run("“", False))),
    ("Kein Link: Bad-Soden.de ist eine Stadt", (Run("Kein Link: Bad-Soden.de ist eine Stadt", False),)),
    ("www.a.de und www.b.de", (Run("www.a.de", True), Run(" und ", False), Run("www.b.de", True))),
])
def test_a_paragraph_is_cut_into_text_and_web_addresses(paragraph: str, expected: tuple[Run, ...]) -> None:
    assert runs(paragraph) == expected
    assert "".join(run.text for run in runs(paragraph)) == paragraph


def _lines(span_class: str) -> list[str]:
    """Return the lines of a narrow portrait text holding a web address, set with calendar.css's rules for it."""
    rules = [line for line in (REPO / "templates" / "calendar.css").read_text(encoding="utf-8").splitlines()
             if line.startswith(".portrait-text .address")]
    assert len(rules) == 1
    html = HTML(string=f'<html lang="de"><p class="portrait-text">Mehr dazu unter <span class="{span_class}">'
                       f"{ADDRESS}</span> und so weiter</p></html>")
    css = CSS(string=".portrait-text { width: 38mm; font-size: 10pt; hyphens: auto; hyphenate-limit-chars: 6 3 3; }"
                     + rules[0])
    found: list[str] = []

    def walk(box: boxes.Box) -> None:
        if isinstance(box, boxes.LineBox):
            found.append("".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox)))
            return
        for child in getattr(box, "children", []):
            walk(child)

    walk(HTML.render(html, stylesheets=[css]).pages[0]._page_box)
    return found


def test_a_web_address_is_broken_but_never_hyphenated() -> None:
    assert any(line.endswith("\u2010") for line in _lines("plain"))  # the plain text gets its hyphen: the test can fail
    lines = _lines("address")
    assert not any(line.endswith(("\u2010", "-")) for line in lines), lines
    assert "".join(lines).replace(" ", "").count(ADDRESS) == 1  # every character of it, in order


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_the_month_page_marks_the_web_address(project: Path) -> None:
    path = next((project / "portraits" / "2027").glob("03-*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  Nachbarn aller Religionen ein.", f"  Nachbarn aller Religionen ein ({ADDRESS})."),
                    encoding="utf-8")
    html = compose(BuildOptions(root=project, year=2027), [4]).parts[0]
    assert f'Religionen ein (<span class="address">{ADDRESS}</span>).' in html
