"""The finished look (issue 14.17): every icon the code names exists and draws, the one style
sheet loads without a Qt warning and the app starts dark on a dark system, and the status bar
is calm areas plus one short message, not a log."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar

from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from rm_desktop.ui.widgets import icons, style, theme

PACKAGE = Path(__file__).resolve().parents[3] / "rm_desktop"


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


@pytest.fixture
def restored_look(qapp):
    """The shared QApplication gets its style, palette and sheet back (other tests expect them)."""
    before = (qapp.style().name(), qapp.palette(), qapp.styleSheet())
    yield qapp
    qapp.setStyleSheet(before[2])
    qapp.setStyle(before[0] or "Fusion")
    qapp.setPalette(before[1])
    icons.refresh()


@pytest.fixture
def window(qtbot, vault_dir):
    session = VaultSession(vault_dir)
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    yield w
    session.lock()


def names_in_code() -> set[str]:
    """Every literal name passed to icons.bind / icons.icon anywhere in the package."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "icons"
                and node.func.attr in ("bind", "icon")
            ):
                literal = node.args[-1] if node.func.attr == "bind" else node.args[0]
                if isinstance(literal, ast.Constant) and isinstance(literal.value, str):
                    found.add(literal.value)
    return found


def test_every_icon_name_used_has_its_file(window):
    used = names_in_code() | set(window.pages)  # the navigation binds each area by its key
    assert {"contact", "present", "lock", "backup", "settings", "today"} <= used
    assert used <= set(icons.ICONS), f"names without an icon: {used - set(icons.ICONS)}"
    for name in used:
        assert icons.path_of(name).is_file(), name
    assert icons.broken() == []
    assert (icons.ICON_DIR / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    for row in range(window.nav.count()):
        assert not window.nav.item(row).icon().isNull(), window.nav.item(row).text()
    toolbar_actions = window.findChild(QToolBar, "mainToolbar").actions()
    assert all(not a.icon().isNull() for a in toolbar_actions if not a.isSeparator())


def test_an_unknown_icon_name_fails_where_it_is_written(qapp):
    with pytest.raises(KeyError):
        icons.bind(QApplication.instance(), "no-such-icon")  # type: ignore[arg-type]


def _brightest(icon) -> int:
    image = icon.pixmap(24, 24).toImage()
    return max(QColor(image.pixel(x, y)).lightness() for x in range(image.width()) for y in range(image.height()))


def test_style_sheet_loads_without_qt_warnings_and_starts_dark(restored_look, qtbot, vault_dir):
    app = restored_look
    messages: list[str] = []
    previous = qInstallMessageHandler(
        lambda kind, _context, text: messages.append(text) if kind != QtMsgType.QtDebugMsg else None
    )
    try:
        style.apply(app, Qt.ColorScheme.Dark)  # as app.py does on a dark system
        session = VaultSession(vault_dir)
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        app.processEvents()
    finally:
        qInstallMessageHandler(previous)
    noise = "propagateSizeHints"  # the offscreen platform says this of every window
    assert [m for m in messages if noise not in m] == []
    assert theme.is_dark(app.palette())
    assert app.styleSheet() == style.sheet(app.palette()) and "$" not in app.styleSheet()
    assert "QListWidget#navigation" in app.styleSheet()
    # the icons follow: light strokes on the dark window
    assert _brightest(window.nav.item(0).icon()) > 150
    style.apply(app, Qt.ColorScheme.Light)  # back to light (the user's choice on a dark system)
    assert not theme.is_dark(app.palette())
    assert _brightest(window.nav.item(0).icon()) < 150
    session.lock()


def test_the_users_choice_overrides_the_system(restored_look):
    from PySide6.QtCore import QSettings

    app = restored_look
    QSettings().setValue(style.SCHEME_KEY, "dark")  # 外观: 深色, on a system that says nothing
    style.apply(app)
    assert theme.is_dark(app.palette()) and app.styleSheet() == style.sheet(app.palette())
    QSettings().setValue(style.SCHEME_KEY, "light")
    style.apply(app)
    assert not theme.is_dark(app.palette())
    QSettings().setValue(style.SCHEME_KEY, "nonsense")  # an edited ini file: the system's
    assert style.saved_scheme() == "system"


def test_a_broken_style_sheet_would_be_heard(restored_look, qtbot):
    """The check above can fail: Qt reports an unparsable sheet through the message handler."""
    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _k, _c, text: messages.append(text))
    try:
        restored_look.setStyleSheet("QPushButton { color: red;")
        from PySide6.QtWidgets import QPushButton

        button = QPushButton("x")
        qtbot.addWidget(button)
        button.show()
        restored_look.processEvents()
    finally:
        qInstallMessageHandler(previous)
    assert any("stylesheet" in m.lower() for m in messages)


