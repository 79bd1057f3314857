"""The one way to run slow work off the UI thread (after Anki's CollectionOp).

A task is a plain function ``fn(progress) -> result`` from the services. ``progress(done, total)``
reports and returns False once the user pressed Cancel; the function then raises
:class:`Cancelled` (or returns early) and rolls back its own transaction. Errors that are
``UserError`` become a message box; the finished callback runs on the UI thread.

A job started with ``vault=`` belongs to that vault: before the vault locks, the shell calls
:func:`cancel_and_wait` on :func:`jobs_for` it, which cancels those jobs and waits (bounded) for
them to end. A job stopped that way, or one whose vault is locked by the time it reports, ends
quietly: its callbacks do not run (the pages detach next, and a callback could open a dialog
over the lock screen). A :class:`VaultLocked` error is a quiet end too, logged by type only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from rm_desktop.domain.errors import Cancelled, UserError, VaultLocked

log = logging.getLogger(__name__)


# Jobs still running. Without a strong reference a job (its runnable, its signals object and the
# callbacks that close over it form a cycle) can be collected by Python's cyclic GC before its
# result is delivered: the view then waits forever ("Signal source has been deleted").
_RUNNING: set = set()

# How long a lock waits for the vault's jobs to end once they were told to cancel.
LOCK_WAIT_SECONDS = 5.0


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Callable[[int, int], bool]], Any], vault: object | None = None):
        super().__init__()
        self.fn = fn
        self.vault = vault
        self.signals = _Signals()
        self.cancel_event = threading.Event()
        self.ended = threading.Event()  # fn returned or raised (set in the worker thread)
        self.quiet = False  # stopped by cancel_and_wait: its outcome is not delivered

    @property
    def running(self) -> bool:
        """Until its outcome has been handled on the UI thread."""
        return self in _RUNNING

    def _silenced(self) -> bool:
        return self.quiet or bool(getattr(self.vault, "locked", False))

    def report(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancel_event.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.report)
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, shown or logged there
            self.ended.set()
            self.signals.failed.emit(exc)
        else:
            self.ended.set()
            self.signals.finished.emit(result)


Job = _Runnable  # what run_task returns, for callers that keep it


def run_task(
    parent: QWidget | None,
    title: str,
    fn,
    on_done: Callable[[Any], None] | None = None,
    *,
    on_error: Callable[[Exception], None] | None = None,
    modal: bool = True,
    cancellable: bool = True,
    vault: object | None = None,
) -> _Runnable:
    """Start ``fn`` in the thread pool with a progress dialog (shown after 400 ms).

    ``vault``: the vault ``fn`` works on; the job is then cancelled and awaited before it locks.
    """
    job = _Runnable(fn, vault)
    job.setAutoDelete(False)  # Python owns it; released from _RUNNING when it reports
    dialog = None
    if modal:
        dialog = QProgressDialog(
            title, QCoreApplication.translate("Tasks", "取消") if cancellable else "", 0, 0, parent
        )
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(job.cancel_event.set)
        shown = dialog

        def show_progress(done: int, total: int) -> None:
            shown.setMaximum(max(total, 0))
            shown.setValue(done)

        job.signals.progress.connect(show_progress)

    def finish(result):
        _RUNNING.discard(job)
        if dialog:
            dialog.close()
        if job._silenced():
            log.info("task result dropped: its vault is locking or locked")
            return
        if job.cancel_event.is_set() and isinstance(result, Cancelled):
            return
        if on_done:
            on_done(result)

    def fail(exc):
        _RUNNING.discard(job)
        if dialog:
            dialog.close()
        if isinstance(exc, VaultLocked) or job._silenced():
            if isinstance(exc, UserError):  # VaultLocked, or the Cancelled the lock asked for
                log.info("task ended as its vault locked: %s", type(exc).__name__)
            else:
                log.error("task failed as its vault locked: %s", type(exc).__name__, exc_info=exc)
            return
        if on_error:
            on_error(exc)  # a Cancelled too: the caller says what its cancel left unchanged
        elif isinstance(exc, Cancelled):
            return
        elif isinstance(exc, UserError):
            QMessageBox.warning(parent, title, str(exc))
        else:
            log.error("task failed: %s", type(exc).__name__, exc_info=exc)
            QMessageBox.critical(
                parent, title, QCoreApplication.translate("Tasks", "出现意外错误：{}").format(type(exc).__name__)
            )

    job.signals.finished.connect(finish)
    job.signals.failed.connect(fail)
    _RUNNING.add(job)
    QThreadPool.globalInstance().start(job)
    return job


def jobs_for(vault: object) -> list[_Runnable]:
    """The jobs still running that were started for ``vault``."""
    return [job for job in _RUNNING if job.vault is vault]


def cancel_and_wait(jobs: Iterable[_Runnable], timeout: float = LOCK_WAIT_SECONDS, *, quiet: bool = True) -> bool:
    """Cancel ``jobs`` (their ``progress()`` returns False) and wait until each has ended and its
    outcome was handled, at most ``timeout`` seconds. Events are processed meanwhile, but no user
    input. ``quiet``: their callbacks do not run. Returns False if some job is still running."""
    pending = [job for job in jobs if job.running]
    for job in pending:
        job.quiet = job.quiet or quiet
        job.cancel_event.set()
    deadline = time.monotonic() + timeout
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        pending = [job for job in pending if job.running]
        left = deadline - time.monotonic()
        if not pending or left <= 0:
            break
        busy = next((job for job in pending if not job.ended.is_set()), None)
        if busy is not None:
            busy.ended.wait(min(left, 0.05))  # the worker is still in fn
        else:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 10)
    if pending:
        log.warning("%d task(s) still running after %.0f s", len(pending), timeout)
    return not pending
