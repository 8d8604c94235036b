"""Fonts: resolve the theme's font stack, subset the CJK font, and find characters without a glyph.

Two checks keep tofu out of print: before rendering, every character of the content is
looked up in the cmaps of the stack's fonts (so the message can name the file and line);
while writing, WeasyPrint's own ".notdef glyph" warnings fail the build (see pdf.py).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import subprocess
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont

from calendar_build.output import atomic_write, cache_write
from calendar_build.paths import machine_cache, read_regular

CJK_FAMILY = "CJK Subset"
# Debian's fonts-noto-cjk; face 2 of the collection is Simplified Chinese.
CJK_SOURCES = (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),)
CJK_FACE = 2


@dataclass(frozen=True)
class Located:
    """A text printed in the calendar and where an editor can change it."""

    text: str
    path: str
    line: int | None


class FontError(RuntimeError):
    """A font of the stack cannot be found (German message)."""


@lru_cache(maxsize=64)
def resolve_family(family: str) -> Path | None:
    """Return the regular font file of an installed family (via fontconfig), None if absent."""
    query = f"{family}:style=Regular"
    library = _fontconfig()
    families, file = library.match(query) if library is not None else _fc_match(query)
    if file is None or family.lower() not in [f.strip().lower() for f in families]:
        return None  # not found, or fontconfig substituted another family
    return Path(file)


def _fc_match(query: str) -> tuple[list[str], str | None]:
    """Return the families and the file of fontconfig's best match, as the program fc-match tells them."""
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}|%{file}", query],
                             capture_output=True, text=True, check=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return [], None
    families, _, file = out.partition("|")
    return families.split(","), file or None


FONTCONFIG = "libfontconfig.so.1"  # Debian's libfontconfig1: the library of fc-match (and of WeasyPrint)
_FC_MATCH_PATTERN, _FC_RESULT_MATCH = 0, 0  # <fontconfig/fontconfig.h>: FcMatchPattern, FcResultMatch


