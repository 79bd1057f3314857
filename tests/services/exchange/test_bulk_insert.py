"""storage/bulk, the import's insert: values through their column's bind processor (memoised per
type and value), None as the processor makes it, a row lacking a key of the first row stored with
NULL there, and a table's defaults for the columns not given."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from rm_desktop.storage import bulk
from rm_desktop.storage.db import writer
from rm_desktop.storage.models import AumSnapshot, Client


def test_values_dicts_and_defaults_store_as_the_orm_would(vault):
    now = dt.datetime(2026, 1, 5, 9, 30)
    with writer(vault.engine).begin() as conn:
        bulk.insert_values(
            conn,
            Client,
            ("id", "name", "birth_date", "aum", "lunar_birthday", "created_at", "updated_at"),
            [
                (1, "张三", dt.date(1985, 3, 7), Decimal("12.50"), True, now, now),
                (2, "李四", dt.date(1985, 3, 7), Decimal("12.5"), 1, now, now),  # equal values, other types
                (3, "王五", None, None, False, now, now),
            ],
        )
        bulk.insert_rows(conn, Client, [{"id": 4, "name": "赵六", "notes": "备注"}, {"id": 5, "name": "孙七"}])
        bulk.insert_rows(conn, AumSnapshot, [{"client_id": 1, "on": dt.date(2026, 1, 5), "aum": 5}])
    with vault.engine.connect() as conn:
        rows = conn.execute(
            select(Client.id, Client.birth_date, Client.aum, Client.lunar_birthday, Client.row_version, Client.notes)
            .where(Client.id <= 3)
            .order_by(Client.id)
        ).all()
        by_dict = conn.execute(select(Client.id, Client.notes, Client.created_at).where(Client.id > 3)).all()
        snapshots = conn.execute(select(AumSnapshot.client_id, AumSnapshot.on, AumSnapshot.aum)).all()
    assert rows == [
        (1, dt.date(1985, 3, 7), Decimal("12.50"), True, 1, None),
        (2, dt.date(1985, 3, 7), Decimal("12.50"), True, 1, None),
        (3, None, None, False, 1, None),  # row_version: the column's default
    ]
    assert snapshots == [(1, dt.date(2026, 1, 5), Decimal("5.00"))]
    # The second dict lacks a key of the first: NULL there; created_at is the column's default.
    assert [(cid, notes) for cid, notes, _ in by_dict] == [(4, "备注"), (5, None)]
    assert all(created is not None for _, _, created in by_dict)


def test_columns_none_throughout_a_chunk_store_null_and_the_others_stay_aligned(vault):
    # notes and birth_date are None in every row: left out of the statement (no DEFAULT), read
    # back as NULL; the columns around them keep their own values, row_version its DEFAULT.
    with writer(vault.engine).begin() as conn:
        bulk.insert_values(
            conn,
            Client,
            ("id", "notes", "name", "birth_date", "customer_no", "lunar_birthday"),
            [(1, None, "甲", None, "C1", False), (2, None, "乙", None, None, True)],
        )
    with vault.engine.connect() as conn:
        rows = conn.execute(
            select(
                Client.id, Client.name, Client.notes, Client.birth_date, Client.customer_no, Client.lunar_birthday,
                Client.row_version,
            ).order_by(Client.id)
        ).all()  # fmt: skip
    assert rows == [(1, "甲", None, None, "C1", False, 1), (2, "乙", None, None, None, True, 1)]
