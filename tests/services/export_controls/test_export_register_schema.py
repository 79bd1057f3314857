"""Revision 0017_export_register creates the table storage/models_export_register.py describes,
on its own branch from 0008, and its downgrade removes only it."""

from __future__ import annotations

import secrets

import pytest

from rm_desktop.storage import migrate, models_export_register
from rm_desktop.storage.db import open_engine
from tests.schema_branch import downgrade_branch, schema_drift, tables

MINE = {"export_register"}


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "e.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def test_head_schema_matches_the_register_model(engine):
    assert {models_export_register.ExportRegisterRow.__tablename__} == MINE
    assert schema_drift(engine, MINE) == []


def test_downgrade_removes_only_the_register(engine):
    migrate.upgrade(engine)
    assert tables(engine) >= MINE
    left = downgrade_branch(engine, "0017_export_register")
    assert not MINE & left and "clients" in left and "aum_snapshots" in left
