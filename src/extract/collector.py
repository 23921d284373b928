"""Python's cyclic garbage collector paused while a paper is read.

Reading a paper allocates hundreds of thousands of small containers (a record and a `Char` per glyph,
lines, blocks, rows) that live until the paper is done. CPython starts a collection every 700 container
allocations and a full one every so many of those, each walking the live containers: over the engine
bench (`make bench`) about an eighth of the library's CPU time went to collections, which find little to
free in a paper's working data. Mercurial pauses the collector (`util.nogc`) for the same reason.

With pdfminer's engine (`[pdf] pdfium = false`) the collector runs as usual: every page of it is pdfminer's,
whose objects hold reference cycles (pdfplumber's caches), and a paused collector would keep them longer.

The pause is process-wide and counted: the first paper in pauses it, the last one out restores what it
found (a caller that paused it itself keeps it paused). Objects with reference cycles made meanwhile are
freed by the first collection after.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # papers being read
_was_enabled = False  # the collector's state when the first of them started


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (and any block it overlaps in other threads)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def free_cycles() -> None:
    """Free what became garbage in reference cycles since the last collection (a youngest-generation pass:
    it walks the objects made since then, not the paper's older ones). pdfminer's pages hold cycles, so a page
    PDFium leaves to pdfminer while the collector is paused would otherwise keep its parser's objects to the
    paper's end; nothing when the collector runs."""
    if not gc.isenabled():
        gc.collect(0)
