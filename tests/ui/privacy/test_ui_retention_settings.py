"""The retention periods in 设置 › 安全 (issue 18.5): the contacts', plans', complaints' and audit
log's sit with the clients', trash's and backups'; a period the IT policy's retention table fixes
is greyed with 由 IT 策略设定 at the policy's days, and saving leaves it as the policy says."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from rm_desktop.services.settings.policy_rules import RETENTION_SETTINGS
from rm_desktop.ui.settings.settings_dialog import SECURITY, SettingsDialog, group_of
from tests.policy_env import install


def test_every_retention_period_is_on_the_security_page(qtbot, vault):
    dialog = SettingsDialog(vault)
    qtbot.addWidget(dialog)
    assert {key: group_of(key) for key in RETENTION_SETTINGS.values()} == dict.fromkeys(
        RETENTION_SETTINGS.values(), SECURITY
    )
    assert dialog.editors["retention_contact_days"].value() == 1825
    assert dialog.editors["audit_retention_days"].value() == 3650
    assert dialog.editors["audit_retention_days"].minimum() == 365  # a year of the log at least


def test_a_period_the_policy_fixes_is_greyed_at_its_days(qtbot, vault, monkeypatch, tmp_path):
    vault.settings.set("retention_plan_days", 4000)
    install(monkeypatch, tmp_path, {"retention": {"plans": 700, "audit": 1000}})
    dialog = SettingsDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    plans, audit, contacts = (
        dialog.editors[k] for k in ("retention_plan_days", "audit_retention_days", "retention_contact_days")
    )
    assert not plans.isEnabled() and plans.value() == 700
    assert not audit.isEnabled() and audit.value() == 1000
    assert contacts.isEnabled()
    notes = [label.text() for label in dialog.findChildren(QLabel, "policy_note")]
    assert notes == ["由 IT 策略设定", "由 IT 策略设定"]
    dialog._save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted, dialog.error.text()
    assert vault.settings.get("retention_plan_days") == 700
