"""Stage: the one stylesheet of a render — rules generated from the product, then theme and layout compiled.

The builder generates the numbers that depend on the product (page size, bleed, the cover mosaic's
height, for which the photo stage prepares its tiles); the designers' numbers come from theme.css.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from calendar_build.render import fonts
from calendar_build.render.theme import Layers, ThemeNumbers, compile_css
from calendar_build.stages.options import BuildOptions

if TYPE_CHECKING:
    from calendar_build.stages.validate import Validated


def cover_mosaic_mm(options: BuildOptions, theme: ThemeNumbers) -> tuple[float, float]:
    """Return the cover mosaic's size: it runs into the bleed at the top and both sides."""
    width, height = options.product.page_mm
    bleed = options.product.bleed_mm
    return width + 2 * bleed, height * theme.cover_share + bleed


def cover_tile_mm(options: BuildOptions, theme: ThemeNumbers) -> tuple[float, float]:
    """Return the size of one photo in the cover mosaic."""
    width, height = cover_mosaic_mm(options, theme)
    return width / theme.cover_columns, height / theme.cover_rows


def layout_css(options: BuildOptions, layers: Layers, layout: str, theme: ThemeNumbers) -> str:
    """Return calendar.css with the theme's and the product's values filled in; raise ThemeError."""
    width, height = options.product.page_mm
    return compile_css(layers, layout, options.product, {
        "--page-width": f"{width}mm", "--page-height": f"{height}mm", "--bleed": f"{options.product.bleed_mm}mm",
        "--cover-mosaic-height": f"{cover_mosaic_mm(options, theme)[1]:.3f}mm",
    })


def _generated_css(options: BuildOptions, valid: Validated, cjk_font: Path | None) -> str:
    product = options.product
    width, height = product.page_mm
    lines = []
    if valid.output_profile is not None:
        lines.append(f"@color-profile device-cmyk {{ src: url('{valid.output_profile.as_uri()}'); "
                     "components: c, m, y, k; }")
    bleed = f" bleed: {product.bleed_mm}mm;" if product.bleed_mm else ""
    lines.append(f"@page {{ size: {width}mm {height}mm;{bleed} margin: 0; }}")
    if cjk_font is not None:
        lines.append(f"@font-face {{ font-family: '{fonts.CJK_FAMILY}'; src: url('{cjk_font.as_uri()}'); }}")
    for category in valid.content.catalogue.categories:
        lines.append(f".cat-{category.id} {{ color: {category_colour(category.cmyk, category.rgb, product.colour)}; }}")
    return "\n".join(lines) + "\n"


def category_colour(cmyk: tuple[float, ...], rgb: str, model: str) -> str:
    """Return a category's colour in the product's colour model."""
    if model == "cmyk":
        c, m, y, k = (v / 100 for v in cmyk)
        return f"device-cmyk({c:.3f} {m:.3f} {y:.3f} {k:.3f})"
    return rgb


def stylesheet(options: BuildOptions, valid: Validated, cjk_font: Path | None) -> str:
    """Return the one stylesheet of a render: generated rules, then the compiled layout."""
    return _generated_css(options, valid, cjk_font) + layout_css(options, valid.layers, valid.layout_css, valid.theme)
