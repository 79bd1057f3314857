"""A vault's files before it opens, and when it cannot open: an interrupted restore rolled back,
what killed backups and restores left behind, a missing database, damaged pages.

A restore swaps files under a journal (``.restore-journal``, written before anything moves and
removed as the commit point): the files it replaces are kept aside (``*.restore-old``) until the
journal is gone. Whatever point a kill or a power cut stopped it at, :func:`recover` at the next
unlock either puts every file back (journal present) or removes the leftovers (journal gone), so
the database and the header that opens it always belong together.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.vault.paths import VaultPaths
from rm_desktop.storage import atomic, backups, vault_lock
from rm_desktop.storage.db_errors import DamagedDatabase

log = logging.getLogger(__name__)
RESTORE_ASIDE = ".restore-old"  # vault.db → vault.db.restore-old while a restore puts the backup's in place
JOURNAL = ".restore-journal"
# Damaged pages, as a query finds them (DamagedDatabase) or the check before a backup (DamagedVault).
DAMAGED = (DamagedDatabase, backups.DamagedVault)


class DatabaseMissing(UserError):
    """The header is there, the database is not: opening would make a new, empty vault."""

    def __init__(self, paths: VaultPaths, latest: Path | None):
        self.latest = latest
        if latest is None:
            hint = t("也没有可用的备份。", "There is no backup to restore either.")
        else:
            hint = t(
                '请从最新备份恢复：rm-desktop-cli restore "{}"',
                'Restore the latest backup: rm-desktop-cli restore "{}"',
            ).format(latest)
        super().__init__(
            t(
                "档案库的数据库文件不见了：{}（不会新建一个空档案库）。",
                "The vault's database file is missing: {} (no new, empty vault is made in its place). ",
            ).format(paths.db)
            + hint
        )


def set_aside(path: Path) -> Path:
    """Where a restore keeps ``path`` until the backup's files are in place."""
    return path.with_name(path.name + RESTORE_ASIDE)


def swapped_files(paths: VaultPaths) -> list[Path]:
    """The files a restore replaces: the database, its log files and the header."""
    return [paths.db, *paths.sidecars(), paths.header]


def latest_backup(paths: VaultPaths) -> Path | None:
    found = backups.list_backups(paths.backups)
    return found[0].path if found else None


def begin_swap(paths: VaultPaths) -> None:
    """Write the journal, naming the files that exist now (those a roll-back puts back)."""
    existing = [path.name for path in swapped_files(paths) if path.exists()]
    atomic.atomic_write_bytes(paths.root / JOURNAL, json.dumps({"existed": existing}).encode())


def commit_swap(paths: VaultPaths) -> None:
    """The commit point (the journal goes), then the set-aside files."""
    if not atomic.remove(paths.root / JOURNAL):
        raise UserError(
            t("无法删除 {}：请关闭其他程序后重试。", "Cannot remove {}: close other programs and try again.").format(
                paths.root / JOURNAL
            )
        )
    _remove_aside(paths)


def _remove_aside(paths: VaultPaths) -> None:
    for path in swapped_files(paths):
        if not atomic.remove(set_aside(path)):
            log.warning("could not remove %s after a restore (removed at the next unlock)", set_aside(path).name)


def _existed(paths: VaultPaths) -> set[str]:
    try:
        return set(json.loads((paths.root / JOURNAL).read_text("utf-8"))["existed"])
    except (OSError, ValueError, KeyError, TypeError):
        # An unreadable journal (a power cut before its write was flushed): what was set aside existed.
        return {path.name for path in swapped_files(paths) if set_aside(path).exists()} | {paths.header.name}


def roll_back(paths: VaultPaths) -> list[tuple[Path, Path]]:
    """Put the vault's files back as the journal found them; returns (file, aside) pairs that
    could not be moved back (the journal then stays, for the next try)."""
    existed = _existed(paths)
    stuck = []
    for path in swapped_files(paths):
        aside = set_aside(path)
        try:
            if path.name not in existed:
                if not atomic.remove(path):  # the restored file where there was none
                    stuck.append((path, aside))
            elif aside.exists():
                atomic.replace(aside, path)
        except (OSError, UserError):
            stuck.append((path, aside))
    if not stuck:
        atomic.remove(paths.root / JOURNAL)
    return stuck


def finish_interrupted_restore(paths: VaultPaths) -> bool:
    """A restore that stopped (killed, a power cut): rolled back while its journal is there, else
    its leftovers removed. Only with the vault's lock held: no restore runs meanwhile. True when
    files were put back (the header may be another one now)."""
    if (paths.root / JOURNAL).exists():
        stuck = roll_back(paths)
        if stuck:
            raise UserError(
                t(
                    "上次恢复未完成，且无法将 {} 改回 {}：请关闭其他程序后重试。",
                    "An earlier restore did not finish, and {} cannot be renamed back to {}: close other "
                    "programs and try again.",
                ).format(stuck[0][1], stuck[0][0].name)
            )
        return True
    if paths.db.exists():
        _remove_aside(paths)
        return False
    if not set_aside(paths.db).exists():
        return False
    # Left by a restore from before the journal: its database went aside, none came back.
    for path in swapped_files(paths):
        if set_aside(path).exists() and not path.exists():
            atomic.replace(set_aside(path), path)
    return True


def remove_leftovers(paths: VaultPaths, hold: vault_lock.VaultHold | None) -> list[Path]:
    """Delete the temp files of killed backups and restores, only when no other program has the
    vault open (a backup running there writes such files); otherwise a later unlock does it.
    The vault is taken exclusively only when there is something to remove: most unlocks do not
    get in the way of a window or a command starting meanwhile."""
    folders = [paths.root, paths.backups]
    if not backups.temp_files(folders):
        return []
    try:
        with vault_lock.exclusive(paths.root, held=hold):
            return backups.remove_temp_files(folders)
    except vault_lock.VaultBusy:
        return []


def recover(paths: VaultPaths, hold: vault_lock.VaultHold | None) -> bool:
    """Before a vault opens (``hold``: its lock, held): an interrupted restore finished, leftovers
    removed; DatabaseMissing when the header is there but the database is gone. True when an
    interrupted restore was rolled back (read the header again)."""
    rolled_back = finish_interrupted_restore(paths)
    remove_leftovers(paths, hold)
    if paths.header.exists() and not paths.db.exists():
        raise DatabaseMissing(paths, latest_backup(paths))
    return rolled_back
