"""Password change and re-key: both put the database under a fresh random key (issue 13.3, 13.4).

A password change that only re-wrapped the same key kept the old password alive: any old backup
(its header wraps that same key) opened with the old password gave the key of the live vault. So
``passwd`` re-encrypts the database as a re-key does, and an old backup with the old password only
ever opens its own old data.

Both back up first, then re-encrypt into new files and swap them in through a journal
(storage/rekey_swap.py): a kill at any moment leaves a vault that exactly one key opens, the old
one before the commit point and the new one after it. Both are refused (VaultBusy) while another
program has the vault open: its connections hold the old key and the old file.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.security.hardening import scrub, secret_from, wipe
from rm_desktop.security.header import KEY_BYTES, VaultHeader
from rm_desktop.security.keystore import KeyStorage, KeyStore
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.vault.lifecycle import Vault, backup_now, check_new_password
from rm_desktop.storage import rekey_swap, vault_lock
from rm_desktop.storage.keyed import secure_memory_from_now

# How long the re-encryption waits for this program's other work on the vault (a GUI background
# task holding a connection) to end before it gives up, leaving everything as it was.
QUIET_WAIT_SECONDS = 3.0
POLL_SECONDS = 0.02


def change_password(vault: Vault, old: str, new: str, keystore: KeyStorage | None = None) -> None:
    """A new master password, and with it a new database key: afterwards neither the old
    password nor any backup made before opens the live vault."""
    with vault_lock.exclusive(vault.paths.root, held=vault.hold):
        scrub(vault.header.unwrap(old))  # only the check: the key bytes go at once
        check_new_password(new)
        _reencrypt(vault, new, keystore)
        _audit(vault, "password_change")


def rekey(vault: Vault, password: str, keystore: KeyStorage | None = None) -> None:
    """Encrypt the whole database under a fresh random key (after a suspected key leak); the
    password stays the same."""
    with vault_lock.exclusive(vault.paths.root, held=vault.hold):
        scrub(vault.header.unwrap(password))
        _reencrypt(vault, password, keystore)
        _audit(vault, "rekey")


def _audit(vault: Vault, action: str) -> None:
    """The entry goes into the re-encrypted database (a file swap has no transaction to share);
    a vault that locked during the swap has no open database to take it."""
    if not vault.locked:
        audit_log.record_now(vault, action)


def _reencrypt(vault: Vault, password: str, keystore: KeyStorage | None) -> None:
    engine = vault.engine  # VaultLocked if it locked before this started
    # Copies, wiped at the end: a lock meanwhile wipes the vault's own key, and the swap goes on.
    old_key = bytearray(vault.key)
    new_key = secret_from(secrets.token_bytes(KEY_BYTES))
    try:
        backup_now(vault)
        _swap(vault, engine, old_key, new_key, password, keystore)
    finally:
        wipe(old_key)
        wipe(new_key)


def _swap(
    vault: Vault, engine: Engine, old_key: bytearray, new_key: bytearray, password: str, keystore: KeyStorage | None
) -> None:
    paths = vault.paths
    header = VaultHeader.create(password, new_key, vault.header.kdf, vault.header.vault_id)
    with _quiet(engine):
        rekey_swap.prepare(paths.db, paths.header, old_key, new_key, header.to_bytes())
        try:
            rekey_swap.commit(paths.db, paths.header)
        except BaseException:
            if rekey_swap.journal_path(paths.db).exists():
                # Committed, the swap not finished (a file held open): the new key is the vault's
                # now, and the next unlock completes the swap. This open vault is done.
                vault.header = header
                vault.lock()
                _follow(vault, new_key, keystore)
            raise
        # The files are under the new key now: the header follows even when the vault locked
        # meanwhile (it then stays locked).
        vault.header = header
        vault._rekeyed(new_key)
    _follow(vault, new_key, keystore)


def _follow(vault: Vault, new_key: bytearray, keystore: KeyStorage | None) -> None:
    """The keyring copy follows the new key, if one was remembered on this PC."""
    store = keystore or KeyStore()
    remembered = store.load(vault.header.vault_id)
    if remembered is not None:
        wipe(remembered)
        store.save(vault.header.vault_id, new_key)


@contextmanager
def _quiet(engine: Engine) -> Iterator[None]:
    """No connection of ``engine`` open or opened while the files are re-encrypted and swapped.

    A write after the export would be lost with the old file, and an old connection closed after
    the swap would checkpoint and delete the ``-wal`` by name: the new file's. Checkouts are
    refused, the ones out are waited for (bounded), the idle ones closed. Other work on the vault
    in this program fails with a clear message meanwhile; after a failure the engine works again.
    """
    refusing = True

    def refuse(*_args: Any) -> None:
        if refusing:
            raise UserError(t("正在更换加密密钥，请稍后重试。", "The vault is being re-keyed; try again shortly."))

    event.listen(engine, "checkout", refuse)
    try:
        pool: Any = engine.pool  # a QueuePool (storage/db.py), which counts what is checked out
        deadline = time.monotonic() + QUIET_WAIT_SECONDS
        while pool.checkedout() > 0:
            if time.monotonic() > deadline:
                raise UserError(
                    t(
                        "档案库正被另一项任务使用，密钥未更换：请等任务结束后重试。",
                        "Another task is using the vault, so the key was not changed: wait for it to end and "
                        "try again.",
                    )
                )
            time.sleep(POLL_SECONDS)
        secure_memory_from_now()  # the old key's connections close here: freed zeroed (storage/db.py)
        engine.dispose()
        yield
    finally:
        refusing = False
