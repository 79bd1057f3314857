"""GUI entry point: arguments, QApplication, language, first run or unlock, the main window."""

from __future__ import annotations

import argparse
import logging
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rm_desktop import __version__, logsafe

# Named mutex that the installer's AppMutex (installer/rm_desktop.iss) waits for: Setup and Uninstall
# ask to close the app while it exists. Mutex names are case sensitive.
APP_MUTEX = "RMDesktop.App.66A5D080-4B43-4D3B-887C-06F6DAD4C8CA"
_mutex_handles: list[int] = []  # held until the process exits (Windows then drops the mutex)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="rm-desktop", description="RM Desktop 客户经理桌面档案")
    parser.add_argument(
        "--vault", metavar="DIR", help="vault folder (default: per-user data folder, or RM_DESKTOP_VAULT)"
    )
    parser.add_argument("--demo", action="store_true", help="open a throwaway demo vault filled with synthetic clients")
    parser.add_argument("--demo-clients", type=int, default=2000, help=argparse.SUPPRESS)
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="UI language for this run")
    parser.add_argument("--version", action="version", version=f"rm-desktop {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check a temporary vault, the bundled data and the main window (offscreen); exit 0 if all pass",
    )
    return parser.parse_args(argv)


def hold_app_mutex(platform: str | None = None) -> list[str]:
    """Create the app's named mutex, in this session's namespace and in the global one (a
    per-machine install running as SYSTEM, in session 0, sees only ``Global\\``). No-op off
    Windows. Returns the names created; a failure only means the installer cannot wait."""
    if (platform or sys.platform) != "win32":
        return []
    import ctypes
    from ctypes import wintypes

    # typeshed declares WinDLL for Windows only (a test stubs it elsewhere)
    create = ctypes.WinDLL("kernel32", use_last_error=True).CreateMutexW  # type: ignore[attr-defined,unused-ignore]
    create.argtypes = (wintypes.LPVOID, wintypes.BOOL, wintypes.LPCWSTR)
    create.restype = wintypes.HANDLE
    created = []
    for name in (APP_MUTEX, "Global\\" + APP_MUTEX):
        handle = create(None, False, name)
        if handle:
            _mutex_handles.append(handle)
            created.append(name)
    return created


def _demo_session(window_session, count: int):
    """A vault in a temp folder with a random password shown to the user; deleted on exit."""
    from rm_desktop.domain import passwords
    from rm_desktop.security.keystore import NoKeyStore
    from rm_desktop.services.clients import demo
    from rm_desktop.services.plans.store import demo_plans
    from rm_desktop.services.settings import profile as rm_profile
    from rm_desktop.services.vault import lifecycle as vs

    password = "demo-" + secrets.token_hex(3)
    while passwords.weakness(password):  # the strength rule refuses a draw such as demo-abc123
        password = "demo-" + secrets.token_hex(3)
    vault = vs.create_vault(window_session.root, password, remember=False, keystore=NoKeyStore())
    demo.fill(vault, count)
    demo_plans(vault, share=0.2)
    # A made-up RM, so the demo's scripts and plans read complete (a real vault asks at first run).
    rm_profile.save(
        vault.settings,
        {"rm_name": "张敏", "branch_name": "演示支行", "rm_phone": "13800138000", "rm_title": "理财经理"},
    )
    window_session.keystore = NoKeyStore()
    window_session.demo_password = password
    return vault


