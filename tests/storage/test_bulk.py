"""The bulk path stores exactly what the ORM would: money, dates and datetimes read back equal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from rm_desktop.services.clients import demo
from rm_desktop.storage import bulk
from rm_desktop.storage.models import Client, Contact, Holding


def test_bulk_rows_read_back_through_the_orm(vault):
    book = demo.generate(50, seed=3, today=dt.date(2026, 11, 22))
    with vault.engine.begin() as conn:
        bulk.insert_book(conn, **book)
    with vault.sessions() as s:
        stored = {c.id: c for c in s.scalars(select(Client))}
        assert len(stored) == 50
        for row in book["clients"]:
            client = stored[row["id"]]
            for key, value in row.items():
                assert getattr(client, key) == value, key
        amounts = sorted(h.amount for h in s.scalars(select(Holding)))
        assert amounts == sorted(h["amount"] for h in book["holdings"])
        assert all(isinstance(a, Decimal) for a in amounts)
        assert s.scalar(select(Contact.at).order_by(Contact.id).limit(1)) == book["contacts"][0]["at"]


def test_orm_and_bulk_rows_sort_together(vault):
    """Datetimes written by either path compare correctly in SQL (same text format)."""
    early = dt.datetime(2026, 1, 1, 9, 0)
    with vault.sessions.begin() as s:
        s.add(Client(id=1, name="甲", last_contact_at=early + dt.timedelta(hours=2)))
    with vault.engine.begin() as conn:
        bulk.insert_rows(
            conn, Client, [{"id": 2, "name": "乙", "last_contact_at": early, "created_at": early, "updated_at": early}]
        )
    with vault.sessions() as s:
        order = s.scalars(select(Client.name).order_by(Client.last_contact_at)).all()
    assert order == ["乙", "甲"]


def _indexes(conn) -> list[tuple[str, str]]:
    return conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name IN ('clients', 'client_phones') ORDER BY name"
    ).all()


def test_deferred_indexes_come_back_the_same_and_only_for_big_loads(vault):
    with vault.engine.begin() as conn:
        before = _indexes(conn)
        assert any(sql and sql.startswith("CREATE INDEX") for _name, sql in before)
        with bulk.indexes_deferred(conn, ("clients", "client_phones"), rows_coming=10):
            inside = _indexes(conn)
            bulk.insert_book(conn, **demo.generate(10, seed=1, today=dt.date(2026, 11, 22)))
        assert _indexes(conn) == before
    assert {sql for _name, sql in inside} == {sql for _name, sql in before if sql is None or "UNIQUE" in sql}
    # 10 stored, 5 coming: not worth a rebuild
    with vault.engine.begin() as conn, bulk.indexes_deferred(conn, ("clients", "client_phones"), rows_coming=5):
        assert _indexes(conn) == before


def test_a_failed_load_rolls_the_dropped_indexes_back(vault):
    with vault.engine.connect() as conn:
        before = _indexes(conn)
    try:
        with vault.engine.begin() as conn, bulk.indexes_deferred(conn, ("clients",), rows_coming=10):
            raise RuntimeError("disk full")
    except RuntimeError:
        pass
    with vault.engine.connect() as conn:
        assert _indexes(conn) == before
