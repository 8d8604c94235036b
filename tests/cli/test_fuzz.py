"""Random mutations of the sample content thrown at `check` and `build`: exit 0 or a clean exit 1, never a traceback.

`check` gets byte-level mutations of any content or portrait file (lines dropped, doubled,
swapped, re-indented; YAML punctuation, tabs, control characters, tags, aliases, invalid UTF-8
spliced in; files cut short). `build` gets fewer, slower examples: arbitrary Unicode put into a
printed text field, which mostly passes validation and so reaches the templates and WeasyPrint.
Both run in-process on one copy of the sample project with a warm photo cache; every example
restores the files it changed. FUZZ_SCALE=20 in the environment runs twenty times as many.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from calendar_build.cli import main
from tests.cli.conftest import PROBLEM, PRODUCTS, Run, SUMMARY, YEAR
from tests.conftest import REPO

pytestmark = pytest.mark.full  # the whole space: make test-full

SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
FILES = sorted(p.relative_to(REPO).as_posix() for folder in ("content", "portraits/2027")
               for p in (REPO / folder).rglob("*.yaml"))
FRAGMENTS = [
    b":", b": ", b"- ", b"  ", b"    ", b"\t", b"\n", b"#", b"&a ", b"*a", b"<<: ", b"? ", b"|", b">-", b"---", b"...",
    b"[", b"]", b"{", b"}", b'"', b"'", b"\\", b'"\\x07"', b'"\\0"', b'"\\ud800"',
    b"!!python/object/apply:os.getpid []",
    b"!!binary aGFsbG8=", b"!custom ", b"~", b"null", b"true", b"yes", b"0", b"-1", b"99999999999999999999", b"1e999",
    b".nan", b"2027-02-30", b"0000-01-01", b"12:30", b"<script>alert(1)</script>", b"&amp;", b"\x00", b"\x07",
    b"\x1b[31m", b"\xff\xfe", b"\xc3", b"\xef\xbb\xbf", "\u202e".encode(), "\U0001f600".encode(), "漢字".encode(),
    b"../../../../etc/passwd", b"/etc/passwd", b"https://example.org/x.jpg", b"id: epiphany", b"kind: lunar",
    b"month: 13", b"day: 0", b"duration: 0", b"consent:", b"town: Eschborn", b"gender: female", b"category: christan",
]


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, str, int, int, bytes]:
    """Return (file, operation, position, other position, inserted bytes)."""
    name = draw(st.sampled_from(FILES))
    operation = draw(st.sampled_from(["insert", "replace", "delete-line", "double-line", "swap-lines", "indent",
                                      "truncate", "delete-span"]))
    text = draw(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=8),
                          st.text(max_size=12).map(lambda t: t.encode("utf-8", "surrogatepass"))))
    return name, operation, draw(st.integers(0, 10**6)), draw(st.integers(0, 10**6)), text


def mutate(data: bytes, operation: str, at: int, other: int, text: bytes) -> bytes:
    """Return `data` changed by one operation at a position (taken modulo the size)."""
    lines = data.splitlines(keepends=True) or [b""]
    i, j = at % len(lines), other % len(lines)
    position = at % (len(data) + 1)
    if operation == "insert":
        return data[:position] + text + data[position:]
    if operation == "replace":
        return data[:position] + text + data[position + len(text):]
    if operation == "delete-line":
        return b"".join(lines[:i] + lines[i + 1:])
    if operation == "double-line":
        return b"".join(lines[:i + 1] + lines[i:])
    if operation == "swap-lines":
        lines[i], lines[j] = lines[j], lines[i]
        return b"".join(lines)
    if operation == "indent":
        lines[i] = b" " * (other % 5) + lines[i].lstrip(b" ")
        return b"".join(lines)
    if operation == "truncate":
        return data[:position]
    return data[:position] + data[position + other % 200:]  # delete-span


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory, photo_cache: Path, sample_photos: None) -> Path:
    """Return one copy of the sample project for all examples, sharing the warm photo cache."""
    root = tmp_path_factory.mktemp("fuzz")
    for name in ("content", "portraits", "templates"):
        shutil.copytree(REPO / name, root / name)
    (root / ".cache").mkdir()
    (root / ".cache" / "calendar-build").symlink_to(photo_cache, target_is_directory=True)
    return root


@contextlib.contextmanager
def changed(root: Path, names: set[str]) -> Iterator[None]:
    """Restore the named files (and remove new ones) after the block."""
    saved = {name: (root / name).read_bytes() for name in names if (root / name).exists()}
    try:
        yield
    finally:
        for name in names:
            if name in saved:
                (root / name).write_bytes(saved[name])
            else:
                (root / name).unlink(missing_ok=True)


def run_cli(*args: str) -> Run:
    """Run the command line in-process; any exception but SystemExit fails the test with its traceback."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


