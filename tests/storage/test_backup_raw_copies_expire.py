"""The raw copies a restore leaves (before-restore-…) age out with the backups' retention period,
the newest one kept; they never count in, or take the place of, the checked backups."""

import datetime as dt

from rm_desktop.storage import backups

NOW = dt.datetime(2026, 12, 2, 9, 0)


def _file(folder, when: dt.datetime, kind: str):
    path = folder / backups.backup_name(when, kind=kind)
    path.write_bytes(b"x")
    return path


def test_old_raw_copies_go_and_the_newest_of_each_kind_stays(tmp_path):
    old_copy = _file(tmp_path, NOW - dt.timedelta(days=500), "before-restore")
    older_copy = _file(tmp_path, NOW - dt.timedelta(days=700), "before-restore")
    newest_copy = _file(tmp_path, NOW - dt.timedelta(days=400), "before-restore")
    backup = _file(tmp_path, NOW - dt.timedelta(days=600), "vault")  # the only backup: kept
    removed = backups.prune_older_than(tmp_path, NOW - dt.timedelta(days=365))
    assert sorted(removed) == sorted([old_copy, older_copy])
    assert newest_copy.exists() and backup.exists()
    assert [b.path for b in backups.list_backups(tmp_path)] == [backup]  # copies are not backups


def test_raw_copies_within_the_period_stay(tmp_path):
    copies = [_file(tmp_path, NOW - dt.timedelta(days=d), "before-restore") for d in (1, 2, 3)]
    assert backups.prune_older_than(tmp_path, NOW - dt.timedelta(days=365)) == []
    assert all(c.exists() for c in copies)
