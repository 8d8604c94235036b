"""Templates in each language: gettext and digits, also from the cache of compiled templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.render.html import environment


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a templates folder with one template, and a fresh cache of compiled templates."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.html.j2").write_text('{{ _("Zeichenerklärung") }} {{ 2027|digits }} {{ 7|digits }}', encoding="utf-8")
    return folder


def test_each_language_renders_its_own_text_and_digits_even_from_the_cache(templates: Path) -> None:
    """A constant like `7|digits` must not be folded into the compiled template of the first language."""
    rendered = [environment(templates, code).get_template("t.html.j2").render() for code in ("de", "fa", "en", "fa")]
    assert rendered == ["Zeichenerklärung 2027 7", "راهنمای نشانه‌ها ۲۰۲۷ ۷", "Key to symbols 2027 7",
                        "راهنمای نشانه‌ها ۲۰۲۷ ۷"]
