"""Revision 0009_opportunities creates the sales tables as storage/models_sales.py describes
them, and its downgrade removes only them."""

from __future__ import annotations

import secrets

import pytest

from rm_desktop.storage import migrate, models_sales
from rm_desktop.storage.db import open_engine
from tests.schema_branch import downgrade_branch, schema_drift, tables

MINE = {"opportunities", "opportunity_history", "referrals"}


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "s.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def test_head_schema_matches_the_sales_models(engine):
    assert models_sales.Opportunity.__tablename__ in MINE
    assert schema_drift(engine, MINE) == []


def test_downgrade_removes_only_the_sales_tables(engine):
    migrate.upgrade(engine)
    assert tables(engine) >= MINE
    left = downgrade_branch(engine, "0009_opportunities")  # this branch only
    assert not MINE & left and "holdings" in left and "worklist_states" in left
