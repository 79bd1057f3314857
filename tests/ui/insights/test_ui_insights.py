"""The 经营洞察 page offscreen: builds, empty state, previous figures while recomputing, a click
on a bar lists exactly its clients, the list's actions, 客户在场 masking; qtmodeltester."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from rm_desktop.domain.tiers import tier_for
from rm_desktop.storage.models import Client
from rm_desktop.ui.insights.insights_page import InsightsPage
from rm_desktop.ui.insights.segment_dialog import SegmentModel
from rm_desktop.ui.scripts.script_bulk_dialog import ScriptBulkDialog
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy

TODAY = dt.date(2026, 6, 15)


def _add(vault, name, aum):
    with vault.sessions.begin() as s:
        client = Client(name=name, aum=Decimal(aum), tier=tier_for(Decimal(aum)).code)
        s.add(client)
        s.flush()
        return client.id


@pytest.fixture
def privacy():
    return Privacy()


def _page(qtbot, vault, privacy):
    page = InsightsPage(privacy, ClipboardGuard(), clock=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.attach(vault)
    return page


def _click(qtbot, chart, key):
    rect = chart.bar_rect(key)
    assert rect is not None, key
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def test_an_empty_book_shows_every_chart_empty_with_its_hint(qtbot, vault, privacy):
    page = _page(qtbot, vault, privacy)
    assert "0 位客户" in page.status.text()
    assert all(chart.empty for chart in page.charts[1:]) and page.lorenz.points == []
    assert "还没有客户" in page.tier_counts.hint
    assert page.tier_counts.bar_rect("tier:wealth") is None  # nothing to click
    for chart in page.charts:  # every chart paints its own hint: without it, the chart looks different
        assert chart.hint.strip(), chart
        with_hint = chart.grab().toImage()
        hint, chart.hint = chart.hint, ""
        assert chart.grab().toImage() != with_hint, hint
        chart.hint = hint


def test_clicking_a_bar_lists_its_clients(qtbot, vault, privacy, qtmodeltester):
    rich = _add(vault, "王大富", 900_000)
    also = _add(vault, "赵二富", 600_000)
    _add(vault, "李小", 1_000)
    page = _page(qtbot, vault, privacy)
    assert not page.tier_counts.empty
    _click(qtbot, page.tier_counts, "tier:wealth")
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    assert dialog.client_ids() == [rich, also]  # AUM descending
    assert dialog.model.index(0, 0).data() == "王大富"
    assert dialog.model.index(0, 2).data() == "90.00"
    qtmodeltester.check(dialog.model)
    with qtbot.waitSignal(page.open_client, timeout=5_000) as opened:
        dialog._open(dialog.model.index(1, 0))
    assert opened.args == [also]


def test_the_list_renders_scripts_and_exports_exactly_its_clients(qtbot, vault, privacy, tmp_path):
    ids = [_add(vault, f"客户{k}", 600_000 + k) for k in range(3)]
    _add(vault, "别人", 10)
    page = _page(qtbot, vault, privacy)
    dialog = page.open_segment("tier:wealth")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=10_000)
    bulk = dialog.render_scripts()
    assert isinstance(bulk, ScriptBulkDialog) and sorted(bulk.client_ids) == sorted(ids)
    bulk.close()
    out = tmp_path / "wealth.xlsx"
    dialog.export_to(str(out))
    qtbot.waitUntil(lambda: "已导出 3 位客户" in dialog.note.text(), timeout=10_000)
    assert sorted(row[1] for row in list(load_workbook(out).active.values)[1:]) == ["客户0", "客户1", "客户2"]


def test_client_present_masks_names_and_hides_amounts(qtbot, vault, privacy):
    _add(vault, "王小明", 900_000)
    page = _page(qtbot, vault, privacy)
    dialog = page.open_segment("top20")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert "90.00" in page.pareto.text() and not page.tier_aum.empty
    privacy.set_client_present(True)
    assert dialog.model.index(0, 0).data() == "W.X.M." and dialog.model.index(0, 2).data() == HIDDEN
    assert HIDDEN in dialog.summary.text() and "90.00" not in dialog.summary.text()
    assert HIDDEN in page.pareto.text() and "90.00" not in page.pareto.text()
    assert page.tier_aum.empty and "金额已隐藏" in page.tier_aum.hint
    assert all("万" not in bar.caption for bar in page.rfm.bars)
    privacy.set_client_present(False)
    assert dialog.model.index(0, 0).data() == "王小明" and not page.tier_aum.empty


def test_the_previous_figures_stay_while_recomputing(qtbot, vault, privacy):
    _add(vault, "王小明", 900_000)
    page = _page(qtbot, vault, privacy)
    before = list(page.tier_counts.bars)
    _add(vault, "钱多多", 700_000)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.load()
        assert page.tier_counts.bars == before and "上次" in page.status.text()
    wealth = next(bar for bar in page.tier_counts.bars if bar.key == "tier:wealth")
    assert wealth.caption == "2 位"


def test_shown_again_unchanged_the_figures_are_kept_and_a_write_shows_at_once(qtbot, vault, privacy):
    _add(vault, "王小明", 900_000)
    page = _page(qtbot, vault, privacy)
    first = page.figures
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.load()
    assert page.figures is first  # nothing committed since: not computed again
    _add(vault, "钱多多", 700_000)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.load()
    assert page.figures is not first
    wealth = next(bar for bar in page.tier_counts.bars if bar.key == "tier:wealth")
    assert wealth.caption == "2 位"


def test_detach_clears_the_figures(qtbot, vault, privacy):
    _add(vault, "王小明", 900_000)
    page = _page(qtbot, vault, privacy)
    page.open_segment("top20")
    page.detach()
    assert page.figures is None and page.dialog is None and page.tier_counts.empty and page.pareto.text() == ""


def test_segment_model_with_rows_passes_the_model_tester(qtmodeltester, privacy):
    from rm_desktop.services.insights.segments import ClientLine

    model = SegmentModel(privacy)
    qtmodeltester.check(model)
    model.set_lines(
        [
            ClientLine(1, "张三", "wealth", "财富客户", Decimal(500_000)),
            ClientLine(2, "李四", "basic", "基础客户", None),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, 2).data() == ""


def test_retention_by_month_comes_from_the_worklist_outcomes(qtbot, vault, privacy):
    from rm_desktop.services.worklist.outcomes import record_outcome
    from rm_desktop.storage.models import Holding

    cid = _add(vault, "王小明", 900_000)
    with vault.sessions.begin() as s:
        held = Holding(
            client_id=cid,
            product_type="wealth",
            name="稳享",
            amount=Decimal(500_000),
            maturity_date=dt.date(2026, 5, 20),
        )
        s.add(held)
        s.flush()
        holding_id = held.id
    page = _page(qtbot, vault, privacy)
    assert page.retention.empty  # matured, nothing recorded yet
    record_outcome(vault, holding_id, 400_000, now=dt.datetime(2026, 5, 21, 10))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.load()
    [may] = page.retention.bars
    assert may.label == "2026-05" and may.caption == "留存 80.0% · 40.00万 / 50.00万" and not may.clickable
    privacy.set_client_present(True)
    assert page.retention.bars[0].caption == f"留存 80.0% · {HIDDEN} / {HIDDEN}"


def test_the_page_follows_today_in_the_navigation_on_ctrl_2(qtbot, vault_dir, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QKeySequence

    from rm_desktop.ui.shell.main_window import MainWindow
    from rm_desktop.ui.shell.session import VaultSession

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    window = MainWindow(
        VaultSession(vault_dir), page_factory=lambda privacy, guard: {"insights": InsightsPage(privacy, guard)}
    )
    qtbot.addWidget(window)
    assert list(window.pages)[:2] == ["today", "insights"] and window.nav.item(1).text() == "经营洞察"
    jump = next(a for a in window.actions() if a.shortcut() == QKeySequence("Ctrl+2"))
    jump.trigger()
    assert window.area.currentWidget() is window.pages["insights"]
