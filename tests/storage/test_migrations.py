"""Schema upgrades keep every row: a vault at revision 0001 with clients and their ON DELETE
CASCADE children is upgraded to head; the search columns are filled for the old rows."""

from __future__ import annotations

import secrets
from types import SimpleNamespace

import pytest

from rm_desktop.services.clients.search_columns import bulk_loading
from rm_desktop.services.search import query as search
from rm_desktop.storage import migrate
from rm_desktop.storage.db import open_engine

CHILD_TABLES = (
    "client_phones",
    "client_tags",
    "important_dates",
    "aum_snapshots",
    "holdings",
    "relationships",
    "contacts",
    "contact_revisions",
)
SEARCH_TRIGGERS = {"clients_search_ai", "clients_search_au_keys", "clients_search_au_digits", "clients_search_ad"}
NOW = "2025-03-10 09:00:00.000000"


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "old.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def _fill_0001(conn, count: int) -> None:
    sql = conn.exec_driver_sql
    for cid in range(1, count + 1):
        sql(
            "INSERT INTO clients (id, customer_no, name, lunar_birthday, id_type, id_number, aum, tier, created_at,"
            " updated_at) VALUES (?, ?, ?, 0, '居民身份证', ?, ?, 'basic', ?, ?)",
            (
                cid,
                f"C{cid:04d}",
                "单田芳" if cid == 1 else f"客户{cid}",
                "11010519491231002X" if cid == 1 else None,
                cid * 100_000,
                NOW,
                NOW,
            ),
        )
        sql("INSERT INTO client_phones (client_id, number, position) VALUES (?, ?, 0)", (cid, f"1380013{cid:04d}"))
        sql("INSERT INTO client_tags (client_id, tag) VALUES (?, 'VIP')", (cid,))
        sql("INSERT INTO important_dates (client_id, label, date, lunar) VALUES (?, '生日', '1980-01-01', 0)", (cid,))
        sql("INSERT INTO aum_snapshots (client_id, \"on\", aum) VALUES (?, '2025-01-01', 100)", (cid,))
        sql(
            "INSERT INTO holdings (client_id, product_type, name, status) VALUES (?, 'fund', '基金', 'holding')", (cid,)
        )
        contact = sql(
            "INSERT INTO contacts (client_id, at, channel, content, follow_up_done, created_at, updated_at)"
            " VALUES (?, ?, 'phone', '问候', 0, ?, ?)",
            (cid, NOW, NOW, NOW),
        ).lastrowid
        sql("INSERT INTO contact_revisions (contact_id, saved_at, snapshot) VALUES (?, ?, '{}')", (contact, NOW))
        if cid > 1:
            sql("INSERT INTO relationships (client_id, other_id, kind) VALUES (?, ?, 'spouse')", (cid, cid - 1))


def _counts(conn) -> dict[str, int]:
    return {
        table: conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() for table in ("clients", *CHILD_TABLES)
    }


def test_upgrade_from_0001_keeps_every_row_and_fills_search_columns(engine):
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        _fill_0001(conn, 30)
        before = _counts(conn)
    assert before["contacts"] == 30 and before["relationships"] == 29

    migrate.upgrade(engine)

    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as conn:
        assert _counts(conn) == before
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        empty = conn.exec_driver_sql(
            "SELECT count(*) FROM clients WHERE name_pinyin IS NULL OR name_pinyin = ''"
            " OR search_digits IS NULL OR search_digits = ''"
        ).scalar()
        assert empty == 0
        row = conn.exec_driver_sql(
            "SELECT name_pinyin, name_initials, search_digits, id_type FROM clients WHERE id = 1"
        ).one()
        assert tuple(row) == ("shantianfang", "stf", "13800130001 11010519491231002X C0001", "resident_id")
        triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert triggers >= SEARCH_TRIGGERS
    vault = SimpleNamespace(engine=engine)
    assert [r.name for r in search.search_clients(vault, search.ClientQuery(text="stf"))] == ["单田芳"]
    assert search.count_clients(vault, search.ClientQuery(text="13800130")) == 30
    assert search.count_clients(vault, search.ClientQuery(text="kehu")) == 29


def test_triggers_follow_plain_sql_writes(engine):
    migrate.upgrade(engine)
    vault = SimpleNamespace(engine=engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO clients (id, name, lunar_birthday, created_at, updated_at, name_pinyin,"
            " name_initials, search_digits) VALUES (7, '王五', 0, ?, ?, 'wangwu', 'ww', '13900001111')",
            (NOW, NOW),
        )
    assert search.count_clients(vault, search.ClientQuery(text="ww")) == 1
    assert search.count_clients(vault, search.ClientQuery(text="1111")) == 1
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE clients SET name_initials = 'xw', search_digits = '13900002222' WHERE id = 7")
    assert search.count_clients(vault, search.ClientQuery(text="ww")) == 0
    assert search.count_clients(vault, search.ClientQuery(text="xw")) == 1
    assert search.count_clients(vault, search.ClientQuery(text="1111")) == 0
    assert search.count_clients(vault, search.ClientQuery(text="2222")) == 1
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM clients WHERE id = 7")
        assert conn.exec_driver_sql("SELECT count(*) FROM client_keys").scalar() == 0
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM client_search_fts WHERE client_search_fts MATCH '2222'").scalar()
            == 0
        )


def test_bulk_loading_indexes_new_rows_and_restores_the_trigger(engine):
    migrate.upgrade(engine)
    vault = SimpleNamespace(engine=engine)
    with engine.begin() as conn, bulk_loading(conn):
        for cid, initials in ((1, "aa"), (2, "ab")):
            conn.exec_driver_sql(
                "INSERT INTO clients (id, name, lunar_birthday, created_at, updated_at, name_pinyin,"
                " name_initials, search_digits) VALUES (?, 'x', 0, ?, ?, 'x', ?, ?)",
                (cid, NOW, NOW, initials, f"1390000{cid:04d}"),
            )
    assert search.count_clients(vault, search.ClientQuery(text="a")) == 2
    assert search.count_clients(vault, search.ClientQuery(text="13900000002")) == 1
    with engine.connect() as conn:
        triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert triggers >= SEARCH_TRIGGERS
    with pytest.raises(RuntimeError), engine.begin() as conn, bulk_loading(conn):
        raise RuntimeError("a failed import")
    with engine.connect() as conn:  # rolled back, trigger included
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'clients_search_ai'").scalar() == 1


def test_a_failed_upgrade_leaves_0001_intact_and_can_be_retried(engine, monkeypatch):
    from rm_desktop.domain import search_keys

    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        _fill_0001(conn, 3)

    def broken(*args):
        raise RuntimeError("power cut")

    monkeypatch.setattr(search_keys, "search_columns", broken)
    with pytest.raises(RuntimeError):
        migrate.upgrade(engine)
    assert migrate.current_revision(engine) == "0001"
    with engine.connect() as conn:
        columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(clients)")}
        assert "name_pinyin" not in columns
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'client_keys'").scalar() == 0
    monkeypatch.undo()
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM client_keys").scalar() > 0


def test_head_schema_matches_the_models(engine):
    """Migrations and storage/models.py describe the same tables, columns and indexes."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rm_desktop.storage import models

    mine = {
        m.__tablename__
        for m in vars(models).values()
        if isinstance(m, type) and issubclass(m, models.Base) and m is not models.Base
    }

    def include(obj, name, type_, reflected, compare_to):
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return table in mine  # other feature areas' tables and the FTS5 shadow tables are not ours

    migrate.upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include, "compare_type": False})
        assert compare_metadata(context, models.Base.metadata) == []
