"""The photo stage end to end on small generated photos: orientation, crop, resolution, bad files, colour."""

from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageFile

from calendar_build import workers
from calendar_build.errors import Problems
from calendar_build.photos import PhotoTarget, PreparedPhoto, prepare_photos
from calendar_build.photos.colour import KEPT_CMYK, SRGB_ICC
from calendar_build.photos.prepare import MESSENGER_HINT
from calendar_build.photos.render import TRANSPARENT, crop_box
from tests.photos.helpers import Write, close, encode, marked, srgb_to_cmyk

SHOWN, LINE = "portraits/2027/01-x.yaml", 9
RED, BLUE, WHITE = (255, 0, 0), (40, 80, 160), (255, 255, 255)


def run(source: Path, target: PhotoTarget, cache: Path, focal: tuple[float, float] = (0.5, 0.5),
        ) -> tuple[PreparedPhoto | None, list[str]]:
    """Prepare one photo; return it (None when it failed) and the rendered problems."""
    problems = Problems()
    result = prepare_photos([(source, focal, target, SHOWN, LINE)], cache, problems)
    return result.get((source, target)), [p.render() for p in problems.items]


def pixel(photo: PreparedPhoto, x: float, y: float) -> tuple[int, ...]:
    with Image.open(photo.path) as image:
        value = image.getpixel((int(x), int(y)))
    assert isinstance(value, tuple)
    return value


def looks(target: PhotoTarget, rgb: tuple[int, int, int]) -> tuple[int, ...]:
    """Return how an sRGB colour should come out for `target`."""
    if target.colour == "srgb":
        return rgb
    assert target.output_profile is not None
    return srgb_to_cmyk(rgb, target.output_profile)


@pytest.fixture(params=["print", "screen"])
def target(request: pytest.FixtureRequest, print_target: PhotoTarget, screen_target: PhotoTarget) -> PhotoTarget:
    """Return the print and the screen target in turn."""
    return print_target if request.param == "print" else screen_target


# How to store a photo so that the EXIF orientation turns it back upright (the inverse of the
# transposition the orientation asks for; 2, 3, 4, 5 and 7 are their own inverse).
STORED = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


@pytest.mark.parametrize("orientation", sorted(STORED))
def test_exif_orientation_is_honoured(orientation: int, target: PhotoTarget, write: Write, tmp_path: Path) -> None:
    upright = marked((600, 400), (100, 100), RED, background=BLUE)
    method = STORED[orientation]
    stored = upright if method is None else upright.transpose(method)
    exif = Image.Exif()
    exif[0x0112] = orientation
    photo, problems = run(write("01-x.jpg", encode(stored, exif=exif.tobytes())), target, tmp_path / "cache")
    assert problems == []
    assert photo is not None and (photo.width_px, photo.height_px) == target.pixels
    scale = photo.width_px / 600  # the crop is (0, 20, 600, 380)
    assert close(pixel(photo, 100 * scale, 80 * scale), looks(target, RED))
    assert close(pixel(photo, 500 * scale, 80 * scale), looks(target, BLUE))  # not mirrored
    assert close(pixel(photo, 100 * scale, 280 * scale), looks(target, BLUE))  # not upside down
    with Image.open(photo.path) as image:
        assert 0x0112 not in image.getexif()  # already applied; no viewer turns it again


FOCAL = [
    # (photo size, focal point): a marker at the focal point must be in the prepared photo
    ((1200, 400), (0.85, 0.5)),
    ((1200, 400), (0.1, 0.5)),
    ((1200, 400), (0.5, 0.5)),
    ((600, 1200), (0.5, 0.2)),
    ((600, 1200), (0.5, 0.9)),
    ((600, 400), (0.5, 0.5)),
]


@pytest.mark.parametrize(("size", "focal"), FOCAL)
def test_focal_point_stays_in_the_crop(size: tuple[int, int], focal: tuple[float, float],
                                       print_target: PhotoTarget, write: Write, tmp_path: Path) -> None:
    centre = (round(focal[0] * size[0]), round(focal[1] * size[1]))
    centre = (min(max(centre[0], 20), size[0] - 20), min(max(centre[1], 20), size[1] - 20))
    source = write("01-x.jpg", encode(marked(size, centre, RED, background=BLUE)))
    photo, problems = run(source, print_target, tmp_path / "cache", focal)
    assert problems == [] and photo is not None
    left, top, right, bottom = crop_box(size, 50 / 30, focal)
    x = (centre[0] - left) * photo.width_px / (right - left)
    y = (centre[1] - top) * photo.height_px / (bottom - top)
    assert close(pixel(photo, x, y), looks(print_target, RED))


