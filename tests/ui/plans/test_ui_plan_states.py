"""理财规划 (issue 14.10) through real widgets offscreen: a new plan shows no problem until a field
is touched or 保存 is pressed; 保存 keeps a version only when something changed; 草稿 / 定稿 in
the editor and the list; the area opens on the client whose file is open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.plans import store as plans
from rm_desktop.ui.plans.plans_page import EDITOR, PlansPage


@pytest.fixture
def page(attached):
    widget = attached(PlansPage())
    widget.resize(1200, 800)
    return widget


@pytest.fixture
def boxes(monkeypatch):
    """QMessageBox.warning / information patched: (title, text) of each, no dialog."""
    shown: list[tuple[str, str]] = []
    for name in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, title, text, *a, **k: shown.append((title, text)))
    return shown


def _client(vault, name: str) -> int:
    return create_client(vault, {"name": name, "risk_grade": "C3", "life_stage": "growth"}).id


def _recalculated(qtbot, page):
    qtbot.waitUntil(lambda: not page.editor._timer.isActive(), timeout=2000)


def _type(qtbot, page, field, text):
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)
    _recalculated(qtbot, page)


def _visible_problems(editor) -> list[str]:
    return [
        label.text() for section, _ in editor.sections for label in section.problem_lines.values() if label.isVisible()
    ]


def test_new_plan_shows_no_error_until_a_field_is_touched(qtbot, page, vault, boxes):
    # No risk grade on file: the new plan's target allocation is empty, a problem from the start.
    client = create_client(vault, {"name": "吴静"}).id
    page.open_client(client)
    qtbot.mouseClick(page.empty_new, Qt.LeftButton)
    editor = page.editor
    assert page.stack.currentIndex() == EDITOR and editor.problems  # there are problems…
    assert _visible_problems(editor) == []  # …none shown yet
    assert all("(" not in editor.tabs.tabText(i) for i in range(editor.tabs.count()))
    assert "需要修正" not in editor.summary.text() and "保存" in editor.summary.text()

    editor.tabs.setCurrentWidget(editor.profile)
    income = editor.profile.flow["monthly_income"]
    _type(qtbot, page, income, "abc")
    assert income.problem.isVisible() and income.problem.text()
    assert not editor.allocation.total_problem.isVisible()  # untouched: still hidden

    # 保存 with nothing changed but the typo fixed back: one message names what is missing.
    _type(qtbot, page, income, "")
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    assert len(boxes) == 1 and boxes[0][0] == "未更改" and "目标配置" in boxes[0][1]
    assert plans.get_plan(vault, page.plan_id()).version == 1
    editor.tabs.setCurrentWidget(editor.allocation)
    assert editor.allocation.total_problem.isVisible()  # 保存 shows every problem beside its field
    assert "未更改" in page.message.text()


def test_save_twice_unchanged_keeps_one_revision(qtbot, page, vault, boxes):
    client = create_client(vault, {"name": "周敏", "risk_grade": "C3", "life_stage": "growth"}).id
    plan_id = plans.create_plan(vault, client).plan_id
    page.open_client(client)
    page.editor.profile.title.setText("家庭理财规划（修订）")
    qtbot.mouseClick(page.editor.save_button, Qt.LeftButton)
    page.activateWindow()
    page.editor.profile.title.setFocus()
    qtbot.keyClick(page.editor.profile.title, Qt.Key_S, Qt.ControlModifier)  # Ctrl+S: the same 保存
    assert [v.version for v in plans.list_versions(vault, plan_id)] == [2, 1]
    assert "未更改" in page.message.text() and boxes == []  # nothing missing: no message box either
    # an earlier version saved as it is becomes the newest (the banner says so): a change
    page.version_box.setCurrentIndex(page.version_box.findData(1))
    assert page.save() and plans.get_plan(vault, plan_id).version == 3
    assert plans.get_plan(vault, plan_id).content.title == plans.get_plan(vault, plan_id, 1).content.title


def test_finalise_shows_in_the_list_and_an_edit_makes_a_new_draft(qtbot, page, vault, boxes):
    client = create_client(vault, {"name": "周敏", "risk_grade": "C3", "life_stage": "growth"}).id
    blank = create_client(vault, {"name": "吴静"}).id
    plan_id = plans.create_plan(vault, client).plan_id
    page.open_client(blank)
    qtbot.mouseClick(page.empty_new, Qt.LeftButton)
    qtbot.mouseClick(page.editor.finalise_button, Qt.LeftButton)  # problems: refused, said in one message
    assert len(boxes) == 1 and boxes[0][0] == "还不能定稿" and "目标配置" in boxes[0][1]
    assert plans.get_plan(vault, page.plan_id()).status == "draft"

    page.open_client(client)
    editor = page.editor
    assert editor.badge.text() == "草稿" and page.plan_box.currentText().startswith("【草稿】")
    assert editor.finalise_button.isVisible() and not editor.stage.isVisible()
    qtbot.mouseClick(editor.finalise_button, Qt.LeftButton)
    assert plans.get_plan(vault, plan_id).status == "final" and page.version() == 2
    assert editor.badge.text() == "定稿" and page.plan_box.currentText().startswith("【定稿】")
    assert "定稿" in page.version_box.currentText() and not editor.finalise_button.isVisible()

    editor.stage.setCurrentIndex(editor.stage.findData("accepted"))
    editor.stage.activated.emit(editor.stage.currentIndex())
    assert plans.get_plan(vault, plan_id).status == "accepted"
    assert page.plan_box.currentText().startswith("【定稿 · 客户已接受】")

    editor.profile.title.clear()
    qtbot.keyClicks(editor.profile.title, "Revised")
    _recalculated(qtbot, page)
    assert not editor.stage.isEnabled()  # a stage is recorded on stored content only
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    latest = plans.get_plan(vault, plan_id)
    assert (latest.version, latest.status, latest.content.title) == (4, "draft", "Revised")
    assert plans.get_plan(vault, plan_id, 3).status == "accepted"  # what the client agreed to stays
    assert editor.badge.text() == "草稿" and "新的草稿" in page.message.text()
    assert boxes == [("还不能定稿", boxes[0][1])]  # no other message on the way


@pytest.fixture
def window(qtbot, vault, vault_dir):
    from rm_desktop import app
    from rm_desktop.ui.shell.main_window import MainWindow
    from rm_desktop.ui.shell.session import VaultSession
    from rm_desktop.ui.widgets.tasks import jobs_for

    session = VaultSession(vault_dir)
    w = MainWindow(session, page_factory=app._feature_pages)
    qtbot.addWidget(w)
    w.show()
    session.adopt(vault)
    yield w
    qtbot.waitUntil(lambda: not jobs_for(vault), timeout=20_000)
    session.lock()


def test_plans_area_opens_on_the_client_whose_file_is_open(qtbot, window, vault):
    first = _client(vault, "周敏")
    other = _client(vault, "吴静")
    plan_id = plans.create_plan(vault, other).plan_id
    rows = list(window.pages)
    window.open_client(other)  # as 今日 and 日历 do: 客户 shows the file
    assert window.pages["clients"].current_client().id == other
    window.nav.setCurrentRow(rows.index("plans"))
    page = window.pages["plans"]
    assert page.client_id == other and page.plan_id() == plan_id and page.stack.currentIndex() == EDITOR
    assert page.picker.client_id == other

    page.open_client(first)  # chosen here: kept until another file is opened
    window.nav.setCurrentRow(rows.index("calendar"))
    window.nav.setCurrentRow(rows.index("plans"))
    assert page.client_id == first
    window.open_client(first)
    window.nav.setCurrentRow(rows.index("plans"))
    assert page.client_id == first and page.stack.currentIndex() != EDITOR  # no plan yet: the empty state
    window.open_client(other)
    window.nav.setCurrentRow(rows.index("plans"))
    assert page.client_id == other and page.plan_id() == plan_id