class Fontconfig:
    """Fontconfig's matching in this process, as fc-match does it (substitute, default substitute, match).

    One fc-match run per family cost 10–30 ms of a second core, which the early worker needs for
    loading WeasyPrint meanwhile (render/ready.py); here the configuration is read once (about 5 ms).
    """

    def __init__(self) -> None:
        lib = ctypes.CDLL(FONTCONFIG)
        pointer = ctypes.c_void_p
        lib.FcInitLoadConfigAndFonts.restype = pointer
        lib.FcNameParse.restype, lib.FcNameParse.argtypes = pointer, [ctypes.c_char_p]
        lib.FcConfigSubstitute.argtypes = [pointer, pointer, ctypes.c_int]
        lib.FcDefaultSubstitute.argtypes = [pointer]
        lib.FcFontMatch.restype = pointer
        lib.FcFontMatch.argtypes = [pointer, pointer, ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternGetString.argtypes = [pointer, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
        lib.FcPatternDestroy.argtypes = [pointer]
        self.lib, self.config = lib, lib.FcInitLoadConfigAndFonts()
        if not self.config:
            raise OSError("fontconfig could not load its configuration")

    def match(self, query: str) -> tuple[list[str], str | None]:
        """Return the families and the file of the best match for a fontconfig pattern ('Family:style=Regular')."""
        lib = self.lib
        pattern = lib.FcNameParse(query.encode())
        if not pattern:
            return [], None
        try:
            lib.FcConfigSubstitute(self.config, pattern, _FC_MATCH_PATTERN)
            lib.FcDefaultSubstitute(pattern)
            result = ctypes.c_int()
            font = lib.FcFontMatch(self.config, pattern, ctypes.byref(result))
            if not font:
                return [], None
            try:
                return self._strings(font, b"family"), next(iter(self._strings(font, b"file", os.fsdecode)), None)
            finally:
                lib.FcPatternDestroy(font)
        finally:
            lib.FcPatternDestroy(pattern)

    def _strings(self, pattern: int, key: bytes, decode: Callable[[bytes], str] = bytes.decode) -> list[str]:
        values: list[str] = []
        value = ctypes.c_char_p()
        while self.lib.FcPatternGetString(pattern, key, len(values), ctypes.byref(value)) == _FC_RESULT_MATCH:
            values.append(decode(value.value or b""))
        return values


@lru_cache(maxsize=1)
def _fontconfig() -> Fontconfig | None:
    """Return fontconfig in this process, None where its library cannot be loaded (fc-match is asked instead)."""
    try:
        return Fontconfig()
    except (OSError, AttributeError):
        return None


CMAP_CACHE = machine_cache("cmaps")


@lru_cache(maxsize=64)
def _cmap(path: Path, face: int = 0) -> frozenset[int]:
    """Return the code points a font face covers (parsed once per font file, then read from a cache)."""
    stat = path.stat()
    key = hashlib.sha256(f"{path}:{face}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:24]
    cached = CMAP_CACHE / f"{key}.txt"
    remembered = _read_verified(cached)
    if remembered is not None:
        try:
            return frozenset(int(code, 16) for code in remembered.decode("ascii").split())
        except ValueError:
            pass
    codes = frozenset(TTFont(str(path), fontNumber=face, lazy=True).getBestCmap())
    try:
        CMAP_CACHE.mkdir(parents=True, exist_ok=True)
        _write_verified(cached, " ".join(f"{c:x}" for c in sorted(codes)).encode("ascii"))
    except OSError:
        pass  # a cache we cannot write only costs time
    return codes


def _read_verified(path: Path) -> bytes | None:
    """Return the body of a cache file whose first line is the sha256 of the rest; None if missing or damaged.

    A truncated glyph map would otherwise make characters look unprintable, a damaged font subset
    would print wrong glyphs: both are rebuilt instead.
    """
    try:
        raw = read_regular(path)
    except OSError:
        return None
    digest, _, body = raw.partition(b"\n")
    return body if digest == hashlib.sha256(body).hexdigest().encode() else None


def _write_verified(path: Path, body: bytes) -> None:
    """Write a cache file as its sha256, a line break and the body, atomically."""
    atomic_write(path, hashlib.sha256(body).hexdigest().encode() + b"\n" + body)


def cjk_source() -> Path | None:
    """Return the CJK font the subset is cut from, if installed."""
    return next((p for p in CJK_SOURCES if p.is_file()), None)


def resolve_all(families: Iterable[str]) -> dict[str, Path | None]:
    """Return the regular font file of each family (None where it is not installed; the CJK subset left out)."""
    wanted = list(dict.fromkeys(family for family in families if family != CJK_FAMILY))
    if _fontconfig() is not None:
        return {family: resolve_family(family) for family in wanted}
    with ThreadPoolExecutor(8) as pool:  # one fc-match each, at the same time (a dozen runs one by one: 0.13 s)
        return dict(zip(wanted, pool.map(resolve_family, wanted)))


def stack_files(stack: Iterable[str], found: dict[str, Path | None] | None = None) -> dict[str, Path]:
    """Return family -> file for the stack (families looked up already may be given in `found`); raise FontError
    for a family that is not installed."""
    stack = list(stack)
    found = {**(found or {}), **resolve_all(family for family in stack if family not in (found or {}))}
    files: dict[str, Path] = {}
    for family in stack:
        if family == CJK_FAMILY:
            source = cjk_source()
            if source is None:
                raise FontError("Die CJK-Schrift fehlt (Debian-Paket fonts-noto-cjk) – 'make install' ausführen.")
            files[family] = source
            continue
        path = found[family]
        if path is None:
            raise FontError(f"Schrift '{family}' aus theme.css ist nicht installiert – 'make install' ausführen "
                            f"oder die Schrift in theme.css ändern.")
        files[family] = path
    return files


def _covered(char: str, files: dict[str, Path]) -> bool:
    code = ord(char)
    return any(code in _cmap(path, CJK_FACE if family == CJK_FAMILY else 0) for family, path in files.items())


def _ignorable(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cf", "Mn", "Cc")


def covering(text: str, files: dict[str, Path]) -> Path | None:
    """Return the first font of the stack that has every character of `text` (the one a word is set in), or None."""
    codes = {ord(char) for char in text if not _ignorable(char)}
    return next((path for family, path in files.items() if family != CJK_FAMILY and codes <= _cmap(path)), None)


def missing_glyphs(texts: Iterable[Located], files: dict[str, Path]) -> list[tuple[Located, str]]:
    """Return (where, character) for every character no font of the stack can print."""
    found = []
    printable: dict[str, bool] = {}  # each character looked up once (the texts share most of theirs)
    for located in texts:
        for char in dict.fromkeys(located.text):
            known = printable.get(char)
            if known is None:
                known = printable[char] = _ignorable(char) or _covered(char, files)
            if not known:
                found.append((located, char))
    return found


# German names of scripts, keyed by the first word of the Unicode character name (Unicode Character Database).
SCRIPTS_DE = {
    "LATIN": "lateinische Schrift", "GREEK": "griechische Schrift", "CYRILLIC": "kyrillische Schrift",
    "ARABIC": "arabische Schrift", "HEBREW": "hebräische Schrift", "DEVANAGARI": "Devanagari",
    "GURMUKHI": "Gurmukhi", "BENGALI": "bengalische Schrift", "TAMIL": "tamilische Schrift",
    "THAI": "thailändische Schrift", "ETHIOPIC": "äthiopische Schrift", "GEORGIAN": "georgische Schrift",
    "ARMENIAN": "armenische Schrift", "TIBETAN": "tibetische Schrift", "CJK": "chinesische Schrift",
    "HANGUL": "koreanische Schrift", "HIRAGANA": "japanische Schrift", "KATAKANA": "japanische Schrift",
    "SINHALA": "singhalesische Schrift", "KHMER": "Khmer-Schrift", "MYANMAR": "birmanische Schrift",
    "GUJARATI": "Gujarati", "KANNADA": "Kannada", "MALAYALAM": "Malayalam", "TELUGU": "Telugu",
    "ORIYA": "Oriya", "LAO": "laotische Schrift", "MONGOLIAN": "mongolische Schrift", "SYRIAC": "syrische Schrift",
    "THAANA": "Thaana", "TIFINAGH": "Tifinagh", "CHEROKEE": "Cherokee-Schrift",
}  # fmt: skip


def script_of(char: str) -> str:
    """Return the German name of a character's script ('tibetische Schrift'), or 'Sonderzeichen'."""
    word = unicodedata.name(char, "").split(" ")[0]
    return SCRIPTS_DE.get(word, "Sonderzeichen")


def missing_by_script(texts: Iterable[Located], files: dict[str, Path]) -> list[tuple[Located, str, str]]:
    """Return (where, script, characters) once per text and script that the stack cannot print."""
    grouped: dict[tuple[int, str], tuple[Located, str, str]] = {}
    order: list[tuple[int, str]] = []
    for located, char in missing_glyphs(texts, files):
        key = (id(located), script_of(char))
        if key not in grouped:
            order.append(key)
            grouped[key] = (located, key[1], "")
        grouped[key] = (located, key[1], grouped[key][2] + char)
    return [grouped[key] for key in order]


def unprintable_message(text: str, script: str, chars: str) -> str:
    """Return one German message for the characters of one script in one text that no font can print."""
    fix = "bitte ersetzen oder eine passende Schrift in theme.css ergänzen."
    if len(chars) == 1:
        return f"Das Zeichen {describe(chars)} kann mit keiner Schrift gedruckt werden – {fix}"
    shown = text if len(text) <= 40 else text[:37] + "…"
    listed = " ".join(chars[:8]) + (" …" if len(chars) > 8 else "")
    return (f"'{shown}' enthält {len(chars)} Zeichen ({script}: {listed}), die keine Schrift aus theme.css drucken "
            f"kann – {fix}")


def describe(char: str) -> str:
    """Return e.g. "'☃' (U+2603 SNOWMAN)"."""
    return f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unbenannt')})"


def cjk_characters(texts: Iterable[str]) -> str:
    """Return the sorted distinct characters that only the CJK font covers (Han, kana, CJK punctuation)."""
    chars = {c for text in texts for c in text if ord(c) >= 0x2E80}
    return "".join(sorted(chars))


def cjk_subset(chars: str, cache_dir: Path) -> Path:
    """Return a font file holding only `chars` of the CJK font (built once per set of characters)."""
    source = cjk_source()
    if source is None:
        raise FontError("Die CJK-Schrift fehlt (Debian-Paket fonts-noto-cjk) – 'make install' ausführen.")
    text = chars + "".join(chr(c) for c in range(0x20, 0x7F))
    # made by HarfBuzz, whose version shapes the bytes, with an identity charset (see below)
    made_by = f"hb {hb.__version__} cid=gid"
    key = hashlib.sha256(f"{made_by}:{source}:{source.stat().st_size}:{CJK_FACE}:{text}".encode()).hexdigest()[:20]
    target = cache_dir / "fonts" / f"cjk-subset-{key}.otf"
    check = target.with_suffix(".sha256")
    try:
        if read_regular(check, 64) == hashlib.sha256(read_regular(target)).hexdigest().encode():
            return target
    except OSError:
        pass  # missing or damaged: made anew
    # HarfBuzz subsets the 20 MB collection in milliseconds (fontTools needs about a second)
    face = hb.Face(hb.Blob.from_file_path(str(source)), CJK_FACE)
    wanted = hb.SubsetInput()
    wanted.unicode_set.update(ord(char) for char in text)
    for kept in (hb.SubsetInputSets.LAYOUT_FEATURE_TAG, hb.SubsetInputSets.NAME_ID):
        every = wanted.sets(kept)  # all layout features and names: an inverted empty set
        every.clear()
        every.invert()
    # The source is CID-keyed (Adobe-Identity-0) and WeasyPrint writes glyph ids as CIDs with an
    # Identity CIDToGIDMap. For a CFF font a RIP looks those CIDs up in the font's charset (ISO
    # 32000-1, 9.7.4.2), so each glyph's CID must equal its new glyph id: without this flag the subset
    # keeps the source's CIDs (20321 for 春) under new glyph ids, and Ghostscript and MuPDF find no glyph.
    wanted.flags = hb.SubsetFlags.CFF_IDENTITY_CHARSET
    subset = hb.subset(face, wanted)
    if subset is None:
        raise FontError(f"Die CJK-Schrift '{source.name}' lässt sich nicht verkleinern (Subset).")
    data = bytes(subset.blob.data)
    target = cache_write(target, data)
    if target.parent == check.parent:  # stored in the cache: the checksum, written last, vouches for the font
        cache_write(check, hashlib.sha256(data).hexdigest().encode())
    return target
