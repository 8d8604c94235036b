"""A portrait's text keeps the paragraphs an editor writes: before, every line break was made a space, and a
quotation set off by a blank line ran on in the paragraph before it without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from calendar_build.pages.build import paragraphs
from calendar_build.pages.model import PortraitView
from calendar_build.pipeline import BuildOptions
from calendar_build.products import PRODUCTS
from calendar_build.site.build import build_site
from calendar_build.stages.compose import compose


# (how the YAML file writes the text, the paragraphs printed); YAML 1.1, 8.1.3 (folded: a blank line is a line
# break) and 8.1.2 (literal: every line break is kept)
@pytest.mark.parametrize(("written", "printed"), [
    ('text: >-\n  Sie kam 2009\n  nach Hofheim.\n', ("Sie kam 2009 nach Hofheim.",)),  # wrapped lines: one paragraph
    ('text: >-\n  Sie kam 2009.\n\n  „Angekommen!“\n', ("Sie kam 2009.", "„Angekommen!“")),
    ('text: >-\n  Erst.\n\n\n  Dann.\n', ("Erst.", "Dann.")),  # two blank lines: still one new paragraph
    ('text: |\n  Erst.\n  Dann.\n', ("Erst.", "Dann.")),  # literal: each line its own
    ('text: |\n  Erst.\n\n  Dann.\n', ("Erst.", "Dann.")),
    ('text: "Erst.\\r\\nDann."\n', ("Erst.", "Dann.")),  # a Windows line break written out
    ('text: "  Viel   Raum\\t dazwischen  "\n', ("Viel Raum dazwischen",)),
    ('text: "Erst.\\n   \\nDann."\n', ("Erst.", "Dann.")),  # a line of spaces between: no empty paragraph
])
def test_a_line_break_of_the_text_starts_a_paragraph(written: str, printed: tuple[str, ...]) -> None:
    text = paragraphs(yaml.safe_load(written)["text"])
    view = PortraitView(name="", town="", text=text, photo="", tile="", alt="", credit="", sample=True)
    assert tuple("".join(run.text for run in paragraph) for paragraph in view.paragraphs) == printed


def _quotation_set_off(project: Path) -> None:
    """Set off the March portrait's closing quotation by a blank line."""
    path = next((project / "portraits" / "2027").glob("03-*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  Nachbarn aller Religionen ein. „", "  Nachbarn aller Religionen ein.\n\n  „"),
                    encoding="utf-8")


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_the_month_page_breaks_the_line_between_paragraphs(project: Path) -> None:
    _quotation_set_off(project)
    html = compose(BuildOptions(root=project, year=2027), [4]).parts[0]
    assert "Nachbarn aller Religionen ein.<br>„Angekommen bin ich" in html


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_the_website_gives_each_paragraph_its_own(project: Path) -> None:
    _quotation_set_off(project)
    options = BuildOptions(root=project, year=2027, product=PRODUCTS["web"])
    build_site(options, project / "site")
    page = (project / "site" / "monat-03.html").read_text(encoding="utf-8")
    assert "Nachbarn aller Religionen ein.</p><p>„Angekommen bin ich" in page
