"""The plan editor's unsaved changes (issue 14.1): leaving the 理财规划 area asks 保存 / 放弃 / 取消
(nothing when unchanged); the draft a lock keeps is offered at the next unlock."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from rm_desktop.services.clients import drafts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.plans import store as plans
from rm_desktop.ui.plans.plans_page import PlansPage

B = QMessageBox.StandardButton


@pytest.fixture
def page(attached):
    return attached(PlansPage())


@pytest.fixture
def plan(vault):
    client = create_client(vault, {"name": "周敏"}).id
    first = plans.create_plan(vault, client).plan_id
    second = plans.create_plan(vault, client).plan_id
    return client, first, second


def test_leaving_asks_save_discard_cancel(page, vault, plan, answers):
    queue, asked = answers
    client, _first, _second = plan
    page.open_client(client)
    assert page.may_leave() and asked == []  # unchanged: no question
    page.editor.profile.title.setText("未保存的标题")
    queue.append(B.Cancel)
    assert not page.may_leave() and page.editor.profile.title.text() == "未保存的标题"
    queue.append(B.Discard)
    assert page.may_leave() and page.editor.profile.title.text() != "未保存的标题"
    assert not page.editor.is_dirty()
    page.editor.profile.title.setText("要保存的标题")
    queue.append(B.Save)
    assert page.may_leave() and len(asked) == 3
    assert plans.get_plan(vault, page.plan_id()).content.title == "要保存的标题"
    assert page.may_leave() and len(asked) == 3  # just saved: nothing to ask


def test_lock_draft_is_offered_at_unlock(page, vault, plan, answers):
    queue, asked = answers
    client, first, second = plan
    page.open_client(client)
    other = first if page.plan_id() == second else second  # the plan not shown first
    page.plan_box.setCurrentIndex(page.plan_box.findData(other))
    page.editor.profile.title.setText("锁屏前的标题")
    page.detach()  # the lock: the draft is kept, no question
    assert asked == []
    page.attach(vault)
    queue.append(B.Yes)
    assert page.offer_drafts()
    assert page.plan_id() == other and page.editor.profile.title.text() == "锁屏前的标题"
    queue.append(B.Discard)
    assert page.may_leave() and drafts.load_drafts(vault, "plan") == []
