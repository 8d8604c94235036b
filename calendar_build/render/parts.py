"""Split the pages of a PDF into consecutive parts of about equal work, to be set in parallel.

WeasyPrint lays out a document on one core. The print PDF is set in a fixed number of parts –
fixed, not the number of cores, so every machine writes the same bytes – which are joined
afterwards (`pdf.join_pdfs`). Each process sets a consecutive group of parts (render/job.py: on two
cores the first half of the parts and the second), so the pages are split in halves of equal work
first and each half again: the halves balance the processes, the parts a rebuild after a correction.
"""

from __future__ import annotations

from collections.abc import Sequence

# Seconds of WeasyPrint work (layout and drawing) per page of the sample edition's print PDF (A3), each page set
# as a document of its own on a 2-core machine (WeasyPrint 70, the least of four rounds), less the 0.07 s any
# document costs: only their ratios matter. Months vary from 0.13 to 0.26 s with their entries, the last page of
# explanations with its length; the cover is light (its photos are drawn, not laid out).
WORK = {"cover": 0.05, "month": 0.19, "legend": 0.05, "outlook": 0.08, "explanations": 0.25, "imprint": 0.03,
        "poster": 1.75}  # the poster's front, A2 or A1 (measured alike): about nine month pages


def work(page_id: str) -> float:
    """Return the relative work of setting a page, by its id ("month-3", "explanations-2" …)."""
    return WORK[page_id.split("-")[0]]


def split_pages(ids: Sequence[str], parts: int) -> list[list[str]]:
    """Return the page ids in at most `parts` consecutive groups: halves of about equal work, each split again.

    Where `parts` is odd the first half holds the smaller number of parts, and its share of the work with it.
    """
    parts = max(1, min(parts, len(ids)))
    if parts == 1:
        return [list(ids)]
    first = parts // 2
    weights = [work(page_id) for page_id in ids]
    total = sum(weights)

    def load(cut: int) -> float:  # the heavier side's work per part, cutting before page `cut`
        before = sum(weights[:cut])
        return max(before / first, (total - before) / (parts - first))

    # each side keeps at least one page per part; the first of equally good cuts
    cut = min(range(first, len(ids) - (parts - first) + 1), key=load)
    return split_pages(ids[:cut], first) + split_pages(ids[cut:], parts - first)
