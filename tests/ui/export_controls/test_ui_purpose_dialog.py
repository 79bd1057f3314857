"""The 导出用途 dialog: the kind's default purpose, the minimum ticked (name locked on), a
purpose change resets the ticks, 其他 keeps 导出 off until a note is typed; the 导入导出 page asks
it before a list export and the file carries the purpose's fields only."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.exporting import LIST_COLUMNS
from rm_desktop.services.export_controls import register
from rm_desktop.ui.exchange.exchange_page import ExchangePage
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.export_controls.purpose_dialog import PurposeDialog
from rm_desktop.ui.widgets import file_dialogs

FIELDS = [(c.key, c.header) for c in LIST_COLUMNS]


def _page(qtbot, vault):
    create_client(vault, {"name": "王五", "customer_no": "C9", "phone": ["13800138000"]})
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    return page


def _ticked(dialog) -> set[str]:
    return set(dialog.chosen_fields() or ())


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_minimum_is_ticked_and_other_needs_a_note(qtbot):
    dialog = PurposeDialog("list", FIELDS)
    qtbot.addWidget(dialog)
    assert dialog.code() == "other" and not _ok(dialog).isEnabled()
    dialog.note.setText("网点检查")
    assert _ok(dialog).isEnabled()
    assert dialog.control().note == "网点检查" and _ticked(dialog) == {"customer_no", "name"}
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("marketing"))
    assert _ticked(dialog) == {"customer_no", "name", "phone", "tier_name", "tags"}
    name = dialog.field_list.item(1)
    assert not name.flags() & Qt.ItemFlag.ItemIsUserCheckable  # the name is always exported
    aum = dialog.field_list.item([k for k, _ in FIELDS].index("aum"))
    aum.setCheckState(Qt.CheckState.Checked)
    assert dialog.control().fields is not None and "aum" in dialog.control().fields
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("regulatory"))
    assert "tags" not in _ticked(dialog) and "id_number" in _ticked(dialog)


def test_an_archive_defaults_to_backup_without_a_field_list(qtbot):
    dialog = PurposeDialog("archive")
    qtbot.addWidget(dialog)
    assert dialog.code() == "backup" and dialog.chosen_fields() is None and _ok(dialog).isEnabled()


def test_the_page_asks_the_purpose_before_a_list_export(qtbot, vault, tmp_path, monkeypatch):
    page = _page(qtbot, vault)
    target = tmp_path / "名单.xlsx"
    monkeypatch.setattr(file_dialogs, "get_save_path", lambda *_a, **_k: (str(target), ""))
    asked = []

    def answer(parent, kind, fields, *, what=""):
        asked.append(kind)
        return purpose_dialog.ExportControl("marketing")

    monkeypatch.setattr("rm_desktop.ui.exchange.exchange_page.ask_purpose", answer)
    page.choose_list()
    qtbot.waitUntil(lambda: target.exists() and bool(register.entries(vault)), timeout=5000)
    assert asked == ["list"] and register.entries(vault)[0].purpose == "marketing"
    assert "证件号码" not in [c.value for c in load_workbook(target).worksheets[0][1]]


def test_cancelling_the_purpose_writes_nothing(qtbot, vault, tmp_path, monkeypatch):
    page = _page(qtbot, vault)
    target = tmp_path / "x.xlsx"
    monkeypatch.setattr(file_dialogs, "get_save_path", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr("rm_desktop.ui.exchange.exchange_page.ask_purpose", lambda *_a, **_k: None)
    page.choose_list()
    assert not target.exists() and register.entries(vault) == []


def test_english_purposes_read_as_list_items_upper_case_first(qtbot):
    from rm_desktop.i18n import language, set_language

    before = language()
    set_language("en")  # the closed list's labels come from the Qt-free layer's language
    try:
        dialog = PurposeDialog("list", FIELDS)
        qtbot.addWidget(dialog)
        items = [dialog.purpose.itemText(i) for i in range(dialog.purpose.count())]
    finally:
        set_language(before)
    assert "Backup copy" in items and "Marketing campaign" in items
    assert all(item[:1].isupper() for item in items), items
