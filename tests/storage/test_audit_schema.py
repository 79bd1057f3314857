"""Revision 0015_audit creates the tables storage/models_audit.py describes, on its own branch
from 0008, and its downgrade removes only them."""

from __future__ import annotations

import secrets

import pytest

from rm_desktop.storage import migrate, models_audit
from rm_desktop.storage.db import open_engine
from tests.schema_branch import downgrade_branch, schema_drift, tables

MINE = {"audit_log", "audit_received"}


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "a.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def test_head_schema_matches_the_audit_models(engine):
    assert {models_audit.AuditRow.__tablename__, models_audit.ReceivedAuditRow.__tablename__} == MINE
    assert schema_drift(engine, MINE) == []


def test_downgrade_removes_only_the_audit_tables(engine):
    migrate.upgrade(engine)
    assert tables(engine) >= MINE
    left = downgrade_branch(engine, "0015_audit")
    assert not MINE & left and "clients" in left and "aum_snapshots" in left
