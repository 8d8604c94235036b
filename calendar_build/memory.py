"""Freed memory kept for reuse within the program's processes (glibc's malloc), not handed back at once.

Preparing a camera photo for print allocates large pixel buffers one after another – the decoded photo
(96 MB for 6000 × 4000, Pillow keeps RGB in four bytes a pixel), the scaled one, its separation, the JPEG –
and glibc gives every freed block of that size straight back to the system (a block of 128 kB and more is
mapped on its own, and a heap's free top is trimmed). The next photo's buffers are then new pages again,
and the first touch of each costs a page fault: 278,000 of them for six camera photos. With blocks up to
32 MB served from the heap (glibc's largest threshold) and the heap trimmed only above 512 MB, the same
six photos cost 57,000 faults and 0.4–1.1 s less CPU (4.5–5.1 instead of 5.2–5.8 s, four pairs side by
side). A whole build with twelve camera photos and an empty cache: 330,000 instead of 880,000 faults, 2.1
instead of 3.3 s of system CPU; with prepared photos 0.34–0.44 s shorter (three pairs). The freed memory is
used again by the same process, at the price of a somewhat higher peak (`make bench`: the largest process of a
cold build, a photo worker, 262 instead of 257 MiB); a process gives it back when it ends (`serve` and `watch`
keep what their largest build needed).

Set once in the main process as the program starts: the workers it forks inherit the setting. Where
malloc is not glibc's, nothing changes.
"""

from __future__ import annotations

import ctypes
import gc

M_TRIM_THRESHOLD = -1  # glibc's malloc.h
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 << 20  # glibc's largest (HEAP_MAX_SIZE / 2 on 64-bit systems)
TRIM_THRESHOLD = 512 << 20


def keep_freed_memory() -> bool:
    """Have glibc keep freed memory for reuse in this process and those it forks; False where it cannot."""
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter runs on
    except (OSError, AttributeError):  # none to look into, or one without mallopt (not glibc)
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))


# Allocations (less deallocations) of container objects before Python's cycle collector looks at the young ones;
# Python's default is 700.
YOUNG_COLLECTED_AFTER = 10_000


def collect_cycles_less() -> None:
    """Have Python's cycle collector run after 10,000 new objects instead of 700, in this process and those it forks.

    Laying out pages creates hundreds of thousands of short-lived objects (boxes, styles, text runs); with the
    default the collector ran 279 times in the four parts of the A3 print edition and took 0.25 s of their
    2.9 s of CPU, with 10,000 it runs 14 times in 0.04 s (`gc.callbacks`, one process setting them one after
    another). Freed by reference counting as before; only objects in reference cycles wait longer.
    """
    gc.set_threshold(YOUNG_COLLECTED_AFTER, *gc.get_threshold()[1:])
