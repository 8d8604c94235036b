"""docs/redaktion.md quotes the program's real messages: every quoted message is produced by some run.

The quoted messages are the first column of "Häufige Meldungen", the indented example lines with
": Fehler:" / ": Warnung:", and the quoted `Prüfung …` summary. "…" in the docs stands for any text.
Each is matched against what the program prints in the editor's situations below (2028 prepared from
the sample as in the yearly routine; the residents are the fictional test portraits of that test).
"""

from __future__ import annotations

import errno
import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.cli.conftest import CliRunner
from tests.cli.test_yearly_routine import TODAY, fill_portraits, quoted, set_value
from tests.conftest import REPO, once

DOCS = REPO / "docs" / "redaktion.md"


def documented_messages(text: str) -> list[str]:
    """Return every message the docs quote as the program's output."""
    found = []
    table = text.split("## Häufige Meldungen", 1)[1]
    found += re.findall(r"(?m)^\| `([^`]+)` \|", table)
    found += [line.strip() for line in text.splitlines()
              if line.startswith("    ") and re.search(r": (Fehler|Warnung): ", line)]
    found += re.findall(r"`(Prüfung \d{4}[^`:]*: [^`]+)`", text)
    return list(dict.fromkeys(found))


def pattern(message: str) -> re.Pattern[str]:
    """Return the regex of a documented message: '…' is any text, the rest literal."""
    parts = [re.escape(part) for part in message.split("…")]
    return re.compile(".*".join(parts) + ("" if message.endswith("…") else "$"))


def portrait(root: Path, month: int) -> Path:
    """Return the 2028 portrait file of a month."""
    return next(p for p in sorted((root / "portraits" / "2028").glob("*.yaml"))
                if re.search(rf"(?m)^month: {month}$", p.read_text(encoding="utf-8")))


def edit(path: Path, key: str, value: str) -> None:
    """Set one `key:` line of a file."""
    path.write_text(set_value(path.read_text(encoding="utf-8"), key, value), encoding="utf-8")


def break_many(root: Path) -> None:
    """Make the content mistakes the table lists, all at once (check reports every one)."""
    edit(portrait(root, 1), "name", '""')
    edit(portrait(root, 1), "text", quoted("x" * 640))
    edit(portrait(root, 2), "consent", "")
    edit(portrait(root, 3), "consent", "14.09.2027")
    edit(portrait(root, 4), "photo", "04-name.jpg")
    edit(portrait(root, 6), "town", "Kriftel")  # as month 7
    edit(portrait(root, 5), "month", "6")
    path = portrait(root, 8)
    text = path.read_text(encoding="utf-8").replace("town:", "nmae: x\nhobby: x\ntown:")
    path.write_text(re.sub(r"(?m)^photo_credit:.*\n", "", text), encoding="utf-8")
    path = portrait(root, 9)
    path.write_text(path.read_text(encoding="utf-8").replace("gender:", "\tgender:"), encoding="utf-8")
    edit(portrait(root, 10), "text", "Sie sagt: Hallo")
    edit(portrait(root, 11), "photo_credit", quoted("Foto: \u202eChen Wei"))
    edit(portrait(root, 12), "name", quoted("Gurpreet \ue000"))
    name = re.search(r"(?m)^name: (.*)$", portrait(root, 2).read_text(encoding="utf-8"))[1]
    edit(portrait(root, 7), "name", name)  # a file copied for the next month, the name left as it was
    edit(portrait(root, 7), "consent", "2099-09-14")
    (root / "portraits" / "2028" / "13-entwurf.yaml.txt").write_text("name: x\n", encoding="utf-8")
    (root / "content" / "overrides" / "2029.yaml").write_text("", encoding="utf-8")
    # saved by Windows Notepad as "ANSI" and as "Unicode"
    (root / "content" / "overrides" / "2030.yaml").write_bytes("overrides: []  # für später\n".encode("cp1252"))
    (root / "content" / "overrides" / "2031.yaml").write_bytes("overrides: []\n".encode("utf-16"))
    (root / "content" / "overrides" / "2028.yaml").write_text(
        "overrides:\n  - id: eid-al-fitrr\n    start: 2028-02-26\n  - id: eid-al-fitr\n    start: 2029-02-26\n"
        "  - id: eid-al-adha\n    start: 2028-02-05\n", encoding="utf-8")