def main(
    argv: list[str] | None = None,
    *,
    on_start: Callable[[Any], None] | None = None,
    on_window: Callable[[Any], None] | None = None,
) -> int:
    """``on_start(app)`` runs once the QApplication exists, before anything reads QSettings;
    ``on_window(window)`` once the main window is built and started, before it is shown: the
    start-up benchmark and test watch the first paint through them (no other use)."""
    from rm_desktop.security import hardening

    hardening.no_core_dumps()  # first: nothing of the vault is in memory yet
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logsafe.configure()
    logsafe.install_excepthook()  # uncaught (Qt slots included): one line, frames to the log file
    if args.self_test:
        from rm_desktop.ui.shell.selftest import run as self_test

        return self_test(args.lang, page_factory=_feature_pages)
    hold_app_mutex()
    from rm_desktop.security import policy

    policy.current()  # the IT policy file, read once at start; a bad one is said at unlock
    _import_core_first(keyring=not args.demo)

    from PySide6.QtWidgets import QApplication

    from rm_desktop.ui.shell.session import VaultSession

    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    if on_start is not None:
        on_start(app)
    app.setOrganizationName("RMDesktop")
    app.setApplicationName("RM Desktop")
    app.setApplicationVersion(__version__)
    session = None if args.demo else VaultSession(_vault_dir(args.vault))
    known = session is not None and session.exists()
    if session is not None and known:
        start_file_log(session.root)
        # The keyring unlock runs while the window's modules are imported and the language, style
        # and window are made, instead of after them (issue 19.1); the window's start() takes it.
        session.begin_keyring_open(read=_first_read())
    try:
        return _run_window(app, args, session, logged=known, on_window=on_window)
    finally:
        if session is not None:
            session.discard_early_open()  # (nothing when the window took it)


def _run_window(
    app: Any, args: argparse.Namespace, session: Any, *, logged: bool, on_window: Callable[[Any], None] | None
) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QDialog

    from rm_desktop.ui.shell.main_window import MainWindow
    from rm_desktop.ui.shell.session import VaultSession
    from rm_desktop.ui.widgets import qt_i18n, style

    app.setWindowIcon(QIcon(str(qt_i18n.ICON_FILE)))
    qt_i18n.install(app, args.lang or qt_i18n.saved_language())
    style.apply(app)  # the palette (light or dark, as the system is) and resources/style/app.qss

    demo_dir = None
    if session is None:
        demo_dir = Path(tempfile.mkdtemp(prefix="rm-desktop-demo-"))
        session = VaultSession(demo_dir / "vault")
        opened = _demo_session(session, args.demo_clients)
    else:
        opened = None
        if not session.exists():
            from rm_desktop.ui.vault.first_run import FirstRunDialog  # (only for a first run)

            dialog = FirstRunDialog(session.root)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
            session.root = Path(dialog.folder.text().strip())
            QSettings().setValue("vault/path", str(session.root))  # a folder path, no client data
            opened = dialog.vault
    if not logged:
        start_file_log(session.root)

    window = MainWindow(session, page_factory=_feature_pages)
    if opened is None:
        window.start()  # before show(): an unlock finished already is shown at the first paint
    if on_window is not None:
        on_window(window)
    window.show()
    if opened is not None:
        session.adopt(opened)
    try:
        return app.exec()
    finally:
        session.lock()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def _first_read():
    """The client list's first page, read with the early unlock, when the window opens on 客户
    (the area it was closed on): the window then waits for no read once it is built."""
    from rm_desktop.ui.shell.session import remembered_area

    if remembered_area() != "clients":
        return None
    from rm_desktop.ui.clients.clients_page import first_page_at_start

    return first_page_at_start()


def _import_core_first(*, keyring: bool) -> None:
    """The Qt-free modules the unlock's first step needs, imported before PySide6: once PySide6
    is imported its import hook (``__feature__``) taxes every later import (about 140 ms on this
    start path). SQLAlchemy, the ORM and the vault's full life cycle are not among them: the
    keyring unlock opens the vault on the bare driver and the client list's first page is read
    there; they load after that page's first paint (ui/shell/preview.py, issue 19.1). With
    ``keyring`` (any start but the demo's) keyring too, which that unlock reads the key with."""
    # The list's first page (read in that thread), the unlock's first step (key, schema check) and
    # what that step imports when it runs (recovery, the schema's heads, the settings), untaxed.
    import rm_desktop.services.search.first_page
    import rm_desktop.services.search.window
    import rm_desktop.services.settings.registry
    import rm_desktop.services.vault.driver_vault
    import rm_desktop.services.vault.integrity
    import rm_desktop.storage.migrate
    import rm_desktop.storage.rekey_swap  # noqa: F401

    if keyring:
        from rm_desktop.security import keystore

        keystore.import_keyring()


