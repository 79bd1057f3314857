"""Child process of bench_startup.py: prints one JSON line at the first paint, then exits."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QMainWindow


def report(**extra) -> None:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"painted_at": time.time(), "rss_mb": rss, **extra}), flush=True)
    os._exit(0)  # no teardown: only the time to first paint is measured


class FirstPaint(QObject):
    def __init__(self, accept):
        super().__init__()
        self.accept = accept

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and self.accept(obj):
            QApplication.instance().removeEventFilter(self)
            self.accept.done()
        return False


def bare() -> None:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()

    class Accept:
        def __call__(self, obj):
            return obj.isWidgetType() and obj.window() is window

        def done(self):
            report()

    watcher = FirstPaint(Accept())  # keep a reference: installEventFilter does not
    app.installEventFilter(watcher)
    window.resize(1200, 780)
    window.show()
    app.exec()


def app() -> None:
    import keyring

    from benchmarks._common import MemoryKeyring
    from rm_desktop.security.keystore import SERVICE

    store = MemoryKeyring()
    store.set_password(SERVICE, os.environ["RM_BENCH_VAULT_ID"], os.environ["RM_BENCH_KEY"])
    keyring.set_keyring(store)
    qt = QApplication(sys.argv[:1])
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, os.environ["RM_BENCH_SETTINGS"])
    QSettings.setDefaultFormat(QSettings.IniFormat)
    qt.setOrganizationName("RMDesktop")
    qt.setApplicationName("RM Desktop")
    QSettings().setValue("window/page", 1)  # open on 客户

    class Accept:
        view = None

        def __call__(self, obj):
            parent = obj.parent() if obj is not None else None
            table = parent if parent is not None and parent.objectName() == "clientTable" else None
            if table is None or table.model().rowCount() == 0:
                return False
            self.view = table
            return True

        def done(self):
            model = self.view.model()
            report(rows=model.rowCount(), total=model.total)

    watcher = FirstPaint(Accept())
    qt.installEventFilter(watcher)
    from rm_desktop import app as rm_app

    rm_app.main(["--vault", os.environ["RM_BENCH_VAULT"]])


if __name__ == "__main__":
    {"bare": bare, "app": app}[sys.argv[1]]()
