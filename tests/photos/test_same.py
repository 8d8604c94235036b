"""The same photo under two names is a warning at the second portrait, naming the first with file and line."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pytest
from PIL import Image

from calendar_build.content.loader import Where
from calendar_build.errors import ContentError, Problems
from calendar_build.photos import PhotoTarget, prepare_photos
from calendar_build.photos.same import warn_same_photo
from calendar_build.portraits.loader import Portrait


def _photo(shade: int, spot: bool = False) -> Image.Image:
    image = Image.new("RGB", (480, 320), (shade, 120, 150))
    for x in range(0, 480, 40):  # some structure, so a JPEG is not one flat colour
        image.paste((200, shade, 40), (x, 0, x + 20, 320))
    if spot:
        image.putpixel((301, 157), (0, 0, 0))  # one pixel apart: the draft agrees, the full comparison not
    return image


def _bytes(image: Image.Image, kind: str) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **({"quality": 90} if kind == "JPEG" else {}))
    return out.getvalue()


JPEG = _bytes(_photo(90), "JPEG")
DECODED = Image.open(io.BytesIO(JPEG)).convert("RGB")

# (case, {file: bytes} of months 1 and 2 (same file name: one photo named twice), warned)
CASES = [
    ("same bytes, two names", {"01-a.jpg": JPEG, "02-b.jpg": JPEG}, True),
    ("same pixels, saved again as PNG", {"01-a.jpg": JPEG, "02-b.png": _bytes(DECODED, "PNG")}, True),
    ("other photo of the same size", {"01-a.jpg": JPEG, "02-b.jpg": _bytes(_photo(30), "JPEG")}, False),
    ("one pixel apart", {"01-a.png": _bytes(_photo(90), "PNG"), "02-b.png": _bytes(_photo(90, spot=True), "PNG")},
     False),
    ("other size, same scene", {"01-a.jpg": JPEG, "02-b.jpg": _bytes(_photo(90).resize((240, 160)), "JPEG")}, False),
    ("unreadable copies", {"01-a.jpg": b"not a photo", "02-b.jpg": b"not a photo!"}, False),
]


def _portrait(folder: Path, month: int, name: str) -> Portrait:
    where = Where(f"portraits/2028/{month:02d}-person.yaml", 13)
    return Portrait(spec=cast(Any, None), photo=folder / name, where=where, photo_line=21)


@pytest.mark.parametrize(("case", "files", "warned"), CASES, ids=[c[0] for c in CASES])
def test_same_photo_under_two_names(case: str, files: dict[str, bytes], warned: bool, tmp_path: Path) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    first, second = sorted(files)
    problems = Problems()
    warn_same_photo((_portrait(tmp_path, 1, first), _portrait(tmp_path, 2, second)), problems)
    expected = [("portraits/2028/02-person.yaml", 21, "warning",
                 f"Foto '{second}' ist dasselbe Bild wie '{first}' (portraits/2028/01-person.yaml:21) – jedes "
                 f"Porträt braucht ein eigenes Foto. Bitte das richtige Foto eintragen.")] if warned else []
    assert [(p.path, p.line, p.severity, p.message) for p in problems.items] == expected


def test_one_file_named_twice_is_left_to_the_preparation(tmp_path: Path) -> None:
    (tmp_path / "01-a.jpg").write_bytes(JPEG)
    problems = Problems()
    warn_same_photo((_portrait(tmp_path, 1, "01-a.jpg"), _portrait(tmp_path, 2, "01-a.jpg")), problems)
    assert problems.items == []


def test_pixel_hashes_are_kept_in_the_cache(tmp_path: Path) -> None:
    (tmp_path / "01-a.jpg").write_bytes(JPEG)
    (tmp_path / "02-b.png").write_bytes(_bytes(DECODED, "PNG"))
    portraits = (_portrait(tmp_path, 1, "01-a.jpg"), _portrait(tmp_path, 2, "02-b.png"))
    for _ in range(2):  # the second run reads the hashes the first one kept
        problems = Problems()
        warn_same_photo(portraits, problems, tmp_path / "cache")
        assert len(problems.items) == 1
    assert len(list((tmp_path / "cache" / "pixels").iterdir())) == 2


def test_a_warm_check_reads_no_photo_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in every validation: twelve camera photos had been read and hashed each time (1.3 s CPU)."""
    from calendar_build.photos import cache as photo_cache, same  # noqa: PLC0415

    (tmp_path / "01-a.jpg").write_bytes(JPEG)
    (tmp_path / "02-b.png").write_bytes(_bytes(DECODED, "PNG"))
    portraits = (_portrait(tmp_path, 1, "01-a.jpg"), _portrait(tmp_path, 2, "02-b.png"))
    warn_same_photo(portraits, Problems(), tmp_path / "cache")
    read: list[Path] = []
    for module in (same, photo_cache):
        real = module.read_regular
        monkeypatch.setattr(module, "read_regular", lambda path, *args, real=real: (read.append(path), real(path, *args))[1])
    opened = Path.open
    monkeypatch.setattr(Path, "open", lambda path, *args, **kw: (read.append(path), opened(path, *args, **kw))[1])
    problems = Problems()
    warn_same_photo(portraits, problems, tmp_path / "cache")
    assert len(problems.items) == 1  # still found: from the kept thumbnails and pixel hashes
    assert [path for path in read if path.parent == tmp_path] == []
    entry = next((tmp_path / "cache" / "same-photo").iterdir())
    entry.write_text("damaged", encoding="ascii")  # a damaged entry is looked at again
    problems = Problems()
    warn_same_photo(portraits, problems, tmp_path / "cache")
    assert len(problems.items) == 1


