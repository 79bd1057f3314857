"""The 话术 page driven through real widgets offscreen: typing a body with placeholders, the
live preview, problems marked, copy (clipboard), copy-and-log (contact recorded), save, reset,
open_for from a reminder, the bulk dialog; qtmodeltester on each model."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication, QMessageBox

from rm_desktop.domain.scripts.builtin import builtin_scripts
from rm_desktop.services.clients import contacts, holdings
from rm_desktop.services.clients import files as clients
from rm_desktop.services.scripts import library as scripts
from rm_desktop.services.scripts import render as script_render
from rm_desktop.ui.scripts.bulk_rows import COPIED, LOGGED, BulkRowsModel
from rm_desktop.ui.scripts.script_bulk_dialog import ScriptBulkDialog
from rm_desktop.ui.scripts.script_list import ScriptListModel
from rm_desktop.ui.scripts.scripts_page import ScriptsPage
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy
from tests.services.consent.given import consent_to_all

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def book(vault):
    vault.settings.set("rm_name", "张敏")
    vault.settings.set("branch_name", "城西支行")
    wang = clients.create_client(
        vault,
        {"name": "欧阳明", "gender": "男", "phone": "13800138000", "aum": "3200000", "preferred_channel": "wechat"},
    )
    li = clients.create_client(vault, {"name": "李华", "gender": "女"})
    holdings.add_holding(
        vault,
        wang.id,
        {"product_type": "wealth", "name": "稳享90天", "amount": "500000", "maturity_date": "2026-12-01"},
    )
    consent_to_all(vault, [wang.id, li.id])
    return vault, wang.id, li.id


@pytest.fixture
def page(qtbot, book):
    vault = book[0]
    privacy = Privacy()
    shared_guard = ClipboardGuard(seconds=45)  # the main window's
    widget = ScriptsPage(privacy, shared_guard)
    qtbot.addWidget(widget)
    assert widget.guard is shared_guard
    widget.resize(1200, 760)
    widget.show()
    widget.preview.today = TODAY
    widget.attach(vault)
    widget.ask = lambda title, question: True  # answer every confirmation with yes
    yield widget
    widget.detach()


def _ime(widget, text: str) -> None:
    """Chinese arrives from an input method as a committed string, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _underlined(editor, start: int, length: int) -> bool:
    """Whether the body text [start, start+length) has the red wavy problem underline."""
    block = editor.body.document().findBlock(start)
    offset = start - block.position()
    return any(
        r.start <= offset
        and offset + length <= r.start + r.length
        and r.format.underlineStyle() == QTextCharFormat.WaveUnderline
        for r in block.layout().formats()
    )


