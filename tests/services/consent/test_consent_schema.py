"""Revision 0016_consent creates the table storage/models_consent.py describes, on its own
branch from 0008, and its downgrade removes only it (the clients table is not changed)."""

from __future__ import annotations

import secrets

import pytest

from rm_desktop.storage import migrate, models_consent
from rm_desktop.storage.db import open_engine
from tests.schema_branch import downgrade_branch, schema_drift, tables

MINE = {"client_consents"}


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "c.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def test_head_schema_matches_the_consent_model(engine):
    assert {models_consent.ConsentRow.__tablename__} == MINE
    assert schema_drift(engine, MINE) == []


def test_downgrade_removes_only_the_consent_table(engine):
    migrate.upgrade(engine)
    assert tables(engine) >= MINE
    left = downgrade_branch(engine, "0016_consent")
    assert not MINE & left and "clients" in left and "aum_snapshots" in left