def assert_clean(run: Run) -> None:
    """Assert exit 0 or 1, and that stderr holds only German problems and summaries."""
    assert run.code in (0, 1), run
    assert "Traceback" not in run.err
    bad = [line for line in run.err.splitlines() if not (PROBLEM.match(line) or SUMMARY.match(line))]
    assert not bad, run.err
    if run.code == 0:
        assert ": Fehler: " not in run.err


@settings(max_examples=40 * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(mutation(), min_size=1, max_size=3))
def test_check_survives_mutations(fuzz_project: Path, mutations: list[tuple[str, str, int, int, bytes]]) -> None:
    with changed(fuzz_project, {m[0] for m in mutations}):
        for name, operation, at, other, text in mutations:
            path = fuzz_project / name
            path.write_bytes(mutate(path.read_bytes(), operation, at, other, text))
        run = run_cli("check", "--root", str(fuzz_project), "--year", YEAR)
    event(f"exit {run.code}")  # pytest --hypothesis-show-statistics shows how many examples passed
    assert_clean(run)
    assert re.fullmatch(rf"Prüfung {YEAR} \({PRODUCTS}\): \d+ Fehler, \d+ Warnung(en)?\.\n", run.out)
    assert (run.code == 1) == (": Fehler: " in run.err)


TEXT_FIELDS = [  # (file, key): values an editor types and the calendar prints
    ("portraits/2027/01-selam-tesfamariam.yaml", "name"),
    ("portraits/2027/03-shirin-rahimi.yaml", "text"),
    ("content/holidays/christian.yaml", "    name"),
    ("content/holidays/islamic.yaml", "    greeting"),
    ("content/edition.yaml", "motto"),
]


def set_value(data: bytes, key: str, value: str) -> bytes:
    """Return the YAML with the first `key:` line's value replaced by `value` (a JSON string is YAML too)."""
    text = data.decode("utf-8")
    pattern = re.compile(rf"^{re.escape(key)}: ?(>-\n(?:\s{{{len(key) + 2},}}.*\n)+|.*\n)", re.M)
    assert pattern.search(text), key
    return pattern.sub(lambda _: f"{key}: {json.dumps(value, ensure_ascii=False)}\n", text, count=1).encode()


@settings(max_examples=3 * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(TEXT_FIELDS), value=st.one_of(
    st.text(min_size=1, max_size=60),
    st.text(st.characters(max_codepoint=0x24F, exclude_categories=["Cc"]), min_size=1, max_size=200),
))
def test_build_survives_odd_text(fuzz_project: Path, tmp_path_factory: pytest.TempPathFactory,
                                 field: tuple[str, str], value: str) -> None:
    out = tmp_path_factory.mktemp("fuzz-out")
    earlier = out / f"calendar-{YEAR}-print-a3.pdf"
    earlier.write_bytes(b"%PDF earlier")
    name, key = field
    with changed(fuzz_project, {name}):
        path = fuzz_project / name
        path.write_bytes(set_value(path.read_bytes(), key, value))
        run = run_cli("build", "--root", str(fuzz_project), "--year", YEAR, "--out", str(out), "--quiet")
    event(f"exit {run.code}")
    assert_clean(run)
    if run.code == 0:
        assert earlier.read_bytes().startswith(b"%PDF-1.")
    else:
        assert run.err.splitlines()[-1].endswith("– nichts geschrieben.")
        assert earlier.read_bytes() == b"%PDF earlier"
    assert not [p for p in out.iterdir() if p.name.endswith((".part", ".tmp"))]
