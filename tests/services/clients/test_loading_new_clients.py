"""The import's bulk path (search_columns.loading_new_clients) stores what the live triggers would:
the same search keys, the same FTS matches, the same schema afterwards; a failure undoes it all."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from rm_desktop.services.clients import demo
from rm_desktop.services.clients.search_columns import loading_new_clients
from rm_desktop.storage import bulk
from rm_desktop.storage.db import writer
from rm_desktop.storage.models import Client


def _state(conn) -> tuple:
    """The schema and the search structures, as the search reads them."""
    schema = conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")).all()
    keys = conn.execute(text("SELECT key, client_id FROM client_keys ORDER BY key, client_id")).all()
    digits = conn.execute(text("SELECT search_digits FROM clients ORDER BY id")).scalars().all()
    fragments = sorted({d.split()[0][3:9] for d in digits if d})[:40]
    matches = [
        conn.execute(
            text("SELECT rowid FROM client_search_fts WHERE digits MATCH :q ORDER BY rowid"), {"q": f'"{f}"'}
        ).all()
        for f in fragments
    ]
    return schema, keys, fragments, matches


def test_bulk_path_stores_what_the_live_triggers_store(vault):
    rows = demo.generate(300, seed=5, today=dt.date(2026, 11, 22))["clients"]
    with writer(vault.engine).begin() as conn:
        before = conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")).all()
        bulk.insert_rows(conn, Client, rows)  # the per-row trigger fills the search tables
        live = _state(conn)
        conn.rollback()
    with writer(vault.engine).begin() as conn, loading_new_clients(conn, len(rows)):
        bulk.insert_rows(conn, Client, rows)
    with vault.engine.connect() as conn:
        loaded = _state(conn)
    assert live[0] == before  # inserting rows changes no schema
    assert loaded == live
    assert len(loaded[1]) >= len(rows) and any(loaded[3])


def test_a_failed_bulk_load_leaves_nothing(vault):
    rows = demo.generate(20, seed=6, today=dt.date(2026, 11, 22))["clients"]
    with vault.engine.connect() as conn:
        before = _state(conn)
    with pytest.raises(RuntimeError), writer(vault.engine).begin() as conn, loading_new_clients(conn, len(rows)):
        bulk.insert_rows(conn, Client, rows)
        raise RuntimeError("cancelled")
    with vault.engine.connect() as conn:
        assert _state(conn) == before
        assert conn.execute(text("SELECT count(*) FROM clients")).scalar() == 0
