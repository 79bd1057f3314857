"""Revision 0014_reports creates the day log table as storage/models_reports.py describes it, and
its downgrade removes only it."""

from __future__ import annotations

import secrets

import pytest

from rm_desktop.storage import migrate, models_reports
from rm_desktop.storage.db import open_engine
from tests.schema_branch import downgrade_branch, schema_drift, tables

MINE = {"report_day_logs"}


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "r.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def test_head_schema_matches_the_reports_models(engine):
    assert models_reports.DayLog.__tablename__ in MINE
    assert schema_drift(engine, MINE) == []


def test_downgrade_removes_only_the_reports_table(engine):
    migrate.upgrade(engine)
    assert tables(engine) >= MINE
    left = downgrade_branch(engine, "0014_reports")
    assert not MINE & left and "holdings" in left and "worklist_states" in left