RESOLUTION = [
    # (photo size, prepared size, problems); the frame is 50×30 mm. The message names the photo's own size;
    # every photo here is messenger-sized (long side up to 2560 px), so the WhatsApp hint follows.
    ((600, 400), (591, 354), []),
    ((493, 296), (493, 296), []),  # 250.4 ppi: kept as it is, never scaled up
    ((492, 296), (492, 295), ["portraits/2027/01-x.yaml:9: Warnung: Foto '01-x.jpg' hat nur 492×296 Pixel, also 249 "
                              "ppi bei 50×30 mm – für den Druck werden mindestens 493×296 Pixel gebraucht (besser "
                              f"591×354).{MESSENGER_HINT}"]),
    ((296, 178), (296, 178), ["portraits/2027/01-x.yaml:9: Warnung: Foto '01-x.jpg' hat nur 296×178 Pixel, also 150 "
                              "ppi bei 50×30 mm – für den Druck werden mindestens 493×296 Pixel gebraucht (besser "
                              f"591×354).{MESSENGER_HINT}"]),
    ((295, 177), (295, 177), ["portraits/2027/01-x.yaml:9: Fehler: Foto '01-x.jpg' hat nur 295×177 Pixel, also 149 "
                              "ppi bei 50×30 mm – für den Druck werden mindestens 296×178 Pixel gebraucht (besser "
                              f"591×354).{MESSENGER_HINT}"]),
    # upright: the message says what the landscape frame keeps of it
    ((160, 400), (160, 96), ["portraits/2027/01-x.yaml:9: Fehler: Foto '01-x.jpg' hat nur 160×400 Pixel, nach dem "
                             "Zuschnitt auf das Querformat des Bildfelds 160×96, also 81 "
                             "ppi bei 50×30 mm – für den Druck werden mindestens 296×178 Pixel gebraucht (besser "
                             f"591×354).{MESSENGER_HINT}"]),
]


@pytest.mark.parametrize(("size", "prepared", "expected"), RESOLUTION)
def test_resolution_thresholds(size: tuple[int, int], prepared: tuple[int, int], expected: list[str],
                               print_target: PhotoTarget, write: Write, tmp_path: Path) -> None:
    source = write("01-x.jpg", encode(Image.new("RGB", size, BLUE)))
    photo, problems = run(source, print_target, tmp_path / "cache")
    assert problems == expected
    assert photo is not None and (photo.width_px, photo.height_px) == prepared


