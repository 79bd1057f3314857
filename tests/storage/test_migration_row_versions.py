"""Revision 0006 (issue 13.2): a vault at the feature heads before it (0003 reminders, 0004
scripts, 0005 plans) upgrades to head keeping every row; the edited records get row version 1,
the search triggers stay, and the ORM then checks and bumps the version."""

from __future__ import annotations

import secrets
from types import SimpleNamespace

import pytest

from rm_desktop.services.search import query as search
from rm_desktop.storage import migrate
from rm_desktop.storage.db import open_engine

NOW = "2025-03-10 09:00:00.000000"
VERSIONED = ("clients", "holdings", "script_templates", "appointments")
FEATURE_HEADS = ("0003", "0004", "0005")


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "old.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def _fill(conn) -> None:
    sql = conn.exec_driver_sql
    for cid in (1, 2):
        sql(
            "INSERT INTO clients (id, name, lunar_birthday, tier, created_at, updated_at, name_pinyin,"
            " name_initials, search_digits) VALUES (?, ?, 0, 'basic', ?, ?, ?, ?, ?)",
            (cid, "单田芳" if cid == 1 else "王芳", NOW, NOW, "shantianfang" if cid == 1 else "wangfang", "", ""),
        )
        sql(
            "INSERT INTO holdings (client_id, product_type, name, status) VALUES (?, 'fund', '基金', 'holding')", (cid,)
        )
        sql(
            "INSERT INTO appointments (start, duration_minutes, title, client_id, created_at)"
            " VALUES ('2025-03-11 10:00:00.000000', 60, '面谈', ?, ?)",
            (cid, NOW),
        )
        sql(
            "INSERT INTO plans (client_id, title, status, version, created_at, updated_at)"
            " VALUES (?, '规划', 'draft', 2, ?, ?)",
            (cid, NOW, NOW),
        )
    sql(
        "INSERT INTO script_templates (name, category, channel, body, edited, is_draft, problems, created_at,"
        " updated_at) VALUES ('问候', 'follow_up', 'sms', '您好', 0, 0, '[]', ?, ?)",
        (NOW, NOW),
    )


def _counts(conn) -> dict[str, int]:
    return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in (*VERSIONED, "plans")}


def test_the_feature_heads_upgrade_to_row_versions_and_keep_every_row(engine):
    for head in FEATURE_HEADS:  # the vault as the last build left it: all three branches applied
        migrate.upgrade(engine, head)
    assert migrate.current_revision(engine) == ",".join(FEATURE_HEADS)
    with engine.begin() as conn:
        _fill(conn)
        before = _counts(conn)
        names = conn.exec_driver_sql("SELECT id, name FROM clients ORDER BY id").all()

    migrate.upgrade(engine)

    assert migrate.current_revision(engine) == migrate.head_revision()
    assert "0006" in migrate.head_revision().split(",")
    with engine.connect() as conn:
        assert _counts(conn) == before
        assert conn.exec_driver_sql("SELECT id, name FROM clients ORDER BY id").all() == names
        for table in VERSIONED:
            assert conn.exec_driver_sql(f"SELECT DISTINCT row_version FROM {table}").scalars().all() == [1], table
        assert conn.exec_driver_sql("SELECT DISTINCT version FROM plans").scalars().all() == [2]
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    # ADD COLUMN rebuilt no table: the search triggers still index the names.
    vault = SimpleNamespace(engine=engine)
    assert [r.name for r in search.search_clients(vault, search.ClientQuery(text="shantianfang"))] == ["单田芳"]


def test_after_the_upgrade_the_orm_bumps_the_version(engine):
    from sqlalchemy.orm import Session

    from rm_desktop.storage.models import Client

    for head in FEATURE_HEADS:
        migrate.upgrade(engine, head)
    with engine.begin() as conn:
        _fill(conn)
    migrate.upgrade(engine)
    with Session(engine) as session, session.begin():
        session.get(Client, 1).occupation = "评书"
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT row_version, occupation FROM clients WHERE id = 1").one() == (2, "评书")
