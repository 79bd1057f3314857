"""``rm-desktop --self-test``: the Qt checks (translations, icon, style sheet and action icons,
the main window rendered to an image) on top of the Qt-free checks of ``rm_desktop/selftest.py``.

One line per check on stdout, exit code 0 when all pass and 1 otherwise, so IT and CI can run it
on the installed or frozen app. A windowed Windows build has no stdout: the lines then go to
``%TEMP%\\rm-desktop-selftest.txt``. Nothing outside a temporary folder is written: QSettings
are redirected there and the OS keyring is never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, Qt, QThreadPool, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon, QImage
from PySide6.QtWidgets import QApplication

from rm_desktop import __version__
from rm_desktop.i18n import language_from_env, t
from rm_desktop.security.keystore import NoKeyStore
from rm_desktop.selftest import CheckFailed, CoreChecks, expect, run_checks
from rm_desktop.services.vault.paths import APP_AUTHOR, APP_NAME
from rm_desktop.ui.widgets import qt_i18n

REPORT_FILE = Path(tempfile.gettempdir()) / "rm-desktop-selftest.txt"
MIN_COLOURS = 8  # a blank or single-colour grab means nothing was drawn
BACKUP_WAIT_MS = 20_000


def prepare_platform(environ: dict[str, str] | None = None) -> None:
    """Offscreen when Linux has no display (CI, SSH); must run before the QApplication exists."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"


def run(lang: str | None = None, page_factory: Callable[..., dict] | None = None) -> int:
    """Run every check; ``page_factory`` builds the feature pages the real window gets (app.py)."""
    lines: list[str] = []

    def emit(line: str) -> None:
        lines.append(line)
        if sys.stdout is not None:
            print(line, flush=True)

    try:
        ok = _run(lang, page_factory, emit)
    except Exception as exc:  # noqa: BLE001 - a crash before or between checks is one more failure
        emit(f"FAIL self-test: {type(exc).__name__}: {exc}")
        ok = False
    if sys.stdout is None:
        REPORT_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0 if ok else 1


def _run(lang: str | None, page_factory: Callable[..., dict] | None, emit: Callable[[str], None]) -> bool:
    prepare_platform()
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    core = CoreChecks()
    # QSettings (window geometry, language) go to the temporary folder, not the user's profile.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(core.folder / "qsettings"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    language = lang or language_from_env()
    qt_i18n.install(app, language)
    emit(
        f"rm-desktop {__version__} self-test ({'frozen' if getattr(sys, 'frozen', False) else 'source'}, "
        f"Qt platform {QGuiApplication.platformName()})"
    )
    try:
        checks = core.checks() + [
            ("translations", lambda: check_translations(app, language)),
            ("icon", check_icon),
            ("look", lambda: check_look(app)),
            ("main-window", lambda: check_main_window(app, core, page_factory)),
        ]
        return run_checks(checks, emit)
    finally:
        core.close()


def check_translations(app: QApplication, language: str) -> str:
    """Our English .qm and Qt's own Chinese catalogue are present and translate."""
    qt_i18n.install(app, "en")
    try:
        english = QCoreApplication.translate("MainWindow", "客户经理桌面档案")
    finally:
        qt_i18n.install(app, language)
    expect(
        english == "RM Desktop",
        t("英文翻译未加载（{}）", "the English translation did not load ({})").format(qt_i18n.I18N_DIR),
    )
    qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_zh = QTranslator()
    expect(
        qt_zh.load("qtbase_zh_CN", qt_path),
        t("缺少 Qt 中文翻译 qtbase_zh_CN（{}）", "Qt's Chinese catalogue qtbase_zh_CN is missing ({})").format(qt_path),
    )
    return t("英文（{}）与 Qt 中文", "English ({}) and Qt's Chinese").format(english)


def check_icon() -> str:
    icon = QIcon(str(qt_i18n.ICON_FILE))
    expect(not icon.isNull(), t("找不到图标 {}", "icon missing: {}").format(qt_i18n.ICON_FILE))
    return qt_i18n.ICON_FILE.name


def check_look(app: QApplication) -> str:
    """The style sheet and every action icon load: in the frozen app, app.qss, the SVGs and
    QtSvg are bundled (the main window's grab below then shows them)."""
    from rm_desktop.ui.widgets import icons, style

    style.apply(app)
    expect(bool(app.styleSheet()), t("样式表为空", "the style sheet is empty"))
    missing = icons.broken()
    expect(not missing, t("图标无法显示：{}", "icons do not render: {}").format(", ".join(missing)))
    return t("样式表与 {} 个图标", "style sheet and {} icons").format(len(icons.ICONS))


def check_main_window(app: QApplication, core: CoreChecks, page_factory: Callable[..., dict] | None) -> str:
    """Render the locked window, unlock it with the self-test vault, render again, lock."""
    from rm_desktop.ui.shell.main_window import MainWindow
    from rm_desktop.ui.shell.session import VaultSession

    vault = core.vault
    if vault is None:
        raise CheckFailed(t("档案库未打开", "the vault is not open"))
    session = VaultSession(core.root, keystore=NoKeyStore())
    window = MainWindow(session, page_factory=page_factory)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # laid out and drawn, never on the user's screen
    window.show()
    try:
        locked = _grab(app, window)
        session.adopt(vault)
        QThreadPool.globalInstance().waitForDone(BACKUP_WAIT_MS)  # the backup started at unlock
        app.processEvents()
        expect(window.stack.currentIndex() == 1, t("解锁后没有显示工作区", "the work area is not shown after unlock"))
        unlocked = _grab(app, window)
    finally:
        session.lock()
        window.close()
        window.deleteLater()
        app.processEvents()
    core.vault = None  # the session locked it
    for image in (locked, unlocked):
        expect(not image.isNull() and image.width() >= 640, t("截图为空", "the grab is empty"))
        colours = _colour_count(image)
        expect(
            colours >= MIN_COLOURS,
            t("截图几乎是单色（{} 种颜色）", "the grab is nearly blank ({} colours)").format(colours),
        )
    return t("锁定与解锁界面已渲染 {}×{}", "locked and unlocked views rendered at {}×{}").format(
        unlocked.width(), unlocked.height()
    )


def _grab(app: QApplication, window) -> QImage:
    app.processEvents()
    return window.grab().toImage()


def _colour_count(image: QImage, step: int = 7) -> int:
    """Distinct colours on a sparse grid: enough to tell drawn widgets from a blank surface."""
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})
