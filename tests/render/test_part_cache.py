"""The cache of parts (render/part_cache.py): a rebuild takes a part's PDF again only when nothing it was set from
changed, and the PDF it writes is the one a build from an empty cache writes."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from calendar_build.pipeline import BuildOptions, build
from calendar_build.products import PRODUCTS
from calendar_build.render import job as jobs
from calendar_build.render import part_cache
from calendar_build.render.join import document_id, join_pdfs
from calendar_build.render.parts import split_pages
from tests.conftest import seeded_cache
from tests.render.test_parts import CALENDAR

# the dates a build gives every document (else WeasyPrint writes the clock's: the bytes would depend on the second)
DATES = ('<meta name="dcterms.created" content="2027-01-01T00:00:00+00:00">'
         '<meta name="dcterms.modified" content="2027-01-01T00:00:00+00:00">')
PAGE = '<html lang=de><title>T</title>' + DATES + '<body><section><h2>{}</h2>{}</section></body></html>'


def tiny_job(folder: Path, titles: tuple[str, ...], css: str = "", image: str = "") -> jobs.PdfJob:
    """Return a job of one small page per title, each its own part, cached in `folder`/cache."""
    parts = tuple(PAGE.format(title, f'<img src="{image}" alt="Punkt">' if image else "") for title in titles)
    return jobs.PdfJob(parts, folder, "@page { size: A7 } img { width: 20mm }" + css, (folder,), PRODUCTS["screen"],
                       scratch=folder / "cache", languages=("de",))


def render(job: jobs.PdfJob, target: Path) -> tuple[jobs.PdfResult, bytes]:
    result = jobs.render_pdf(job, target)
    assert result.written
    return result, target.read_bytes()


def fresh(job: jobs.PdfJob, folder: Path) -> bytes:
    """Return the PDF of the job set with an empty cache of parts (in a cache folder of its own)."""
    clean = folder / "clean"
    clean.mkdir(exist_ok=True)
    return render(replace(job, scratch=clean), clean / job_target(folder).name)[1]


def job_target(folder: Path) -> Path:
    return folder / "out" / "kalender.pdf"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "out").mkdir()
    return tmp_path


def test_an_unchanged_job_takes_every_part_and_writes_the_same_bytes(folder: Path) -> None:
    job = tiny_job(folder, ("Januar", "Februar"))
    first, written = render(job, job_target(folder))
    again, rewritten = render(job, job_target(folder))
    assert (first.reused_pages, again.reused_pages) == (0, 2)
    assert rewritten == written
    assert again.pages == first.pages == 2


def test_a_changed_part_is_set_anew_the_other_taken_and_the_pdf_is_a_fresh_builds(folder: Path) -> None:
    render(tiny_job(folder, ("Januar", "Februar")), job_target(folder))
    changed = tiny_job(folder, ("Januar", "März"))
    result, written = render(changed, job_target(folder))
    assert result.reused_pages == 1
    assert written == fresh(changed, folder)


def test_a_file_changed_behind_the_same_url_sets_its_part_anew(folder: Path) -> None:
    """The HTML is the same, the photo it names is not: the part is set again and shows the new one."""
    Image.new("RGB", (40, 40), (200, 30, 30)).save(folder / "punkt.png")
    job = tiny_job(folder, ("Januar", "Februar"), image="punkt.png")
    _, red = render(job, job_target(folder))
    Image.new("RGB", (40, 40), (30, 30, 200)).save(folder / "punkt.png")
    result, blue = render(job, job_target(folder))
    assert result.reused_pages == 0
    assert blue != red
    assert blue == fresh(job, folder)


def test_a_part_that_gave_a_warning_is_set_and_warned_about_on_every_build(folder: Path) -> None:
    job = tiny_job(folder, ("Januar", "Februar"), css=" h2 { colour: red }")  # no such property: WeasyPrint warns
    first, _ = render(job, job_target(folder))
    again, _ = render(job, job_target(folder))
    assert first.warnings and again.warnings == first.warnings
    assert again.reused_pages == 0


XMP = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
       '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
       '<rdf:Description rdf:about=""><xmpMM:DocumentID>@DID@</xmpMM:DocumentID></rdf:Description></rdf:RDF>\n'
       '</x:xmpmeta>\n<?xpacket end="w"?>\n').encode()


def test_parts_set_one_after_another_share_a_stylesheet_and_each_rests_on_its_files(folder: Path) -> None:
    """In one process the second part takes the stylesheet the first parsed: the font its `@font-face` fetched
    is still among the files each part rests on."""
    shutil.copyfile("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", folder / "schrift.ttf")
    css = " @font-face { font-family: Eigene; src: url(schrift.ttf) } h2 { font-family: Eigene }"
    job = replace(tiny_job(folder, ("Januar", "Februar", "März"), css=css), parallel=False)
    _, written = render(job, job_target(folder))
    os.utime(folder / "schrift.ttf", ns=(0, 0))
    result, again = render(job, job_target(folder))
    assert result.reused_pages == 0
    assert again == written == fresh(job, folder)  # shared or not: the same bytes


def test_a_cmyk_pdf_is_the_same_set_in_one_process_or_in_several(folder: Path) -> None:
    """Parts set one after another share their stylesheet, parts set side by side do not: the same bytes, also
    for the CMYK output profile (render/color_profiles.py) – whatever the number of cores."""
    profile = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
    css = (f" @color-profile device-cmyk {{ src: url('{profile.as_uri()}'); components: c, m, y, k }}"
           " h2 { color: device-cmyk(0 1 0 0) }")
    job = replace(tiny_job(folder, ("Januar", "Februar", "März", "April"), css=css), product=PRODUCTS["print-a3"],
                  allowed=(folder, profile.parent), crop_marks=False)
    one = jobs.render_pdf(replace(job, parallel=False, scratch=folder / "one"), folder / "one.pdf")
    several = jobs.render_pdf(replace(job, scratch=folder / "several"), folder / "several.pdf")
    assert one.written and several.written
    assert (folder / "one.pdf").read_bytes() == (folder / "several.pdf").read_bytes()


@pytest.mark.parametrize(("indices", "processes", "expected"), [
    ([0, 1, 2, 3], 2, [[0, 1], [2, 3]]),
    ([0, 1, 2, 3], 1, [[0, 1, 2, 3]]),
    ([1, 3], 2, [[1], [3]]),
    ([2], 8, [[2]]),
    ([0, 1, 2], 2, [[0], [1, 2]]),
])
def test_parts_to_set_are_grouped_one_group_per_process(indices: list[int], processes: int,
                                                        expected: list[list[int]]) -> None:
    assert jobs.groups(indices, processes) == expected


def _part_with_xmp(path: Path, key: str) -> Path:
    """Write a one-page PDF whose XMP names the DocumentID of `key` (as a part's finisher does)."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.Root.Metadata = pdf.make_stream(XMP.replace(b"@DID@", document_id(key)), Type=pikepdf.Name.Metadata,
                                            Subtype=pikepdf.Name.XML)
        pdf.save(path)
    return path