def test_the_status_bar_is_not_a_log(window, monkeypatch):
    status = window.status
    status.say("已保存：王小明")
    assert window.statusBar().currentMessage() == "已保存：王小明"
    status.say("已复制")  # the next replaces it: nothing piles up
    assert window.statusBar().currentMessage() == "已复制"
    long = "钥匙串不可用：本机没有可用的系统钥匙串，每次打开都需要输入主密码。请联系 IT 开启 Secret Service。"
    status.say(long)
    assert window.statusBar().currentMessage() == "已复制"  # not a 15 s line
    assert status.notice_button.isVisibleTo(window) and status.notice_button.toolTip() == long
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    status.notice_button.click()
    assert shown == [long] and not status.notice_button.isVisibleTo(window)  # read, it goes
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warned.append((title, text)))
    window._backup_failed(OSError("磁盘已满"))  # a failure is a dialog, not a status line
    assert warned and warned[0][1] == "磁盘已满" and window.statusBar().currentMessage() != "磁盘已满"


def test_todays_counts_stay_in_view_without_names_and_go_at_a_lock(window):
    window.notifier.notified.emit("今日提醒", "逾期 2，今天 3，约见 1\n其中：生日 2\n王小明的生日")
    counts = window.status.counts_button
    assert counts.isVisibleTo(window) and counts.text() == "今日提醒：逾期 2，今天 3，约见 1"
    assert "王小明" not in counts.text() + counts.toolTip()
    window.status.set_notice("提示")
    window.session.locked.emit()
    assert not counts.isVisibleTo(window) and not window.status.notice_button.isVisibleTo(window)
    assert window.state_label.text() == "已锁定"


def test_a_backup_says_one_short_line(qtbot, vault):
    session = VaultSession(vault.paths.root)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    session.adopt(vault)
    qtbot.waitUntil(lambda: len(list(vault.paths.backups.glob("*.rmbak"))) >= 1, timeout=10_000)  # at unlock
    window.vault_page.backup_now()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("备份已完成"), timeout=10_000)
    message = window.statusBar().currentMessage()
    assert str(vault.paths.root) not in message and message.endswith(".rmbak")  # the file, not its path
    assert not window.status.notice_button.isVisibleTo(window)
    session.lock()


def test_preferences_switch_to_dark_at_once(restored_look, qtbot, vault):
    from rm_desktop.ui.settings.settings_dialog import SettingsDialog

    dialog = SettingsDialog(vault)
    qtbot.addWidget(dialog)
    assert dialog.color_scheme.currentData() == "system"
    dialog.color_scheme.setCurrentIndex(dialog.color_scheme.findData("dark"))
    dialog._save()
    assert style.saved_scheme() == "dark" and theme.is_dark(restored_look.palette())  # no restart
    again = SettingsDialog(vault)
    qtbot.addWidget(again)
    assert again.color_scheme.currentData() == "dark"


def test_bound_icons_recolour_when_the_palette_changes(restored_look, qtbot):
    """Dark mode switched on while the app runs: a bound icon is drawn again in the new text
    colour (icons._PaletteWatch, the application's paletteChanged signal)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QPushButton

    button = QPushButton()
    qtbot.addWidget(button)
    restored_look.setPalette(QPalette(QColor("#f0f0f0")))  # light: dark text
    icons.bind(button, "lock")
    light = button.icon().pixmap(QSize(24, 24)).toImage()
    restored_look.setPalette(QPalette(QColor("#202020")))  # dark: light text
    assert button.icon().pixmap(QSize(24, 24)).toImage() != light
