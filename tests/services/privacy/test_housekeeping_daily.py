"""Housekeeping once a local day per vault (issue 18.5, 19.2): the day's first unlock empties
the old trash, removes expired backups and prunes the audit log; later unlocks that day do
none of it, not even the queries; the next day it runs again. Remembering the day writes
nothing (the previous unlock entry is the memory). A fake clock drives the log and the run."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.audit import reading
from rm_desktop.services.clients.files import create_client, trash_client
from rm_desktop.services.privacy import housekeeping
from rm_desktop.services.vault.lifecycle import unlock
from tests.conftest import PASSWORD
from tests.vault_content import vault_content

DAY = dt.datetime(2026, 3, 2, 8, 0)


@pytest.fixture
def clock(monkeypatch):
    """The audit log's clock (and so housekeeping's): a local time the test moves."""
    now = [DAY]
    monkeypatch.setattr(audit_log, "utc_now", lambda: now[0].astimezone().astimezone(dt.UTC))
    return now


@pytest.fixture
def runs(monkeypatch):
    """The days the housekeeping ran on (its first query is the old trash's)."""
    seen: list[dt.date] = []
    real = housekeeping.trash_due
    monkeypatch.setattr(housekeeping, "trash_due", lambda v, now: seen.append(now.date()) or real(v, now))
    return seen


def _unlock(vault_dir):
    unlock(vault_dir, PASSWORD, backup=False).lock()


def test_two_unlocks_the_same_day_run_once_and_the_next_day_again(vault_dir, vault, clock, runs):
    vault.lock()
    for moment in (DAY, DAY.replace(hour=12), DAY.replace(hour=23, minute=59)):
        clock[0] = moment
        _unlock(vault_dir)
    assert runs == [DAY.date()]
    clock[0] = DAY + dt.timedelta(days=1, hours=-7)  # 01:00 the next day
    _unlock(vault_dir)
    _unlock(vault_dir)
    assert runs == [DAY.date(), DAY.date() + dt.timedelta(days=1)]


def _trashed_long_ago(vault_dir, name: str) -> int:
    opened = unlock(vault_dir, PASSWORD, backup=False)
    try:
        cid = create_client(opened, {"name": name}).id
        trash_client(opened, cid, now=DAY - dt.timedelta(days=40))
        return cid
    finally:
        opened.lock()


def _emptied(vault_dir, when: dt.datetime) -> tuple[list[int], int]:
    """(the clients still due in the trash, the automatic emptyings so far)"""
    opened = unlock(vault_dir, PASSWORD, backup=False)
    try:
        return housekeeping.trash_due(opened, when), len(reading.entries(opened, action="trash_auto_empty"))
    finally:
        opened.lock()


def test_the_days_first_unlock_empties_the_trash_a_later_one_does_not(vault_dir, vault, clock):
    vault.lock()
    first = _trashed_long_ago(vault_dir, "周旧的")  # this unlock is the day's first: its trash was empty then
    later = _trashed_long_ago(vault_dir, "吴新的")
    assert _emptied(vault_dir, DAY) == ([first, later], 0)  # the later unlocks that day left them
    clock[0] = DAY + dt.timedelta(days=1)
    assert _emptied(vault_dir, clock[0]) == ([], 1)  # both in one run, one entry


def test_remembering_the_day_writes_nothing(vault_dir, vault, clock, runs):
    key = bytes(vault.key)
    vault.lock()
    before = vault_content(vault_dir, key=key)
    _unlock(vault_dir)  # the day's run: nothing due, nothing written but the log's own entries
    _unlock(vault_dir)
    assert runs == [DAY.date()] and vault_content(vault_dir, key=key) == before


def test_force_runs_again_the_same_day(vault, clock, runs):
    audit_log.record_now(vault, "unlock")
    assert housekeeping.at_unlock(vault, []) == {"trash": 0, "backups": 0, "audit": 0}
    audit_log.record_now(vault, "unlock")
    assert housekeeping.at_unlock(vault, []) == {}
    assert housekeeping.at_unlock(vault, [], force=True) == {"trash": 0, "backups": 0, "audit": 0}
    assert runs == [DAY.date(), DAY.date()]


def test_the_day_is_the_local_one(vault, clock):
    """00:30 and 23:30 are one local day (whatever UTC says of them); 00:30 the next day is not."""
    clock[0] = DAY.replace(hour=0, minute=30)
    audit_log.record_now(vault, "unlock")
    clock[0] = DAY.replace(hour=23, minute=30)
    audit_log.record_now(vault, "unlock")
    assert not housekeeping.due_today(vault, clock[0])
    assert housekeeping.due_today(vault, clock[0] + dt.timedelta(hours=1))


def test_the_drivers_check_before_an_unlock_agrees_with_the_check_after_it(vault_dir, vault, clock):
    """due_before_unlock (a bare connection, the unlock not yet recorded) says what due_today
    then says once it is: the day's first unlock, not a later one, the next day's first again."""
    from rm_desktop.storage.keyed import raw_connect

    vault.lock()

    def before(when: dt.datetime) -> bool:
        opened = unlock(vault_dir, PASSWORD, backup=False)
        try:
            conn = raw_connect(str(opened.paths.db), opened.key)
            try:
                return housekeeping.due_before_unlock(conn, when)
            finally:
                conn.close()
        finally:
            opened.lock()

    def after(when: dt.datetime) -> bool:
        opened = unlock(vault_dir, PASSWORD, backup=False)
        try:
            return housekeeping.due_today(opened, when)
        finally:
            opened.lock()

    # Each helper's own unlock is recorded at the clock's time; ``when`` is the next unlock's.
    clock[0] = DAY
    assert before(DAY) is False  # the latest unlock (the helper's own) was on DAY: not the day's first
    assert after(DAY) is False
    next_day = DAY + dt.timedelta(days=1)
    assert before(next_day) is True  # DAY's unlocks only: the next day's first is due
    clock[0] = next_day
    assert after(next_day) is True  # this unlock is that first one
    assert before(next_day) is False and after(next_day) is False
