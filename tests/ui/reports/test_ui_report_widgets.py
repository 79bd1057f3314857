"""The reports page's widgets on hand-built reports: the sections tree (qtmodeltester, names
and amounts hidden under 客户在场), the day view's banners, empty state and editors, the KPI
cards (▲▼, target share, 无目标) and their sparkline."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rm_desktop.domain.reports import COUNT, Kpi
from rm_desktop.ui.reports.day_view import DayView
from rm_desktop.ui.reports.kpi_cards import KpiCard, Sparkline
from rm_desktop.ui.reports.period_view import PeriodView
from rm_desktop.ui.reports.sections_model import SectionsModel
from rm_desktop.ui.widgets.privacy import HIDDEN
from tests.ui.reports.sample_reports import PLANTED, day_report, empty_day, week_report


def _texts(model, parent=None) -> list[str]:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    found = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            found.append(str(model.index(row, column, parent).data() or ""))
        found += _texts(model, model.index(row, 0, parent))
    return found


def test_sections_model_passes_the_model_tester_and_names_its_clients(qtmodeltester):
    model = SectionsModel()
    model.show_report(day_report(), hidden=False)
    qtmodeltester.check(model)
    texts = _texts(model)
    assert PLANTED in texts and "王芳" in texts and "200,000" not in texts
    assert "今日无投诉" in texts  # an empty section says so
    assert model.index(0, 1).data() == "2"  # the section's total count


def test_client_present_hides_names_and_amounts_but_keeps_counts(qtmodeltester):
    model = SectionsModel()
    model.show_report(day_report(), hidden=False)
    model.set_hidden(True)
    qtmodeltester.check(model)
    texts = _texts(model)
    assert PLANTED not in texts and "王芳" not in texts and HIDDEN in texts
    assert "20" not in texts and "2" in texts


def test_day_view_banners_empty_state_and_editors(qtbot):
    view = DayView()
    qtbot.addWidget(view)
    view.show()
    view.show_report(day_report(locked=True, revision=2, note="备注"), hidden=False)
    assert view.warnings.isVisible() and "2 个承诺回电未回" in view.warnings.text()
    assert view.locked.isVisible() and "修订 3" in view.locked.text()
    assert view.values() == ("备注", ("回电 王芳", "准备沙龙邀请"))
    assert view.body.currentWidget() is view.tree
    view.add_plan_item()
    view.plan.currentItem().setText("拜访 李强")
    assert view.values()[1][-1] == "拜访 李强"
    view.show_report(empty_day(), hidden=False)
    assert view.body.currentWidget() is view.empty_state
    assert not view.warnings.isVisible() and not view.locked.isVisible()


def test_kpi_card_reads_change_target_share_and_no_target(qtbot):
    grid = PeriodView()
    qtbot.addWidget(grid)
    grid.show_report(week_report(), hidden=False)
    contacts, coverage, aum = grid.cards.cards
    assert contacts.figure.text() == "42" and contacts.change.text().startswith("▲ +12")
    assert "50" in contacts.target.text() and "84%" in contacts.target.text()
    assert (
        coverage.change.text().startswith("▼ -10.0")
        and "百分点" in coverage.change.text()
        and coverage.target.text() == "无目标"
    )
    assert aum.figure.text() == "150.00 万元"  # in 万元, as the sections beneath read
    grid.show_report(week_report(), hidden=True)
    assert aum.figure.text() == HIDDEN and contacts.figure.text() == "42"


@pytest.mark.parametrize(
    ("values", "missing"),
    [([Decimal(1), Decimal(3), None, Decimal(2)], 2), ([Decimal(5)] * 3, None)],
)
def test_sparkline_points_rise_with_the_values_and_skip_missing_ones(qtbot, values, missing):
    line = Sparkline()
    qtbot.addWidget(line)
    line.resize(120, 40)
    line.set_values(values)
    points = line.points()
    assert len(points) == len(values)
    if missing is not None:
        assert points[missing] is None
        assert points[1].y() < points[0].y() < points[3].y() or points[1].y() < points[3].y() < points[0].y()
    else:
        assert len({p.y() for p in points}) == 1
    line.grab()  # paints without error


def test_an_unchanged_kpi_reads_equal(qtbot):
    card = KpiCard()
    qtbot.addWidget(card)
    card.show_kpi(Kpi("x", "x", COUNT, Decimal(3), Decimal(3)), hidden=False)
    assert card.change.text().startswith("＝")


def test_bundle_dialog_wants_a_strong_password_twice_and_names_unticked(qtbot):
    from rm_desktop.ui.reports.bundle_dialogs import BundleExportDialog

    dialog = BundleExportDialog("week", "2026-W49")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled() and not dialog.named()
    dialog.first.setText("123")
    assert not dialog.ok_button.isEnabled() and "弱" in dialog.reason.text()
    dialog.first.setText("Bundle-pass 2026!")
    dialog.again.setText("Bundle-pass 2026?")
    assert not dialog.ok_button.isEnabled() and "不一致" in dialog.reason.text()
    dialog.again.setText("Bundle-pass 2026!")
    assert dialog.ok_button.isEnabled() and (dialog.kind(), dialog.period_text()) == ("week", "2026-W49")


def test_summary_dialog_wants_a_password_for_each_bundle(qtbot, tmp_path):
    from rm_desktop.ui.reports.bundle_dialogs import SummaryDialog

    dialog = SummaryDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    first = dialog.add_file(str(tmp_path / "a.rmreport"), "pw-a")
    dialog.add_file(str(tmp_path / "b.rmreport"))
    assert not dialog.ok_button.isEnabled()
    dialog.table.cellWidget(1, 1).setText("pw-b")
    assert dialog.ok_button.isEnabled() and first.echoMode() == first.EchoMode.Password
    assert dialog.bundles() == [(str(tmp_path / "a.rmreport"), "pw-a"), (str(tmp_path / "b.rmreport"), "pw-b")]
