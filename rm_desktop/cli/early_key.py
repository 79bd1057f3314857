"""The master password's key derivation begun at the CLI's start (issue 19.2).

Argon2id (~0.25 s with the real parameters; cryptography lets go of the GIL meanwhile) runs in a
thread while the command's modules (SQLAlchemy, the services) import, instead of after them.
cli/main begins it for a command when RM_DESKTOP_PASSWORD is set and a vault is where the
arguments point; common.open_vault hands it to the unlock, which takes the key only for the
header it reads itself (lifecycle.unlock ``derived``): another folder, or a header a recovery
rewrote meanwhile, and the key is wiped and derived there again, so what a command does or says
never depends on it. A key no unlock took is wiped when the command ends.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rm_desktop.security.hardening import secret_from, wipe

if TYPE_CHECKING:
    from rm_desktop.security.header import VaultHeader


class EarlyKey:
    """One derivation, in its own thread, for the vault in ``root`` (see the module's notes)."""

    def __init__(self, root: Path, password: str):
        self.root, self.password = root, password
        self._header: bytes | None = None  # the header the key was unwrapped from
        self._key: bytearray | None = None
        self._error: BaseException | None = None
        self._state = threading.Lock()
        self._dropped = False
        # Not a daemon, and end() waits for it: a daemon still inside Argon2 when the interpreter
        # finalises is stopped by a forced unwind through cryptography's native frames, and the
        # process aborts ("FATAL: exception not rethrown", exit -6) after an otherwise clean
        # command (seen once on a bad argument under load). A command that never unlocks so
        # waits for the derivation (~0.25 s at most with the real parameters) before it exits.
        self._thread = threading.Thread(target=self._derive, name="rm-early-key", daemon=False)
        self._thread.start()

    def _derive(self) -> None:
        from rm_desktop.security.header import VaultHeader
        from rm_desktop.services.vault.paths import VaultPaths

        try:
            header = VaultHeader.load(VaultPaths(self.root).header)
            self._header = header.to_bytes()
            key = secret_from(header.unwrap(self.password))
        except BaseException as exc:  # noqa: BLE001 - the unlock raises it, or meets it itself
            self._error = exc
            return
        with self._state:
            if self._dropped:
                wipe(key)
            else:
                self._key = key

    def for_header(self, header: VaultHeader) -> bytearray | None:
        """The key for ``header``, once (the caller owns it); None: unwrap it there. Raises what
        unwrapping this header raised (a wrong password)."""
        self._thread.join()
        if self._header is None or self._header != header.to_bytes():
            self.discard()
            return None
        if self._error is not None:
            raise self._error
        with self._state:
            key, self._key, self._dropped = self._key, None, True
        return key

    def discard(self) -> None:
        """Wipe the key now or, while it is still being derived, as soon as it is."""
        with self._state:
            self._dropped = True
            key, self._key = self._key, None
        if key is not None:
            wipe(key)

    def finish(self) -> None:
        """Discard the key and wait for the derivation to end (the command is done)."""
        self.discard()
        self._thread.join()


_early: EarlyKey | None = None


def _vault_option(argv: Sequence[str]) -> str | None:
    """The last ``--vault`` in ``argv`` (before ``--``), as argparse would take it; a guess is
    enough: a key derived for another folder is never used (:class:`EarlyKey`)."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--vault" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--vault="):
            found = arg.partition("=")[2]
    return found


def begin(argv: Sequence[str], password: str | None) -> None:
    """Start deriving the key from ``password`` (RM_DESKTOP_PASSWORD) when a vault is where
    ``argv`` points (cli/main)."""
    global _early
    if not password or _early is not None:
        return
    from rm_desktop.services.vault.paths import VaultPaths, resolve_vault_dir

    root = resolve_vault_dir(_vault_option(argv))
    if VaultPaths(root).header.is_file():
        _early = EarlyKey(root, password)


def end() -> None:
    """The command is done: a key no unlock took is wiped, and the derivation has ended."""
    global _early
    early, _early = _early, None
    if early is not None:
        early.finish()


def take(root: Path, password: str) -> EarlyKey | None:
    """The derivation begun for ``root`` and ``password`` (the caller discards it once the unlock
    is done), or None (none begun, or for another folder: that one is discarded)."""
    global _early
    early, _early = _early, None
    if early is not None and (early.root, early.password) != (root, password):
        early.discard()
        return None
    return early
