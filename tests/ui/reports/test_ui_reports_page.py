"""The 工作报告 page offscreen on a temporary vault and a fake clock (Wednesday 2026-12-02 17:30,
Asia/Shanghai): the day's sections name the RM's clients (hidden under 客户在场), periods switch
by buttons and keys, a note is edited and saved, a past day saves revisions, leaving with edits
asks, the empty day says so, the counts-only copy holds no planted name or phone, and every
export button writes its file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from rm_desktop.domain.reports import DAY, MONTH, WEEK
from rm_desktop.services.clients import contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.reports import day_log_revisions
from rm_desktop.ui.reports import report_actions
from rm_desktop.ui.reports.bundle_dialogs import BundleExportDialog, SummaryDialog
from rm_desktop.ui.reports.reports_page import ReportsPage
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy
from tests.policy_env import install
from tests.ui.reports.test_ui_report_widgets import _texts

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 12, 2, 17, 30, tzinfo=SHANGHAI)
PLANTED = {"name": "欧阳娜娜", "phone": "13912345678"}
PASSWORD = "Bundle-pass 2026!"


@pytest.fixture
def book(vault):
    client = create_client(vault, {"name": PLANTED["name"], "phone": PLANTED["phone"]}, today=NOW.date())
    for at in ("2026-12-02T10:00", "2026-12-01T15:00"):
        contacts.add_contact(vault, client.id, {"channel": "phone", "content": "到期续作", "at": at}, now=NOW)
    return client


@pytest.fixture
def page(qtbot, attached, book):
    made = ReportsPage(Privacy(), ClipboardGuard(), clock=lambda: NOW)
    made.resize(1200, 700)
    with qtbot.waitSignal(made.loaded, timeout=10000):
        attached(made)
    return made


def _focus(qtbot, widget) -> None:
    """The focus inside the page, where its keys are live (a progress dialog shown by a slow
    build may have taken the activation)."""

    def focused() -> bool:
        widget.window().activateWindow()
        widget.setFocus()
        return widget.hasFocus()

    qtbot.waitUntil(focused, timeout=10000)


def _go(qtbot, page, action) -> None:
    with qtbot.waitSignal(page.loaded, timeout=30000):
        action()


def test_the_day_names_its_clients_and_client_present_hides_them(page):
    assert page.period.kind == DAY and page.period.key == "2026-12-02"
    assert page.views.currentWidget() is page.day_view
    assert PLANTED["name"] in _texts(page.day_view.model)
    page.privacy.set_client_present(True)
    texts = _texts(page.day_view.model)
    assert PLANTED["name"] not in texts and HIDDEN in texts


def test_periods_switch_by_buttons_keys_and_today(qtbot, page):
    _go(qtbot, page, page.previous.click)
    assert page.period.key == "2026-12-01" and page.day_view.locked.isVisible()
    tree = page.day_view.tree
    _focus(qtbot, tree)
    _go(qtbot, page, lambda: qtbot.keyClick(tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier))
    assert page.period.key == "2026-12-02" and not page.day_view.locked.isVisible()
    assert not page.next.isEnabled()  # tomorrow has nothing to report yet
    _go(qtbot, page, page.kind_buttons.button(1).click)
    assert page.period.kind == WEEK and page.period.key == "2026-W49"
    assert page.views.currentWidget() is page.period_view and page.period_view.cards.cards
    _focus(qtbot, page.period_view.tree)
    _go(qtbot, page, lambda: qtbot.keyClick(page.period_view.tree, Qt.Key.Key_PageUp))
    assert page.period.key == "2026-W48"
    _go(qtbot, page, page.kind_buttons.button(2).click)
    assert page.period.kind == MONTH and page.period.key == "2026-11"  # the month the week shown began in
    _go(qtbot, page, page.today_button.click)
    assert page.period.key == "2026-12"
    _go(qtbot, page, lambda: page.date.setDate(page.date.date().addMonths(-2)))
    assert page.period.key == "2026-10"


def test_a_note_is_edited_and_saved_with_ctrl_s(qtbot, page, vault):
    page.day_view.note.setPlainText("张行长下周来访")
    assert page._snapshot.dirty()
    page.day_view.note.setFocus()
    with qtbot.waitSignal(page.saved) as saved:
        qtbot.keyClick(page.day_view.note, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == [1] and not page._snapshot.dirty()
    [kept] = day_log_revisions(vault, NOW.date())
    assert kept.note == "张行长下周来访" and kept.tomorrow == page.day_view.values()[1]
    _go(qtbot, page, page.load)
    assert page.day_view.note.toPlainText() == "张行长下周来访"


def test_a_locked_day_saves_each_edit_as_a_revision(qtbot, page, vault):
    _go(qtbot, page, page.previous.click)
    assert "修订 1" in page.day_view.locked.text()
    page.day_view.note.setPlainText("补记：李总回电")
    assert page.save()
    page.day_view.add_plan_item()
    page.day_view.plan.currentItem().setText("拜访李总")
    assert page.save()
    assert [r.revision for r in day_log_revisions(vault, dt.date(2026, 12, 1))] == [1, 2]
    assert page.day_view.revisions.count() == 2 and "修订 3" in page.day_view.locked.text()


def test_leaving_with_edits_asks_and_cancel_stays(qtbot, page, answers):
    queue, asked = answers
    page.day_view.note.setPlainText("未保存的备注")
    queue.append(QMessageBox.StandardButton.Cancel)
    page.previous.click()
    assert asked == ["未保存的修改"] and page.period.key == "2026-12-02"
    assert page.day_view.note.toPlainText() == "未保存的备注"
    queue.append(QMessageBox.StandardButton.Discard)
    _go(qtbot, page, page.previous.click)
    assert page.period.key == "2026-12-01" and page.may_leave()  # nothing left to ask about


def test_an_empty_day_says_so(qtbot, page):
    _go(qtbot, page, lambda: page.date.setDate(page.date.date().addDays(-20)))
    assert page.period.key == "2026-11-12"
    assert page.day_view.body.currentWidget() is page.day_view.empty_state


def test_copy_counts_only_holds_no_planted_name_or_phone(page):
    page.outputs.buttons["copy"].click()
    text = QGuiApplication.clipboard().text()
    assert "电话" in text and "1" in text
    assert PLANTED["name"] not in text and PLANTED["phone"] not in text
    assert page.clipboard.pending


def test_export_buttons_write_their_files(qtbot, page, tmp_path, monkeypatch, pdf_font):
    targets = iter(tmp_path / name for name in ("own.pdf", "own.xlsx", "brief.pdf", "to_boss.rmreport", "sum.xlsx"))
    written: list[Path] = []

    def save_path(*_args, **_kwargs):
        written.append(next(targets))
        return str(written[-1]), ""

    monkeypatch.setattr(report_actions.file_dialogs, "get_save_path", save_path)

    def fill_bundle(dialog):
        dialog.first.setText(PASSWORD)
        dialog.again.setText(PASSWORD)
        assert not dialog.with_names.isChecked()  # counts only unless ticked
        return 1

    monkeypatch.setattr(BundleExportDialog, "exec", fill_bundle)
    monkeypatch.setattr(SummaryDialog, "exec", lambda d: d.add_file(str(written[3]), PASSWORD) and 1)
    for key in ("pdf", "xlsx", "counts_pdf", "bundle", "summary"):
        page.outputs.buttons[key].click()
        qtbot.waitUntil(lambda: written[-1].exists() and written[-1].stat().st_size > 0, timeout=20000)
    assert written[0].read_bytes().startswith(b"%PDF") and written[2].read_bytes().startswith(b"%PDF")
    assert PLANTED["name"].encode() not in written[3].read_bytes()  # encrypted
    assert [p.name for p in written] == ["own.pdf", "own.xlsx", "brief.pdf", "to_boss.rmreport", "sum.xlsx"]


def test_an_it_policy_forbidding_report_exports_refuses_before_any_dialog(page, monkeypatch, tmp_path):
    install(monkeypatch, tmp_path, {"exports": {"report": "forbidden"}})
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    monkeypatch.setattr(report_actions.file_dialogs, "get_save_path", lambda *a, **k: pytest.fail("dialog opened"))
    for key in ("pdf", "xlsx", "counts_pdf", "bundle", "summary"):
        page.outputs.buttons[key].click()
    assert len(warned) == 5 and all(text for text in warned)
    page.outputs.buttons["copy"].click()  # the counts-only text is no file: still offered
    assert not warned[5:]


def test_password_required_leaves_only_the_encrypted_bundle(page, monkeypatch, tmp_path):
    install(monkeypatch, tmp_path, {"exports": {"report": "password_required"}})
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    opened: list[str] = []
    monkeypatch.setattr(BundleExportDialog, "exec", lambda _d: opened.append("bundle") and 0)
    page.outputs.buttons["pdf"].click()
    page.outputs.buttons["bundle"].click()
    assert len(warned) == 1 and opened == ["bundle"]


def test_a_failed_build_says_why_and_keeps_the_report_shown(qtbot, page, monkeypatch):
    from rm_desktop.domain.errors import UserError
    from rm_desktop.ui.reports import reports_page

    shown = page.report
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))

    def refuse(*_a, **_k):
        raise UserError("数据库忙")

    monkeypatch.setattr(reports_page, "build_report", refuse)
    page.previous.click()
    qtbot.waitUntil(lambda: said == ["数据库忙"], timeout=10000)
    assert page.report is shown and page.period == shown.period and page.title.text().startswith("2026-12-02")
