"""What a worklist build leaves behind is freed by reference counting (issue 19.4): the build
runs with the cyclic collector paused and what survives frozen (services/batch), so a garbage
cycle would keep a 100k book's rows alive until the next thaw. The book and its contexts'
lookup form no cycle: once the build returns, the book is gone with the collector off."""

from __future__ import annotations

import datetime as dt
import gc
import weakref

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.worklist import build, facts

TODAY = dt.date(2026, 6, 15)


def test_the_book_is_freed_when_the_build_returns(vault, monkeypatch):
    for k in range(5):
        create_client(vault, {"name": f"客户{k}", "aum": "300000", "birth_date": "1980-06-14"}, today=TODAY)
    books: list[weakref.ref] = []
    real = facts.load_book

    def load_book(*args, **kwargs):
        book = real(*args, **kwargs)
        books.append(weakref.ref(book))
        return book

    monkeypatch.setattr(facts, "load_book", load_book)
    enabled = gc.isenabled()
    gc.disable()
    try:
        worklist = build.build_worklist(vault, TODAY)
        assert worklist.total > 0 and worklist.plan[0].client_id is not None
        assert len(books) == 1 and books[0]() is None  # freed by reference counting alone
    finally:
        if enabled:
            gc.enable()


def test_the_engines_facts_are_freed_before_the_signals_are_made(vault, monkeypatch):
    """The engine's facts (and the book's copy of its clients) are let go once the items are
    made from them, so the churn signals reuse their memory (the page's resident memory)."""
    for k in range(5):
        create_client(vault, {"name": f"客户{k}", "aum": "300000", "birth_date": "1980-06-14"}, today=TODAY)
    engine_facts: list[weakref.ref] = []
    seen: list[tuple[bool, int]] = []
    real_compute, real_signals = build.reminders.compute, build._money_signals

    def compute(*args, **kwargs):
        due, found = real_compute(*args, **kwargs)
        assert found.clients  # the birthdays' clients: something to free
        engine_facts.append(weakref.ref(found))
        return due, found

    def money_signals(conn, today, book, *args):
        seen.append((engine_facts[0]() is None, len(book.due_clients)))
        return real_signals(conn, today, book, *args)

    monkeypatch.setattr(build.reminders, "compute", compute)
    monkeypatch.setattr(build, "_money_signals", money_signals)
    enabled = gc.isenabled()
    gc.disable()
    try:
        worklist = build.build_worklist(vault, TODAY)
        assert worklist.total > 0
        assert seen == [(True, 0)]
    finally:
        if enabled:
            gc.enable()
