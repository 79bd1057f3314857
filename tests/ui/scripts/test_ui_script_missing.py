"""A script with merge fields still empty never reaches the clipboard silently: the preview marks
each missing field and says where it is filled in (the RM's profile vs the client's file), and
复制 asks first (QMessageBox.question patched, as tests/conftest.py says)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from rm_desktop.services.clients import files as clients
from rm_desktop.services.scripts import library as scripts
from rm_desktop.ui.scripts.scripts_page import ScriptsPage
from rm_desktop.ui.settings import settings_dialog
from tests.services.consent.given import consent_to_all

TODAY = dt.date(2026, 11, 20)
BODY = "{称谓}您好，我是{网点}的{客户经理}。"


@pytest.fixture
def page(qtbot, vault):
    widget = ScriptsPage()
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    widget.preview.today = TODAY
    widget.attach(vault)
    template = scripts.create_template(vault, {"name": "介绍", "category": "follow_up", "channel": "sms", "body": BODY})
    widget.reload()
    assert widget.select_template(template.id)
    yield widget
    widget.detach()


def _answer(monkeypatch, answer) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _with_client(page, vault, **values) -> None:
    client = clients.create_client(vault, {"name": "李华", **values})
    page.preview.set_client(client.id, "李华")
    page.preview.refresh()


def test_the_preview_marks_missing_fields_and_says_where_to_fill_them(page, vault):
    _with_client(page, vault)  # no gender: no 称谓; a fresh vault: no profile
    preview = page.preview
    assert preview.text.toPlainText() == "【称谓?】您好，我是【网点?】的【客户经理?】。"
    text = preview.missing.text()
    assert preview.missing.isVisibleTo(page)
    assert "您的个人信息中缺少：网点、客户经理" in text and "设置 › 个人信息" in text and 'href="profile"' in text
    assert "客户档案中缺少：称谓" in text
    block = preview.text.document().firstBlock()
    marked = {r.start for r in block.layout().formats() if r.format == preview.marker_highlighter.marker_format}
    assert {0, 10, 16} <= marked  # each 【…?】 drawn as a marker


def test_the_example_preview_marks_an_empty_profile_too(page):
    page.preview.refresh()  # no client chosen: examples for the client, the real (empty) profile
    assert page.preview.text.toPlainText() == "欧阳先生您好，我是【网点?】的【客户经理?】。"
    assert "示例" in page.preview.missing.text() and "设置 › 个人信息" in page.preview.missing.text()


def test_copy_asks_before_copying_text_with_a_marker(page, vault, monkeypatch):
    _with_client(page, vault, gender="女")
    QGuiApplication.clipboard().setText("before")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    page.preview.copy_button.click()
    assert len(asked) == 1 and "网点、客户经理" in asked[0]
    assert QGuiApplication.clipboard().text() == "before" and not page.guard.pending  # declined: nothing copied
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    page.preview.copy_button.click()
    assert len(asked) == 1
    assert QGuiApplication.clipboard().text() == "李女士您好，我是【网点?】的【客户经理?】。"


def test_a_complete_text_is_copied_without_a_question(page, vault, monkeypatch):
    vault.settings.set("rm_name", "张敏")
    vault.settings.set("branch_name", "城西支行")
    _with_client(page, vault, gender="女")
    assert not page.preview.missing.isVisibleTo(page)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    page.preview.copy_button.click()
    assert asked == [] and QGuiApplication.clipboard().text() == "李女士您好，我是城西支行的张敏。"


def test_the_profile_link_opens_settings_on_the_profile_page(page, vault, monkeypatch):
    _with_client(page, vault, gender="女")
    opened: list[str] = []

    def fill_in(dialog):
        opened.append(dialog.page_keys[dialog.sections.currentRow()])
        dialog.profile.edits["rm_name"].setText("张敏")
        dialog.profile.edits["branch_name"].setText("城西支行")
        dialog._save()
        return dialog.result()

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", fill_in)
    page.preview.missing.linkActivated.emit("profile")
    assert opened == [settings_dialog.PROFILE]
    assert page.preview.text.toPlainText() == "李女士您好，我是城西支行的张敏。"
    assert not page.preview.missing.isVisibleTo(page)


def test_the_placeholder_menu_offers_every_profile_field(page):
    menu = page.editor._placeholder_menu()
    groups = {action.text(): action.menu() for action in menu.actions() if action.menu() is not None}
    rm_items = [action.text().split()[0] for action in groups["客户经理"].actions()]
    assert rm_items == ["{客户经理}", "{客户经理电话}", "{网点}", "{客户经理职务}", "{今天}"]


def test_missing_fields_are_named_in_the_ui_language(page, vault):
    from rm_desktop.i18n import set_language

    _with_client(page, vault, gender="女")
    set_language("en")  # the Qt-free layers' language follows the UI's (qt_i18n.install)
    try:
        page.preview.refresh()
        text = page.preview.missing.text()
    finally:
        set_language("zh_CN")
    assert "Branch, RM name" in text and "网点" not in text


def test_the_bulk_list_asks_before_copying_a_row_with_a_marker(qtbot, vault, monkeypatch):
    from rm_desktop.ui.scripts.bulk_rows import COPIED, PENDING
    from rm_desktop.ui.scripts.script_bulk_dialog import ScriptBulkDialog
    from rm_desktop.ui.widgets.clipboard import ClipboardGuard

    vault.settings.set("rm_name", "张敏")
    ids = [clients.create_client(vault, {"name": name, "gender": "女"}).id for name in ("李华", "王芳")]
    consent_to_all(vault, ids)
    template = scripts.create_template(
        vault,
        {"name": "生日", "category": "birthday", "channel": "sms", "body": "{称谓}，{网点}{客户经理}祝您生日快乐"},
    )
    dialog = ScriptBulkDialog(vault, ClipboardGuard(), template_id=template.id, client_ids=ids, today=TODAY)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=5000):
        dialog.render_button.click()
    QGuiApplication.clipboard().setText("before")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    dialog.copy_row(0)
    assert len(asked) == 1 and "网点" in asked[0]
    assert QGuiApplication.clipboard().text() == "before" and dialog.model.state(0) == PENDING
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.copy_row(0)
    assert QGuiApplication.clipboard().text() == "李女士，【网点?】张敏祝您生日快乐" and dialog.model.state(0) == COPIED
