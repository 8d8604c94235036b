"""`calendar-build check`: everything a build would use, every problem at once, a summary, nothing written."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PIL import Image
import pytest

from calendar_build import workers
from calendar_build.stages import validate
from calendar_build.photos.colour import KEPT_CMYK
from calendar_build.photos.prepare import MESSENGER_HINT
from tests import layout_memo
from tests.cli.conftest import CliRunner, PRODUCTS, Run, YEAR, assert_clean_failure
from tests.cli.test_bad_input import E, H, J1, O, P1, P2, append, line, replace, write

LOW_RES = (f"{P1}:{line(P1, 'photo:')}: Warnung: Foto '01-selam-tesfamariam.jpg' hat nur 2400×1600 Pixel, also "
           f"201 ppi bei 303×193 mm – für den Druck werden mindestens 2983×1900 Pixel gebraucht (besser 3579×2280)."
           f"{MESSENGER_HINT}")
BALANCE = "portraits/2027: Warnung: 7 Frauen und 5 Männer – vorgesehen sind sechs und sechs."


def photo(size: tuple[int, int], mode: str = "RGB") -> bytes:
    """Return a plain JPEG."""
    out = io.BytesIO()
    Image.new(mode, size, (90, 120, 150) if mode == "RGB" else (10, 40, 60, 0)).save(out, "JPEG", quality=80)
    return out.getvalue()


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Return every file of content, portraits and templates with its bytes and modification time."""
    return {path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for folder in ("content", "portraits", "templates") for path in sorted((root / folder).rglob("*"))
            if path.is_file()}


def test_clean_sample_passes_and_writes_nothing(sample: Path, cli: CliRunner) -> None:
    before = snapshot(sample)
    run = cli("check", sample)
    assert run == Run(0, f"Prüfung {YEAR} ({PRODUCTS}): 0 Fehler, 0 Warnungen.\n", "")
    assert snapshot(sample) == before
    assert not (sample / "output").exists()
    assert not list(sample.rglob("*.pdf"))


@pytest.mark.full
def test_clean_sample_passes_in_a4(sample: Path, cli: CliRunner) -> None:
    assert cli("check", sample, "--format", "a4").code == 0


def test_every_problem_at_once(sample: Path, cli: CliRunner) -> None:
    replace(H, "category: christian", "category: christan")(sample)
    replace(P2, "gender: male", "gender: mann")(sample)
    replace(E, "school_holidays: true", "school_holidays: ja")(sample)
    write(O, "overrides:\n  - id: ramadan-anfang\n    start: 2027-02-08\n")(sample)
    run = cli("check", sample)
    assert_clean_failure(run)
    assert run.lines == [
        f"{H}:1: Fehler: Unbekannte Kategorie 'christan' – erlaubt: intercultural, christian, orthodox, islamic, "
        f"alevi, jewish, hindu, buddhist, sikh, bahai, yazidi.",
        f"{O}:2: Fehler: Unbekannter Feiertag 'ramadan-anfang' – die Kennung muss in content/holidays/ stehen.",
        f"{E}:{line(E, 'school_holidays')}: Fehler: 'school_holidays' muss true oder false sein, nicht 'ja'.",
        f"{P2}:{line(P2, 'gender:')}: Fehler: Unbekannter Wert 'mann' in 'gender' – erlaubt: female, male, divers. "
        f"Meinten Sie 'male'?",
    ]
    assert run.out == f"Prüfung {YEAR} ({PRODUCTS}): 4 Fehler, 0 Warnungen.\n"


@pytest.mark.full
def test_warnings_are_marked_and_pass(sample: Path, cli: CliRunner) -> None:
    write(J1, photo((2400, 1600)))(sample)
    replace(P2, "gender: male", "gender: female")(sample)
    run = cli("check", sample)
    assert run.code == 0
    assert sorted(run.lines) == [LOW_RES, BALANCE]
    assert run.out == f"Prüfung {YEAR} ({PRODUCTS}): 0 Fehler, 2 Warnungen.\n"