def png_header(width: int, height: int) -> bytes:
    """Return the start of a PNG that claims `width`×`height` pixels (no real pixel data)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def gradient_jpeg() -> bytes:
    return encode(Image.linear_gradient("L").resize((600, 400)).convert("RGB"))


def make_directory(path: Path) -> None:
    path.mkdir()


def mode_file(mode: str, fmt: str) -> bytes:
    return encode(Image.new(mode, (600, 400)), fmt)


BAD = [
    # (case, how to make 01-x.jpg, target, message after "Foto '01-x.jpg' ")
    ("missing", None, "print", "wurde nicht gefunden."),
    ("directory", make_directory, "print",
     "ist ein Ordner, keine gewöhnliche Datei – bitte das Foto selbst an diese Stelle legen."),
    ("fifo", os.mkfifo, "print",
     "ist eine benannte Pipe (FIFO), keine gewöhnliche Datei – bitte das Foto selbst an diese Stelle legen."),
    ("empty", b"", "print", "ist leer (0 Bytes) – bitte das Foto erneut kopieren oder exportieren."),
    ("truncated", lambda: gradient_jpeg()[: len(gradient_jpeg()) // 2], "print",
     "ist beschädigt oder unvollständig – bitte erneut aus dem Original exportieren."),
    ("damaged header", b"\xff\xd8\xff" + bytes(range(256)) * 8, "print",
     "ist beschädigt – bitte erneut aus dem Original exportieren."),
    ("text", b"name: Selam Tesfamariam\n", "print",
     "ist keine lesbare Bilddatei – erwartet wird JPEG, PNG, TIFF, WebP oder HEIC."),
    ("eps", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", "print",  # never handed to Ghostscript
     "ist keine lesbare Bilddatei – erwartet wird JPEG, PNG, TIFF, WebP oder HEIC."),
    ("heic", b"\0\0\0\x18ftypheic" + bytes(64), "print",
     "ist ein HEIC-Foto (iPhone), das sich nicht lesen lässt – bitte auf dem iPhone als JPEG exportieren."),
    ("bomb", png_header(30000, 30000), "print",  # more than twice the limit: Pillow's error
     "hat 900.000.000 Pixel – mehr als die erlaubten 89.478.485 (Schutz vor Dekompressionsbomben); "
     "bitte kleiner exportieren."),
    ("bomb warning", png_header(10000, 10000), "print",  # above the limit: Pillow's warning, made an error
     "hat 100.000.000 Pixel – mehr als die erlaubten 89.478.485 (Schutz vor Dekompressionsbomben); "
     "bitte kleiner exportieren."),
    ("16 bit", lambda: mode_file("I;16", "PNG"), "print",
     "hat den Farbmodus I;16, der nicht unterstützt wird – bitte als 8-Bit-RGB-JPEG exportieren."),
    ("float", lambda: mode_file("F", "TIFF"), "print",
     "hat den Farbmodus F, der nicht unterstützt wird – bitte als 8-Bit-RGB-JPEG exportieren."),
    ("untagged cmyk for screen", lambda: mode_file("CMYK", "JPEG"), "screen",
     "ist schon für den Druck aufbereitet (Farbmodus CMYK), sagt aber nicht, für welchen Druck (kein Farbprofil) – "
     "für die Bildschirmfassung lassen sich seine Farben so nicht verlässlich umrechnen. Bitte das Originalfoto aus "
     "Kamera oder Handy "
     "(RGB-JPEG) verwenden."),
]


@pytest.mark.parametrize(("case", "make", "which", "message"), BAD, ids=[row[0] for row in BAD])
def test_bad_photo_is_a_clear_problem(case: str, make: bytes | Callable[..., object] | None, which: str,
                                      message: str, print_target: PhotoTarget, screen_target: PhotoTarget,
                                      tmp_path: Path) -> None:
    source = tmp_path / "01-x.jpg"
    if isinstance(make, bytes):
        source.write_bytes(make)
    elif make is make_directory or make is os.mkfifo:
        make(source)  # type: ignore[operator]
    elif make is not None:
        data = make()
        assert isinstance(data, bytes)
        source.write_bytes(data)
    photo, problems = run(source, print_target if which == "print" else screen_target, tmp_path / "cache")
    assert photo is None
    assert problems == [f"portraits/2027/01-x.yaml:9: Fehler: Foto '01-x.jpg' {message}"]
    assert list((tmp_path / "cache").iterdir()) == []  # nothing half-made is cached


def test_truncated_photo_is_an_error_even_after_weasyprint(print_target: PhotoTarget, write: Write, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what importing WeasyPrint does
    source = write("01-x.jpg", gradient_jpeg()[:3000])
    photo, problems = run(source, print_target, tmp_path / "cache")
    assert photo is None and problems == ["portraits/2027/01-x.yaml:9: Fehler: Foto '01-x.jpg' ist beschädigt oder "
                                          "unvollständig – bitte erneut aus dem Original exportieren."]
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # the setting is left as it was


def rgba(colour: tuple[int, int, int, int]) -> Image.Image:
    return Image.new("RGBA", (600, 400), colour)


SEE_THROUGH = {"palette with transparency", "rgba transparent: white", "rgba half", "grey with alpha"}
MODES = [
    # (case, photo as bytes, the sRGB colour it should come out as); SEE_THROUGH cases warn about transparency
    ("grey", lambda: encode(Image.new("L", (600, 400), 128)), (128, 128, 128)),
    ("bilevel png", lambda: encode(Image.new("1", (600, 400), 1), "PNG"), WHITE),
    ("palette png", lambda: encode(Image.new("RGB", (600, 400), RED).convert("P"), "PNG"), RED),
    ("palette with transparency", lambda: encode(Image.new("P", (600, 400), 0), "PNG", transparency=0), WHITE),
    ("rgba opaque", lambda: encode(rgba((255, 0, 0, 255)), "PNG"), RED),
    ("rgba transparent: white", lambda: encode(rgba((255, 0, 0, 0)), "PNG"), WHITE),
    ("rgba half", lambda: encode(rgba((0, 0, 0, 128)), "PNG"), (127, 127, 127)),
    ("grey with alpha", lambda: encode(Image.new("LA", (600, 400), (0, 0)), "PNG"), WHITE),
    ("tiff", lambda: encode(Image.new("RGB", (600, 400), BLUE), "TIFF"), BLUE),
    ("webp", lambda: encode(Image.new("RGB", (600, 400), BLUE), "WEBP", lossless=True), BLUE),
]


@pytest.mark.parametrize(("case", "make", "rgb"), MODES, ids=[row[0] for row in MODES])
def test_input_modes(case: str, make: Callable[[], bytes], rgb: tuple[int, int, int], target: PhotoTarget,
                     write: Write, tmp_path: Path) -> None:
    photo, problems = run(write("01-x.jpg", make()), target, tmp_path / "cache")
    assert photo is not None
    assert problems == ([f"portraits/2027/01-x.yaml:9: Warnung: Foto '01-x.jpg' {TRANSPARENT}"]
                        if case in SEE_THROUGH else [])
    with Image.open(photo.path) as image:
        assert image.mode == ("CMYK" if target.colour == "cmyk" else "RGB")
    assert close(pixel(photo, 100, 100), looks(target, rgb))


def cmyk_jpeg(icc: bytes | None) -> bytes:
    options = {"icc_profile": icc} if icc else {}
    return encode(Image.new("CMYK", (600, 400), (0, 255, 255, 0)), **options)


def test_cmyk_photos(print_target: PhotoTarget, screen_target: PhotoTarget, cmyk_profile: Path,
                     write: Write, tmp_path: Path) -> None:
    """Tagged CMYK is converted; untagged CMYK is taken to be in the output profile already."""
    profile = cmyk_profile.read_bytes()
    with_profile = replace(screen_target, output_profile=cmyk_profile)
    cases = [
        # (photo, target, pixel check, problems)
        (cmyk_jpeg(profile), print_target, lambda p: close(p, (0, 255, 255, 0)), []),
        (cmyk_jpeg(None), print_target, lambda p: close(p, (0, 255, 255, 0)),
         [f"portraits/2027/01-x.yaml:9: Warnung: Foto '01-x.jpg' {KEPT_CMYK}"]),
        # print photos that otherwise stay sRGB: separated data is not turned back into RGB
        (cmyk_jpeg(None), replace(print_target, colour="srgb", printed=True), lambda p: close(p, (0, 255, 255, 0)),
         [f"portraits/2027/01-x.yaml:9: Warnung: Foto '01-x.jpg' {KEPT_CMYK}"]),
        (cmyk_jpeg(profile), replace(print_target, colour="srgb", printed=True),
         lambda p: p[0] > 180 and p[1] < 90 and p[2] < 90, []),
        (cmyk_jpeg(profile), screen_target, lambda p: p[0] > 180 and p[1] < 90 and p[2] < 90, []),
        (cmyk_jpeg(None), with_profile, lambda p: p[0] > 180 and p[1] < 90 and p[2] < 90, []),
    ]
    for number, (data, target, check, expected) in enumerate(cases):
        photo, problems = run(write(f"{number}.jpg", data), target, tmp_path / "cache")
        assert photo is not None
        assert [p.replace(f"'{number}.jpg'", "'01-x.jpg'") for p in problems] == expected, number
        assert check(pixel(photo, 100, 100)), (number, pixel(photo, 100, 100))


def test_embedded_profile_is_honoured(screen_target: PhotoTarget, adobe_rgb: bytes, write: Write,
                                      tmp_path: Path) -> None:
    colour = (60, 160, 90)
    expected = ImageCms.profileToProfile(Image.new("RGB", (1, 1), colour), ImageCms.ImageCmsProfile(
        io.BytesIO(adobe_rgb)), ImageCms.createProfile("sRGB"), renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    ).getpixel((0, 0))  # type: ignore[union-attr]
    assert isinstance(expected, tuple) and not close(expected, colour, 12)  # the test can tell them apart
    source = write("01-x.jpg", encode(Image.new("RGB", (600, 400), colour), icc_profile=adobe_rgb))
    photo, problems = run(source, screen_target, tmp_path / "cache")
    assert problems == [] and photo is not None
    assert close(pixel(photo, 100, 100), expected, 4)


PROFILE_NOTES = [
    # (embedded profile, warning after "Foto '01-x.jpg' ")
    (b"not an icc profile", "hat ein defektes Farbprofil – die Farben werden als sRGB gelesen."),
    ("cmyk", "hat ein Farbprofil für CMYK, das nicht zum Farbmodus RGB passt – es wird ignoriert."),
]


@pytest.mark.parametrize(("icc", "note"), PROFILE_NOTES)
def test_unusable_embedded_profile_is_a_warning(icc: bytes | str, note: str, screen_target: PhotoTarget,
                                                cmyk_profile: Path, write: Write, tmp_path: Path) -> None:
    data = cmyk_profile.read_bytes() if icc == "cmyk" else icc
    source = write("01-x.jpg", encode(Image.new("RGB", (600, 400), BLUE), icc_profile=data))
    photo, problems = run(source, screen_target, tmp_path / "cache")
    assert problems == [f"portraits/2027/01-x.yaml:9: Warnung: Foto '01-x.jpg' {note}"]
    assert photo is not None and close(pixel(photo, 100, 100), BLUE)


def test_print_output_is_cmyk_in_the_output_profile(print_target: PhotoTarget, cmyk_profile: Path,
                                                   write: Write, tmp_path: Path) -> None:
    photo, _ = run(write("01-x.jpg", encode(Image.new("RGB", (600, 400), RED))), print_target, tmp_path / "c")
    assert photo is not None
    with Image.open(photo.path) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "CMYK", (591, 354))
        assert image.info["dpi"] == (300, 300)
        assert "adobe" in image.info  # APP14: WeasyPrint writes the Decode array that undoes the inversion
        assert "icc_profile" not in image.info  # the PDF's output intent carries the profile, once
        assert close(image.getpixel((10, 10)), srgb_to_cmyk(RED, cmyk_profile), 6)  # type: ignore[arg-type]


def test_screen_output_is_srgb_tagged(screen_target: PhotoTarget, write: Write, tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x8825] = {2: (50.0, 5.0, 0.0)}  # GPS position of the sitter's home: must not be published
    source = write("01-x.jpg", encode(Image.new("RGB", (600, 400), RED), exif=exif.tobytes()))
    photo, _ = run(source, screen_target, tmp_path / "cache")
    assert photo is not None
    with Image.open(photo.path) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (295, 177))
        assert image.info["dpi"] == (150, 150)
        assert image.info["icc_profile"] == SRGB_ICC
        assert "sRGB" in ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(SRGB_ICC)))
        assert len(image.getexif()) == 0
        assert close(image.getpixel((10, 10)), RED, 6)  # type: ignore[arg-type]


def test_output_profile_problems(cmyk_profile: Path, tmp_path: Path, write: Write) -> None:
    source = write("01-x.jpg", encode(Image.new("RGB", (600, 400), BLUE)))
    srgb_file = tmp_path / "sRGB.icc"
    srgb_file.write_bytes(SRGB_ICC)
    junk = tmp_path / "junk.icc"
    junk.write_bytes(b"junk")
    cases = [
        (None, "content/edition.yaml: Fehler: Für den Druck fehlt das CMYK-Ausgabeprofil (output_profile) – ohne "
               "Profil können die Fotos nicht separiert werden."),
        (tmp_path / "gone.icc", "gone.icc: Fehler: Ausgabeprofil 'gone.icc' kann nicht gelesen werden – fehlt die "
                                "Datei?"),
        (junk, "junk.icc: Fehler: Ausgabeprofil 'junk.icc' ist kein lesbares ICC-Profil."),
        (srgb_file, "sRGB.icc: Fehler: Ausgabeprofil 'sRGB.icc' ist kein CMYK-Profil (Farbraum RGB)."),
    ]
    for profile, expected in cases:
        target = PhotoTarget(50, 30, 300, "cmyk", profile)
        photo, problems = run(source, target, tmp_path / "cache")
        assert photo is None and problems == [expected]


def test_same_photo_with_two_crops_is_an_error(print_target: PhotoTarget, write: Write, tmp_path: Path) -> None:
    source = write("01-x.jpg", encode(Image.new("RGB", (600, 400), BLUE)))
    problems = Problems()
    result = prepare_photos([(source, (0.5, 0.5), print_target, SHOWN, LINE),
                             (source, (0.5, 0.5), print_target, SHOWN, LINE),  # the same twice is fine
                             (source, (0.2, 0.5), print_target, "portraits/2027/02-y.yaml", 9)],
                            tmp_path / "cache", problems)
    assert list(result) == [(source, print_target)]
    assert [p.render() for p in problems.items] == [
        "portraits/2027/02-y.yaml:9: Fehler: Foto '01-x.jpg' wird schon für portraits/2027/01-x.yaml mit anderem "
        "Ausschnitt verwendet – jedes Porträt braucht ein eigenes Foto."]


def test_same_photo_and_crop_for_two_portraits_is_an_error(print_target: PhotoTarget, write: Write,
                                                           tmp_path: Path) -> None:
    """Two portraits with one photo and one crop: the month page of the first would lose its photo."""
    source = write("01-x.jpg", encode(Image.new("RGB", (600, 400), BLUE)))
    problems = Problems()
    prepare_photos([(source, (0.5, 0.5), print_target, SHOWN, LINE),
                    (source, (0.5, 0.5), print_target, "portraits/2027/02-y.yaml", 9)], tmp_path / "cache", problems)
    assert [p.render() for p in problems.items] == [
        "portraits/2027/02-y.yaml:9: Fehler: Foto '01-x.jpg' wird schon für portraits/2027/01-x.yaml verwendet – "
        "jedes Porträt braucht ein eigenes Foto."]


def test_parallel_and_serial_give_the_same_bytes(print_target: PhotoTarget, write: Write, tmp_path: Path) -> None:
    jobs = [(write(f"{n:02d}-x.jpg", encode(marked((600, 400), (100 + 40 * n, 200)))), (0.5, 0.5), print_target,
             f"portraits/2027/{n:02d}-x.yaml", 9) for n in range(3)]
    serial = prepare_photos(jobs, tmp_path / "serial", Problems(), workers=1)
    parallel = prepare_photos(jobs, tmp_path / "parallel", Problems(), workers=2)
    assert list(serial) == list(parallel) == [(job[0], print_target) for job in jobs]
    for key in serial:
        assert serial[key].path.read_bytes() == parallel[key].path.read_bytes()


@pytest.mark.parametrize("which", ["print", "screen"])
def test_a_photo_looks_the_same_whether_its_targets_come_together_or_alone(
        which: str, print_target: PhotoTarget, screen_target: PhotoTarget, write: Write, tmp_path: Path) -> None:
    """The frame and the cover tile share one decoding where they can; a preview asking for one alone
    must get the very same bytes, or a build after a preview would differ from a fresh build."""
    frame = print_target if which == "print" else screen_target  # screen: a JPEG draft at 1/2 suffices
    tile = replace(frame, width_mm=12, height_mm=14, draft=False)
    source = write("01-x.jpg", encode(marked((1600, 1000), (700, 300))))
    jobs = [(source, (0.4, 0.3), frame, SHOWN, LINE), (source, (0.4, 0.3), tile, SHOWN, LINE)]
    together = prepare_photos(jobs, tmp_path / "together", Problems(), workers=1)
    for job in jobs:
        alone = prepare_photos([job], tmp_path / f"alone-{job[2].width_mm}", Problems(), workers=1)
        key = (source, job[2])
        assert alone[key].path.read_bytes() == together[key].path.read_bytes()
    assert together[(source, tile)].width_px == tile.pixels[0]


@pytest.mark.parametrize("pool", ["works", "refused"])
def test_meanwhile_runs_once_with_or_without_a_process_pool(pool: str, print_target: PhotoTarget, write: Write,
                                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no process pool can be made (no semaphores), photos are prepared one by one, and the
    work meant for meanwhile still runs exactly once."""
    from calendar_build.photos import prepare as module  # noqa: PLC0415

    if pool == "refused":
        def refuse(*_args: object, **_kwargs: object) -> None:
            raise NotImplementedError("no semaphores")

        monkeypatch.setattr(workers, "ProcessPoolExecutor", refuse)
    jobs = [(write(f"{n:02d}-x.jpg", encode(marked((600, 400), (100 + 40 * n, 200)))), (0.5, 0.5), print_target,
             f"portraits/2027/{n:02d}-x.yaml", 9) for n in range(2)]
    calls: list[int] = []
    prepared = prepare_photos(jobs, tmp_path / "cache", Problems(), workers=2, meanwhile=lambda: calls.append(1))
    assert calls == [1] and len(prepared) == 2


