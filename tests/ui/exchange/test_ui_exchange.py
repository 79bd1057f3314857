"""The 导入导出 page: import dialog flow, exports and handover, driven offscreen."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.storage.models import Client
from rm_desktop.ui.exchange.exchange_page import ExchangePage
from rm_desktop.ui.exchange.import_preview import ImportPreviewModel


def _sheet(path):
    book = Workbook()
    for row in (["客户清单"], ["姓名", "手机号码", "资产"], ["张三", "13800138000", 2], ["李四", "138", 3]):
        book.active.append(row)
    book.save(path)
    return path


def _open_dialog(qtbot, vault, path, rows):
    """The 导入导出 page with the import dialog open on a workbook of ``rows``."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    return page, page.open_import(str(path))


def test_preview_model(qtmodeltester, vault, tmp_path):
    model = ImportPreviewModel()
    model.set_preview(preview_import(vault, _sheet(tmp_path / "a.xlsx")))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.index(1, 6).data().startswith("手机号码")


def test_import_dialog_flow(qtbot, vault, tmp_path):
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    dialog = page.open_import(str(_sheet(tmp_path / "a.xlsx")))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert dialog.header_row.value() == 2 and dialog.model.rowCount() == 2
    # map the unmapped 资产 column to financial assets in 万元, then re-check
    for row in range(dialog.mapping.rowCount()):
        if dialog.mapping.cellWidget(row, 0).text() == "资产":
            combo, unit = dialog.mapping.cellWidget(row, 1), dialog.mapping.cellWidget(row, 2)
            combo.setCurrentIndex(combo.findData("aum"))
            unit.setCurrentIndex(unit.findData("万元"))
    first = dialog.preview
    dialog.recheck()
    qtbot.waitUntil(lambda: dialog.preview is not first and dialog.preview is not None, timeout=5000)
    assert str(dialog.preview.rows[0].result.values["aum"]) == "20000.00"
    assert dialog.write_rejects(str(tmp_path / "rejects.xlsx")) == 1
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=5000)
    assert dialog.summary.imported == 1
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 1
    # the adjusted mapping was remembered for files with these headers
    again = preview_import(vault, tmp_path / "a.xlsx")
    assert "aum" in again.columns.columns
    page.detach()


def test_exports_and_handover(qtbot, vault, tmp_path):
    from rm_desktop.services.clients.files import create_client

    create_client(vault, {"name": "王五", "customer_no": "C9"})
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    page.export_archive_to(str(tmp_path / "archive.xlsx"), None)  # plaintext, as chosen in the dialog
    qtbot.waitUntil(lambda: "archive.xlsx" in page.last_result, timeout=5000)
    assert load_workbook(tmp_path / "archive.xlsx").sheetnames[:3] == ["客户", "持仓", "往来记录"]
    page.filter.setText("王五")
    page.export_list_to(str(tmp_path / "list.xlsx"))
    qtbot.waitUntil(lambda: "list.xlsx" in page.last_result, timeout=5000)
    everyone = [row.id for row in search_clients(vault, ClientQuery())]
    page.handover_export_to(str(tmp_path / "h.xlsx"), "hand-over 4711", "hand-over 4712", everyone)
    assert "不一致" in page.last_result or "differ" in page.last_result
    page.handover_export_to(str(tmp_path / "h.xlsx"), "hand-over 4711", "hand-over 4711", everyone)
    qtbot.waitUntil(lambda: "SHA-256" in page.last_result, timeout=5000)
    seen = []
    page.handover_preview(
        str(tmp_path / "h.xlsx"),
        "hand-over 4711",
        confirm=lambda found, _plan: seen.append(page.describe(found)) or True,
    )
    qtbot.waitUntil(lambda: page.last_result.startswith("合并完成"), timeout=5000)
    assert "相同客户 1" in seen[0]
    page.grab().save(str(tmp_path / "page.png"))
    page.detach()


def test_decision_of_a_matched_row_can_be_changed(qtbot, vault, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox

    from rm_desktop.services.clients.files import create_client

    mine = create_client(vault, {"name": "张三", "phone": ["13800138000"], "occupation": "医生"})
    page, dialog = _open_dialog(
        qtbot,
        vault,
        tmp_path / "b.xlsx",
        (["姓名", "手机号码", "职业"], ["张三", "13800138000", "教师"], ["李四", "13900139000", "律师"]),
    )
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    model, table = dialog.model, dialog.table
    matched, new = model.index(0, 2), model.index(1, 2)
    assert matched.data(Qt.EditRole) == "update" and model.choices(0) == ["update", "merge", "skip", "new"]
    assert not model.flags(new) & Qt.ItemIsEditable and model.flags(matched) & Qt.ItemIsEditable
    assert not model.setData(new, "skip") and not model.setData(matched, "bogus")
    table.edit(matched)  # the delegate's combo box, as a double click opens it
    combo = table.viewport().findChild(QComboBox)
    assert [combo.itemData(i) for i in range(combo.count())] == ["update", "merge", "skip", "new"]
    combo.setCurrentIndex(combo.findData("skip"))
    combo.activated.emit(combo.currentIndex())
    assert model.decisions == {2: "skip"} and matched.data() == "跳过（重复）"
    assert "手动更改" in dialog.counts.text()
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=5000)
    assert (dialog.summary.imported, dialog.summary.updated, dialog.summary.skipped) == (1, 0, 1)
    with vault.sessions() as s:
        assert s.get(Client, mine.id).occupation == "医生"
    page.detach()


def test_a_name_column_not_recognised_can_be_chosen(qtbot, vault, tmp_path):
    """The automatic check finds no name column; the mapping table still lists the columns, the
    user maps 户主 to the name and re-checks."""
    page, dialog = _open_dialog(
        qtbot, vault, tmp_path / "c.xlsx", (["户主", "手机号码", "职业"], ["张三", "13800138000", "教师"])
    )
    qtbot.waitUntil(lambda: dialog.mapping.rowCount() == 3, timeout=5000)
    assert dialog.preview is None and "姓名" in dialog.counts.text()
    labels = [dialog.mapping.cellWidget(row, 0).text() for row in range(3)]
    combo = dialog.mapping.cellWidget(labels.index("户主"), 1)
    assert dialog.mapping.cellWidget(labels.index("手机号码"), 1).currentData() == "phone"
    combo.setCurrentIndex(combo.findData("name"))
    dialog.recheck()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert dialog.preview.rows[0].result.values["name"] == "张三"
    assert dialog.import_button.isEnabled()
    page.detach()
