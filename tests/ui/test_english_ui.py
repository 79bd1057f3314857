"""The English UI shows no Chinese (issue 14.12): the main window on a demo book, every page and
the main dialogs, each visible text checked for CJK characters once the client's own data (the
stored free-text fields, tests/ui/visible_texts.py) is taken out. Also: Qt's own dialogs speak
Chinese in the Chinese UI (qtbase_zh_CN)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QWidget
from sqlalchemy import text

from rm_desktop import app
from rm_desktop.services.clients import demo, holdings
from rm_desktop.services.insights.figures import book_insights
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.store import demo_plans
from rm_desktop.services.settings import profile
from rm_desktop.services.worklist.settings import lost_reasons
from rm_desktop.ui.clients.client_tabs import RelationDialog
from rm_desktop.ui.clients.contact_dialog import ContactDialog
from rm_desktop.ui.clients.holding_dialog import HoldingDialog
from rm_desktop.ui.clients.trash_dialog import TrashDialog
from rm_desktop.ui.exchange.import_dialog import ImportDialog
from rm_desktop.ui.exchange.password_dialogs import HandoverImportDialog, NewFilePasswordDialog
from rm_desktop.ui.insights.segment_dialog import SegmentDialog
from rm_desktop.ui.plans.plan_compare_dialog import PlanCompareDialog
from rm_desktop.ui.reminders.appointment_dialog import AppointmentDialog
from rm_desktop.ui.reminders.reminder_dialogs import DismissDialog, LogContactDialog, SnoozeDateDialog
from rm_desktop.ui.reminders.worklist_dialogs import LostDialog, OutcomeDialog
from rm_desktop.ui.scripts.script_bulk_dialog import ScriptBulkDialog
from rm_desktop.ui.settings.settings_dialog import SettingsDialog
from rm_desktop.ui.shell.about import show_about
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from rm_desktop.ui.vault.first_run import FirstRunDialog
from rm_desktop.ui.widgets import qt_i18n
from rm_desktop.ui.widgets.conflict_dialog import ConflictDialog
from rm_desktop.ui.widgets.tasks import jobs_for
from tests.ui.visible_texts import chinese_left, cut_headers, leftover_cjk, mnemonic_slips, stored_texts, widget_texts
from tools import i18n


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "qsettings"))
    QSettings.setDefaultFormat(QSettings.IniFormat)


@pytest.fixture
def english(qapp, tmp_path, monkeypatch):
    """English from the committed .ts, built into a temp folder as `make` builds it."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(i18n.TS), "-qm", str(tmp_path / "rm_desktop_en.qm")], check=True)
    monkeypatch.setattr(qt_i18n, "I18N_DIR", tmp_path)
    qt_i18n.install(qapp, "en")
    yield
    qt_i18n.install(qapp, "zh_CN")


@pytest.fixture
def book(vault):
    demo.fill(vault, 12)
    demo_plans(vault, share=1.0)
    profile.save(
        vault.settings,
        {"rm_name": "张敏", "branch_name": "演示支行", "rm_phone": "13800138000", "rm_title": "理财经理"},
    )
    return vault


@pytest.fixture
def window(qtbot, english, book, vault_dir):
    session = VaultSession(vault_dir)
    w = MainWindow(session, page_factory=app._feature_pages)
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    session.adopt(book)
    yield w
    qtbot.waitUntil(lambda: not jobs_for(book), timeout=20_000)
    session.lock()


def _settled(qtbot, vault) -> None:
    qtbot.waitUntil(lambda: not jobs_for(vault), timeout=20_000)
    qtbot.wait(50)


def _first(vault, sql: str) -> int:
    with vault.engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def _pages(qtbot, window, vault):
    """Each navigation area, then the states a page shows only once something is chosen."""
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        _settled(qtbot, vault)
        yield window.area.currentWidget()
    pages = window.pages
    with_plan = _first(vault, "SELECT client_id FROM plans ORDER BY id LIMIT 1")
    window.open_client(with_plan)  # the client file, every tab (hidden tabs are walked too)
    _settled(qtbot, vault)
    yield pages["clients"]
    window.nav.setCurrentRow(list(pages).index("plans"))
    pages["plans"].open_client(with_plan)  # the plan editor on a demo plan
    _settled(qtbot, vault)
    yield pages["plans"]
    scripts = pages["scripts"]
    window.nav.setCurrentRow(list(pages).index("scripts"))
    scripts.open_for(with_plan, "birthday")  # a script in the editor, the preview on a client
    _settled(qtbot, vault)
    yield scripts
    yield window


