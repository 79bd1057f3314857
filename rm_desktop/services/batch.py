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

At the end the surviving objects are frozen (``gc.freeze``: moved to the permanent generation)
before the collector resumes. Without that, the first young collection after the pause walked
every object the computation made, and the next older ones again: measured at 100k, 300,000
ordinary allocations right after a build took ~600 ms instead of ~40 ms. Frozen objects are
still freed by reference counting; only a cycle among them that becomes garbage waits, so every
``THAW_EVERY``-th pause ends with ``gc.unfreeze`` instead and the collector sees everything once.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

THAW_EVERY = 16  # pauses between two whole-heap walks (the cost of one: ~0.1–0.6 s at 100k)

_lock = threading.Lock()
_depth = 0
_was_enabled = False
_ended = 0


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled, _ended
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
            if _depth == 0:
                _ended += 1
                if _ended % THAW_EVERY:
                    gc.freeze()
                else:
                    gc.unfreeze()
                if _was_enabled:
                    gc.enable()
