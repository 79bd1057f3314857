"""The GUI's hold on the vault: unlock, lock, and the signals the window and pages follow."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal

from rm_desktop.security.hardening import overwrite_free_memory
from rm_desktop.services.vault.driver_vault import DriverVault, NotOnDriver, open_for_window
from rm_desktop.services.vault.paths import VaultPaths
from rm_desktop.ui.widgets.tasks import LOCK_WAIT_SECONDS, cancel_and_wait, jobs_for

if TYPE_CHECKING:
    # (lifecycle imports SQLAlchemy and the ORM: the keyring unlock's first step and the list's
    # first page need neither, so they load after the first paint; issue 19.1)
    from rm_desktop.services.vault import lifecycle as vs

log = logging.getLogger(__name__)


def full_vault(opened: Any, *, close: bool = True) -> vs.Vault:
    """The full vault (engine, sessions) of what an unlock gave: a vault the early unlock opened
    on the bare driver is made full (lifecycle.unlock_from_driver) and, with ``close``, closed
    once handed over (the caller closes it otherwise, once nothing reads through it); given up
    when that fails. A full vault is returned as it is."""
    if not isinstance(opened, DriverVault):
        return opened
    from rm_desktop.services.vault import lifecycle

    try:
        vault = lifecycle.unlock_from_driver(opened)
    except BaseException:
        opened.discard()
        raise
    if close:
        opened.close_handed_over()
    return vault


def give_up(opened: Any) -> None:
    """An opened vault nobody takes: the early one on the driver wrote nothing (no entries), a
    full one is locked (its ``lock`` entry follows its ``unlock``)."""
    if isinstance(opened, DriverVault):
        opened.discard()
    else:
        opened.lock()


def remembered_area() -> str:
    """The key of the navigation area the window was closed on ("" when none was saved by key):
    the window opens on it (main_window), and app.py reads its first page with the early unlock."""
    return str(QSettings().value("window/page_key", ""))


def read_quietly(read: Callable[[Any], object] | None, vault: Any) -> object:
    """A page's read at the unlock, or None: any failure leaves the page to read for itself
    (and say so) once attached; the unlock itself goes on."""
    if read is None:
        return None
    try:
        return read(vault)
    except Exception as exc:  # noqa: BLE001 - the page's own read reports it
        log.info("read at unlock skipped: %s", type(exc).__name__)
        return None


class _EarlyOpen:
    """The keyring unlock begun in a plain thread while the window is still being built (issue
    19.1): its key store, lock file, database and schema check overlap the window's construction
    on the main thread instead of following it; so does ``read(vault)`` (the client list's first
    page), when given. ``result()`` waits for it and returns the vault (a DriverVault, or a full
    one when the driver could not: :func:`full_vault`) and ``(read, what it read)`` or raises what
    the unlock raised, once; ``discard()`` gives up a vault nobody took."""

    def __init__(self, open_vault, read: Callable[[Any], object] | None = None):
        self._open = open_vault
        self._read = read
        self._vault: Any = None
        self._got: object = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="rm-early-unlock")
        self._thread.start()

    def _run(self) -> None:
        try:
            self._vault = self._open()
        except BaseException as exc:  # noqa: BLE001 - handed to the window's unlock as its own
            self._error = exc
            return
        self._got = read_quietly(self._read, self._vault)

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> tuple[Any, tuple[object, object]]:
        self._thread.join()
        vault, error, self._vault, self._error = self._vault, self._error, None, None
        got, self._got = self._got, None
        if error is not None:
            raise error
        assert vault is not None
        return vault, (self._read, got)

    def discard(self) -> None:
        self._thread.join()
        vault, self._vault, self._error, self._got = self._vault, None, None, None
        if vault is not None:
            give_up(vault)


class VaultSession(QObject):
    unlocked = Signal(object)  # the Vault
    locked = Signal()

    def __init__(self, root: Path, parent: QObject | None = None, *, keystore=None):
        super().__init__(parent)
        self.root = Path(root)
        self.vault: vs.Vault | None = None
        self.keystore = keystore
        self.demo_password: str | None = None
        self.lock_wait_seconds = LOCK_WAIT_SECONDS
        self._locking = False
        self._early: _EarlyOpen | None = None
        self._early_read: tuple[object, object] = (None, None)  # (the read, what it read)

    @property
    def open_vault(self) -> vs.Vault | None:
        """The vault while it is open and not being locked (a lock waits for the vault's jobs
        with events processed: work deferred to then must not start)."""
        return None if self._locking else self.vault

    @property
    def paths(self) -> VaultPaths:
        return VaultPaths(self.root)

    def exists(self) -> bool:
        return self.paths.exists()

    # open_*: the slow part of an unlock (key derivation; a migration and its backup when one is
    # due). They touch no widget, so they run off the UI thread; adopt() then hands the vault over.
    # The day's housekeeping waits for the window's first paint (main_window, vs.housekeep).
    # The window owns the vault while unlocked (storage/vault_lock.py): VaultBusy when another
    # window has it open, or a restore or re-key runs.
    def open_with_keyring(self) -> Any:
        """Raises NeedPassword when the keyring has no usable key. The unlock begun early
        (:meth:`begin_keyring_open`), when there is one, is this call's: it may give the vault on
        the bare driver (:func:`full_vault` makes it full)."""
        early, self._early = self._early, None
        if early is None:
            return self._keyring_unlock()
        vault, self._early_read = early.result()
        return vault

    def take_early_read(self, read: Callable[[vs.Vault], object] | None) -> object:
        """What the early unlock read with a read equal to ``read`` (the shown page's), else None
        (asked once, on the thread that took the vault: :meth:`open_with_keyring`)."""
        (done, got), self._early_read = self._early_read, (None, None)
        return got if read is not None and done == read else None

    def _keyring_unlock(self) -> vs.Vault:
        from rm_desktop.services.vault import lifecycle as vs

        return vs.unlock(self.root, None, keystore=self.keystore, backup=False, owner=True, housekeeping=False)

    def begin_keyring_open(self, read: Callable[[vs.Vault], object] | None = None) -> None:
        """Start the keyring unlock now, in the background; the window's ``start()`` takes its
        result (app.main: before the window is built, which then costs the start-up nothing).
        ``read(vault)`` runs right after it there: the first page of the list the window will
        show, which then waits for nothing once the window is built (:meth:`take_early_read`)."""
        if self._early is None and self.vault is None:
            self._early = _EarlyOpen(self._early_keyring_open, read)

    def _early_keyring_open(self) -> Any:
        """On the bare driver (no SQLAlchemy before the first paint: driver_vault.open_for_window);
        the full unlock when the driver cannot (a schema upgrade and its backup, a missing vault)."""
        try:
            return open_for_window(self.root, self.keystore)
        except NotOnDriver:
            return self._keyring_unlock()

    def early_open_done(self) -> bool:
        """Whether an unlock begun early has finished (its vault, or its error, waits to be taken)."""
        return self._early is not None and self._early.done()

    def early_open_pending(self) -> bool:
        """Whether an unlock begun early is still running."""
        return self._early is not None and not self._early.done()

    def discard_early_open(self) -> None:
        """A vault the early unlock opened and no window took is locked (the start failed)."""
        early, self._early = self._early, None
        if early is not None:
            early.discard()

    def open_with_password(self, password: str, remember: bool) -> vs.Vault:
        from rm_desktop.services.vault import lifecycle as vs

        return vs.unlock(
            self.root, password, remember=remember, keystore=self.keystore, backup=False, owner=True, housekeeping=False
        )

    def unlock_with_keyring(self) -> vs.Vault:
        return self._opened(full_vault(self.open_with_keyring()))

    def unlock(self, password: str, remember: bool) -> vs.Vault:
        return self._opened(self.open_with_password(password, remember))

    def adopt(self, vault: vs.Vault) -> vs.Vault:
        """Take over a vault opened elsewhere (first run, demo); it becomes this window's own
        (VaultBusy, and the vault locked, when another window has it meanwhile)."""
        try:
            vault.claim_owner()
        except BaseException:
            vault.lock()
            raise
        return self._opened(vault)

    def _opened(self, vault: vs.Vault) -> vs.Vault:
        self.vault = vault
        self.unlocked.emit(vault)
        return vault

    def lock(self) -> None:
        """Ctrl+L, the idle timer and quitting all end here. The vault's background jobs are
        cancelled and awaited first (at most ``lock_wait_seconds``, events processed but no
        input), then the pages let go, then the vault locks: whatever still runs gets VaultLocked."""
        if self.vault is None or self._locking:
            return
        self._locking = True
        try:
            vault = self.vault
            cancel_and_wait(jobs_for(vault), self.lock_wait_seconds)
            self.vault = None
            self.locked.emit()  # pages drop their models before the engine goes away
            vault.lock()
            del vault
            overwrite_free_memory()  # the freed Python strings of client data, zeroed (best effort)
        finally:
            self._locking = False
