"""The pipeline board (columns, counts, amounts weighted by the stage setting, filters) and the
opportunities' next steps as worklist items."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rm_desktop.services.clients import files
from rm_desktop.services.sales import opportunities as opp
from rm_desktop.services.sales.pipeline import BoardFilter, load_board
from rm_desktop.services.worklist import actions
from rm_desktop.services.worklist.build import as_json, build_worklist

TODAY = dt.date(2026, 12, 2)


def _add(vault, cid, **values):
    base = {"product_type": "wealth", "product_name": "月月盈", "product_risk": "R2", "amount": "1万"}
    return opp.add_opportunity(vault, cid, {**base, **values}, today=TODAY)


def test_board_columns_counts_and_weighted_amounts(vault):
    cid = files.create_client(vault, {"name": "王芳", "risk_grade": "C3"}, today=TODAY).id
    _add(vault, cid, amount="10000")
    _add(vault, cid, amount="30000", stage="方案", source="salon")
    third = _add(vault, cid, amount="50000", product_type="fund", expected_close="2027-01-10")
    opp.move_opportunity(vault, third.id, "assessment", today=TODAY)
    vault.settings.set("sales_stage_probabilities", "intent:20,proposal:50,assessment:80")
    board = load_board(vault, TODAY)
    counts = {c.stage: c.count for c in board.columns}
    assert counts == {"intent": 1, "proposal": 1, "assessment": 1, "won": 0, "lost": 0}
    assert board.column("proposal").amount == Decimal("30000.00")
    assert board.column("proposal").weighted == Decimal("15000.00")
    assert board.open_weighted == Decimal("2000") + Decimal("15000") + Decimal("40000")
    assert load_board(vault, TODAY, BoardFilter(source="沙龙")).column("proposal").count == 1
    assert load_board(vault, TODAY, BoardFilter(source="沙龙")).column("intent").count == 0
    assert load_board(vault, TODAY, BoardFilter(product_type="fund")).column("assessment").count == 1
    assert load_board(vault, TODAY, BoardFilter(month="2027-01")).column("assessment").count == 1
    assert load_board(vault, TODAY, BoardFilter(month="2027-01")).column("intent").count == 0


def test_closed_columns_show_the_recent_closes(vault):
    cid = files.create_client(vault, {"name": "王芳", "risk_grade": "C3"}, today=TODAY).id
    made = _add(vault, cid)
    opp.move_opportunity(vault, made.id, "won", today=TODAY)
    assert load_board(vault, TODAY).column("won").count == 1
    assert load_board(vault, TODAY + dt.timedelta(days=60)).column("won").count == 0
    assert load_board(vault, TODAY + dt.timedelta(days=60), BoardFilter(month="2026-12")).column("won").count == 1


def test_a_dated_next_step_is_a_worklist_item_until_closed(vault):
    cid = files.create_client(vault, {"name": "王芳", "risk_grade": "C3"}, today=TODAY).id
    made = _add(vault, cid, next_step="电话确认方案", next_step_on="2026-12-03")
    assert not [i for i in build_worklist(vault, TODAY).items if i.kind == "opportunity"]
    [item] = [i for i in build_worklist(vault, TODAY + dt.timedelta(days=2)).items if i.kind == "opportunity"]
    assert item.client_id == cid and item.due == dt.date(2026, 12, 3)
    assert "电话确认方案" in item.why() and "逾期 1 天" in item.why()
    data = as_json(build_worklist(vault, TODAY + dt.timedelta(days=2)))
    assert any(i["kind"] == "opportunity" for i in data["items"])
    assert actions.client_of(vault, item.key) == cid
    opp.move_opportunity(vault, made.id, "lost", today=TODAY, reason="客户资金另有安排")
    assert not [i for i in build_worklist(vault, TODAY + dt.timedelta(days=2)).items if i.kind == "opportunity"]


def test_an_opportunity_item_can_be_snoozed_and_a_new_step_date_brings_it_back(vault):
    cid = files.create_client(vault, {"name": "王芳", "risk_grade": "C3"}, today=TODAY).id
    made = _add(vault, cid, next_step="送方案", next_step_on="2026-12-02")
    [item] = [i for i in build_worklist(vault, TODAY).items if i.kind == "opportunity"]
    actions.snooze(vault, item.key, TODAY + dt.timedelta(days=3), today=TODAY)
    assert not [i for i in build_worklist(vault, TODAY + dt.timedelta(days=1)).items if i.kind == "opportunity"]
    opp.update_opportunity(vault, made.id, {"next_step": "电话确认", "next_step_on": "2026-12-03"})
    [again] = [i for i in build_worklist(vault, TODAY + dt.timedelta(days=1)).items if i.kind == "opportunity"]
    assert again.key != item.key and "电话确认" in again.why()