def test_the_join_gives_the_document_the_id_of_the_whole_job(tmp_path: Path) -> None:
    """A part's own PDF names its part (so a kept part fits any job); the joined one names the job."""
    parts = [_part_with_xmp(tmp_path / f"{n}.pdf", f"part-{n}") for n in (1, 2)]
    with (tmp_path / "joined.pdf").open("wb") as stream:
        join_pdfs(parts, stream, document_id("job"))
    with pikepdf.open(tmp_path / "joined.pdf") as pdf:
        metadata = pdf.Root.Metadata.read_bytes()
    assert document_id("job") in metadata and document_id("part-1") not in metadata


# --- lookup and keep, one thing changed at a time --------------------------------------------------------------

def _entry(folder: Path) -> tuple[Path, Path]:
    """Keep a part whose PDF depends on one file; return that file and where a lookup links the PDF to."""
    made, depends = folder / "made.pdf", folder / "photo.jpg"
    made.write_bytes(b"%PDF-1.7 part")
    depends.write_bytes(b"photo")
    signature = part_cache.signature(depends)
    assert signature is not None
    part_cache.keep(folder / "cache", "kalender.pdf", 0, "key-1", made, 3, ((2, "März"),), {str(depends): signature})
    made.unlink()
    return depends, folder / "linked.pdf"


def _changed_content(depends: Path, _cache: Path) -> None:
    os.utime(depends, ns=(0, 0))  # the same size, another time: what an editor's save looks like


