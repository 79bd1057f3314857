"""One owner per vault: OS file locks in the vault folder, so two programs never change the same
vault's files under each other (a second window writing into a database a restore replaced).

The locks live in ``<vault>/locks/``. Each is an OS lock (``flock``, ``LockFileEx``, through
``filelock``) that the system drops when its process ends, however it ends: the lock of a killed
app is simply free again, there is nothing stale to clean up by hand.

=========================  ==============  ==============  ======================
who                        ``owner.lock``  ``gate.lock``   ``cli-<pid>-*.lock``
=========================  ==============  ==============  ======================
the GUI, while unlocked    held            –               –
a CLI command              –               for a moment    its own, held
restore, re-key, passwd    held            held            no other one held
=========================  ==============  ==============  ======================

So one window per vault; any number of CLI commands beside it and beside each other; and the
operations that replace or re-encrypt the files run only when no other program has the vault
open. A CLI command passes the gate before it takes its own lock, so none can slip in while an
exclusive operation checks them. ``owner.json`` names the owner's PID and kind (gui or cli) for
the messages; a CLI lock's PID is in its file name.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.storage.atomic import atomic_write_bytes

log = logging.getLogger(__name__)

GUI = "gui"
CLI = "cli"
LOCK_DIR = "locks"
OWNER = "owner.lock"
OWNER_INFO = "owner.json"
GATE = "gate.lock"
USER_PREFIX = "cli-"
# Others hold the gate for a moment only (a CLI command taking its lock); an exclusive operation
# holds it throughout, and a CLI command gives up after this long with a message.
GATE_WAIT_SECONDS = 3.0
POLL_SECONDS = 0.02


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as far as known: ``pid`` and ``kind`` (GUI, CLI) may be None."""

    pid: int | None = None
    kind: str | None = None


class VaultBusy(UserError):
    """Another program (or window) has the vault: ``holder`` says who, as far as known."""

    def __init__(self, message: str, holder: Holder):
        super().__init__(message)
        self.holder = holder


def _pid(holder: Holder) -> str:
    return t("（进程 {}）", " (process {})").format(holder.pid) if holder.pid else ""


def _in_use(holder: Holder) -> VaultBusy:
    """The message when another holder keeps the owner lock or a CLI lock."""
    pid = _pid(holder)
    if holder.kind == GUI:
        message = t(
            "档案库已在 RM Desktop 窗口中打开{}：请切换到该窗口，或在那里锁定档案库后重试。",
            "The vault is already open in an RM Desktop window{}: switch to that window, or lock the vault "
            "there and try again.",
        ).format(pid)
    elif holder.kind == CLI:
        message = t(
            "档案库正被 rm-desktop-cli 命令使用{}：请等它结束后重试。",
            "The vault is in use by an rm-desktop-cli command{}: wait for it to finish and try again.",
        ).format(pid)
    else:
        message = t(
            "档案库正被另一个程序使用{}：请等它结束或将其关闭后重试。",
            "The vault is in use by another program{}: wait for it to finish, or close it, and try again.",
        ).format(pid)
    return VaultBusy(message, holder)


def _gate_busy(holder: Holder) -> VaultBusy:
    """The message when an exclusive operation (restore, re-key, passwd) runs meanwhile."""
    who = {GUI: t("RM Desktop 窗口", "the RM Desktop window"), CLI: "rm-desktop-cli"}.get(
        holder.kind or "", t("另一个程序", "another program")
    )
    return VaultBusy(
        t(
            "档案库正在恢复备份、更换密钥或更改主密码（{}{}）：请稍后重试。",
            "The vault is being restored, re-keyed or given a new password ({}{}): try again shortly.",
        ).format(who, t("，进程 {}", ", process {}").format(holder.pid) if holder.pid else ""),
        holder,
    )


def _lock_dir(root: Path) -> Path:
    folder = Path(root) / LOCK_DIR
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise UserError(
            t("无法在档案库文件夹中创建锁文件 {}：{}", "Cannot create the lock files in {}: {}").format(
                folder, exc.strerror or exc
            )
        ) from None
    return folder


def _take(path: Path, wait: float = 0.0) -> FileLock | None:
    """The lock on ``path``, or None when another holder keeps it (for ``wait`` seconds)."""
    # thread_local=False: the GUI takes the lock in the unlock worker and lets go on the UI thread.
    lock = FileLock(str(path), thread_local=False, mode=0o600)  # owner-only, like every vault file
    try:
        if wait > 0:
            lock.acquire(timeout=wait, poll_interval=POLL_SECONDS)
        else:
            lock.acquire(blocking=False)
    except Timeout:
        return None
    except OSError as exc:
        raise UserError(
            t("无法使用锁文件 {}：{}", "Cannot use the lock file {}: {}").format(path, exc.strerror or exc)
        ) from None
    return lock


def _read_owner(folder: Path) -> Holder:
    try:
        data = json.loads((folder / OWNER_INFO).read_text(encoding="utf-8"))
        pid, kind = data.get("pid"), data.get("kind")
        return Holder(pid if isinstance(pid, int) else None, kind if kind in (GUI, CLI) else None)
    except (OSError, ValueError, AttributeError):
        return Holder()  # not written yet, or by a version that wrote none


