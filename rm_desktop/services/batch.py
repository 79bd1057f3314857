"""Whole-book computations (the worklist, the insights figures): Python's cyclic garbage
collector paused while one runs.

Why: such a computation makes hundreds of thousands of small objects that all stay alive
until it returns (rows, reminders, items), so no cycle is garbage, yet every ~70,000 new
objects the collector walks the whole heap again. Measured on the 100k bench book: 4–6 full
collections per worklist, 1.6–2.7 s of a 4.8–6.0 s build; the count grows with the book and so
does each walk, which is why the time grew faster than the book. Paused, those collections
never start; the objects that are garbage afterwards are freed by reference counting as
usual, and the collector runs again as soon as the last computation ends.

The pause is process-wide (the collector is), so it is counted: nested or concurrent
computations (the GUI's worker threads) resume it only when the last one ends, and a
collector that was already off stays off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
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
