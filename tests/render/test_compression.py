"""render/compression.py: pydyf compresses the PDF's streams at zlib's level 6 instead of 9 – the same content."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
import pydyf

from calendar_build.products import PRODUCTS
from calendar_build.render import compression, pdf
from calendar_build.render.job import PdfJob

TEXT = "<html lang=de><title>T</title><body>" + "<p>Fünf Uhr, Nouruz, Pessach, Diwali, Ostern</p>" * 60 + "</body></html>"


def test_every_stream_weasyprint_writes_is_compressed_at_level_6_and_reads_back() -> None:
    job = PdfJob(parts=(TEXT,), base_dir=Path("/nonexistent"), generated_css="@page { size: A5 }",
                 allowed=(), product=PRODUCTS["screen"])
    written = io.BytesIO()
    assert pdf._render_part(job, 0, written).usable
    with pikepdf.open(io.BytesIO(written.getvalue())) as document:
        flate = [stream for stream in document.objects if isinstance(stream, pikepdf.Stream)
                 and stream.get("/Filter") == pikepdf.Name.FlateDecode]
        assert flate, "the page's content is a compressed stream"
        for stream in flate:
            raw = stream.read_bytes()  # decompressed: what was written
            level6 = zlib.compressobj(6)
            assert stream.read_raw_bytes() == level6.compress(raw) + level6.flush()


def test_installed_once_and_the_rest_of_zlib_as_it_is() -> None:
    compression.install()
    compression.install()
    assert isinstance(pydyf.zlib, compression._Zlib) and not isinstance(zlib, compression._Zlib)
    assert pydyf.zlib.decompress(pydyf.zlib.compress(b"Kalender" * 100, 9)) == b"Kalender" * 100
    assert pydyf.zlib.MAX_WBITS == zlib.MAX_WBITS
