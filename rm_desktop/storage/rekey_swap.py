"""Re-encrypting the vault without a moment in which no password opens it (issue 13.4).

The database is never re-keyed in place: a kill between ``PRAGMA rekey`` and the header's save
left a file under the new key with a header still wrapping the old one. Instead:

1. :func:`prepare` exports every row (``sqlcipher_export``) into ``vault.db.rekey-new`` under the
   new key and writes the header wrapping that key beside it, ``vault.header.rekey-new``; both are
   fsynced, and the new database is checked (``quick_check``) before anything depends on it.
2. :func:`commit` writes ``rekey.journal`` atomically: the commit point. Before it the old files
   are the vault, after it the new ones are. It then finishes the swap (:func:`recover`).
3. Finishing deletes the old database's ``-wal``/``-shm`` (an old log must never meet the new
   file), renames the new database and then the new header over the old ones and deletes the
   journal. Every step can be done again: unlock replays it after a kill (:func:`recover`).

Without a journal, leftover ``*.rekey-new`` files are an unfinished attempt and are deleted. The
journal names the old and the new database file (inode, size, mtime), so a swap whose database was
replaced meanwhile (a restore) is dropped instead of being finished over the other file.

The caller holds the vault's exclusive lock, and no connection to the old file may be open at the
commit point (the last one to close would delete the ``-wal`` by name: the new file's).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3
from filelock import FileLock, Timeout

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.storage import atomic, vault_lock
from rm_desktop.storage.keyed import attach_keyed, raw_connect

log = logging.getLogger(__name__)

NEW = ".rekey-new"
JOURNAL = "rekey.journal"
REPLAY_LOCK = "rekey-replay.lock"
REPLAY_WAIT_SECONDS = 30.0
FORMAT = "rm-desktop-rekey-journal"
SIDECARS = ("-wal", "-shm")


def new_file(path: Path) -> Path:
    return path.with_name(path.name + NEW)


def journal_path(db: Path) -> Path:
    return db.with_name(JOURNAL)


def _leftovers(db: Path, header: Path) -> list[Path]:
    """Everything an unfinished attempt can leave: the new files, the export's rollback journal
    and the temp files of interrupted atomic writes."""
    new_db, new_header = new_file(db), new_file(header)
    temps = [*db.parent.glob(f".{new_header.name}.*.tmp"), *db.parent.glob(f".{JOURNAL}.*.tmp")]
    return [new_db, new_db.with_name(new_db.name + "-journal"), new_header, *temps]


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (POSIX; Windows has no directory handle to flush)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _identity(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def discard(db: Path, header: Path) -> None:
    """Remove what an attempt that never reached its commit point left."""
    for path in _leftovers(db, header):
        if path.exists() and not atomic.remove(path):
            log.warning("could not remove %s of an unfinished re-key", path.name)


def prepare(
    db: Path, header: Path, old_key: bytes | bytearray, new_key: bytes | bytearray, header_bytes: bytes
) -> None:
    """Write the new database (``db``'s rows under ``new_key``) and the new header, both synced.

    The vault itself is only read; a failure leaves no new file behind (UserError)."""
    if journal_path(db).exists():  # a committed swap not finished yet: unlock finishes it first
        raise _cannot_finish(db)
    discard(db, header)
    new_db = new_file(db)
    try:
        # Created owner-only and empty (SQLite takes an empty file as a new database); its
        # rollback journal gets the same mode.
        os.close(os.open(new_db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        _export(db, old_key, new_db, new_key)
        _check(new_db, new_key)
        with open(new_db, "rb") as handle:
            os.fsync(handle.fileno())
        atomic.atomic_write_bytes(new_file(header), header_bytes)
        _sync_folder(db.parent)
    except BaseException as exc:
        discard(db, header)
        if isinstance(exc, OSError | sqlcipher3.Error):
            raise _not_written(db.parent, exc) from None
        raise


def _export(db: Path, old_key: bytes | bytearray, new_db: Path, new_key: bytes | bytearray) -> None:
    """Every table, index, trigger and the FTS tables of ``db`` into ``new_db`` under ``new_key``.
    Reads through the -wal, so the copy has every committed row."""
    source = raw_connect(str(db), old_key)
    try:
        attach_keyed(source, str(new_db), "rekeyed", new_key)  # the key in no SQL text and no str
        # The export commits each of ~70 CREATEs on its own: with a rollback journal and fsyncs
        # that was 1.1 s for a small vault (0.2 s without). Neither is needed for a file that is
        # thrown away unless complete: prepare() fsyncs it once, before the commit point.
        source.execute("PRAGMA rekeyed.journal_mode = OFF")
        source.execute("PRAGMA rekeyed.synchronous = OFF")
        source.execute("SELECT sqlcipher_export('rekeyed')")
        source.execute("DETACH DATABASE rekeyed")
    finally:
        source.close()


def _check(new_db: Path, new_key: bytes | bytearray) -> None:
    conn = raw_connect(str(new_db), new_key)
    try:
        result = [row[0] for row in conn.execute("PRAGMA quick_check")]
    finally:
        conn.close()
    if result != ["ok"]:
        raise UserError(
            t(
                "重新加密后的数据库未通过检查，档案库保持原样。",
                "The re-encrypted database failed its check; the vault is unchanged.",
            )
        )


def _not_written(folder: Path, exc: BaseException) -> UserError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return UserError(
        t(
            "无法在 {} 中写入重新加密的副本（{}），档案库保持原样。",
            "Cannot write the re-encrypted copy in {} ({}); the vault is unchanged.",
        ).format(folder, reason)
    )


def commit(db: Path, header: Path) -> None:
    """The commit point (the journal), then the swap itself. Before the journal is in place a
    failure leaves the vault as it was; from then on the new files are the vault, and a swap
    that cannot finish now (a file held open) is finished at the next unlock."""
    journal = journal_path(db)
    new_db = new_file(db)
    record = {"format": FORMAT, "old_db": _identity(db), "new_db": _identity(new_db)}
    if record["new_db"] is None or not new_file(header).exists():
        raise UserError(
            t(
                "更换密钥的新文件不完整，档案库保持原样。",
                "The re-key's new files are incomplete; the vault is unchanged.",
            )
        )
    try:
        atomic.atomic_write_bytes(journal, json.dumps(record).encode("utf-8"))
    except (OSError, UserError) as exc:
        discard(db, header)  # the atomic writer left no journal: not committed
        raise _not_written(db.parent, exc) from None
    _sync_folder(db.parent)
    recover(db, header)


def _read_journal(path: Path) -> dict:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("format")
        return data
    except (OSError, ValueError, UnicodeDecodeError):
        raise UserError(
            t(
                "更换密钥的日志文件已损坏：{}（请联系 IT，勿删除 *.rekey-new 文件）。",
                "The re-key journal is damaged: {} (contact IT; do not delete the *.rekey-new files).",
            ).format(path)
        ) from None


def recover(db: Path, header: Path) -> bool:
    """Finish a committed swap, or drop an unfinished attempt. True when the files changed to the
    new key (the caller reads the header again). Only with the vault's lock held."""
    journal = journal_path(db)
    if not journal.exists():
        # No re-key runs now (it holds the vault exclusively), so these are a dead one's.
        discard(db, header)
        return False
    # Two commands unlocking at once (each holds the vault shared) must not both finish it: one
    # could see the new file gone (renamed by the other) and drop the new header as stale.
    with _replaying(db.parent):
        if not journal.exists():
            return True  # finished beside us meanwhile
        return _finish(db, header, journal)


@contextmanager
def _replaying(folder: Path) -> Iterator[None]:
    locks = folder / vault_lock.LOCK_DIR
    try:
        locks.mkdir(mode=0o700, exist_ok=True)
        lock = FileLock(str(locks / REPLAY_LOCK), thread_local=False, mode=0o600)
        lock.acquire(timeout=REPLAY_WAIT_SECONDS)
    except (Timeout, OSError):
        raise UserError(
            t(
                "另一个程序正在完成上次的更换密钥，请稍后重试。",
                "Another program is finishing an earlier re-key; try again shortly.",
            )
        ) from None
    try:
        yield
    finally:
        lock.release()


def _finish(db: Path, header: Path, journal: Path) -> bool:
    data = _read_journal(journal)
    new_db, new_header = new_file(db), new_file(header)
    if new_db.exists():
        if _identity(new_db) != data.get("new_db") or _identity(db) not in (data.get("old_db"), None):
            return _drop_stale(db, header, journal)
        for suffix in SIDECARS:  # the old file's log: all of its rows are in the new file
            sidecar = db.with_name(db.name + suffix)
            if sidecar.exists() and not atomic.remove(sidecar):
                raise _cannot_finish(sidecar)
        _rename(new_db, db)
    if new_header.exists():
        if _identity(db) != data.get("new_db"):
            return _drop_stale(db, header, journal)
        _rename(new_header, header)
    _sync_folder(db.parent)
    atomic.remove(journal)
    _sync_folder(db.parent)
    return True


def _drop_stale(db: Path, header: Path, journal: Path) -> bool:
    """The database is neither the old nor the new file of the journal (a restore replaced it):
    the swap no longer applies to it."""
    log.warning("a re-key journal did not match the database any more; dropped")
    discard(db, header)
    atomic.remove(journal)
    return False


def _rename(source: Path, target: Path) -> None:
    try:
        atomic.replace(source, target)
    except (OSError, UserError):
        raise _cannot_finish(target) from None


def _cannot_finish(path: Path) -> UserError:
    return UserError(
        t(
            "更换密钥已提交，但 {} 暂时无法替换：请关闭其他程序后重新解锁，解锁时会完成替换。",
            "The re-key is committed, but {} cannot be replaced yet: close other programs and unlock "
            "again, which finishes it.",
        ).format(path)
    )