def weak_photos(root: Path) -> None:
    """Give one portrait a messenger-sized photo, another a copy of a third's photo, unbalance the genders (warnings only)."""
    out = io.BytesIO()
    # a warning, not an error: an unprintable photo would stop the check before the other warnings
    Image.new("RGB", (2400, 1600), (90, 120, 150)).save(out, "JPEG", quality=80)
    (root / "portraits" / "2028" / "small.jpg").write_bytes(out.getvalue())
    edit(portrait(root, 1), "photo", "small.jpg")
    edit(portrait(root, 4), "gender", "female")
    photo = re.search(r"(?m)^photo: (.*)$", portrait(root, 4).read_text(encoding="utf-8"))[1]
    folder = root / "portraits" / "2028"
    (folder / "kopie.jpg").write_bytes((folder / photo).read_bytes())  # the same photo saved under another name
    edit(portrait(root, 5), "photo", "kopie.jpg")
    focal = re.search(r"(?m)^focal_point: (.*)$", portrait(root, 4).read_text(encoding="utf-8"))[1]
    edit(portrait(root, 5), "focal_point", focal)  # the same crop: the photo prepared for month 4 serves


def shared_photo(root: Path) -> None:
    """Let two portraits point to the same photo with different crops."""
    photo = re.search(r"(?m)^photo: (.*)$", portrait(root, 2).read_text(encoding="utf-8"))[1]
    edit(portrait(root, 3), "photo", photo)
    edit(portrait(root, 3), "focal_point", "[0.3, 0.4]")


def wrong_edition_year(root: Path) -> None:
    """Leave content/edition.yaml at last year's edition."""
    edit(root / "content" / "edition.yaml", "year", "2027")


def missing_profile(root: Path) -> None:
    """Name a printer's profile that is not there, and list a town twice."""
    path = root / "content" / "edition.yaml"
    edit(path, "towns", "\n  - Kriftel")  # Kriftel is listed below as well
    path.write_text(path.read_text(encoding="utf-8") + "output_profile: content/profile/druckerei.icc\n",
                    encoding="utf-8")


def no_edition_file(root: Path) -> None:
    """Save content/edition.yaml under a name the program does not read (Windows hides the '.txt')."""
    (root / "content" / "edition.yaml").rename(root / "content" / "edition.yaml.txt")


def terminal_in_portraits(root: Path) -> None:
    """Make the folder a terminal is opened in (the command is then given it as its project)."""
    (root / "portraits" / "2028").mkdir(parents=True)


def output_held_open(root: Path) -> Callable[[], None]:
    """Hold an output open as a viewer on a network drive does: its rename into place fails (EBUSY).

    Return what undoes it after the command (the other mistakes change only files and return None).
    """
    real = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if Path(target) == root / "output" / "2027" / "holidays-2027.ics":
            raise OSError(errno.EBUSY, "Device or resource busy", str(target))
        real(source, target)

    os.replace = replace  # type: ignore[assignment]

    def undo() -> None:
        os.replace = real

    return undo


def inner_quotes(root: Path) -> None:
    """Write straight quotes inside a quoted value (a school holidays file: it is read with the content)."""
    school = root / "content" / "school-holidays"
    school.mkdir()
    (school / "2027.yaml").write_text('source: "Kultusministerium, "Ferienregelung" 2027"\nholidays: []\n',
                                      encoding="utf-8")


def translations_of_the_sample(root: Path) -> None:
    """Make the project another district's in Bavaria, its English translations still the sample's (copied)."""
    path = root / "content" / "edition.yaml"
    edit(path, "region", "DE-BY")
    edit(path, "motto", "Angekommen im Landkreis X")


def missing_review_template(root: Path) -> None:
    """Remove a template of the review report."""
    (root / "templates" / "review" / "bericht.html.j2").unlink()


