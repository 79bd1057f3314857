"""run_task delivers results, errors and cancellation on the UI thread; jobs are kept alive while
they run (a Today page once waited forever on a result whose job had been collected)."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.ui.widgets.tasks import run_task


def test_result_arrives_even_if_the_gc_runs_meanwhile(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    got = []

    def slow(_progress):
        time.sleep(0.02)
        gc.collect()  # a collection while the job runs (100k rows allocate plenty)
        time.sleep(0.02)
        return 42

    for _ in range(3):
        run_task(parent, "t", slow, got.append, modal=False)  # no reference kept, as pages do
    gc.collect()
    qtbot.waitUntil(lambda: got == [42, 42, 42], timeout=5000)


def test_errors_and_cancel(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors, done = [], []

    def refuse(_progress):
        raise UserError("不行")

    run_task(parent, "t", refuse, done.append, on_error=errors.append, modal=False)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=3000)
    assert str(errors[0]) == "不行" and done == []

    def cancellable(progress):
        for i in range(100):
            if not progress(i, 100):
                raise Cancelled()
            time.sleep(0.01)
        return "finished"

    job = run_task(parent, "t", cancellable, done.append, on_error=errors.append, modal=False)
    job.cancel_event.set()
    qtbot.waitUntil(lambda: len(errors) == 2, timeout=3000)  # long before the 1 s the task would take
    # A cancel is no result; the caller's on_error hears it as Cancelled, to say what was left unchanged.
    assert done == [] and isinstance(errors[1], Cancelled)


def test_the_progress_dialog_s_cancel_button_stops_the_task(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    steps, done, errors = [], [], []

    def long_import(progress):
        for i in range(1000):  # 5 s unless cancelled
            if not progress(i, 1000):
                raise Cancelled()
            steps.append(i)
            time.sleep(0.005)
        return "finished"

    run_task(parent, "导入", long_import, done.append, on_error=errors.append)
    dialog = parent.findChild(QProgressDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)  # once the task looks like taking over 400 ms
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.LeftButton)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=3000)
    assert isinstance(errors[0], Cancelled) and done == [] and len(steps) < 1000
    assert not dialog.isVisible()
