"""Names of images and the DocumentID that do not depend on where the project lies (render/image_ids.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from calendar_build.products import PRODUCTS
from calendar_build.render import image_ids
from calendar_build.render.job import PdfJob


def test_the_most_specific_folder_names_a_url() -> None:
    where = image_ids.places({Path("/p"): "ROOT", Path("/p/.cache/calendar-build"): "CACHE"})
    assert image_ids.neutral("file:///p/.cache/calendar-build/photos/a.jpg file:///p/templates/x.png", where) == (
        "CACHE:/photos/a.jpg ROOT:/templates/x.png")
    assert image_ids.neutral("file:///pa/b.jpg", where) == "file:///pa/b.jpg"  # a folder name, not a prefix of one


def _job(root: Path, cache: Path, profile: Path, extra: tuple[Path, ...] = ()) -> PdfJob:
    html = (f'<img src="{(cache / "photos" / "a.jpg").as_uri()}"><img src="{(root / "content" / "logo.png").as_uri()}">'
            f'<link href="{profile.as_uri()}">')
    return PdfJob((html,), root / "templates", f"@color-profile x {{ src: url({profile.as_uri()}) }}",
                  (root, cache, *extra, profile.parent), PRODUCTS["print-a3"], output_profile=profile, scratch=cache)


def test_the_document_key_is_the_same_in_other_folders_and_with_a_temporary_folder_more(tmp_path: Path) -> None:
    """A process's temporary folders are allowed too and come and go: they must not rename the others."""
    first = _job(Path("/home/a/kalender"), Path("/home/a/kalender/.cache/calendar-build"), Path("/home/a/icc/f39.icc"))
    moved = _job(Path("/srv/Kalender Ausgabe"), Path("/var/cache/cb"), Path("/opt/icc/f39.icc"), extra=(tmp_path,))
    assert first.key == moved.key
    other_photo = replace(first, parts=(first.parts[0].replace("a.jpg", "b.jpg"),))
    assert other_photo.key != first.key  # what is shown still counts
