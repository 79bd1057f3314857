"""Child process of bench_startup.py (and tests/architecture/test_start_imports.py): prints one
JSON line at the first paint, then exits.

``bare``: PySide6 and an empty QMainWindow, to its first paint. ``app``: the real entry point
(``rm_desktop.app.main``) on the vault in RM_BENCH_VAULT, unlocked from the keyring copy (an
in-memory backend keyring loads from PYTHON_KEYRING_BACKEND: _probe_keyring.py), to the
first paint of the client list's table with rows in it; the line is printed once the full vault
(engine, sessions) is attached to the list too, which since issue 19.1 comes after that paint
(ui/shell/preview.py: the page is painted on the vault opened on the bare driver, input held
until then), with ``attached_at`` and ``attached_cpu_s`` beside the paint's figures. This module imports no PySide6 before
the app does: the import order is the app's own (it imports its Qt-free stack first), and the
settings are set through ``main``'s ``on_start`` hook once the QApplication exists, and the
watcher through its ``on_window`` hook once the window is built and started, before it is shown:
a filter on the client table's viewport (where its rows are painted), not on the application as
until issue 19.1's fourth round. An application-wide Python filter made Shiboken build every
class of the loaded Qt modules at the first object of a class PySide6 does not expose (~35 ms,
ui/shell/first_paint.py), a cost the product no longer has before that paint; the measured paint
is the same (the viewport's first with rows). The bare window keeps its application-wide filter:
the baseline is unchanged. With
RM_BENCH_MODULES=1 the line also lists ``sys.modules`` at that paint and says whether the ORM's
mappers were configured by then.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def peak_rss_mb() -> float:
    """This process's peak RSS. On Linux from VmHWM, which starts afresh at exec: ru_maxrss is
    carried over from the parent at fork (a bench that had just built a 100k book reported its
    own ~240 MB for the bare window)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def orm_configured() -> bool | None:
    """Whether SQLAlchemy's mappers were configured (what the first ORM statement does, ~70 ms;
    None when the ORM is not even imported)."""
    models = sys.modules.get("rm_desktop.storage.models")
    return None if models is None else bool(models.Client.__mapper__.configured)


def at_paint(**extra) -> dict:
    """The figures at the first paint (the modules imported by then, when asked)."""
    painted = time.time()
    cpu = time.process_time()  # user + system, every thread: what the start costs, whatever the load
    rss = peak_rss_mb()
    if os.environ.get("RM_BENCH_MODULES"):
        extra["modules"] = list(sys.modules)  # in import order
        extra["orm_configured"] = orm_configured()
    return {"painted_at": painted, "cpu_s": cpu, "rss_mb": rss, **extra}


def report(figures: dict) -> None:
    print(json.dumps(figures), flush=True)
    os._exit(0)  # no teardown: only the start is measured


def watch_first_paint(qt, accept) -> object:
    """Install an application-wide filter that calls ``accept.done()`` at the first Paint event
    ``accept(obj)`` takes; returns it (the caller keeps the reference: Qt does not)."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and accept(obj):
                qt.removeEventFilter(self)
                accept.done()
            return False

    watcher = FirstPaint()
    qt.installEventFilter(watcher)
    return watcher


def watch_viewport(table, accept) -> None:
    """A filter on ``table``'s viewport (parented to it: Qt keeps it) that calls ``accept.done()``
    at its first Paint event ``accept(viewport)`` takes."""
    from PySide6.QtCore import QEvent, QObject

    viewport = table.viewport()

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and accept(obj):
                viewport.removeEventFilter(self)
                accept.done()
            return False

    viewport.installEventFilter(FirstPaint(viewport))


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()

    class Accept:
        def __call__(self, obj):
            return obj.isWidgetType() and obj.window() is window

        def done(self):
            report(at_paint())

    watcher = watch_first_paint(app, Accept())  # noqa: F841 (kept alive)
    window.resize(1200, 780)
    window.show()
    app.exec()


def app() -> None:
    # The RM's own PC: the "remember on this PC" copy is there. keyring loads this in-memory
    # backend by name when the app first reads the key (_probe_keyring.py), so keyring is imported
    # where the app imports it (its early unlock thread), as on that PC; the probe imported it on
    # the main thread before the app started until issue 19.1's third round.
    os.environ["PYTHON_KEYRING_BACKEND"] = "_probe_keyring.ProbeKeyring"

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
            figures = at_paint(rows=model.rowCount(), total=model.total)
            self.when_attached(model, figures)

        def when_attached(self, model, figures: dict) -> None:
            """The list usable: its model on the full vault (one with sessions), looked at every 5 ms."""
            from PySide6.QtCore import QTimer

            if hasattr(model.vault, "sessions"):
                report({**figures, "attached_at": time.time(), "attached_cpu_s": time.process_time()})
                return
            QTimer.singleShot(5, lambda: self.when_attached(model, figures))

    def on_start(qt) -> None:
        from PySide6.QtCore import QSettings

        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["RM_BENCH_SETTINGS"])
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        qt.setOrganizationName("RMDesktop")
        qt.setApplicationName("RM Desktop")
        # Open on 客户, wherever it stands in the navigation (other areas are added over time).
        QSettings().setValue("window/page_key", "clients")

    def on_window(window) -> None:
        from PySide6.QtWidgets import QTableView

        watch_viewport(window.findChild(QTableView, "clientTable"), Accept())

    from rm_desktop import app as rm_app

    rm_app.main(["--vault", os.environ["RM_BENCH_VAULT"]], on_start=on_start, on_window=on_window)


if __name__ == "__main__":
    {"bare": bare, "app": app}[sys.argv[1]]()