def _write_owner(folder: Path, kind: str) -> None:
    try:
        atomic_write_bytes(folder / OWNER_INFO, json.dumps({"pid": os.getpid(), "kind": kind}).encode())
    except (OSError, UserError):
        log.warning("could not write the vault lock's owner file")  # only the messages lose the PID


def _unlink(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # Windows: another process has it open (it is taken again, or removed next time)


def _user_pid(path: Path) -> int | None:
    digits = path.name.removeprefix(USER_PREFIX).split("-", 1)[0]
    return int(digits) if digits.isdigit() else None


class VaultHold:
    """What one open vault holds of its folder's locks; :meth:`release` lets go of all of them."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._owner: FileLock | None = None
        self._user: FileLock | None = None
        self._user_path: Path | None = None

    @property
    def is_owner(self) -> bool:
        return self._owner is not None

    def claim_owner(self, kind: str = GUI) -> None:
        """Take the owner lock (one GUI window per vault); VaultBusy when another program has it."""
        if self._owner is not None:
            return
        folder = _lock_dir(self.root)
        lock = _take(folder / OWNER)
        if lock is None:
            raise _in_use(_read_owner(folder))
        self._owner = lock
        _write_owner(folder, kind)

    def _join_users(self) -> None:
        """Take this process's own CLI lock, past the gate (refused while an exclusive operation runs)."""
        folder = _lock_dir(self.root)
        gate = _take(folder / GATE, GATE_WAIT_SECONDS)
        if gate is None:
            raise _gate_busy(_read_owner(folder))
        try:
            path = folder / f"{USER_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.lock"
            lock = _take(path)
            if lock is None:  # a fresh name nobody else uses: cannot happen, said all the same
                raise _in_use(Holder(os.getpid(), CLI))
            self._user, self._user_path = lock, path
        finally:
            gate.release()

    def _release_owner(self) -> None:
        lock, self._owner = self._owner, None
        if lock is not None:
            _unlink(self.root / LOCK_DIR / OWNER_INFO)  # before the lock goes: a new owner's file stays
            lock.release()

    def release(self) -> None:
        self._release_owner()
        lock, path = self._user, self._user_path
        self._user = self._user_path = None
        if lock is not None and path is not None:
            lock.release()
            _unlink(path)


def hold_owner(root: Path, kind: str = GUI) -> VaultHold:
    """The GUI's hold while unlocked: the owner lock. VaultBusy when another window or an
    exclusive operation (restore, re-key, passwd) has the vault."""
    hold = VaultHold(root)
    hold.claim_owner(kind)
    return hold


def hold_user(root: Path) -> VaultHold:
    """A CLI command's hold: beside the GUI and other commands, not during an exclusive operation."""
    hold = VaultHold(root)
    hold._join_users()
    return hold


@contextlib.contextmanager
def exclusive(root: Path, kind: str = CLI, held: VaultHold | None = None) -> Iterator[None]:
    """The vault to oneself for the block (restore, re-key, passwd): the owner lock (``held``'s,
    when the caller is the owner already), the gate, and no CLI lock held but ``held``'s own.
    VaultBusy, saying who has the vault, when any other program does."""
    folder = _lock_dir(root)
    taken: VaultHold | None = None
    if held is None or not held.is_owner:
        taken = hold_owner(root, kind)
    try:
        gate = _take(folder / GATE, GATE_WAIT_SECONDS)
        if gate is None:  # CLI commands kept passing it the whole time
            raise _in_use(Holder(kind=CLI))
        try:
            own = held._user_path if held is not None else None
            for path in sorted(folder.glob(f"{USER_PREFIX}*.lock")):
                if path == own:
                    continue
                lock = _take(path)
                if lock is None:
                    raise _in_use(Holder(_user_pid(path), CLI))
                lock.release()  # left by a process that ended without letting go (killed)
                _unlink(path)
            yield
        finally:
            gate.release()
    finally:
        if taken is not None:
            taken.release()


def remove_lock_files(root: Path) -> None:
    """Delete the lock folder of a vault being discarded (a failed create); nothing may hold it."""
    folder = Path(root) / LOCK_DIR
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        _unlink(path)
    try:
        folder.rmdir()
    except OSError:
        pass


# A second window cannot open a vault the first one owns; it asks the first one to come forward
# instead (where the platform lets a window raise itself). The request is a file in locks/ that
# the owner window watches: no socket, so nothing listens on the machine for it.
FORWARD_REQUEST = "forward-request"


def request_forward(root: Path) -> bool:
    """Ask the window that owns the vault in ``root`` to come forward; False if it cannot be asked."""
    try:
        atomic_write_bytes(_lock_dir(root) / FORWARD_REQUEST, str(os.getpid()).encode("ascii"))
    except (OSError, UserError):
        return False
    return True


def take_forward_request(root: Path) -> bool:
    """Whether a request to come forward was waiting (it is taken away: one request, one raise)."""
    try:
        (Path(root) / LOCK_DIR / FORWARD_REQUEST).unlink()
    except OSError:  # none waiting, or another look at the folder took it first
        return False
    return True