Scenario = tuple[str, Callable[[Path], Callable[[], None] | None] | None, str, str, tuple[str, ...]]
SCENARIOS: list[Scenario] = [
    # (name, mistake, when, command, extra arguments); when: "before" new-edition, "fresh" or "filled" 2028, or
    # "bare": content/ only (a message given before any portrait or template is read)
    ("no-portraits", None, "before", "check", ()),
    ("fresh", None, "fresh", "check", ()),
    ("many", break_many, "filled", "check", ()),
    ("photos", weak_photos, "filled", "check", ()),
    ("shared-photo", shared_photo, "filled", "check", ()),
    ("edition-year", wrong_edition_year, "filled", "check", ()),
    ("profile", missing_profile, "filled", "check", ()),
    ("unsupported-year", None, "before", "check", ("--year", "2100")),
    ("school-holidays", None, "before", "check", ("--year", "2029")),  # the package knows part of 2029
    ("twice", None, "fresh", "new-edition", ()),
    ("review-template", missing_review_template, "filled", "diff", ()),
    ("inner-quotes", inner_quotes, "bare", "check", ("--year", "2027")),
    ("translations-copied", translations_of_the_sample, "before", "check", ("--year", "2027", "--language", "en")),
    ("no-edition-file", no_edition_file, "before", "check", ()),  # no portraits for 2028 either: stops early
    ("option-typo", None, "bare", "check", ("--yaer", "2028")),
    ("output-held-open", output_held_open, "bare", "ics", ("--year", "2027")),
    ("inside-the-project", terminal_in_portraits, "bare", "check", ("--root", "{root}/portraits/2028", "--year", "2028")),
]


# The scenarios run once per run (not once per xdist worker), and every test reading them on one worker: the other
# worker meanwhile runs other tests instead of waiting for the same scenarios.
pytestmark = [pytest.mark.xdist_group("docs-messages"), pytest.mark.full]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, shared_cache: Path) -> list[str]:
    """Return every line the program prints in the scenarios (stderr and stdout), run once per test run."""
    return once(tmp_path_factory, "docs-messages", lambda folder: run_scenarios(folder, shared_cache))


def run_scenarios(folder: Path, shared_cache: Path) -> list[str]:
    """Run every scenario on a copy of the sample in `folder`; return the lines printed (stderr and stdout)."""
    import shutil  # noqa: PLC0415

    from calendar_build.cli import main  # noqa: PLC0415
    from tools.make_sample_photos import make_photos  # noqa: PLC0415

    sample_photos = REPO / "portraits" / "2027"
    if not list(sample_photos.glob("*.jpg")):
        make_photos(sample_photos)
    cache = shared_cache  # prepared photos are keyed by their bytes: the run's shared ones serve
    lines: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY.timestamp())))
        for name, mistake, when, command, extra in SCENARIOS:
            root = folder / name
            for part in ("content",) if when == "bare" else ("content", "portraits", "templates"):
                shutil.copytree(REPO / part, root / part)
            (root / ".cache").mkdir()
            (root / ".cache" / "calendar-build").symlink_to(cache, target_is_directory=True)
            if when in ("fresh", "filled"):
                assert main(["new-edition", "--root", str(root), "--year", "2028", "--quiet"]) == 0
            if when == "filled":
                for path in fill_portraits(root).values():  # without the test's header line: lines as documented
                    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
            undo = mistake(root) if mistake is not None else None
            capture = io.StringIO(), io.StringIO()
            with patch.context() as streams:
                streams.setattr("sys.stdout", capture[0])
                streams.setattr("sys.stderr", capture[1])
                try:
                    arguments = [a.format(root=root) for a in extra] or ["--year", "2028"]
                    main([command, "--root", str(root), *arguments])
                except SystemExit:
                    pass
                finally:
                    if undo is not None:
                        undo()
            lines += capture[1].getvalue().splitlines() + capture[0].getvalue().splitlines()
    return lines


def test_the_docs_quote_messages() -> None:
    assert len(documented_messages(DOCS.read_text(encoding="utf-8"))) >= 25


@pytest.mark.parametrize("message", documented_messages(DOCS.read_text(encoding="utf-8")))
def test_documented_message_is_real(message: str, printed: list[str]) -> None:
    wanted = pattern(message)
    assert any(wanted.search(line) for line in printed), f"{message}\n--- printed:\n" + "\n".join(printed)
