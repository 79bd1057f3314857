"""The one way to run slow work off the UI thread (after Anki's CollectionOp).

A task is a plain function ``fn(progress) -> result`` from the services. ``progress(done, total)``
reports and returns False once the user pressed Cancel; the function then raises
:class:`Cancelled` (or returns early) and rolls back its own transaction. Errors that are
``UserError`` become a message box; the finished callback runs on the UI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from rm_desktop.domain.errors import Cancelled, UserError

log = logging.getLogger(__name__)


# Jobs still running. Without a strong reference a job (its runnable, its signals object and the
# callbacks that close over it form a cycle) can be collected by Python's cyclic GC before its
# result is delivered: the view then waits forever ("Signal source has been deleted").
_RUNNING: set = set()


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Callable[[int, int], bool]], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.cancel_event = threading.Event()

    def report(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancel_event.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.report)
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, shown or logged there
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def run_task(
    parent: QWidget,
    title: str,
    fn,
    on_done: Callable[[Any], None] | None = None,
    *,
    on_error: Callable[[Exception], None] | None = None,
    modal: bool = True,
    cancellable: bool = True,
) -> _Runnable:
    """Start ``fn`` in the thread pool with a progress dialog (shown after 400 ms)."""
    job = _Runnable(fn)
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
        job.signals.progress.connect(lambda done, total: (dialog.setMaximum(max(total, 0)), dialog.setValue(done)))

    def finish(result):
        _RUNNING.discard(job)
        if dialog:
            dialog.close()
        if job.cancel_event.is_set() and isinstance(result, Cancelled):
            return
        if on_done:
            on_done(result)

    def fail(exc):
        _RUNNING.discard(job)
        if dialog:
            dialog.close()
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