def test_heic_photo_from_an_iphone_is_read(print_target: PhotoTarget, write: Write, tmp_path: Path) -> None:
    from pillow_heif import from_pillow  # noqa: PLC0415 - the encoder only tests need

    buffer = io.BytesIO()
    from_pillow(Image.new("RGB", (600, 400), RED)).save(buffer, quality=90)
    data = buffer.getvalue()
    assert data[4:12] == b"ftypheic"
    photo, problems = run(write("01-x.heic", data), print_target, tmp_path / "cache")
    assert problems == [] and photo is not None
    assert (photo.width_px, photo.height_px) == (591, 354)
    assert close(pixel(photo, 100, 100), looks(print_target, RED), tolerance=12)


# An EXIF block whose one entry points past its end: Pillow warns "Truncated File Read" (a UserWarning).
BROKEN_EXIF = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x05\x01\x1a\x00\x05\x00\x00\x00\x01\x00\x00\x99\x99"


def test_pillow_warning_becomes_a_german_note(screen_target: PhotoTarget, write: Write, tmp_path: Path,
                                              recwarn: pytest.WarningsRecorder) -> None:
    source = write("01-x.jpg", encode(Image.new("RGB", (600, 400), BLUE), exif=BROKEN_EXIF))
    photo, problems = run(source, screen_target, tmp_path / "cache")
    assert problems == ["portraits/2027/01-x.yaml:9: Warnung: Foto '01-x.jpg' ist nicht ganz regelgerecht "
                        "gespeichert (z. B. beschädigte EXIF-Metadaten) – es wird verwendet; bitte das Ergebnis "
                        "prüfen oder das Foto neu exportieren."]
    assert photo is not None and close(pixel(photo, 100, 100), BLUE)
    assert [str(w.message) for w in recwarn] == []  # nothing in English on stderr


