#!/usr/bin/env python3
"""Generate the placeholder photos for the SAMPLE portraits of calendar-build.

The sample edition shows twelve *fictional* residents. Their photos are not
photographs at all but friendly, abstract illustrations: a soft gradient in a
per-month palette, a few blurred light circles, a faceless head-and-shoulders
silhouette centred on the portrait's ``focal_point`` and a clearly visible
"MUSTERFOTO" badge in the top right corner.

Which files are made is read from the portrait YAML files (``photo:``), so
the YAML and the images cannot drift apart. Only portraits marked
``sample: true`` get a placeholder; a real person's photo is never touched.

The output is deterministic (fixed seeds, no timestamps, fixed ICC header
date): the same Pillow build produces the same bytes on every run, and a file
is only rewritten when its bytes change, so downstream caches stay warm.

Usage::

    .venv/bin/python tools/make_sample_photos.py [--out DIR] [--size WxH]
                                                 [--portraits DIR]

Importable::

    from tools.make_sample_photos import make_photos
    make_photos(Path("portraits/2027"), (3600, 2700))
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageDraw, ImageFilter, ImageFont

REPO_ROOT: Path = Path(__file__).resolve().parents[1]
DEFAULT_PORTRAITS_DIR: Path = REPO_ROOT / "portraits" / "2027"
DEFAULT_SIZE: tuple[int, int] = (3600, 2700)
JPEG_QUALITY: int = 90
DPI: tuple[int, int] = (300, 300)
LABEL: str = "MUSTERFOTO"
SUBLABEL: str = "Platzhalter · fiktive Person"

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """Colours of one month: gradient start/end and the silhouette colour."""

    light: RGB  # top-left of the gradient
    deep: RGB  # bottom-right of the gradient
    figure: RGB  # silhouette and label text


# One palette per month. The portrait YAMLs describe these colours in their
# German ``alt`` text - keep both in sync when changing a palette.
PALETTES: dict[int, Palette] = {
    1: Palette((228, 241, 251), (146, 188, 226), (36, 64, 110)),  # Eisblau / Dunkelblau
    2: Palette((240, 230, 248), (178, 156, 214), (72, 44, 110)),  # Flieder / Dunkelviolett
    3: Palette((248, 246, 204), (164, 212, 142), (34, 90, 60)),  # Frühlingsgrün / Tannengrün
    4: Palette((253, 232, 218), (238, 172, 156), (112, 40, 70)),  # Rosé, Apricot / Pflaumenrot
    5: Palette((226, 247, 238), (122, 204, 196), (20, 88, 104)),  # Mint, Türkis / Petrolblau
    6: Palette((255, 238, 166), (248, 168, 88), (140, 64, 30)),  # Sonnengelb, Orange / Rostbraun
    7: Palette((253, 226, 230), (230, 116, 126), (110, 24, 44)),  # Erdbeerrot, Rosé / Weinrot
    8: Palette((214, 238, 251), (88, 182, 202), (20, 46, 90)),  # Himmelblau, Türkis / Marineblau
    9: Palette((251, 230, 158), (212, 162, 72), (84, 72, 28)),  # Ocker, Goldgelb / Olivbraun
    10: Palette((251, 208, 150), (204, 112, 72), (78, 42, 26)),  # Kürbisorange / Dunkelbraun
    11: Palette((255, 232, 140), (242, 162, 44), (128, 68, 30)),  # Goldgelb, Safran / Kupferbraun
    12: Palette((204, 232, 216), (74, 142, 136), (22, 34, 64)),  # Tannengrün, Petrol / Nachtblau
}

# Fixed ICC header creation date (bytes 24..35: year, month, day, h, m, s as
# big-endian uint16). LittleCMS stamps "now" there, which would make every run
# produce different bytes.
_ICC_DATE = bytes.fromhex("07ea" "0001" "0001" "0000" "0000" "0000")  # 2026-01-01 00:00:00


@dataclass(frozen=True)
class PhotoSpec:
    """What the generator needs to know about one sample portrait."""

    yaml_path: Path
    photo: str
    month: int
    focal_point: tuple[float, float]


# --------------------------------------------------------------------------
# Reading the portrait YAML files
# --------------------------------------------------------------------------

def _load_yaml(path: Path) -> dict[str, Any]:
    """Load a portrait YAML file (PyYAML if present, else a flat-key fallback)."""
    text = path.read_text(encoding="utf-8")
    try:
        import yaml  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - PyYAML is in the project venv
        return _parse_flat_yaml(text)
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at top level")
    return data


def _parse_flat_yaml(text: str) -> dict[str, Any]:
    """Tiny fallback for the few flat keys this script needs."""
    data: dict[str, Any] = {}
    for line in text.splitlines():
        m = re.match(r"^([a-z_]+):\s*(.*?)\s*$", line)
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        if key in ("photo",):
            data[key] = value.strip("'\"")
        elif key == "month":
            data[key] = int(value)
        elif key == "sample":
            data[key] = value.lower() == "true"
        elif key == "focal_point":
            nums = re.findall(r"[-+]?\d*\.?\d+", value)
            data[key] = [float(n) for n in nums]
    return data


def _portrait_yamls(directory: Path) -> list[Path]:
    """Portrait YAML files (``MM-slug.yaml``) in *directory*, sorted."""
    return sorted(p for p in directory.glob("[0-1][0-9]-*.yaml") if p.is_file())


def read_specs(portraits_dir: Path) -> list[PhotoSpec]:
    """Read the sample portraits in *portraits_dir* into :class:`PhotoSpec` objects."""
    specs: list[PhotoSpec] = []
    for path in _portrait_yamls(portraits_dir):
        data = _load_yaml(path)
        if data.get("sample") is not True:
            continue  # never make a placeholder for a real person's portrait
        photo = str(data.get("photo", "")).strip()
        if not photo or Path(photo).name != photo or not photo.lower().endswith((".jpg", ".jpeg")):
            raise ValueError(f"{path}: 'photo' must be a plain .jpg file name, got {photo!r}")
        month = int(data.get("month") or int(path.name[:2]))
        if month not in PALETTES:
            raise ValueError(f"{path}: month {month} out of range 1..12")
        fp = data.get("focal_point") or [0.5, 0.35]
        fx, fy = float(fp[0]), float(fp[1])
        if not (0.0 <= fx <= 1.0 and 0.0 <= fy <= 1.0):
            raise ValueError(f"{path}: focal_point {fp!r} outside 0..1")
        specs.append(PhotoSpec(path, photo, month, (fx, fy)))
    return specs


# --------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------

def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _gradient(size: tuple[int, int], pal: Palette) -> Image.Image:
    """Soft diagonal gradient: computed on a coarse grid, then upscaled smoothly."""
    w, h = size
    gw, gh = 48, 36
    small = Image.new("RGB", (gw, gh))
    px = small.load()
    assert px is not None
    for y in range(gh):
        for x in range(gw):
            t = 0.55 * x / (gw - 1) + 0.45 * y / (gh - 1)
            t = t * t * (3 - 2 * t)  # smoothstep: calm centre, soft ends
            px[x, y] = _mix(pal.light, pal.deep, t)
    return small.resize((w, h), Image.Resampling.BICUBIC)


def _soft_circles(size: tuple[int, int], rng: random.Random, fx: float, fy: float) -> Image.Image:
    """Blurred translucent light circles (a quiet 'bokeh'), as an RGBA layer of *size*."""
    sw, sh = size
    layer = Image.new("RGBA", (sw, sh), (255, 255, 255, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(7):
        r = rng.uniform(0.06, 0.16) * sh
        cx = rng.uniform(0.0, 1.0) * sw
        cy = rng.uniform(0.0, 1.0) * sh
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, rng.randint(40, 80)))
    # a brighter halo behind the head
    r = 0.30 * sh
    cx, cy = fx * sw, fy * sh
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, 95))
    return layer.filter(ImageFilter.GaussianBlur(radius=max(1.0, sh * 0.035)))


def _background(size: tuple[int, int], pal: Palette, rng: random.Random,
                fx: float, fy: float) -> Image.Image:
    """Gradient plus light circles. Everything here is soft, so it is composed
    at 1/8 resolution and upscaled once (fast, and looks the same)."""
    w, h = size
    small = (max(8, w // 8), max(8, h // 8))
    bg = Image.alpha_composite(_gradient(small, pal).convert("RGBA"),
                               _soft_circles(small, rng, fx, fy))
    return bg.convert("RGB").resize((w, h), Image.Resampling.BILINEAR)


def _silhouette_mask(size: tuple[int, int], spec: PhotoSpec, rng: random.Random) -> Image.Image:
    """Anti-aliased 'L' mask of a faceless head-and-shoulders figure.

    The head centre sits at the focal point; the shoulders run off the
    bottom edge like in a real head-and-shoulders portrait.
    """
    w, h = size
    u = min(float(h), w * 0.9)  # unit, so portrait formats also look right
    ss = 2  # drawn at half size, upscaled bilinearly: smooth edges, cheap
    sw, sh, su = w // ss, h // ss, u / ss
    fx, fy = spec.focal_point

    head_rx = su * rng.uniform(0.105, 0.12)
    head_ry = head_rx * rng.uniform(1.22, 1.32)
    cx = min(max(fx * sw, head_rx * 3.4), sw - head_rx * 3.4)
    cy = min(max(fy * sh, head_ry * 1.2), sh - head_ry * 2.6)

    mask = Image.new("L", (sw, sh), 0)
    draw = ImageDraw.Draw(mask)
    # head
    draw.ellipse((cx - head_rx, cy - head_ry, cx + head_rx, cy + head_ry), fill=255)
    # shoulders: a rounded dome; below its middle a torso that widens a
    # little and runs off the bottom edge
    body_rx = head_rx * rng.uniform(2.55, 2.8)
    shoulder_ry = head_ry * rng.uniform(1.25, 1.4)
    body_top = cy + head_ry * 1.12
    mid = body_top + shoulder_ry
    draw.ellipse((cx - body_rx, body_top, cx + body_rx, mid + shoulder_ry), fill=255)
    flare = body_rx * 0.06 * max(1.0, (sh - mid) / shoulder_ry)
    draw.polygon(
        [(cx - body_rx, mid), (cx + body_rx, mid), (cx + body_rx + flare, sh),
         (cx - body_rx - flare, sh)],
        fill=255,
    )
    # neck
    neck_w = head_rx * 0.95
    draw.rounded_rectangle(
        (cx - neck_w / 2, cy + head_ry * 0.6, cx + neck_w / 2, body_top + shoulder_ry * 0.3),
        radius=neck_w * 0.3, fill=255,
    )
    return mask.resize((w, h), Image.Resampling.BILINEAR)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled font (same on every machine); no system fonts."""
    return ImageFont.load_default(size=size)


