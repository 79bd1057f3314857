"""The IT policy in the GUI (issue 18.7): the 设置 page greys what it fixes (由 IT 策略设定) and
caps the idle lock, the window honours the cap and says once at unlock why a bad file made the
rules strict, and the 导入导出 page refuses a forbidden list export with the policy's reason."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from rm_desktop.ui.exchange.exchange_page import ExchangePage
from rm_desktop.ui.settings.policy_marks import PolicySummary
from rm_desktop.ui.settings.settings_dialog import SettingsDialog
from rm_desktop.ui.widgets import file_dialogs
from tests.policy_env import install

POLICY = {"backups_kept": 3, "min_idle_lock_minutes": 15, "reveal_reason": "always", "reason": "总行科技部规定"}


@pytest.fixture
def use_policy(monkeypatch, tmp_path):
    return lambda content: install(monkeypatch, tmp_path, content)


def _notes(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel, "policy_note")]


def test_fixed_settings_are_greyed_with_a_note_and_the_idle_lock_capped(qtbot, vault, use_policy):
    vault.settings.set("backups_kept", 20)
    vault.settings.set("idle_lock_minutes", 60)
    path = use_policy(POLICY)
    dialog = SettingsDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    backups, idle, reveal = (dialog.editors[k] for k in ("backups_kept", "idle_lock_minutes", "reveal_reason_mode"))
    assert not backups.isEnabled() and backups.value() == 3
    assert not reveal.isEnabled() and reveal.currentText() == "每次都询问"
    assert idle.isEnabled() and idle.maximum() == 15 and idle.value() == 15
    assert sorted(_notes(dialog)) == ["由 IT 策略设定", "由 IT 策略设定", "由 IT 策略设定：最长 15"]
    summary = dialog.findChild(PolicySummary)
    assert summary is not None and str(path) in summary.text() and "backups_kept: 3" in summary.text()
    idle.setValue(10)
    dialog._save()  # the greyed fields save nothing, the shorter idle lock is the user's
    assert dialog.result() == SettingsDialog.DialogCode.Accepted, dialog.error.text()
    assert vault.settings.get("idle_lock_minutes") == 10 and vault.settings.get("backups_kept") == 3


def test_without_a_policy_nothing_is_greyed(qtbot, vault, use_policy):
    use_policy(None)
    dialog = SettingsDialog(vault)
    qtbot.addWidget(dialog)
    assert dialog.editors["backups_kept"].isEnabled() and dialog.editors["idle_lock_minutes"].maximum() == 240
    assert _notes(dialog) == [] and dialog.findChild(PolicySummary) is None


def test_the_window_honours_the_capped_idle_lock(qtbot, window, vault, use_policy):
    vault.settings.set("idle_lock_minutes", 60)
    use_policy({"min_idle_lock_minutes": 15})
    vault.lock()
    window.start()
    qtbot.waitUntil(lambda: window.session.vault is not None, timeout=5000)
    assert window.idle._timer.interval() == 15 * 60_000
    assert window.findChild(QMessageBox, "policy_problem") is None  # a valid file: nothing to say


def test_a_bad_policy_file_is_said_once_at_unlock(qtbot, window, vault, use_policy):
    path = use_policy('{"exports": {"list": "allowed"}, "colour": "red"}')
    vault.lock()
    window.start()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "policy_problem") is not None, timeout=5000)
    box = window.findChild(QMessageBox, "policy_problem")
    assert str(path) in box.text() and "colour" in box.text() and "最严格" in box.text()
    assert window.idle._timer.interval() == 5 * 60_000  # the strict idle lock
    box.close()
    window._show_policy_problem()  # a second unlock in the same run says nothing more
    assert not [b for b in window.findChildren(QMessageBox, "policy_problem") if b.isVisible()]


def test_the_page_refuses_a_forbidden_list_export_before_asking_for_a_file(qtbot, vault, use_policy, monkeypatch):
    path = use_policy({"exports": {"list": "forbidden"}, "reason": "总行科技部规定"})
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    monkeypatch.setattr(file_dialogs, "get_save_path", lambda *a, **k: pytest.fail("no file is asked for"))
    page.choose_list()
    assert len(shown) == 1 and "总行科技部规定" in shown[0] and str(path) in shown[0] and "客户名单" in shown[0]
    assert page.status.text() == shown[0]


def test_password_required_offers_no_plain_archive(qtbot, vault, use_policy):
    use_policy({"exports": {"archive": "password_required"}})
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    dialog = page.archive_password_dialog()
    qtbot.addWidget(dialog)
    assert dialog.encrypt.isHidden() and dialog.encrypt.isChecked()


def _bundle_dialog():
    from rm_desktop.ui.reports.bundle_dialogs import BundleExportDialog

    return BundleExportDialog("week", "2026-W49")


def _file_dialog():
    from rm_desktop.ui.exchange.password_dialogs import NewFilePasswordDialog

    return NewFilePasswordDialog("导出", "说明")


@pytest.mark.parametrize("make", [_file_dialog, _bundle_dialog], ids=["file password", "report bundle"])
def test_a_new_password_weaker_than_the_policy_keeps_ok_disabled(qtbot, use_policy, make):
    use_policy({"min_password_strength": 20})
    dialog = make()
    qtbot.addWidget(dialog)
    dialog.first.setText("Qu1et-Harbour-58")  # strong enough without a policy
    dialog.again.setText("Qu1et-Harbour-58")
    assert not dialog.ok_button.isEnabled() and "IT 策略" in dialog.reason.text() and "20" in dialog.reason.text()
    dialog.first.setText("a river of quiet harbours at dawn 58")
    dialog.again.setText("a river of quiet harbours at dawn 58")
    assert dialog.ok_button.isEnabled()


def test_a_forbidden_handover_is_refused_before_the_client_picker(qtbot, vault, use_policy, monkeypatch):
    use_policy({"exports": {"handover": "forbidden"}})
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    monkeypatch.setattr(page, "handover_picker", lambda: pytest.fail("no picker is opened"))
    page.choose_handover_export()
    assert len(shown) == 1 and "移交文件" in shown[0]
