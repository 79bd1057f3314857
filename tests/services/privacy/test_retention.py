"""Retention (issue 18.5): who is past it (lost or in the trash, the earlier day counts; the IT
policy's days win over the setting; anonymised clients are not listed again), the trash that
empties itself at unlock, backups older than the period removed (the newest always kept)."""

from __future__ import annotations

import datetime as dt

from rm_desktop.services.audit import reading
from rm_desktop.services.clients.files import create_client, trash_client
from rm_desktop.services.privacy import housekeeping
from rm_desktop.services.privacy.erasure import anonymise
from rm_desktop.services.privacy.retention import LOST, TRASH, past_retention, retention_days
from rm_desktop.services.vault.lifecycle import unlock
from rm_desktop.services.worklist.outcomes import lost_reasons, mark_lost
from rm_desktop.storage import backups
from tests.conftest import PASSWORD
from tests.policy_env import install

TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 9)


def _clients(vault):
    lost = create_client(vault, {"name": "王流失"}, today=TODAY).id
    trashed = create_client(vault, {"name": "赵回收"}, today=TODAY).id
    recent = create_client(vault, {"name": "钱最近"}, today=TODAY).id
    kept = create_client(vault, {"name": "孙在册"}, today=TODAY).id
    mark_lost(vault, lost, lost_reasons(vault)[0], now=dt.datetime(2020, 1, 10, 9))
    trash_client(vault, trashed, now=dt.datetime(2020, 6, 1, 9))
    mark_lost(vault, recent, lost_reasons(vault)[0], now=dt.datetime(2025, 12, 1, 9))
    return lost, trashed, recent, kept


def test_past_retention_lists_ended_relationships_older_than_the_period(vault):
    lost, trashed, recent, _kept = _clients(vault)
    assert retention_days(vault, "clients") == 1825
    found = past_retention(vault, TODAY)
    assert [(p.client_id, p.why) for p in found] == [(lost, LOST), (trashed, TRASH)]
    assert found[0].due_on == dt.date(2025, 1, 8)
    vault.settings.set("retention_client_days", 30)
    assert [p.client_id for p in past_retention(vault, TODAY)] == [lost, trashed, recent]
    anonymise(vault, [lost], TODAY)
    assert [p.client_id for p in past_retention(vault, TODAY)] == [trashed, recent]


def test_the_policy_days_win_over_the_setting(vault, monkeypatch, tmp_path):
    lost, trashed, recent, _ = _clients(vault)
    vault.settings.set("retention_client_days", 36500)
    install(monkeypatch, tmp_path, {"retention": {"clients": 60}})
    assert retention_days(vault, "clients") == 60
    assert [p.client_id for p in past_retention(vault, TODAY)] == [lost, trashed, recent]


def test_the_trash_empties_itself_after_n_days(vault):
    old = create_client(vault, {"name": "周旧的"}, today=TODAY).id
    new = create_client(vault, {"name": "吴新的"}, today=TODAY).id
    trash_client(vault, old, now=NOW - dt.timedelta(days=31))
    trash_client(vault, new, now=NOW - dt.timedelta(days=29))
    assert housekeeping.empty_old_trash(vault, NOW) == 1
    assert housekeeping.trash_due(vault, NOW + dt.timedelta(days=2)) == [new]
    assert reading.entries(vault, action="trash_auto_empty")[0].counts == {"clients": 1, "rows": 1}
    assert housekeeping.empty_old_trash(vault, NOW) == 0
    assert len(reading.entries(vault, action="trash_auto_empty")) == 1  # nothing to do: no entry


def test_unlock_empties_the_old_trash(vault_dir, vault):
    gone = create_client(vault, {"name": "郑过期"}, today=TODAY).id
    trash_client(vault, gone, now=dt.datetime.now() - dt.timedelta(days=40))
    vault.lock()
    again = unlock(vault_dir, PASSWORD)
    try:
        assert housekeeping.trash_due(again, dt.datetime.now() + dt.timedelta(days=400)) == []
        assert reading.entries(again, action="trash_auto_empty")
    finally:
        again.lock()


def _backup(folder, when: dt.datetime):
    path = folder / backups.backup_name(when)
    path.write_bytes(b"x")
    return path


def test_backups_older_than_the_period_go_but_the_newest_stays(vault, tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    oldest = _backup(folder, NOW - dt.timedelta(days=800))
    old = _backup(folder, NOW - dt.timedelta(days=400))
    fresh = _backup(folder, NOW - dt.timedelta(days=10))
    assert housekeeping.expire_backups(vault, [folder], NOW) == 2
    assert not oldest.exists() and not old.exists() and fresh.exists()
    assert reading.entries(vault, action="backup_expire")[0].counts == {"rows": 2}
    lonely = tmp_path / "c"
    lonely.mkdir()
    last = _backup(lonely, NOW - dt.timedelta(days=900))
    assert housekeeping.expire_backups(vault, [lonely], NOW) == 0 and last.exists()
