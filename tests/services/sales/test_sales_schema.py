"""Revision 0009_opportunities creates the sales tables as storage/models_sales.py describes
them, and its downgrade removes only them."""

from __future__ import annotations

import secrets

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from rm_desktop.storage import migrate, models_sales
from rm_desktop.storage.db import open_engine
from rm_desktop.storage.models import Base

MINE = {"opportunities", "opportunity_history", "referrals"}


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "s.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def _tables(engine) -> set[str]:
    with engine.connect() as conn:
        return {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_head_schema_matches_the_sales_models(engine):
    assert models_sales.Opportunity.__tablename__ in MINE

    def include(obj, name, type_, reflected, compare_to):
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return table in MINE

    migrate.upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include, "compare_type": False})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_removes_only_the_sales_tables(engine):
    migrate.upgrade(engine)
    assert _tables(engine) >= MINE
    with engine.begin() as conn:
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0009_opportunities-1")  # this branch only
    left = _tables(engine)
    assert not MINE & left and "holdings" in left and "worklist_states" in left