def test_empty_state_then_type_a_body_and_preview_updates(page, qtbot, book):
    _vault, _wang, _li = book
    assert page.work.currentIndex() == 0  # the hint, nothing chosen yet
    assert page.model.rowCount() == len(builtin_scripts())
    qtbot.keyClick(page, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    assert page.is_new and page.work.currentIndex() == 1
    _ime(page.editor.name, "我的问候")
    assert page.editor.name.text() == "我的问候"
    page.editor.body.setFocus()
    _ime(page.editor.body, "您好，")
    page.editor.insert_placeholder("称谓")
    qtbot.keyClicks(page.editor.body, "! {")
    _ime(page.editor.body, "姓")
    qtbot.keyClicks(page.editor.body, "}")
    assert page.editor.body.toPlainText() == "您好，{称谓}! {姓}"
    page.preview.refresh()
    assert page.preview.text.toPlainText() == "您好，欧阳先生! 欧阳"  # example values before a client is chosen
    page.preview.set_client(book[2], "李华")
    qtbot.waitUntil(lambda: page.preview.text.toPlainText() == "您好，李女士! 李", timeout=2000)
    assert "字" in page.preview.count.text() and "1 条" in page.preview.count.text()


def test_unknown_field_and_unbalanced_brace_are_marked_and_saved_as_draft(page, qtbot):
    page.new_template()
    page.editor.name.setText("草稿")
    page.editor.body.setPlainText("{姓名}您好，{爱好}\n第二行{")
    assert page.editor.problems.isVisible()
    text = page.editor.problems.text()
    assert "爱好" in text and "没有对应" in text
    assert _underlined(page.editor, 7, 4)  # {爱好}
    assert _underlined(page.editor, 15, 1)  # the lone { on the second line
    assert not _underlined(page.editor, 0, 4)  # {姓名} is fine
    qtbot.keyClick(page.editor.body, Qt.Key_S, Qt.ControlModifier)
    saved = scripts.find_template(page.vault, "草稿")
    assert saved.is_draft and len(saved.problems) == 2
    assert "草稿" in page.status.text() and not page.dirty


def test_copy_puts_the_rendered_text_on_the_clipboard(page, book):
    vault, wang, _li = book
    template = scripts.create_template(
        vault, {"name": "短", "category": "follow_up", "channel": "sms", "body": "{称谓}，{客户经理}回访"}
    )
    page.reload()
    assert page.select_template(template.id)
    page.preview.set_client(wang, "欧阳明")
    qtbot_clip = QGuiApplication.clipboard()
    page.preview.copy_button.click()
    assert qtbot_clip.text() == "欧阳先生，张敏回访"
    assert page.guard.pending and "45 秒后" in page.status.text()
    assert contacts.list_contacts(vault, wang) == []  # plain copy records nothing


def test_copy_and_log_records_a_contact(page, book):
    vault, wang, _li = book
    template = scripts.create_template(
        vault, {"name": "微信回访", "category": "follow_up", "channel": "wechat", "body": "{称谓}，最近好吗？"}
    )
    page.reload()
    page.select_template(template.id)
    page.preview.set_client(wang, "欧阳明")
    page.preview.refresh()
    assert page.preview.copy_log_button.isEnabled()
    logged = []
    page.contact_logged.connect(logged.append)
    page.preview.copy_log_button.click()
    assert QGuiApplication.clipboard().text() == "欧阳先生，最近好吗？"
    history = contacts.list_contacts(vault, wang)
    assert [(c.channel, c.purpose, c.content) for c in history] == [("wechat", "回访", "欧阳先生，最近好吗？")]
    assert logged == [wang]


def test_copy_and_log_asks_when_fields_are_missing(page, book):
    vault, _wang, li = book
    template = scripts.create_template(
        vault, {"name": "到期", "category": "maturity", "channel": "sms", "body": "{称谓}：{产品名称}到期"}
    )
    page.reload()
    page.select_template(template.id)
    page.preview.set_client(li, "李华")
    page.ask = lambda title, question: False
    page.copy_and_log()
    assert contacts.list_contacts(vault, li) == []
    assert "产品名称" in page.preview.missing.text()


def test_email_channel_can_be_logged(page, book):
    vault, wang, _li = book
    template = next(r for r in scripts.list_templates(vault) if r.channel == "email")
    page.select_template(template.id)
    page.preview.set_client(wang, "欧阳明")
    page.preview.refresh()
    assert page.preview.copy_button.isEnabled() and page.preview.copy_log_button.isEnabled()


def test_edit_and_reset_a_builtin(page, book):
    vault = book[0]
    original = builtin_scripts()[0]
    record = next(r for r in scripts.list_templates(vault) if r.builtin_id == original.builtin_id)
    page.select_template(record.id)
    assert page.reset_button.isVisible() and not page.reset_button.isEnabled()
    page.editor.body.setPlainText("改过的 {姓名}")
    page.save()
    assert scripts.get_template(vault, record.id).edited
    assert page.model.data(page.model.index(page.model.row_of(record.id), 3)) == "已修改"
    page.reset_button.click()
    assert scripts.get_template(vault, record.id).body == original.body
    assert page.editor.body.toPlainText() == original.body and not page.dirty


def test_unsaved_edits_survive_a_filter_change_and_switching_asks(page, book, monkeypatch):
    vault = book[0]
    first, second = scripts.list_templates(vault)[:2]
    page.select_template(first.id)
    page.editor.body.setPlainText("未保存的内容")
    page.library.search.setText("生日")
    page.reload()
    assert page.editor.body.toPlainText() == "未保存的内容"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    page.library.table.setCurrentIndex(page.model.index(page.model.row_of(second.id), 0))
    assert page.current.id == first.id and page.editor.body.toPlainText() == "未保存的内容"


def test_delete_goes_to_trash_and_restores(page, book):
    vault = book[0]
    template = scripts.create_template(vault, {"name": "临时", "category": "follow_up", "channel": "sms", "body": "x"})
    page.reload()
    page.select_template(template.id)
    page.delete_button.click()
    assert page.model.row_of(template.id) is None and page.work.currentIndex() == 0
    page.library.trash_button.setChecked(True)
    assert page.model.row_of(template.id) is not None
    page.select_template(template.id)
    assert page.delete_button.text() == "恢复"
    page.delete_button.click()
    assert not scripts.get_template(vault, template.id).in_trash


def test_filters_and_empty_list_hint(page):
    page.library.category_filter.setCurrentIndex(page.library.category_filter.findData("maturity"))
    assert {page.model.record_at(r).category for r in range(page.model.rowCount())} == {"maturity"}
    page.library.search.setText("不可能出现的文字")
    page.reload()
    assert page.model.rowCount() == 0 and page.library.empty.isVisible() and "没有符合条件" in page.library.empty.text()


def test_open_for_a_maturity_reminder(page, book):
    _vault, wang, _li = book
    category = scripts.suggest_for_reminder_kind("maturity")
    template = page.open_for(wang, category)
    assert template.category == "maturity" and template.channel == "wechat"  # the client's preferred channel
    assert page.current.id == template.id and page.preview.client_id == wang
    assert "稳享90天" in page.preview.text.toPlainText()


def test_privacy_hides_aum_in_the_preview_only(page, book):
    vault, wang, _li = book
    template = scripts.create_template(
        vault, {"name": "资产", "category": "follow_up", "channel": "phone", "body": "您的资产{金融资产}"}
    )
    page.reload()
    page.select_template(template.id)
    page.preview.set_client(wang, "欧阳明")
    page.privacy.set_client_present(True)
    assert page.preview.text.toPlainText() == f"您的资产{HIDDEN}"
    assert page.preview.rendered.text == "您的资产320万元"


def test_picker_searches_clients(page, book, qtbot):
    _vault, wang, _li = book
    picker = page.preview.picker
    qtbot.keyClicks(picker.edit, "oym")
    picker.search()
    assert picker.matches.rowCount() == 1 and "欧阳明" in picker.matches.item(0).text()
    assert "138****8000" in picker.matches.item(0).text()
    picker.choose_row(0)
    assert picker.client_id == wang


def test_detach_drops_everything(page, book):
    page.open_for(book[1], "birthday")
    page.guard.copy("x")
    page.detach()
    assert page.vault is None and page.model.rowCount() == 0 and page.preview.client_id is None
    assert page.preview.rendered is None and QGuiApplication.clipboard().text() == ""
    page.attach(book[0])  # the fixture detaches again


# -- bulk ---------------------------------------------------------------------------------------


def test_bulk_dialog_copy_confirm_and_export(qtbot, book, tmp_path):
    vault, wang, li = book
    template = scripts.create_template(
        vault, {"name": "生日", "category": "birthday", "channel": "sms", "body": "{称谓}，生日快乐！{客户经理}"}
    )
    dialog = ScriptBulkDialog(
        vault, ClipboardGuard(), template_id=template.id, client_ids=[li, wang], list_title="今日生日", today=TODAY
    )
    qtbot.addWidget(dialog)
    assert dialog.given.isChecked() and "今日生日" in dialog.given.text()
    with qtbot.waitSignal(dialog.rendered, timeout=5000):
        dialog.render_button.click()
    assert [dialog.model.row_at(r).text for r in range(2)] == ["李女士，生日快乐！张敏", "欧阳先生，生日快乐！张敏"]
    dialog.copy_next()
    assert QGuiApplication.clipboard().text() == "李女士，生日快乐！张敏" and dialog.model.state(0) == COPIED
    dialog.table.selectRow(0)
    dialog.confirm_selected()
    assert dialog.model.state(0) == LOGGED
    assert [c.content for c in contacts.list_contacts(vault, li)] == ["李女士，生日快乐！张敏"]
    assert contacts.list_contacts(vault, wang) == []
    dialog.export_to(str(tmp_path / "名单.xlsx"))
    assert (tmp_path / "名单.xlsx").exists() and "已导出" in dialog.status.text()
    dialog.ask = lambda title, question: True
    dialog.confirm_all()
    qtbot.waitUntil(lambda: dialog.model.state(1) == LOGGED, timeout=5000)
    assert len(contacts.list_contacts(vault, wang)) == 1 and len(contacts.list_contacts(vault, li)) == 1


def test_bulk_dialog_filtered_list(qtbot, book):
    vault, wang, _li = book
    dialog = ScriptBulkDialog(vault, ClipboardGuard(), today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.filtered.isChecked() and dialog.given.isHidden()
    dialog.search.setText("欧阳")
    with qtbot.waitSignal(dialog.rendered, timeout=5000):
        dialog.render_rows()
    assert dialog.model.rowCount() == 1 and dialog.model.row_at(0).client_id == wang


# -- models -------------------------------------------------------------------------------------


def test_script_list_model(qtmodeltester, vault):
    model = ScriptListModel()
    model.set_records(scripts.list_templates(vault))
    qtmodeltester.check(model)
    assert model.rowCount() == len(builtin_scripts())


def test_bulk_rows_model(qtmodeltester, book):
    vault, wang, li = book
    template = scripts.create_template(
        vault, {"name": "t", "category": "maturity", "channel": "sms", "body": "{称谓}{产品名称}"}
    )
    model = BulkRowsModel()
    model.set_rows(script_render.bulk_render(vault, template.id, [wang, li], today=TODAY))
    model.set_state(0, LOGGED)
    model.set_state(0, COPIED)  # a logged row stays logged
    qtmodeltester.check(model)
    assert model.state(0) == LOGGED and model.next_pending() == 1
    assert model.data(model.index(1, 6)) == "产品名称" and model.data(model.index(0, 3)) == "138****8000"


def test_open_bulk_from_the_page_with_a_given_list(page, book):
    _vault, wang, li = book
    dialog = page.open_bulk(client_ids=[li, wang], list_title="今日生日", category="birthday")
    try:
        assert dialog.given.isChecked() and "2 位客户" in dialog.given.text()
        chosen = scripts.get_template(page.vault, dialog.template.currentData())
        assert chosen.category == "birthday"
    finally:
        dialog.reject()


def test_bulk_invitation_fills_the_event(qtbot, book):
    vault, wang, _li = book
    template = scripts.create_template(
        vault,
        {
            "name": "邀请",
            "category": "event_invite",
            "channel": "wechat",
            "body": "{称谓}：诚邀您参加{活动时间}在{活动地点}的{活动名称}",
        },
    )
    dialog = ScriptBulkDialog(vault, ClipboardGuard(), template_id=template.id, client_ids=[wang], today=TODAY)
    qtbot.addWidget(dialog)
    assert not dialog.event_row.isHidden() and dialog.festival.isHidden()
    dialog.event_name.setText("理财沙龙")
    dialog.event_place.setText("三楼贵宾厅")
    dialog.event_time.setDateTime(dt.datetime(2026, 12, 5, 14, 30))
    with qtbot.waitSignal(dialog.rendered, timeout=5000):
        dialog.render_rows()
    assert dialog.model.row_at(0).text == "欧阳先生：诚邀您参加2026年12月5日（星期六）14:30在三楼贵宾厅的理财沙龙"