def start_file_log(vault_root: Path) -> Path | None:
    """The GUI also logs to ``<vault>/logs/rm-desktop.log`` (rotated, 1 MB × 3; redacted by
    logsafe). Always, not only in the frozen windowed exe (whose ``sys.stderr`` is None): one
    behaviour to support, a file IT finds in the same place however the app was started, and the
    path the tests exercise is the one users run. Returns the file, or None when it cannot be made
    (a read-only folder: the app runs on, logging to stderr where there is one)."""
    from rm_desktop.services.vault.paths import VaultPaths

    try:
        return logsafe.add_file_log(VaultPaths(vault_root).logs)
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file in the vault folder: %s", type(exc).__name__)
        return None


def _vault_dir(option: str | None) -> Path:
    """--vault, else RM_DESKTOP_VAULT, else the folder chosen at first run, else the default."""
    import os

    from PySide6.QtCore import QSettings

    from rm_desktop.services.vault.paths import resolve_vault_dir

    remembered = QSettings().value("vault/path")
    if option or os.environ.get("RM_DESKTOP_VAULT") or not remembered:
        return resolve_vault_dir(option)
    return Path(str(remembered))


def _feature_pages(privacy, clipboard) -> dict:
    """The pages of the areas that exist so far (the rest show an empty state), each as a
    builder the window calls when the page is first shown: a hidden page and the modules it
    imports (openpyxl, fpdf, icalendar …) cost the start-up nothing. A page given built also works."""
    made: dict = {}  # the builders below find each other's pages here once built

    def clients():
        from rm_desktop.ui.clients.clients_page import ClientsPage

        made["clients"] = ClientsPage(privacy, clipboard)
        return made["clients"]

    def exchange():
        from rm_desktop.ui.exchange.exchange_page import ExchangePage

        page = ExchangePage()
        # the handover offers the client list's selection (none while the list was never shown)
        page.client_selection = lambda: made["clients"].selected_client_ids() if "clients" in made else []
        return page

    def plans():
        from rm_desktop.ui.plans.plans_page import PlansPage

        page = PlansPage()
        # 理财规划 opens on the client whose file is open (none while the list was never shown)
        page.open_file_client = lambda: made["clients"].current_client() if "clients" in made else None
        return page

    def today():
        from rm_desktop.ui.reminders.worklist_page import WorklistPage

        return WorklistPage(privacy)  # 今日工作清单; its second tab is the former 今日 page

    def insights():
        from rm_desktop.ui.insights.insights_page import InsightsPage

        return InsightsPage(privacy, clipboard)

    def calendar():
        from rm_desktop.ui.reminders.calendar_page import CalendarPage

        return CalendarPage(privacy)

    def scripts():
        from rm_desktop.ui.scripts.scripts_page import ScriptsPage

        return ScriptsPage(privacy, clipboard)

    def service():
        from rm_desktop.ui.complaints.complaints_page import ComplaintsPage

        return ComplaintsPage(privacy)  # 服务: complaints and service requests, overdue ones red

    def events():
        from rm_desktop.ui.events.events_page import EventsPage

        return EventsPage(clipboard)  # 活动: salons, invitations, attendance; the 流程模板 tab

    def sales():
        from rm_desktop.ui.sales.sales_page import SalesPage

        return SalesPage(privacy)  # 商机: the pipeline board and the referrals

    def reports():
        from rm_desktop.ui.reports.reports_page import ReportsPage

        return ReportsPage(privacy, clipboard)  # 工作报告: the day's log, the week's and month's KPIs

    return {
        "today": today,
        "insights": insights,
        "clients": clients,
        "sales": sales,
        "calendar": calendar,
        "scripts": scripts,
        "plans": plans,
        "exchange": exchange,
        "events": events,
        "service": service,
        "reports": reports,
    }


if __name__ == "__main__":
    sys.exit(main())
