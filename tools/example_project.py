#!/usr/bin/env python3
"""Make a calendar project ready to build: shared parts for an example, placeholder photos for sample portraits.

Usage::

    .venv/bin/python tools/example_project.py [ROOT]

For a project under examples/ the catalogue (content/categories.yaml, content/holidays/) and the
templates are copied in fresh from the program's project: an example keeps only its own files (profile,
logo, portraits), so it always builds with the current catalogue and templates. Then every sample
portrait (`sample: true`) under ROOT/portraits/<year>/ gets its generated placeholder photo.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from calendar_build.region.scaffold import refresh_shared  # noqa: E402
from tools.make_sample_photos import make_photos, read_specs  # noqa: E402


def main(argv: list[str]) -> int:
    """Prepare the project at argv[0] (default: the program's own project)."""
    root = Path(argv[0] if argv else ".").resolve()
    if not (root / "content" / "edition.yaml").is_file() and root != REPO:
        print(f"example_project: {root} ist kein Kalenderprojekt (content/edition.yaml fehlt)", file=sys.stderr)
        return 1
    if root.is_relative_to(REPO / "examples"):
        refresh_shared(root)
    folders = sorted(p for p in (root / "portraits").glob("[0-9][0-9][0-9][0-9]") if p.is_dir())
    made = sum(len(make_photos(folder)) for folder in folders if read_specs(folder))
    print(f"{root.name or root}: {made} Musterfotos bereit")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
