"""services/batch: the collector is paused while a whole-book computation runs (counted, so
nested and concurrent ones resume it once, at the end), and the worklist and the insights
figures run inside it."""

from __future__ import annotations

import datetime as dt
import gc
import threading

import pytest

from rm_desktop.services.batch import gc_paused
from rm_desktop.services.insights import figures
from rm_desktop.services.worklist import build

TODAY = dt.date(2026, 6, 15)


def test_paused_while_any_runs_and_resumed_after_the_last_even_on_error():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with pytest.raises(ValueError), gc_paused():
            raise ValueError
        assert not gc.isenabled()  # the outer computation still runs
    assert gc.isenabled()


def test_concurrent_computations_resume_once_both_are_done():
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with gc_paused():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    assert inside.wait(10)
    with gc_paused():
        pass
    assert not gc.isenabled()  # the other thread's computation is still running
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_worklist_and_the_insights_are_computed_with_the_collector_paused(vault, monkeypatch):
    seen: list[bool] = []

    def probe(real):
        def call(*args):
            seen.append(gc.isenabled())
            return real(*args)

        return call

    monkeypatch.setattr(build, "_build", probe(build._build))  # the whole build, ranking included
    monkeypatch.setattr(figures, "read_facts", probe(figures.read_facts))
    build.build_worklist(vault, TODAY)
    figures.book_insights(vault, TODAY)
    assert seen == [False, False] and gc.isenabled()


def test_what_a_computation_leaves_alive_is_frozen_and_every_thaw_every_th_pause_thaws_it(monkeypatch):
    from rm_desktop.services import batch

    monkeypatch.setattr(batch, "_ended", 0)
    gc.unfreeze()
    try:
        with gc_paused():
            kept = [[n] for n in range(5000)]  # tracked containers made during the pause
        # frozen: the first young collection after the pause does not walk them
        assert gc.get_freeze_count() >= len(kept)
        for _ in range(batch.THAW_EVERY - 2):
            with gc_paused():
                pass
        assert gc.get_freeze_count() >= len(kept)
        with gc_paused():  # the THAW_EVERY-th: the collector sees everything again
            pass
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
