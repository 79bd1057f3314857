"""Handover by name (issue 14.7): the clients chosen in a checklist (search, tier, tag, the client
list's selection) are exactly those in the file; the preview before a merge or an archive import
lists clients by name in groups, a conflicting one with its differing field."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from rm_desktop.io.readers import read_workbook
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.exporting import export_archive
from rm_desktop.services.exchange.handover import export_handover, preview_handover
from rm_desktop.services.exchange.merge_plan import plan_merge
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.ui.exchange import exchange_page as page_module
from rm_desktop.ui.exchange.exchange_page import ExchangePage
from rm_desktop.ui.exchange.handover_picker import ClientCheckModel, HandoverPickerDialog
from rm_desktop.ui.exchange.merge_preview import MergePlanModel, MergePreviewDialog
from rm_desktop.ui.exchange.password_dialogs import NewFilePasswordDialog
from tests.conftest import FAST_KDF, PASSWORD

STRONG = "handover-pass-1"


def _book(vault):
    """Two 私行 clients (AUM ≥ 600万), one 普通 and one 潜力 client, one tagged 高净值."""
    ids = {}
    for name, aum, tags in (
        ("张伟", 8_000_000, ["高净值"]),
        ("李娜", 7_000_000, []),
        ("王芳", 2_000, []),
        ("刘洋", 60_000, ["高净值"]),
    ):
        ids[name] = create_client(vault, {"name": name, "aum": Decimal(aum), "tags": tags}).id
    return ids


def _page(qtbot, vault) -> ExchangePage:
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    return page


def _shown(model) -> list[str]:
    return [model.rows[row].name for row in range(model.rowCount())]


def _client_sheet_names(path) -> list[str]:
    sheet = next(s for s in read_workbook(path, STRONG).sheets if s.name == "客户")
    column = list(sheet.rows[0]).index("姓名")
    return sorted(str(row[column]) for row in sheet.rows[1:])


def test_filter_by_tier_then_export_holds_exactly_those(qtbot, vault, tmp_path, monkeypatch):
    _book(vault)
    page = _page(qtbot, vault)
    target = tmp_path / "移交.xlsx"
    seen: list[HandoverPickerDialog] = []

    def pick(dialog: HandoverPickerDialog) -> int:
        seen.append(dialog)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=3000)  # (looked up off the UI thread)
        assert sorted(_shown(dialog.model)) == ["刘洋", "张伟", "李娜", "王芳"] and dialog.client_ids() == []
        assert not dialog.ok_button.isEnabled()  # nothing ticked: nothing to write
        top = max(range(1, dialog.tier.count()), key=lambda i: _tier_min(vault, dialog.tier.itemData(i)))
        dialog.tier.setCurrentIndex(top)
        qtbot.waitUntil(lambda: sorted(_shown(dialog.model)) == ["张伟", "李娜"], timeout=3000)
        dialog.all_button.click()
        assert dialog.chosen_title.text() == "将移交 2 位客户："
        assert sorted(dialog.chosen_list.item(i).text() for i in range(dialog.chosen_list.count())) == ["张伟", "李娜"]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(HandoverPickerDialog, "exec", pick)
    monkeypatch.setattr(page_module.file_dialogs, "get_save_path", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(NewFilePasswordDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(NewFilePasswordDialog, "password", lambda _self: STRONG)
    page.choose_handover_export()
    qtbot.waitUntil(lambda: "SHA-256" in page.last_result, timeout=5000)
    assert seen and _client_sheet_names(target) == ["张伟", "李娜"]
    page.detach()


def _tier_min(vault, code):
    from rm_desktop.services.clients.tiers import current_tiers

    return next(t.min_aum for t in current_tiers(vault.settings) if t.code == code)


def test_search_tag_and_ticks_kept_across_filters(qtbot, vault):
    ids = _book(vault)
    picker = HandoverPickerDialog(vault)
    qtbot.addWidget(picker)
    picker.search.setText("wf")  # the client list's pinyin initials search: 王芳
    qtbot.waitUntil(lambda: _shown(picker.model) == ["王芳"], timeout=3000)
    picker.model.setData(picker.model.index(0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    picker.search.clear()
    picker.tag.setCurrentIndex(picker.tag.findData("高净值"))
    qtbot.waitUntil(lambda: sorted(_shown(picker.model)) == ["刘洋", "张伟"], timeout=3000)
    picker.all_button.click()
    picker.none_button.click()  # unticks only what the filters show: 王芳 stays
    picker.all_button.click()
    assert picker.client_ids() == sorted([ids["王芳"], ids["刘洋"], ids["张伟"]])
    assert picker.shown.text() == "筛选出 2 位"
    picker.search.setText("没有这个人")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 0, timeout=3000)
    assert "没有符合筛选条件的客户" in picker.empty.text() and not picker.all_button.isEnabled()


def test_the_client_list_selection_is_offered_and_ticked(qtbot, vault):
    ids = _book(vault)
    page = _page(qtbot, vault)
    page.client_selection = lambda: [ids["李娜"], ids["王芳"]]
    picker = page.handover_picker()
    assert picker.source.currentText() == "客户列表中选中的（2）"
    qtbot.waitUntil(lambda: picker.client_ids() == sorted([ids["李娜"], ids["王芳"]]), timeout=3000)
    assert sorted(_shown(picker.model)) == ["李娜", "王芳"]
    picker.source.setCurrentIndex(0)  # 全部客户: the ticks stay, everyone is listed
    qtbot.waitUntil(lambda: len(_shown(picker.model)) == 4, timeout=3000)
    assert len(picker.client_ids()) == 2
    page.detach()


def _receiver_with_a_conflict(vault, tmp_path):
    create_client(vault, {"name": "张三", "customer_no": "C1", "occupation": "教师"})
    create_client(vault, {"name": "李四", "customer_no": "C2"})
    export_handover(vault, tmp_path / "h.xlsx", STRONG)
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    create_client(receiver, {"name": "张三", "customer_no": "C1", "occupation": "医生"})
    return receiver


def _tree(model: MergePlanModel) -> dict[str, list[str]]:
    """Group title → the client names under it."""
    found = {}
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        found[group.data()] = [model.index(i, 0, group).data() for i in range(model.rowCount(group))]
    return found


def test_the_merge_preview_lists_clients_by_name_with_the_differing_field(qtbot, vault, tmp_path, monkeypatch):
    receiver = _receiver_with_a_conflict(vault, tmp_path)
    try:
        page = _page(qtbot, receiver)
        shown: list[MergePreviewDialog] = []

        def accept(dialog: MergePreviewDialog) -> int:
            shown.append(dialog)
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(MergePreviewDialog, "exec", accept)
        page.handover_preview(str(tmp_path / "h.xlsx"), STRONG, confirm=page._confirm_merge)
        qtbot.waitUntil(lambda: page.last_result.startswith("合并完成"), timeout=5000)
        model = shown[0].model
        assert _tree(model) == {
            "新客户（将新增）（1）": ["李四"],
            "相同客户（资料一致）（0）": [],
            "有冲突的客户（资料不同）（1）": ["张三"],
        }
        assert model.index(0, 0).data().startswith("有冲突")  # the clients that need a look come first
        conflict = model.index(0, 0, model.index(0, 0))
        assert model.index(0, 3, model.index(0, 0)).data() == "1 处不同"
        assert [model.index(0, col, conflict).data() for col in range(4)] == ["职业", "医生", "教师", "保留本机的值"]
        assert shown[0].tree.isExpanded(conflict)  # the differing fields are open to read
        assert "新客户 1" in shown[0].intro.text() and "回执" in shown[0].intro.text()
        page.detach()
    finally:
        receiver.lock()


def test_models_pass_the_model_tester(qtmodeltester, vault, tmp_path):
    receiver = _receiver_with_a_conflict(vault, tmp_path)
    try:
        model = MergePlanModel()
        model.set_plan(plan_merge(receiver, preview_handover(receiver, tmp_path / "h.xlsx", STRONG).preview))
        qtmodeltester.check(model)
        checks = ClientCheckModel()
        from rm_desktop.services.search.query import ClientQuery, search_clients

        checks.set_rows(search_clients(vault, ClientQuery()))
        qtmodeltester.check(checks)
    finally:
        receiver.lock()


def test_the_archive_import_dialog_groups_clients_and_follows_decisions(qtbot, vault, tmp_path):
    create_client(vault, {"name": "张三", "customer_no": "C1", "occupation": "教师"})
    create_client(vault, {"name": "李四", "customer_no": "C2"})
    export_archive(vault, tmp_path / "a.xlsx")
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    try:
        create_client(receiver, {"name": "张三", "customer_no": "C1", "occupation": "医生"})
        page = _page(qtbot, receiver)
        dialog = page.open_import(str(tmp_path / "a.xlsx"))
        qtbot.waitUntil(lambda: dialog.plan_model.rowCount() > 0, timeout=5000)
        assert dialog.tabs.tabText(0) == "按客户" and dialog.tabs.currentIndex() == 0
        assert _tree(dialog.plan_model)["有冲突的客户（资料不同）（1）"] == ["张三"]
        conflict = dialog.plan_model.index(0, 0, dialog.plan_model.index(0, 0))
        assert dialog.plan_model.index(0, 3, conflict).data() == "改为文件中的值"  # the default policy: update
        row = next(i for i in range(dialog.model.rowCount()) if dialog.model.index(i, 3).data() == "张三")
        dialog.model.setData(dialog.model.index(row, 2), "skip")
        qtbot.waitUntil(lambda: "重复、跳过的客户（1）" in _tree(dialog.plan_model), timeout=5000)
        assert _tree(dialog.plan_model)["重复、跳过的客户（1）"] == ["张三"]
        page.detach()
    finally:
        receiver.lock()
