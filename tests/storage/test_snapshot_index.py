"""Revision 0008: the AUM snapshots' covering index (client_id, on, aum) replaces the client_id
index, the worklist's and the insights' "latest snapshot on or before a day" queries are
answered from it alone, and its downgrade puts the old index back."""

from __future__ import annotations

import secrets

import pytest
from alembic import command

from rm_desktop.services.insights._facts import SNAPSHOT_SQL
from rm_desktop.services.worklist.facts import AUM_AGO_SQL
from rm_desktop.storage import migrate
from rm_desktop.storage.db import open_engine


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "s.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def _indexes(engine) -> dict[str, list[str]]:
    with engine.connect() as conn:
        names = [row[1] for row in conn.exec_driver_sql("PRAGMA index_list(aum_snapshots)") if row[3] == "c"]
        return {name: [r[2] for r in conn.exec_driver_sql(f"PRAGMA index_info({name})")] for name in names}


def _plan(engine, sql: str, params: dict[str, str]) -> str:
    with engine.connect() as conn:
        return " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))


def test_the_snapshot_queries_read_only_the_covering_index_and_downgrade_restores(engine):
    migrate.upgrade(engine)
    assert _indexes(engine) == {"ix_aum_snapshots_client_on": ["client_id", "on", "aum"]}
    for sql, params in ((AUM_AGO_SQL, {"cut": "2026-01-01"}), (SNAPSHOT_SQL, {"since": "2026-01-01"})):
        assert "COVERING INDEX ix_aum_snapshots_client_on" in _plan(engine, sql, params)
    with engine.begin() as conn:
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0008-1")  # this revision only
    assert _indexes(engine) == {"ix_aum_snapshots_client_id": ["client_id"]}
    assert "COVERING" not in _plan(engine, AUM_AGO_SQL, {"cut": "2026-01-01"})
