"""What to build: the edition's folder and year, the product, where to write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calendar_build.output import usable_cache
from calendar_build.products import PRODUCTS, Product


@dataclass(frozen=True)
class BuildOptions:
    """What to build."""

    root: Path
    year: int
    product: Product = PRODUCTS["print-a3"]
    out: Path | None = None  # default: <root>/output/<year>
    keep_html: bool = False
    strict: bool = False
    cache_dir: Path | None = None  # default: <root>/.cache/calendar-build
    language: str = "de"  # the edition's language (i18n/languages.py): edition.yaml `language`, or --language
    parallel_parts: bool = True  # set the product's parts in parallel processes (off when products run in parallel)

    @property
    def out_dir(self) -> Path:
        """Return the output folder."""
        return self.out or self.root / "output" / str(self.year)

    @property
    def cache(self) -> Path:
        """Return the cache folder (a temporary one where the project's cannot be written)."""
        return usable_cache(self.configured_cache)

    @property
    def ink_cache(self) -> Path:
        """Return where the ink of measured pages is kept (preflight/ink.py)."""
        return self.cache / "ink"

    @property
    def ink_proxies(self) -> Path:
        """Return where the photo workers keep separated photos averaged for the ink measurement (photos/proxy.py)."""
        return self.cache / "ink-proxies"

    @property
    def configured_cache(self) -> Path:
        """Return the cache folder asked for: `cache_dir` or <root>/.cache/calendar-build."""
        return self.cache_dir or self.root / ".cache" / "calendar-build"

    @property
    def target(self) -> Path:
        """Return the file the product is written to."""
        return self.out_dir / self.product.output_name(self.year, self.language)
