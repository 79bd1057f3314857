"""设置 in grouped pages: the profile page saves through the profile's parsers (a refusal opens
its page, nothing written), a setting naming a tier lists tier names, each plain setting has
its page."""

from __future__ import annotations

import pytest

from rm_desktop.services.settings import profile
from rm_desktop.services.settings.registry import REGISTRY
from rm_desktop.ui.settings import settings_dialog as sd
from rm_desktop.ui.settings.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(qtbot, vault):
    widget = SettingsDialog(vault)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _titles(dialog: SettingsDialog) -> list[str]:
    return [dialog.sections.item(row).text() for row in range(dialog.sections.count())]


def test_pages_in_order_and_every_plain_setting_on_a_named_page(dialog):
    assert _titles(dialog)[:3] == ["个人信息", "安全", "提醒"]
    assert {"导入导出", "外观"} <= set(_titles(dialog)) and "其他" not in _titles(dialog)
    assert sd.group_of("idle_lock_minutes") == sd.SECURITY and sd.group_of("churn_lookback_days") == sd.REMINDERS
    assert sd.group_of("some_future_setting") == sd.OTHER  # still shown, on 其他
    for key, _definition in sd._simple_settings():
        assert sd.group_of(key) != sd.OTHER, key


def test_the_profile_page_saves_the_profile(dialog, vault):
    dialog.show_page(sd.PROFILE)
    dialog.profile.edits["rm_name"].setText("张敏")
    dialog.profile.edits["branch_name"].setText("城西支行")
    dialog.profile.edits["rm_phone"].setText("0755 1234 5678")
    dialog._save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert profile.load(vault.settings) == profile.RmProfile("张敏", "城西支行", "0755-12345678", "")


def test_a_refused_profile_field_opens_its_page_and_nothing_is_written(dialog, vault):
    dialog.show_page(sd.SECURITY)
    dialog.editors["idle_lock_minutes"].setValue(25)
    dialog.profile.edits["rm_phone"].setText("12")
    dialog._save()
    assert dialog.page_keys[dialog.sections.currentRow()] == sd.PROFILE
    assert dialog.profile.errors["rm_phone"].isVisibleTo(dialog) and dialog.error.isVisibleTo(dialog)
    assert vault.settings.get("idle_lock_minutes") == REGISTRY["idle_lock_minutes"].default
    assert vault.settings.get("rm_phone") == ""


def test_a_tier_setting_shows_tier_names_not_codes(dialog, vault):
    box = dialog.editors["reminder_festival_min_tier"]
    assert box.currentText() == "理财客户" and box.currentData() == "priority"
    assert [box.itemText(i) for i in range(box.count())][-1] == "私行客户"
    box.setCurrentIndex(box.findData("wealth"))
    dialog._save()
    assert vault.settings.get("reminder_festival_min_tier") == "wealth"


def _set_cell(dialog, code: str, column: int, text: str) -> None:
    row = [tier.code for tier in dialog.tier_editor.original].index(code)
    dialog.tier_editor.table.item(row, column).setText(text)


def test_the_tier_page_edits_thresholds_names_and_cadences(dialog, vault):
    from rm_desktop.services.clients import files as clients
    from rm_desktop.services.clients.tiers import current_tiers
    from rm_desktop.ui.settings import tier_editor as te

    client = clients.create_client(vault, {"name": "王芳", "aum": "550000"})  # 55万: 财富客户 by default
    assert clients.get_client(vault, client.id).tier == "wealth"
    assert "客户分层" in _titles(dialog)
    _set_cell(dialog, "priority", te.MIN_WAN, "60")  # above wealth's 50 until wealth rises too
    _set_cell(dialog, "wealth", te.MIN_WAN, "80")
    _set_cell(dialog, "wealth", te.NAME_ZH, "财富管理客户")
    _set_cell(dialog, "private", te.CADENCE, "")  # no cadence
    dialog._save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted, dialog.error.text()
    tiers = {tier.code: tier for tier in current_tiers(vault.settings)}
    assert (tiers["priority"].min_aum, tiers["wealth"].min_aum) == (600_000, 800_000)
    assert tiers["wealth"].name_zh == "财富管理客户" and tiers["private"].cadence_days is None
    assert clients.get_client(vault, client.id).tier == "potential"  # re-tiered


def test_a_refused_tier_table_opens_its_page_and_nothing_is_written(dialog, vault):
    from rm_desktop.services.clients.tiers import current_tiers
    from rm_desktop.ui.settings import tier_editor as te

    before = current_tiers(vault.settings)
    dialog.editors["idle_lock_minutes"].setValue(25)
    _set_cell(dialog, "wealth", te.MIN_WAN, "10")  # below priority's 20
    dialog._save()
    assert dialog.page_keys[dialog.sections.currentRow()] == sd.TIERS
    assert "逐级升高" in dialog.error.text()
    assert current_tiers(vault.settings) == before
    assert vault.settings.get("idle_lock_minutes") == REGISTRY["idle_lock_minutes"].default
    dialog.tier_editor.defaults_button.click()
    assert dialog.tier_editor.edited() == before


def test_the_exchange_page_clears_saved_column_mappings_on_ok(qtbot, vault):
    vault.settings.set("import_mappings", {"姓名|手机": '{"姓名": "name"}', "户名|电话": '{"户名": "name"}'})
    dialog = SettingsDialog(vault)
    qtbot.addWidget(dialog)
    assert "2 套" in dialog.mappings_label.text() and dialog.clear_mappings_button.isEnabled()
    dialog.clear_mappings_button.click()
    assert vault.settings.get("import_mappings") != {}  # not before OK
    dialog._save()
    assert vault.settings.get("import_mappings") == {}
    assert not SettingsDialog(vault).clear_mappings_button.isEnabled()  # nothing left to clear


@pytest.mark.parametrize(
    ("key", "text"),
    [("worklist_tier_weights", "private:0"), ("worklist_kind_weights", "birthday:-1")],
)
def test_a_zero_or_negative_worklist_weight_is_refused_on_its_page_and_nothing_is_written(dialog, vault, key, text):
    dialog.show_page(sd.PROFILE)
    dialog.editors["idle_lock_minutes"].setValue(25)
    dialog.editors[key].setText(text)
    dialog._save()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert dialog.page_keys[dialog.sections.currentRow()] == sd.group_of(key)
    assert dialog.error.isVisibleTo(dialog) and "大于 0" in dialog.error.text() and text in dialog.error.text()
    assert vault.settings.get(key) == REGISTRY[key].default
    assert vault.settings.get("idle_lock_minutes") == REGISTRY["idle_lock_minutes"].default