def test_new_photos_are_read_and_hashed_in_the_workers_only(print_target: PhotoTarget, write: Write, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the workers start, this process only looks up keys it remembered: hashing twelve camera photos
    (both targets each) had cost a cold build 0.2 s before any photo was prepared. A photo prepared before whose key
    is not remembered (the index deleted, the project moved) is found in the cache by the worker, not prepared again."""
    from calendar_build.photos import cache, prepare as module  # noqa: PLC0415

    jobs = [(write(f"{n:02d}-x.jpg", encode(marked((600, 400), (100 + 40 * n, 200)))), (0.5, 0.5), print_target,
             f"portraits/2027/{n:02d}-x.yaml", 9) for n in range(2)]
    tile = replace(print_target, width_mm=12, height_mm=14, draft=False)
    jobs += [(source, focal, tile, shown, line) for source, focal, _, shown, line in jobs]

    def no_hashing(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("a photo's bytes hashed before the workers start")

    monkeypatch.setattr(cache, "key_of_file", no_hashing)
    first = prepare_photos(jobs, tmp_path / "photos", Problems(), workers=1)
    shutil.rmtree(tmp_path / "photos-index")
    prepared: list[int] = []
    real = module.render_all
    monkeypatch.setattr(module, "render_all", lambda data, wanted, look=None: (prepared.append(len(wanted)),
                                                                              real(data, wanted, look))[1])
    again = prepare_photos(jobs, tmp_path / "photos", Problems(), workers=1)
    assert prepared == [] and again == first
    assert len(list((tmp_path / "photos-index").iterdir())) == 4  # remembered again: the next run reads nothing
    prepare_photos(jobs, tmp_path / "photos", Problems(), workers=1)
    assert prepared == []
