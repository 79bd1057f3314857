"""The 理财规划 page driven through real widgets offscreen: empty states, live problems beside the
fields, save as draft, versions and compare, export and print; qtmodeltester on every model."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.clients.holdings import add_holding
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.compare import FieldDiff
from rm_desktop.services.plans.content import GoalItem
from rm_desktop.services.plans.document import build_document
from rm_desktop.ui.plans.plan_compare_dialog import PlanCompareDialog
from rm_desktop.ui.plans.plan_diff import PlanDiffModel
from rm_desktop.ui.plans.plan_print import page_count, text_document
from rm_desktop.ui.plans.plans_page import EDITOR, NO_CLIENT, NO_PLAN, PlansPage


@pytest.fixture
def client(vault):
    cid = create_client(
        vault, {"name": "周敏", "gender": "女", "birth_date": "1985-01-20", "risk_grade": "C3", "life_stage": "growth"}
    ).id
    add_holding(vault, cid, {"product_type": "deposit", "name": "定期存款", "amount": "200000"})
    return cid


@pytest.fixture
def page(qtbot, vault):
    widget = PlansPage()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.attach(vault)
    yield widget
    widget.detach()


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    return shown


def _recalculated(qtbot, page):
    qtbot.waitUntil(lambda: not page.editor._timer.isActive(), timeout=2000)


def test_empty_states_then_a_new_plan(qtbot, page, client):
    assert page.stack.currentIndex() == NO_CLIENT and not page.new_button.isEnabled()
    page.open_client(client)
    assert page.stack.currentIndex() == NO_PLAN and page.new_button.isEnabled()
    assert not page.export_button.isEnabled()
    qtbot.mouseClick(page.empty_new, Qt.LeftButton)
    assert page.stack.currentIndex() == EDITOR and page.plan_box.count() == 1
    editor = page.editor
    assert editor.profile.risk_grade.currentData() == "C3"
    assert editor.balance.assets.rowCount() == 1 and editor.balance.assets.rows()[0].holding_id
    assert "总资产 200,000.00 元" in editor.balance.totals.text()


def test_impossible_numbers_are_marked_beside_the_field_and_save_as_draft(qtbot, page, client, warnings):
    plan_id = plans.create_plan(page.vault, client).plan_id
    page.open_client(client)
    editor = page.editor
    editor.tabs.setCurrentWidget(editor.calculators)
    editor.calculators.retirement_box.setChecked(True)  # fills the client's age and default assumptions
    age = editor.calculators.retirement["current_age"]
    today = dt.date.today()
    assert age.edit.text() == str(today.year - 1985 - (today < dt.date(today.year, 1, 20)))
    age.edit.clear()
    qtbot.keyClicks(age.edit, "-5")
    _recalculated(qtbot, page)
    assert age.problem.isVisible() and "年龄须为 0 到 120 之间的整数：-5" in age.problem.text()
    assert "(" in editor.tabs.tabText(editor.tabs.indexOf(editor.calculators))
    assert "需要修正" in editor.summary.text()

    editor.tabs.setCurrentWidget(editor.allocation)
    equity = editor.allocation.fields["equity"]
    equity.edit.clear()
    qtbot.keyClicks(equity.edit, "90")
    _recalculated(qtbot, page)
    assert "目标配置合计须为 100%" in editor.allocation.total_problem.text()
    assert editor.allocation.total_problem.isVisible()

    qtbot.mouseClick(editor.finalise_button, Qt.LeftButton)
    assert warnings and "还不能定稿" not in warnings[0] and "需要修正" in warnings[0]
    assert plans.get_plan(page.vault, plan_id).version == 1
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    stored = plans.get_plan(page.vault, plan_id)
    assert (stored.version, stored.status) == (2, "draft")
    assert stored.content.retirement.current_age == "-5" and stored.content.target_allocation["equity"] == "90"
    assert page.version_box.count() == 2 and page.version() == 2 and not editor.is_dirty()
    assert "还有" in page.message.text() and "定稿前须修正" in page.message.text()

    age.edit.clear()
    qtbot.keyClicks(age.edit, "41")
    assert editor.calculators.retirement["monthly_saving"].problem.text() == "请填写此项"
    for key, value in (("current_savings", "300000"), ("monthly_saving", "3000"), ("monthly_expense_today", "8000")):
        qtbot.keyClicks(editor.calculators.retirement[key].edit, value)
    equity.edit.clear()
    qtbot.keyClicks(equity.edit, "23")  # growth, C3 default: 10 / 45 / 23 / 7 / 15
    _recalculated(qtbot, page)
    assert not age.problem.isVisible() and "检查通过" in editor.summary.text()
    assert "退休时所需资金" in editor.calculators.retirement_result.text()


def test_goal_table_marks_a_past_date_and_shows_progress(qtbot, page, client, qtmodeltester):
    plans.create_plan(page.vault, client)
    page.open_client(client)
    goals = page.editor.goals.goals
    row = goals.add_row(GoalItem("买车", "300000", dt.date(2030, 1, 1), "1", "75000"))
    _recalculated(qtbot, page)
    assert goals.index(row, 7).data(Qt.UserRole) == Decimal("0.25")
    assert goals.index(row, 6).data() == "中期" or goals.index(row, 6).data() == "长期"
    assert goals.setData(goals.index(row, 2), QDate(2020, 1, 1))
    _recalculated(qtbot, page)
    assert goals.index(row, 2).data(Qt.BackgroundRole) is not None
    assert "已过" in goals.index(row, 2).data(Qt.ToolTipRole)
    box = page.editor.goals.tables[0]
    assert "目标 1 · 目标日期" in box.problems.text()
    qtmodeltester.check(goals)


def test_versions_compare_export_and_print(qtbot, page, client, tmp_path, pdf_font):
    plan_id = plans.create_plan(page.vault, client).plan_id
    page.open_client(client)
    page.editor.profile.title.setText("家庭理财规划（修订）")
    page.editor.recalculate()
    assert page.editor.is_dirty()
    page.save()
    assert page.compare_button.isEnabled()
    dialog = PlanCompareDialog(page.vault, plan_id, page.versions, page)
    qtbot.addWidget(dialog)
    labels = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert "标题" in labels and "两个版本相同" not in dialog.summary.text()

    page.version_box.setCurrentIndex(1)  # the first version
    assert page.banner.isVisible() and "正在查看第 1 版" in page.banner.text()

    target = tmp_path / "plan.pdf"
    page.export_to(target)
    qtbot.waitUntil(lambda: "已导出" in page.message.text(), timeout=15000)
    assert target.read_bytes().startswith(b"%PDF")

    doc = build_document(page.vault, plan_id)
    text = text_document(doc).toPlainText()
    assert "理财非存款，产品有风险，投资须谨慎。" in text and "周敏" in text
    assert page_count(doc) >= 2
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.A4))
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    text_document(doc).print_(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    preview = page.preview()
    assert preview is not None and preview.isVisible()
    preview.close()


def test_detach_forgets_the_plan(page, client):
    plans.create_plan(page.vault, client)
    page.open_client(client)
    page.detach()
    assert page.stack.currentIndex() == NO_CLIENT and page.plan_box.count() == 0
    assert page.editor.content().assets == [] and page.editor.context.holdings == []
    assert page.vault is None


def test_models(qtmodeltester, page, client):
    plans.create_plan(page.vault, client)
    page.open_client(client)
    editor = page.editor
    editor.recalculate()
    for model in (
        editor.balance.assets,
        editor.balance.liabilities,
        editor.goals.goals,
        editor.allocation.drift,
        editor.calculators.education,
        editor.products.products,
    ):
        qtmodeltester.check(model)
    diff = PlanDiffModel()
    diff.set_diffs([FieldDiff("goals[0].amount", "目标 1 · 金额", "1", "2"), FieldDiff("x", "X", "", "new")])
    qtmodeltester.check(diff)
    assert diff.index(1, 2).data(Qt.BackgroundRole) is not None


def test_unsaved_edits_survive_a_lock_as_a_draft(qtbot, page, client, vault, monkeypatch):
    from rm_desktop.services.clients import drafts

    plans.create_plan(vault, client)
    page.open_client(client)
    page.editor.profile.title.setText("锁屏前未保存的标题")
    page.detach()  # the lock: autosaved, no question asked
    assert [d.payload["content"]["title"] for d in drafts.load_drafts(vault, "plan")] == ["锁屏前未保存的标题"]
    answers = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.append(a[2]) or QMessageBox.Yes)
    page.attach(vault)
    page.open_client(client)
    assert answers and "自动保存" in answers[0]
    assert page.editor.profile.title.text() == "锁屏前未保存的标题" and page.editor.is_dirty()
    assert page.save()
    assert drafts.load_drafts(vault, "plan") == []
    assert plans.get_plan(vault, page.plan_id()).content.title == "锁屏前未保存的标题"


def test_switching_versions_asks_before_dropping_edits(qtbot, page, client, vault, monkeypatch):
    plan_id = plans.create_plan(vault, client).plan_id
    plans.save_revision(vault, plan_id, dataclasses.replace(plans.get_plan(vault, plan_id).content, title="第二版"))
    page.open_client(client)
    page.editor.profile.title.setText("改了一半")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Cancel)
    page.version_box.setCurrentIndex(1)
    assert page.version() == 2 and page.editor.profile.title.text() == "改了一半"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    page.version_box.setCurrentIndex(1)
    assert page.version() == 1 and page.editor.profile.title.text() != "改了一半"
