"""The script editor's unsaved changes (issue 14.1): 保存 / 放弃 / 取消 on leaving, nothing asked when
unchanged, and the draft a lock keeps is offered back at the next unlock."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from rm_desktop.services.clients import drafts
from rm_desktop.services.scripts import library as scripts
from rm_desktop.ui.scripts.scripts_page import DRAFT_KIND, ScriptsPage
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import Privacy

B = QMessageBox.StandardButton


@pytest.fixture
def page(attached):
    return attached(ScriptsPage(Privacy(), ClipboardGuard()))


def _first(page, vault):
    record = scripts.list_templates(vault)[0]
    page.select_template(record.id)
    return record


def test_leaving_asks_save_discard_cancel(page, vault, answers):
    queue, asked = answers
    record = _first(page, vault)
    page.editor.body.setPlainText(record.body + "!")
    page.editor.body.setPlainText(record.body)  # typed and undone: unchanged
    assert page.may_leave() and asked == []
    page.editor.body.setPlainText("改过的 {姓名}")
    queue.append(B.Cancel)
    assert not page.may_leave() and page.editor.body.toPlainText() == "改过的 {姓名}"
    queue.append(B.Discard)
    assert page.may_leave() and page.editor.body.toPlainText() == record.body and not page.dirty
    page.editor.body.setPlainText("改过的 {姓名}")
    queue.append(B.Save)
    assert page.may_leave() and len(asked) == 3
    assert scripts.get_template(vault, record.id).body == "改过的 {姓名}"
    assert page.may_leave() and len(asked) == 3  # just saved: nothing to ask


def test_new_template_is_dirty_only_once_typed(page, answers):
    page.new_template()
    assert not page.dirty and page.may_leave() and answers[1] == []
    page.editor.name.setText("新话术")
    assert page.dirty


def test_lock_draft_is_offered_at_unlock(page, vault, answers):
    queue, asked = answers
    record = _first(page, vault)
    page.editor.body.setPlainText("写到一半")
    page.keeper.save()  # what the 3-second autosave does: a crash now would keep it
    (autosaved,) = drafts.load_drafts(vault, DRAFT_KIND)
    page.editor.body.setPlainText("锁屏前的正文")
    page.detach()  # the lock: kept as a draft, no question
    assert [d.id for d in drafts.load_drafts(vault, DRAFT_KIND)] == [autosaved.id]
    assert asked == [] and [d.payload["values"]["body"] for d in drafts.load_drafts(vault, DRAFT_KIND)] == [
        "锁屏前的正文"
    ]
    page.attach(vault)
    queue.append(B.Yes)
    assert page.offer_drafts()
    assert page.current.id == record.id and page.editor.body.toPlainText() == "锁屏前的正文" and page.dirty
    assert drafts.load_drafts(vault, DRAFT_KIND) == []