def test_photos_not_seen_before_are_looked_at_side_by_side(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each cold thumbnail waits for the other: looked at one after the other, the barrier breaks."""
    import threading  # noqa: PLC0415

    from calendar_build.photos import same  # noqa: PLC0415

    (tmp_path / "01-a.jpg").write_bytes(JPEG)
    (tmp_path / "02-b.jpg").write_bytes(_bytes(_photo(30), "JPEG"))
    both = threading.Barrier(2, timeout=10)
    real = same._thumb

    def thumb(data: bytes) -> bytes:
        both.wait()
        return real(data)

    monkeypatch.setattr(same, "_thumb", thumb)
    monkeypatch.setattr(same.os, "cpu_count", lambda: 2)
    problems = Problems()
    warn_same_photo((_portrait(tmp_path, 1, "01-a.jpg"), _portrait(tmp_path, 2, "02-b.jpg")), problems, tmp_path / "c")
    assert problems.items == [] and not both.broken


@pytest.mark.parametrize(("case", "files", "warned"), CASES, ids=[c[0] for c in CASES])
def test_photos_are_compared_from_what_their_preparation_kept(case: str, files: dict[str, bytes], warned: bool,
                                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              screen_target: PhotoTarget) -> None:
    """A build compares its photos once they are prepared: the photo workers keep each new photo's size and
    thumbnail from the decoding its preparation needs anyway, and the check decodes no photo for a thumbnail."""
    from calendar_build.photos import same  # noqa: PLC0415

    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    first, second = sorted(files)
    portraits = (_portrait(tmp_path, 1, first), _portrait(tmp_path, 2, second))
    prepare_photos([(p.photo, (0.5, 0.5), screen_target, p.where.path, p.photo_line) for p in portraits],
                   tmp_path / "cache" / "photos", Problems(), seen_cache=tmp_path / "cache")
    decoded: list[bytes] = []
    real = same._thumb
    monkeypatch.setattr(same, "_thumb", lambda data: (decoded.append(data), real(data))[1])
    problems = Problems()
    warn_same_photo(portraits, problems, tmp_path / "cache")
    assert bool(problems.items) is warned
    if "unreadable" not in case:  # a photo that could not be prepared is looked at by the check itself
        assert decoded == []


def test_a_build_compares_the_photos_after_preparing_them(project: Path) -> None:
    from calendar_build.products import PRODUCTS  # noqa: PLC0415
    from calendar_build.stages import photos as photo_stage  # noqa: PLC0415
    from calendar_build.stages.options import BuildOptions  # noqa: PLC0415
    from calendar_build.stages.validate import validate  # noqa: PLC0415

    folder = project / "portraits" / "2027"
    next(folder.glob("03-*.jpg")).write_bytes(next(folder.glob("02-*.jpg")).read_bytes())
    options = BuildOptions(root=project, year=2027, product=PRODUCTS["screen"], out=project / "out")
    valid = validate(options, same_photo=False)
    assert not [w for w in valid.warnings if "dasselbe Bild" in w.message]
    _, warnings = photo_stage.prepare(options, valid, frozenset({2, 3}), cover=False)
    same_photo = [(w.path, w.line) for w in warnings if "dasselbe Bild" in w.message]
    assert same_photo == [(f"portraits/2027/{next(folder.glob('03-*.yaml')).name}", 14)]
    assert set(validate(options).warnings) == {*valid.warnings, *(w for w in warnings if "dasselbe Bild" in w.message)}
    # an error that stops the build before its photos: the photos are compared there, every problem told at once
    bilingual = replace(options, product=PRODUCTS["print-a3-bilingual"])
    with pytest.raises(ContentError) as caught:
        validate(bilingual, same_photo=False)
    assert any("dasselbe Bild" in p.message for p in caught.value.problems)