def _removed(depends: Path, _cache: Path) -> None:
    depends.unlink()


def _replaced_pdf(_depends: Path, cache: Path) -> None:
    kept = cache / "parts" / "kalender.pdf.part-1.pdf"
    shutil.copyfile(kept, cache / "copy")
    os.replace(cache / "copy", kept)  # another file (inode) under the entry's name


def _damaged_manifest(_depends: Path, cache: Path) -> None:
    manifest = cache / "parts" / "kalender.pdf.part-1.json"
    manifest.write_bytes(manifest.read_bytes()[:40])


def _other_signature(_depends: Path, cache: Path) -> None:
    manifest = cache / "parts" / "kalender.pdf.part-1.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["depends"] = {path: [1, 2, 3] for path in data["depends"]}
    manifest.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("change", [_changed_content, _removed, _replaced_pdf, _damaged_manifest, _other_signature])
def test_a_kept_part_is_not_taken_when_anything_it_rests_on_changed(
        tmp_path: Path, change: Callable[[Path, Path], None]) -> None:
    depends, into = _entry(tmp_path)
    change(depends, tmp_path / "cache")
    assert part_cache.lookup(tmp_path / "cache", "kalender.pdf", 0, "key-1", into) is None
    assert not into.exists()


def test_a_kept_part_is_taken_by_its_key_linked_with_its_pages(tmp_path: Path) -> None:
    depends, into = _entry(tmp_path)
    os.link(depends, tmp_path / "link.jpg")  # another hard link (the run's photo store, a backup) moves only ctime
    assert part_cache.lookup(tmp_path / "cache", "kalender.pdf", 0, "key-2", into) is None  # another key
    assert part_cache.lookup(tmp_path / "cache", "kalender.pdf", 1, "key-1", into) is None  # another part
    kept = part_cache.lookup(tmp_path / "cache", "kalender.pdf", 0, "key-1", into)
    assert kept == part_cache.Kept(into, 3, ((2, "März"),))
    assert into.read_bytes() == b"%PDF-1.7 part"


def test_the_program_a_part_rests_on_is_its_modules_libraries_and_fonts() -> None:
    import weasyprint  # noqa: PLC0415, F401 - its libraries mapped into this process

    found, _ = part_cache.dependencies()
    assert str(Path(part_cache.__file__)) in found
    assert any("libpango" in path for path in found)
    assert any(path.startswith("/usr/share/fonts/") for path in found)
    assert not any(path.startswith(("/proc/", "/dev/")) for path in found)


@pytest.mark.parametrize(("started_ns", "settled"), [(0, False), (2**62, True)])
def test_a_part_is_kept_only_when_no_file_of_the_program_changed_since_it_started(
        monkeypatch: pytest.MonkeyPatch, started_ns: int, settled: bool) -> None:
    monkeypatch.setattr(part_cache, "STARTED_NS", started_ns)
    assert part_cache.dependencies()[1] is settled


# --- the real build (full tier) --------------------------------------------------------------------------------

@pytest.mark.full
def test_a_rebuild_of_the_print_pdf_takes_unchanged_parts_and_writes_a_fresh_builds_bytes(
        project: Path, photo_store: Path) -> None:
    # a cache of its own (the run's prepared photos linked in): another test's sample build would be taken too
    options = BuildOptions(root=project, year=2027, out=project / "out",
                           cache_dir=seeded_cache(project / "cache", photo_store))
    assert build(options).reused_pages == 0
    written = options.target.read_bytes()
    assert build(options).reused_pages == 18
    assert options.target.read_bytes() == written
    portrait = next((project / "portraits" / "2027").glob("10-*.yaml"))
    portrait.write_text(portrait.read_text(encoding="utf-8").replace("text: >-\n", "text: >-\n  Neu:\n"),
                        encoding="utf-8")
    october = next(group for group in split_pages(CALENDAR, PRODUCTS["print-a3"].parts) if "month-10" in group)
    assert build(options).reused_pages == 18 - len(october)  # the part with October set anew, the others kept
    rebuilt = options.target.read_bytes()
    shutil.rmtree(options.cache / "parts")
    assert build(options).reused_pages == 0
    assert options.target.read_bytes() == rebuilt != written
