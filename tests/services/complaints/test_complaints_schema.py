"""Revision 0010_complaints creates the tables storage/models_complaints.py describes, on its
own branch from 0008, and its downgrade removes only them."""

from __future__ import annotations

import secrets

import pytest

from rm_desktop.storage import migrate, models_complaints
from rm_desktop.storage.db import open_engine
from tests.schema_branch import downgrade_branch, schema_drift, tables

MINE = {"complaints", "complaint_steps"}


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "c.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def test_head_schema_matches_the_complaint_models(engine):
    assert models_complaints.ComplaintRow.__tablename__ in MINE
    assert schema_drift(engine, MINE) == []


def test_downgrade_removes_only_the_complaint_tables(engine):
    migrate.upgrade(engine)
    assert tables(engine) >= MINE
    left = downgrade_branch(engine, "0010_complaints")
    assert not MINE & left and "aum_snapshots" in left and "worklist_states" in left