@pytest.mark.full
def test_warnings_are_printed_beside_a_later_error(sample: Path, cli: CliRunner) -> None:
    """The balance warning comes from validation; a portrait too long for its page and a photo that cannot be
    printed are found later (fit proof, photo preparation). The editor sees every problem of the run at once."""
    replace(P2, "gender: male", "gender: female")(sample)
    spec = sample / P2
    lines = spec.read_text(encoding="utf-8").splitlines()
    start = lines.index("text: >-")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    # the case: 42 + 588 characters, within the schema's limits, more than the page holds
    lines[start + 1:end] = ["  " + "Ein sehr langer Satz über das Ankommen in einer neuen Stadt. " * 9
                            + "Noch ein Satz dazu, der auch lang ist."]
    lines = ['name: "Hasan Demir-Yılmaz de Oliveira Santos Kaya"' if line_.startswith("name:") else line_
             for line_ in lines]
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = cli("check", sample)
    assert_clean_failure(run)
    assert BALANCE in run.lines and any(line_.startswith(f"{P2}:") and "zu lang" in line_ for line_ in run.lines), \
        run.err
    write(J1, photo((600, 400)))(sample)
    run = cli("check", sample)
    assert_clean_failure(run)
    assert BALANCE in run.lines and any(": Fehler: Foto '01-selam-tesfamariam.jpg' hat nur 600×400" in line_
                                        for line_ in run.lines), run.err


def test_strict_turns_warnings_into_errors(sample: Path, cli: CliRunner) -> None:
    write(J1, photo((2400, 1600)))(sample)
    replace(P2, "gender: male", "gender: female")(sample)
    run = cli("check", sample, "--strict")
    assert_clean_failure(run)
    assert BALANCE.replace("Warnung", "Fehler") in run.lines
    assert LOW_RES.replace("Warnung", "Fehler") in run.lines  # every warning promoted, all reported at once
    assert run.out == f"Prüfung {YEAR} ({PRODUCTS}): 2 Fehler, 0 Warnungen.\n"


@pytest.mark.full
def test_strict_photo_warning_is_an_error(sample: Path, cli: CliRunner) -> None:
    write(J1, photo((2400, 1600)))(sample)
    run = cli("check", sample, "--strict")
    assert_clean_failure(run)
    assert run.lines == [LOW_RES.replace("Warnung", "Fehler")]


@pytest.mark.full
def test_colour_mode_is_checked_for_every_product(sample: Path, cli: CliRunner) -> None:
    """Print takes an untagged CMYK photo as separated already; the screen PDF cannot show it: check says so."""
    write(J1, photo((3600, 2400), "CMYK"))(sample)
    run = cli("check", sample)
    assert_clean_failure(run)
    assert run.lines == [
        f"{P1}:{line(P1, 'photo:')}: Warnung: Foto '01-selam-tesfamariam.jpg' {KEPT_CMYK}",
        f"{P1}:{line(P1, 'photo:')}: Fehler: Foto '01-selam-tesfamariam.jpg' ist schon für den Druck aufbereitet "
        f"(Farbmodus CMYK), sagt aber nicht, für welchen Druck (kein Farbprofil) – für die Bildschirmfassung "
        f"lassen sich seine Farben so nicht verlässlich umrechnen. Bitte das Originalfoto aus Kamera oder Handy "
        f"(RGB-JPEG) verwenden."]
    assert cli("check", sample, "--variant", "print").code == 0  # the print PDF alone can be made


def test_build_runs_the_same_validation(sample: Path, cli: CliRunner) -> None:
    replace(H, "category: christian", "category: christan")(sample)
    replace(P1, "consent: 2026-09-14\n", "")(sample)
    replace(P2, "town: Flörsheim am Main", "town: Hofheim am Taunus")(sample)
    checked = cli("check", sample)
    built = cli("build", sample, "--out", str(sample / "output"))
    assert_clean_failure(checked)
    assert_clean_failure(built)
    assert built.lines[:-1] == checked.lines
    assert built.lines[-1] == f"{len(checked.lines)} Fehler, 0 Warnungen – nichts geschrieben."
    assert not (sample / "output").exists()


