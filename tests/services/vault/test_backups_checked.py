"""Backups are checked (issue 13.5): a damaged vault writes no backup and rotates none away, a
damaged backup is refused before a restore replaces anything, and the temp files of killed
backups and restores go at the next unlock (only when no other program has the vault open)."""

from __future__ import annotations

import zipfile

import pytest

from rm_desktop.services.clients import files as clients
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault.maintenance import restore
from rm_desktop.storage import backups, vault_lock
from rm_desktop.storage.db_errors import DamagedDatabase
from tests.conftest import PASSWORD
from tests.damage import damage_pages, fingerprint


@pytest.fixture
def filled(vault):
    for i in range(300):
        clients.create_client(vault, {"name": f"客户{i:03d}"})
    return vault


def test_a_damaged_vault_writes_no_backup_and_keeps_the_good_ones(filled, vault_dir):
    filled.settings.set("backups_kept", 2)
    good = [vs.backup_now(filled) for _ in range(2)]
    before = fingerprint(vault_dir / "backups")
    filled.lock()
    damage_pages(vault_dir / "vault.db", 0.85, 0.95)  # the rows written last: it opens
    damaged = vs.unlock(vault_dir, PASSWORD, backup=False)  # page 1 is sound: it opens
    try:
        with pytest.raises(backups.DamagedVault, match="未写入新备份"):
            vs.backup_now(damaged)
    finally:
        damaged.lock()
    assert fingerprint(vault_dir / "backups") == before  # nothing written, nothing rotated away
    assert [b.path for b in backups.list_backups(vault_dir / "backups")] == sorted(good, reverse=True)
    with pytest.raises(backups.DamagedVault):
        vs.unlock(vault_dir, PASSWORD)  # the backup at unlock refuses too, and the unlock with it
    assert fingerprint(vault_dir / "backups") == before
    damage_pages(vault_dir / "vault.db")  # the middle, schema pages among them: it does not open
    with pytest.raises(DamagedDatabase, match="已损坏"):
        vs.unlock(vault_dir, PASSWORD)
    assert fingerprint(vault_dir / "backups") == before


def test_check_database_names_damaged_pages(filled, vault_dir, tmp_path):
    copy = tmp_path / "copy.db"
    key = bytes(filled.key)
    target = vs.backup_now(filled, tmp_path / "b.rmbak")
    with zipfile.ZipFile(target) as zf:
        copy.write_bytes(zf.read(backups.DB_MEMBER))
    assert backups.check_database(copy, key) == []
    damage_pages(copy, 0.85, 0.95)
    problems = backups.check_database(copy, key)
    assert problems and any("HMAC" in p or "malformed" in p for p in problems)


def _damaged_backup(source, target, tmp_path, *, recrc):
    """``source`` with bytes overwritten in its database member. ``recrc``: zipped again, so the zip's
    CRC fits (a backup written by a version without the check); else its CRC tells."""
    db = tmp_path / "member.db"
    with zipfile.ZipFile(source) as zf:
        header = zf.read(backups.HEADER_MEMBER)
        db.write_bytes(zf.read(backups.DB_MEMBER))
        info = zf.getinfo(backups.DB_MEMBER)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    if recrc:
        damage_pages(db, 0.85, 0.95)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(backups.HEADER_MEMBER, header)
            zf.write(db, backups.DB_MEMBER)
    else:
        data = bytearray(source.read_bytes())
        data[start + info.file_size // 2 : start + info.file_size // 2 + 4096] = b"\xaa" * 4096
        target.write_bytes(bytes(data))
    return target


def test_restore_refuses_a_damaged_backup_before_replacing_anything(filled, vault_dir, tmp_path):
    snapshot = vs.backup_now(filled)
    filled.lock()
    before = fingerprint(vault_dir)
    with pytest.raises(backups.BackupError, match="备份已损坏"):  # the page check
        restore(vault_dir, _damaged_backup(snapshot, tmp_path / "bad.rmbak", tmp_path, recrc=True), password=PASSWORD)
    assert fingerprint(vault_dir) == before  # no safety backup, no swap, no temp file
    with pytest.raises(backups.BackupError, match="备份文件无法读取或已损坏"):  # the zip's CRC
        restore(vault_dir, _damaged_backup(snapshot, tmp_path / "crc.rmbak", tmp_path, recrc=False), password=PASSWORD)
    assert fingerprint(vault_dir) == before


LEFTOVERS = (
    "backups/.backup-abc123.db",
    "backups/.backup-abc123.db-journal",
    "backups/.vault-20261201-101010-000001.rmbak.x1y2.tmp",
    ".restore-def456.db",
    ".restore-def456.db-wal",
    ".vault.db.q9w8.tmp",
)


def test_killed_backups_and_restores_leave_nothing_after_the_next_unlock(vault, vault_dir):
    vault.lock()
    (vault_dir / "backups").mkdir(exist_ok=True)
    for name in LEFTOVERS:
        (vault_dir / name).write_bytes(b"half written")
    other = vault_lock.hold_user(vault_dir)  # another command has the vault: its backup may be running
    try:
        vs.unlock(vault_dir, PASSWORD, backup=False).lock()
        assert all((vault_dir / name).exists() for name in LEFTOVERS)
    finally:
        other.release()
    vs.unlock(vault_dir, PASSWORD, backup=False).lock()
    assert not [name for name in LEFTOVERS if (vault_dir / name).exists()]
    assert (vault_dir / "vault.db").exists() and (vault_dir / "vault.header").exists()