# The cover's tiles show about this share of a 3:2 photo's width, around the focal point.
TILE_SHARE = 0.62


def _label(img: Image.Image, pal: Palette, focal_x: float) -> None:
    """Draw the 'MUSTERFOTO' badge top right, where the cover's tile still shows it (in place)."""
    w, h = img.size
    u = min(h, int(w * 0.9))
    big = max(12, round(u * 0.055))
    small = max(8, round(u * 0.024))
    margin = round(u * 0.035)
    pad = round(big * 0.45)

    font_big, font_small = _font(big), _font(small)
    if not isinstance(font_big, ImageFont.FreeTypeFont):  # pragma: no cover
        _label_bitmap(img, pal, margin)
        return

    probe = ImageDraw.Draw(img)
    stroke = max(1, big // 28)  # faux bold
    b1 = probe.textbbox((0, 0), LABEL, font=font_big, stroke_width=stroke)
    b2 = probe.textbbox((0, 0), SUBLABEL, font=font_small)
    tw = max(b1[2] - b1[0], b2[2] - b2[0])
    gap = round(big * 0.25)
    th = (b1[3] - b1[1]) + gap + (b2[3] - b2[1])

    box_w, box_h = tw + 2 * pad, th + 2 * pad
    tile_right = min(1.0, max(TILE_SHARE, focal_x + TILE_SHARE / 2)) * w
    x0, y0 = max(0, round(tile_right) - margin - box_w), margin
    region = (x0, y0, min(w, x0 + box_w), min(h, y0 + box_h))
    overlay = Image.new("RGBA", (region[2] - x0, region[3] - y0), (0, 0, 0, 0))
    od = ImageDraw.Draw(overlay)
    od.rounded_rectangle(
        (0, 0, box_w - 1, box_h - 1), radius=round(pad * 0.8), fill=(255, 255, 255, 215)
    )
    od.text((pad - b1[0], pad - b1[1]), LABEL, font=font_big, fill=pal.figure + (255,),
            stroke_width=stroke, stroke_fill=pal.figure + (255,))
    od.text((pad - b2[0], pad + (b1[3] - b1[1]) + gap - b2[1]), SUBLABEL, font=font_small,
            fill=pal.figure + (230,))
    patch = Image.alpha_composite(img.crop(region).convert("RGBA"), overlay)
    img.paste(patch.convert("RGB"), region[:2])


def _label_bitmap(img: Image.Image, pal: Palette, margin: int) -> None:  # pragma: no cover
    """Fallback without FreeType: render the bitmap font small and scale it up."""
    font = ImageFont.load_default()
    tmp = Image.new("RGBA", (1, 1))
    bbox = ImageDraw.Draw(tmp).textbbox((0, 0), LABEL, font=font)
    tw, th = bbox[2] - bbox[0] + 4, bbox[3] - bbox[1] + 4
    badge = Image.new("RGBA", (tw, th), (255, 255, 255, 215))
    ImageDraw.Draw(badge).text((2 - bbox[0], 2 - bbox[1]), LABEL, font=font, fill=pal.figure)
    factor = max(1, round(img.height * 0.06 / th))
    badge = badge.resize((tw * factor, th * factor), Image.Resampling.NEAREST)
    img.paste(badge, (img.width - margin - badge.width, margin), badge)


def render(spec: PhotoSpec, size: tuple[int, int]) -> Image.Image:
    """Render the placeholder illustration for one portrait."""
    pal = PALETTES[spec.month]
    rng = random.Random(f"calendar-build sample photo {spec.month:02d} {spec.photo}")
    img = _background(size, pal, rng, *spec.focal_point)
    mask = _silhouette_mask(size, spec, rng)
    img.paste(pal.figure, (0, 0, size[0], size[1]), mask)
    _label(img, pal, spec.focal_point[0])
    return img


# --------------------------------------------------------------------------
# Encoding and writing
# --------------------------------------------------------------------------

def srgb_icc_bytes() -> bytes:
    """The sRGB ICC profile from LittleCMS with a fixed creation date."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = _ICC_DATE
    # bytes 84..99 are the optional MD5 profile ID; LittleCMS leaves it zero
    # ("not computed"), so patching the date keeps the profile valid.
    return bytes(data)


def encode_jpeg(img: Image.Image, icc: bytes) -> bytes:
    """Encode deterministically: JPEG quality 90, 300 dpi, embedded sRGB profile."""
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=JPEG_QUALITY, dpi=DPI, icc_profile=icc, optimize=True)
    return buf.getvalue()


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write *data* to *path* atomically unless the file already has these bytes."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def make_photos(
    out_dir: Path,
    size: tuple[int, int] = DEFAULT_SIZE,
    portraits_dir: Path | None = None,
) -> list[Path]:
    """Generate the sample placeholder photos; return the paths of all of them.

    *portraits_dir* holds the portrait YAML files. If it is ``None``, *out_dir*
    is used when it contains portrait YAML files (the normal case: photos sit
    beside their YAML), otherwise the sample edition ``portraits/2027``.
    Files whose bytes are already correct are left untouched.
    """
    return _generate(out_dir, size, portraits_dir)[0]


def _generate(
    out_dir: Path, size: tuple[int, int], portraits_dir: Path | None
) -> tuple[list[Path], list[Path]]:
    """Do the work of :func:`make_photos`; return (all paths, paths written)."""
    out_dir = Path(out_dir)
    w, h = int(size[0]), int(size[1])
    if w < 64 or h < 64:
        raise ValueError(f"size {w}x{h} too small (minimum 64x64)")
    if portraits_dir is None:
        portraits_dir = out_dir if _portrait_yamls(out_dir) else DEFAULT_PORTRAITS_DIR
    specs = read_specs(Path(portraits_dir))
    if not specs:
        raise FileNotFoundError(f"no sample portrait YAML files in {portraits_dir}")

    out_dir.mkdir(parents=True, exist_ok=True)
    icc = srgb_icc_bytes()

    def build(spec: PhotoSpec) -> bytes:
        return encode_jpeg(render(spec, (w, h)), icc)

    # Pillow releases the GIL in its heavy C routines, so threads help; each
    # image is independent and seeded on its own, so the bytes do not depend
    # on scheduling. Files are written in month order from this thread.
    workers = max(1, min(4, os.cpu_count() or 1, len(specs)))
    paths: list[Path] = []
    written: list[Path] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for spec, data in zip(specs, pool.map(build, specs)):
            target = out_dir / spec.photo
            if _write_if_changed(target, data):
                written.append(target)
            paths.append(target)
    return paths, written


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def _parse_size(value: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", value)
    if not m:
        raise argparse.ArgumentTypeError(f"expected WxH, e.g. 3600x2700, got {value!r}")
    return int(m.group(1)), int(m.group(2))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_PORTRAITS_DIR,
        help="output directory (default: portraits/2027 in the repository)",
    )
    parser.add_argument(
        "--size", type=_parse_size, default=DEFAULT_SIZE,
        help="image size in pixels as WxH (default: 3600x2700)",
    )
    parser.add_argument(
        "--portraits", type=Path, default=None,
        help="directory with the portrait YAML files (default: --out if it has "
             "any, else portraits/2027)",
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    try:
        paths, written = _generate(args.out, args.size, args.portraits)
    except (OSError, ValueError) as exc:
        print(f"make_sample_photos: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - start
    print(
        f"{len(paths)} sample photos in {args.out} "
        f"({len(written)} written, {len(paths) - len(written)} unchanged) in {elapsed:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