@pytest.mark.full
def test_edition_products_are_all_built_side_by_side(sample: Path, cli: CliRunner) -> None:
    """`products` in edition.yaml: check and `build --variant all` make each, none replacing another's file."""
    append(E, "products: [print-a3, print-a4]\n")(sample)
    assert cli("check", sample).out == f"Prüfung {YEAR} (Druck-PDF A3, Druck-PDF A4): 0 Fehler, 0 Warnungen.\n"
    run = cli("build", sample, "--variant", "all", "--out", str(sample / "out"))
    assert run.code == 0, run.err
    names = sorted(p.name for p in (sample / "out").glob("calendar-*.pdf"))
    assert names == [f"calendar-{YEAR}-print-a3.pdf", f"calendar-{YEAR}-print-a4.pdf"]
    assert (sample / "out" / f"holidays-{YEAR}.ics").is_file()


def test_a_warning_of_every_product_is_printed_once(sample: Path, cli: CliRunner) -> None:
    """`build --variant all` printed a warning about the content once per product (twice for the sample).

    (The quick tier's run of `build --variant all`, the command of `make calendar`.)
    """
    replace(E, f"year: {YEAR}", "year: 2026")(sample)
    # The pages are the reference builds' (the edition's year only warns): their parts are set once in the run.
    with layout_memo.remembering_pdfs():
        run = cli("build", sample, "--variant", "all", "--out", str(sample / "out"))
    assert run.code == 0, run.err
    warned = [line for line in run.lines if "Hier steht 'year: 2026'" in line]
    assert len(warned) == 1, run.err
    assert run.out.count(", 1 Warnung.\n") == 2  # each product still counts it


@pytest.mark.parametrize(("edit", "laid_out"), [
    (write(E, ""), []),  # an empty edition: no product can be laid out
    (append(E, "output_profile: content/categories.yaml\n"), ["screen"]),  # only the print product needs the profile
    (lambda root: None, ["print-a3", "screen"]),  # clean: both
], ids=["content-slip", "print-only-slip", "clean"])
def test_only_products_with_valid_content_are_laid_out(edit: Callable[[Path], None], laid_out: list[str],
                                                       sample: Path, cli: CliRunner,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A slip in the content is told without a layout (no WeasyPrint, no worker process): check validates every
    product first and lays out only those whose content is valid – with the same messages as before."""
    asked: list[str] = []
    run_each = workers.run_each

    def recording(function: Callable[..., Any], items: Sequence[Any], count: int, **kwargs: Any) -> list[Any]:
        asked.extend(options.product.id for options, _valid in items)
        return run_each(function, items, count, **kwargs)

    monkeypatch.setattr(workers, "run_each", recording)
    edit(sample)
    run = cli("check", sample)
    assert asked == laid_out
    assert run.code == (0 if laid_out == ["print-a3", "screen"] else 1), run.err


def test_the_content_is_read_once_for_every_product(sample: Path, cli: CliRunner,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """check reads content, year and portraits once, then validates what each product adds: a slip is still told
    once, with the products named in the summary."""
    read: list[Path] = []
    load = validate.load_content

    def counting(root: Path, problems: Any = None) -> Any:
        read.append(root)
        return load(root, problems)

    monkeypatch.setattr(validate, "load_content", counting)
    replace(P2, "gender: male", "gender: mann")(sample)
    run = cli("check", sample)
    assert read == [sample]
    assert_clean_failure(run)
    told = [text for text in run.lines if "'mann'" in text]
    assert len(told) == 1 and told[0].startswith(f"{P2}:{line(P2, 'gender')}: Fehler: "), run.err
    assert run.out == f"Prüfung {YEAR} ({PRODUCTS}): 1 Fehler, 0 Warnungen.\n", run.out


@pytest.mark.full
def test_a_text_too_long_in_both_products_is_told_once_for_each_naming_it(sample: Path, cli: CliRunner) -> None:
    """check lays out the print and the screen PDF: a fit error says in which one its page number counts."""
    from tests.render.test_fit import MARCH, SENTENCE, portrait  # noqa: PLC0415 - the stress text of the fit tests

    line_no = portrait(sample, "Shirin Rahimi-Farahani de Oliveira Santos", (SENTENCE * 6)[:546])
    run = cli("check", sample)
    assert_clean_failure(run)
    told = [entry for entry in run.lines if entry.startswith(f"{MARCH}:{line_no}: Fehler: ")]
    assert [entry.split(": ")[2].split(",")[0] for entry in told] == ["Druck-PDF A3", "Bildschirm-PDF"], run.err
