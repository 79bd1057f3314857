"""Screenshots of the main pages for the README, from a throwaway demo vault.

    python tools/screenshots.py                      # Chinese, 1366x768, into docs/screenshots/
    python tools/screenshots.py --lang en --out /tmp/shots --pages today,clients

(`make screenshots` runs the first.) The vault lives in a temporary folder with a fast key
derivation and synthetic clients (services/clients/demo, services/plans/demo); QSettings go there
too, so the user's window state and language are neither read nor changed. Without a display the
offscreen platform is used; the window is rendered with QWidget.grab, so the same PNGs come out
under Xvfb or offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from the checkout
    sys.path.insert(0, str(ROOT))

# page name → the navigation key that shows it (client-file: 客户 with one file open)
PAGES = {
    "today": "today",
    "clients": "clients",
    "client-file": "clients",
    "plans": "plans",
    "calendar": "calendar",
    "scripts": "scripts",
    "insights": "insights",
    "reports": "reports",
    "settings": "settings",
}
PASSWORD = "Screenshots 42 demo!"
SETTLE_S = 1.5  # after a page is shown: its background loads and first paint


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN")
    parser.add_argument("--size", default="1366x768", help="window size WxH (default 1366x768)")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated, from: " + ", ".join(PAGES))
    parser.add_argument("--clients", type=int, default=400, help="demo clients (default 400)")
    parser.add_argument("--dark", action="store_true", help="the dark palette")
    args = parser.parse_args(list(argv))
    args.pages = [name.strip() for name in args.pages.split(",") if name.strip()]
    unknown = [name for name in args.pages if name not in PAGES]
    if unknown:
        parser.error("unknown page(s): " + ", ".join(unknown))
    width, _, height = args.size.partition("x")
    args.size = (int(width), int(height))
    return args


def settle(app, seconds: float = SETTLE_S) -> None:
    """Let background tasks finish and the window repaint (bounded: never waits forever)."""
    from PySide6.QtCore import QThreadPool

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QThreadPool.globalInstance().waitForDone(50)
        app.processEvents()


def demo_vault(root: Path, clients: int):
    """A locked demo vault at ``root``: synthetic clients, plans for a fifth, a made-up RM."""
    from rm_desktop.security.header import KdfParams
    from rm_desktop.security.keystore import NoKeyStore
    from rm_desktop.services.clients import demo
    from rm_desktop.services.plans.store import demo_plans
    from rm_desktop.services.settings import profile as rm_profile
    from rm_desktop.services.vault import lifecycle as vs

    fast = KdfParams(memory_kib=1024, iterations=1, lanes=1)  # a throwaway vault: no need to be slow
    vault = vs.create_vault(root, PASSWORD, remember=False, keystore=NoKeyStore(), kdf=fast)
    demo.fill(vault, clients)
    demo_plans(vault, share=0.2)
    rm_profile.save(
        vault.settings,
        {"rm_name": "张敏", "branch_name": "演示支行", "rm_phone": "13800138000", "rm_title": "理财经理"},
    )
    vault.lock()


def featured_client(vault) -> int:
    """The client shown in 客户档案 and 理财规划: one with a plan, and the most holdings."""
    from sqlalchemy import text

    with vault.engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT h.client_id FROM holdings h JOIN plans p ON p.client_id = h.client_id"
                " GROUP BY h.client_id ORDER BY count(DISTINCT h.id) DESC, h.client_id LIMIT 1"
            )
        ).scalar()
        if found is None:  # (a book too small to have plans)
            found = conn.execute(text("SELECT min(id) FROM clients")).scalar_one()
    return int(found)


def take(
    out: Path,
    pages: Sequence[str],
    *,
    size: tuple[int, int] = (1366, 768),
    clients: int = 400,
    settle_s: float = SETTLE_S,
    report: Callable[[str], None] = print,
) -> list[Path]:
    """Open a demo vault in the main window and save ``out/<page>.png`` for each of ``pages``.
    The QApplication (language, style) must exist already."""
    from PySide6.QtWidgets import QApplication

    from rm_desktop.app import _feature_pages
    from rm_desktop.security.keystore import NoKeyStore
    from rm_desktop.ui.shell.main_window import MainWindow
    from rm_desktop.ui.shell.session import VaultSession

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="rm-screenshots-"))
    saved: list[Path] = []
    try:
        demo_vault(folder / "vault", clients)
        session = VaultSession(folder / "vault", keystore=NoKeyStore())
        window = MainWindow(session, page_factory=_feature_pages)
        window.resize(*size)
        window.show()
        window.resize(*size)  # (show() may have fitted it to a smaller screen)
        vault = session.adopt(session.open_with_password(PASSWORD, False))
        settle(app, settle_s)
        client_id = featured_client(vault)
        for name in pages:
            window.nav.setCurrentRow(list(window.pages).index(PAGES[name]))
            if name == "client-file":
                window.open_client(client_id)
            elif name == "plans":
                getattr(window.pages["plans"], "open_client")(client_id)  # (app.py's PlansPage)  # noqa: B009
            elif name == "reports":  # the month: KPI cards over the demo's back-dated contacts
                settle(app, settle_s)
                getattr(window.pages["reports"], "go_kind")("month")  # noqa: B009
            settle(app, settle_s)
            path = out / f"{name}.png"
            window.grab().save(str(path), "PNG", 0)  # (0: the smallest file; PNG stays lossless)
            saved.append(path)
            report(f"saved {path}")
        session.lock()
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return saved


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from rm_desktop.ui.widgets import qt_i18n, style

    app = QApplication(sys.argv[:1])
    settings_dir = Path(tempfile.mkdtemp(prefix="rm-screenshots-settings-"))
    try:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        qt_i18n.install(app, args.lang)
        style.apply(app, Qt.ColorScheme.Dark if args.dark else Qt.ColorScheme.Light)
        take(args.out, args.pages, size=args.size, clients=args.clients)
    finally:
        shutil.rmtree(settings_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