def _dialogs(vault, window, tmp_path):
    """The main dialogs, built as their pages build them (not exec'd: offscreen nothing answers)."""
    client = _first(vault, "SELECT client_id FROM holdings ORDER BY id LIMIT 1")
    holding = holdings.list_holdings(vault, client)[0]
    yield HoldingDialog(vault, client, window, holding=holding)
    yield HoldingDialog(vault, client, window)
    yield ContactDialog(vault, window, client_id=client, client_label="x")
    yield AppointmentDialog(vault, dt.date.today(), window)
    yield SettingsDialog(vault, window)
    yield TrashDialog(vault, window)
    yield RelationDialog(vault, window)
    yield LogContactDialog("x", lambda values: None, dt.datetime.now(), window)
    yield DismissDialog("x", lambda reason: None, window)
    yield SnoozeDateDialog(dt.date.today(), window)
    yield OutcomeDialog("x", "1000", lost_reasons(vault), lambda values: None, window)
    yield LostDialog("x", lost_reasons(vault), lambda values: None, window)
    yield NewFilePasswordDialog("x", "x", allow_plain=True, parent=window)
    yield HandoverImportDialog(window)
    yield ScriptBulkDialog(vault, window.clipboard, client_ids=[client], parent=window)
    plan = _first(vault, "SELECT id FROM plans ORDER BY id LIMIT 1")
    yield PlanCompareDialog(vault, plan, plans.list_versions(vault, plan), window)
    bars = book_insights(vault).bars()
    yield SegmentDialog(vault, next(iter(bars.values())), window.privacy, window.clipboard, window)
    yield FirstRunDialog(tmp_path / "new vault", window)
    yield ConflictDialog({"notes": ("a", "b")}, {"notes": "Notes"}, {"notes"}, parent=window)
    sheet = Workbook()
    for row in IMPORT_SHEET:
        sheet.active.append(row)
    sheet.save(tmp_path / "import.xlsx")
    importing = ImportDialog(vault, str(tmp_path / "import.xlsx"), parent=window)
    importing.load()
    yield importing


IMPORT_SHEET = [["姓名", "手机号码", "性别"], ["王小明", "13812345678", "男"]]


def _allowed(where: str, _shown: str) -> bool:
    """The tier editor's first column is where the tiers' Chinese names are typed."""
    return bool(re.search(r"TierEditor/QTableWidget\[\d+,0\]$", where))


def _client_content(vault, window) -> list[str]:
    """Beyond the stored fields: what the RM wrote in settings (the lost-reasons list), the rows
    of the file being imported, and the script rendered for the client (the message is Chinese)."""
    shown = window.pages["scripts"].preview.shown
    return [*lost_reasons(vault), *(cell for row in IMPORT_SHEET for cell in row), *([shown.text] if shown else [])]


def test_every_page_and_dialog_is_english(qtbot, window, book, tmp_path, monkeypatch):
    found: list[str] = []
    for page in _pages(qtbot, window, book):
        # Read as each page shows (pages are built when first shown: the scripts page seeds the
        # shipped templates into the vault then, not at unlock).
        found += chinese_left(page, stored_texts(book) + _client_content(book, window), _allowed)
        found += mnemonic_slips(page) + cut_headers(page)
    data = stored_texts(book) + _client_content(book, window)
    for dialog in _dialogs(book, window, tmp_path):
        qtbot.addWidget(dialog)
        dialog.show()
        _settled(qtbot, book)
        found += chinese_left(dialog, data, _allowed) + mnemonic_slips(dialog) + cut_headers(dialog)
        dialog.reject()
    about: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, title, body: about.extend((title, body)))
    show_about(window, "/tmp/vault")
    found += [f"About: {shown!r}" for shown in about if leftover_cjk(shown, data)]
    file = window.pages["clients"].file
    found += [] if file.tabs.tabText(file.tabs.indexOf(file.holdings)) == "Holdings" else ["the holdings tab"]
    assert not found, "Chinese left in the English UI:\n" + "\n".join(dict.fromkeys(found))


def test_qt_own_dialogs_speak_chinese_in_the_chinese_ui(qapp, qtbot, tmp_path):
    """qtbase_zh_CN, with the Qt 6 strings it lacks filled in (qt_i18n._QtChinese)."""
    qt_i18n.install(qapp, "zh_CN")
    assert QCoreApplication.translate("QFileDialog", "Open") == "打开"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert [b.text() for b in buttons.buttons()] == ["确定", "取消"]
    (tmp_path / "folder").mkdir()
    dialog = QFileDialog(None, "x", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own, as on a desktop without a portal
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.labelText(QFileDialog.DialogLabel.LookIn) == "查找范围(&L)："
    assert dialog.labelText(QFileDialog.DialogLabel.FileType) == "文件类型(&T)："
    qtbot.waitUntil(lambda: "文件夹" in [text for _where, text in widget_texts(dialog)], timeout=5000)


def test_english_labels_leave_their_fields_room(qtbot, english, vault):
    """The settings' long English labels put a field under them rather than squeezing it to a few
    pixels behind a horizontal scroll bar (seen in the 1366x768 screenshots)."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit

    dialog = SettingsDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(dialog.minimumWidth(), dialog.height())  # as narrow as it may be made
    narrow = []
    for row in range(dialog.sections.count()):
        dialog.sections.setCurrentRow(row)
        qtbot.wait(20)
        page = dialog.pages.currentWidget()
        for field in page.findChildren(QWidget):
            editor = isinstance(field, (QLineEdit, QAbstractSpinBox, QComboBox))
            inner = isinstance(field.parent(), (QComboBox, QAbstractSpinBox))  # (a box's own line edit)
            if editor and not inner and field.isVisible() and field.width() < 120:
                narrow.append(f"{field.objectName() or type(field).__name__}: {field.width()} px")
    assert not narrow


def test_festival_names_are_english_on_screen_and_chinese_in_the_message(qtbot, english):
    from rm_desktop.ui.scripts.script_preview import FestivalBox

    box = FestivalBox()
    qtbot.addWidget(box)
    box.set_value("中秋节")
    assert box.currentText() == "Mid-Autumn Festival" and box.value() == "中秋节"
    box.setEditText("教师节")  # one the list does not have goes in as typed
    assert box.value() == "教师节"
