"""ICC profiles of `@color-profile` rules are embedded as read, also by the second document of one stylesheet
(render/color_profiles.py): otherwise parts set one after another embed another profile than parts set apart."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from calendar_build.render import pdf  # noqa: F401 - installs the repair into WeasyPrint

PROFILES = [Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),  # Debian's libgs-common (Ghostscript)
            Path("/usr/share/color/icc/ghostscript/ps_cmyk.icc")]


@pytest.mark.parametrize("profile", PROFILES, ids=lambda path: path.name)
def test_every_document_of_one_stylesheet_embeds_the_profile_as_read(profile: Path) -> None:
    from weasyprint import CSS, HTML  # noqa: PLC0415

    profiles: dict[str, object] = {}
    css = CSS(string=f"@color-profile device-cmyk {{ src: url('{profile.as_uri()}'); components: c, m, y, k }} "
                     "@page { size: A7 } p { color: device-cmyk(0 1 0 0) }", color_profiles=profiles)
    embedded = []
    for _ in range(3):
        out = io.BytesIO()
        HTML(string="<p>Hallo</p>").render(stylesheets=[css], color_profiles=profiles).write_pdf(
            out, pdf_variant="pdf/x-4", output_intent="device-cmyk")
        with pikepdf.open(io.BytesIO(out.getvalue())) as written:
            embedded += [o.read_bytes() for o in written.objects if isinstance(o, pikepdf.Stream) and o.get("/N") == 4]
    assert len(embedded) == 3
    assert all(data == profile.read_bytes() for data in embedded)
