"""The photo cache: warm runs decode nothing, broken entries are rebuilt, output is deterministic."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from calendar_build.errors import Problems
from calendar_build.photos import PhotoTarget, PreparedPhoto, prepare_photos
from calendar_build.photos import cache as photo_cache
from tests.photos.helpers import Write, encode, marked

SHOWN, LINE = "portraits/2027/01-x.yaml", 9


def run(source: Path, target: PhotoTarget, cache: Path, focal: tuple[float, float] = (0.5, 0.5),
        ) -> tuple[PreparedPhoto, list[str]]:
    problems = Problems()
    result = prepare_photos([(source, focal, target, SHOWN, LINE)], cache, problems)
    return result[(source, target)], [p.render() for p in problems.items]


@pytest.fixture
def small_photo(write: Write) -> Path:
    """Return a photo that is too small (warning) and has a broken embedded profile (warning)."""
    return write("01-x.jpg", encode(marked((480, 300), (240, 150)), icc_profile=b"broken"))


def forbid_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm run must not decode a photo")
    monkeypatch.setattr(Image, "open", refuse)
    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def test_warm_run_does_not_decode(small_photo: Path, print_target: PhotoTarget, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cold, cold_problems = run(small_photo, print_target, tmp_path / "cache")
    assert len(cold_problems) == 2  # the profile and the resolution
    forbid_decoding(monkeypatch)
    warm, warm_problems = run(small_photo, print_target, tmp_path / "cache")
    assert warm == cold
    assert warm_problems == cold_problems  # warnings are repeated from the cache, not forgotten


def truncate(jpeg: Path, sidecar: Path) -> None:
    jpeg.write_bytes(jpeg.read_bytes()[:1000])


def flip_a_byte(jpeg: Path, sidecar: Path) -> None:
    data = bytearray(jpeg.read_bytes())
    data[len(data) // 2] ^= 0xFF
    jpeg.write_bytes(bytes(data))


CORRUPTIONS: list[tuple[str, Callable[[Path, Path], None]]] = [
    ("jpeg truncated", truncate),
    ("jpeg bit rot", flip_a_byte),
    ("jpeg missing", lambda jpeg, sidecar: jpeg.unlink()),
    ("sidecar missing", lambda jpeg, sidecar: sidecar.unlink()),
    ("sidecar not json", lambda jpeg, sidecar: sidecar.write_text("{")),
    ("sidecar empty", lambda jpeg, sidecar: sidecar.write_bytes(b"")),
    ("sidecar wrong shape", lambda jpeg, sidecar: sidecar.write_text('["x"]')),
    ("sidecar field missing", lambda jpeg, sidecar: sidecar.write_text(
        sidecar.read_text().replace('"width_px"', '"breite"'))),
]


@pytest.mark.parametrize(("case", "corrupt"), CORRUPTIONS, ids=[row[0] for row in CORRUPTIONS])
def test_broken_entry_is_rebuilt(case: str, corrupt: Callable[[Path, Path], None], small_photo: Path,
                                 print_target: PhotoTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold, cold_problems = run(small_photo, print_target, tmp_path / "cache")
    good = cold.path.read_bytes()
    corrupt(cold.path, cold.path.with_suffix(".json"))
    decoded: list[object] = []
    real_load = ImageFile.ImageFile.load

    def counting_load(self: ImageFile.ImageFile) -> object:
        decoded.append(self)
        return real_load(self)
    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    again, problems = run(small_photo, print_target, tmp_path / "cache")
    assert decoded, "the broken entry was used instead of rebuilt"
    assert (again, problems) == (cold, cold_problems)
    assert again.path.read_bytes() == good


def test_cold_runs_are_deterministic(small_photo: Path, print_target: PhotoTarget, screen_target: PhotoTarget,
                                     tmp_path: Path) -> None:
    for target in (print_target, screen_target):
        first, _ = run(small_photo, target, tmp_path / f"one-{target.colour}")
        second, _ = run(small_photo, target, tmp_path / f"two-{target.colour}")
        assert first.path.name == second.path.name
        assert first.path.read_bytes() == second.path.read_bytes()
        assert first.path.with_suffix(".json").read_bytes() == second.path.with_suffix(".json").read_bytes()


def test_key_follows_everything_that_changes_the_output(print_target: PhotoTarget, write: Write,
                                                        tmp_path: Path) -> None:
    photo = write("01-x.jpg", encode(marked((600, 400), (300, 200))))
    other_photo = write("02-x.jpg", encode(marked((600, 400), (301, 200))))
    base = run(photo, print_target, tmp_path / "cache")[0].path.name
    variants = [
        ("same again", photo, print_target, (0.5, 0.5), True),
        ("renamed copy", write("copy.jpg", photo.read_bytes()), print_target, (0.5, 0.5), True),
        ("other bytes", other_photo, print_target, (0.5, 0.5), False),
        ("focal point", photo, print_target, (0.4, 0.5), False),
        ("ppi", photo, replace(print_target, ppi=200), (0.5, 0.5), False),
        ("size", photo, replace(print_target, width_mm=49), (0.5, 0.5), False),
        ("quality", photo, replace(print_target, jpeg_quality=80), (0.5, 0.5), False),
        ("colour", photo, replace(print_target, colour="srgb"), (0.5, 0.5), False),
        ("thresholds only", photo, replace(print_target, warn_ppi=100), (0.5, 0.5), True),
    ]
    for case, source, target, focal, same in variants:
        assert (run(source, target, tmp_path / "cache", focal)[0].path.name == base) == same, case


def test_changed_profile_changes_the_key(print_target: PhotoTarget, write: Write, tmp_path: Path) -> None:
    photo = write("01-x.jpg", encode(marked((600, 400), (300, 200))))
    assert print_target.output_profile is not None
    profile = tmp_path / "print.icc"
    profile.write_bytes(print_target.output_profile.read_bytes())
    target = replace(print_target, output_profile=profile)
    first = run(photo, target, tmp_path / "cache")[0].path.name
    data = bytearray(profile.read_bytes())
    data[44:48] = b"XXXX"  # a header field that leaves the profile usable: new bytes, new key
    profile.write_bytes(bytes(data))
    assert run(photo, target, tmp_path / "cache")[0].path.name != first


def test_no_temporary_files_are_left(print_target: PhotoTarget, write: Write, tmp_path: Path) -> None:
    photo = write("01-x.jpg", encode(marked((600, 400), (300, 200))))
    prepared, _ = run(photo, print_target, tmp_path / "cache")
    key = prepared.path.stem
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [f"{key}.jpg", f"{key}.json"]


def test_failed_write_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(src: object, dst: object) -> None:
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        photo_cache.store(tmp_path, "k", b"data", 1, 1, 300.0, ())
    assert list(tmp_path.iterdir()) == []


def test_a_checked_jpeg_is_not_read_again_by_the_next_process(small_photo: Path, print_target: PhotoTarget,
                                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first warm run hashes the cached JPEG and leaves a stamp; a later process trusts the stamp while the
    file stays as it was, and hashes it again once it changed (then the broken entry is rebuilt)."""
    cold, _ = run(small_photo, print_target, tmp_path / "cache")
    monkeypatch.setattr(photo_cache, "_VERIFIED", {})  # as in a new process
    run(small_photo, print_target, tmp_path / "cache")
    stamp = cold.path.with_suffix(".checked")
    assert stamp.read_text().endswith(" " + __import__("hashlib").sha256(cold.path.read_bytes()).hexdigest())
    monkeypatch.setattr(photo_cache, "_VERIFIED", {})
    real_open = Path.open

    def no_jpeg(self: Path, *args: object, **kwargs: object) -> object:
        assert self.suffix != ".jpg" or self.parent != cold.path.parent, "a stamped JPEG was read again"
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]
    with monkeypatch.context() as patched:
        patched.setattr(Path, "open", no_jpeg)
        assert run(small_photo, print_target, tmp_path / "cache")[0] == cold
    good = cold.path.read_bytes()
    flip_a_byte(cold.path, cold.path.with_suffix(".json"))
    os.utime(cold.path, ns=(cold.path.stat().st_atime_ns, cold.path.stat().st_mtime_ns + 1_000_000))
    monkeypatch.setattr(photo_cache, "_VERIFIED", {})
    again, _ = run(small_photo, print_target, tmp_path / "cache")
    assert again.path.read_bytes() == good  # changed since its stamp: hashed, found broken, made again
