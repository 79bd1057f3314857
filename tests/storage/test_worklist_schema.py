"""Revision 0007 creates the worklist tables as storage/models_worklist.py describes them, and
its downgrade removes them again."""

from __future__ import annotations

import secrets

import pytest

from rm_desktop.storage import migrate, models_worklist
from rm_desktop.storage.db import open_engine
from tests.schema_branch import downgrade_branch, schema_drift, tables

MINE = {"maturity_outcomes", "lost_clients", "worklist_states"}


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "w.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def test_head_schema_matches_the_worklist_models(engine):
    assert models_worklist.MaturityOutcome.__tablename__ in MINE
    assert schema_drift(engine, MINE) == []


def test_downgrade_removes_only_the_worklist_tables(engine):
    migrate.upgrade(engine)
    assert tables(engine) >= MINE
    left = downgrade_branch(engine, "0007")  # this branch only: 0006 and the others stay
    assert not MINE & left and "holdings" in left and "reminder_states" in left
