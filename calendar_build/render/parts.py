"""Split the pages of a PDF into consecutive parts of about equal work, to be set in parallel.

WeasyPrint lays out a document on one core. The print PDF is set in a fixed number of parts –
fixed, not the number of cores, so every machine writes the same bytes – which are joined
afterwards (`pdf.join_pdfs`).
"""

from __future__ import annotations

from collections.abc import Sequence



# Seconds of WeasyPrint work (layout and drawing) per page of the A3 sample edition, measured
# page by page on a 2-core machine (WeasyPrint 70): only their ratios matter.
WORK = {"cover": 0.50, "month": 0.37, "legend": 0.16, "outlook": 0.30, "explanations": 0.52, "imprint": 0.10,
        "poster": 1.8}  # the poster's front, A2 or A1 (measured alike): about five month pages


def work(page_id: str) -> float:
    """Return the relative work of setting a page, by its id ("month-3", "explanations-2" …)."""
    return WORK[page_id.split("-")[0]]


def split_pages(ids: Sequence[str], parts: int) -> list[list[str]]:
    """Return the page ids in at most `parts` consecutive groups whose largest work is as small as possible."""
    parts = max(1, min(parts, len(ids)))
    weights = [work(page_id) for page_id in ids]
    # best[k][i]: smallest largest-group work of the first i pages in k groups; cut[k][i]: where the last group starts
    infinity = float("inf")
    best = [[infinity] * (len(ids) + 1) for _ in range(parts + 1)]
    cut = [[0] * (len(ids) + 1) for _ in range(parts + 1)]
    best[0][0] = 0.0
    for k in range(1, parts + 1):
        for i in range(1, len(ids) + 1):
            for j in range(k - 1, i):
                candidate = max(best[k - 1][j], sum(weights[j:i]))
                if candidate < best[k][i]:
                    best[k][i], cut[k][i] = candidate, j
    groups, end = [], len(ids)
    for k in range(parts, 0, -1):
        start = cut[k][end]
        groups.append(list(ids[start:end]))
        end = start
    return [group for group in reversed(groups) if group]
