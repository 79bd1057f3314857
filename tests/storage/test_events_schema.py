"""Revision 0011_events_playbooks creates the tables storage/models_events.py describes, and its
downgrade removes only them."""

from __future__ import annotations

import secrets

import pytest

from rm_desktop.storage import migrate, models_events
from rm_desktop.storage.db import open_engine
from tests.schema_branch import downgrade_branch, schema_drift, tables

MINE = {"events", "event_invitations", "playbooks", "playbook_runs", "playbook_steps"}


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(str(tmp_path / "e.db"), secrets.token_bytes(32))
    yield engine
    engine.dispose()


def test_head_schema_matches_the_events_models(engine):
    assert models_events.Event.__tablename__ in MINE
    assert schema_drift(engine, MINE) == []


def test_downgrade_removes_only_the_events_tables(engine):
    migrate.upgrade(engine)
    assert tables(engine) >= MINE
    left = downgrade_branch(engine, "0011_events_playbooks")
    assert not MINE & left and "worklist_states" in left
