"""Caches that heal: an entry that is truncated or damaged is rebuilt, never believed.

Each row damages one cache entry the way a full disk or a killed process would (cut short,
emptied, overwritten) and shows the next use gives the same answer as a cold cache.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from calendar_build.render import fonts
from calendar_build.render.html import environment

Damage = Callable[[bytes], bytes]
DAMAGES: list[tuple[str, Damage]] = [
    ("truncated", lambda data: data[: len(data) // 3]),
    ("emptied", lambda data: b""),
    ("overwritten", lambda data: b"\0" * len(data)),
    ("body-cut", lambda data: data.split(b"\n", 1)[0] + b"\n41 42"),  # an old digest over a shorter body
]
LATIN = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")  # Debian fonts-noto-core


@pytest.mark.parametrize(("case", "damage"), DAMAGES, ids=[row[0] for row in DAMAGES])
def test_glyph_map_cache_heals(case: str, damage: Damage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "CMAP_CACHE", tmp_path)
    fonts._cmap.cache_clear()
    cold = fonts._cmap(LATIN)
    assert ord("ä") in cold
    [entry] = tmp_path.iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    fonts._cmap.cache_clear()
    assert fonts._cmap(LATIN) == cold  # rebuilt from the font, not read from the damaged entry
    fonts._cmap.cache_clear()
    assert fonts._cmap(LATIN) == cold  # and written anew


@pytest.mark.parametrize(("case", "damage"), DAMAGES[:3], ids=[row[0] for row in DAMAGES[:3]])
def test_cjk_subset_cache_heals(case: str, damage: Damage, tmp_path: Path) -> None:
    first = fonts.cjk_subset("中文", tmp_path)
    good = first.read_bytes()
    first.write_bytes(damage(good))
    again = fonts.cjk_subset("中文", tmp_path)
    assert again == first and again.read_bytes() == good
    assert {ord("中"), ord("文")} <= set(TTFont(str(again)).getBestCmap())


@pytest.mark.parametrize(("case", "damage"), DAMAGES[:3], ids=[row[0] for row in DAMAGES[:3]])
def test_template_bytecode_cache_heals(case: str, damage: Damage, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.html.j2").write_text("{{ 6 * 7 }}", encoding="utf-8")
    assert environment(templates).get_template("t.html.j2").render() == "42"
    [entry] = (tmp_path / "cache").rglob("*.jbc")
    entry.write_bytes(damage(entry.read_bytes()))
    assert environment(templates).get_template("t.html.j2").render() == "42"


@pytest.mark.parametrize("state", ["a-file", "deleted"])
def test_template_bytecode_cache_that_cannot_be_used(state: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A file in the cache folder's place, or the folder gone: the templates render without a cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.html.j2").write_text("{{ 6 * 7 }}", encoding="utf-8")
    if state == "a-file":
        (tmp_path / "cache").write_bytes(b"not a folder")
    env = environment(templates)
    if state == "deleted":
        assert not (tmp_path / "cache").exists()
    assert env.get_template("t.html.j2").render() == "42"
