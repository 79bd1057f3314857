"""Issue 15's bad input through the services (the domain rules have their own tests): clients
with nothing but a name, future-dated snapshots, and ties in the score on the built worklist."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from rm_desktop.services.insights import figures
from rm_desktop.services.worklist.build import as_json, build_worklist
from rm_desktop.services.worklist.campaign import add_to_worklist
from rm_desktop.storage.models import AumSnapshot, Client

TODAY = dt.date(2026, 6, 15)


def _insert(vault, *clients: Client, snapshots: tuple[tuple[int, dt.date, int], ...] = ()) -> list[int]:
    """Rows written as an import or an old version could leave them: no snapshot, tier or grade
    unless given; ``snapshots`` are (index into ``clients``, day, AUM)."""
    with vault.sessions.begin() as s:
        s.add_all(clients)
        s.flush()
        ids = [c.id for c in clients]
        s.add_all(AumSnapshot(client_id=ids[i], on=on, aum=Decimal(aum)) for i, on, aum in snapshots)
    return ids


def test_clients_with_only_a_name_or_a_grade_without_expiry_build_and_suggest_nothing(vault):
    bare, graded, rich = _insert(
        vault,
        Client(name="只有名字"),
        Client(name="有等级无期限", risk_grade="C5"),
        Client(name="有资产无快照", aum=Decimal(2_000_000)),
    )
    worklist = build_worklist(vault, TODAY)
    assert not [i for i in worklist.items if i.candidate.rule == "aum_drop"]  # no snapshot: no drop
    json.dumps(as_json(worklist))  # every item serialises (no None where text is expected)
    found = figures.book_insights(vault, TODAY)
    assert found.clients == 3 and found.total_aum == Decimal(2_000_000)
    assert all(bar.count == 0 for bar in found.gaps)  # no valid assessment: nothing is suggested
    assert sum(bar.count for bar in found.rfm) == 3
    assert {cid for m in found.migrations for cid in (*m.up.client_ids, *m.down.client_ids)} == set()
    assert all(m.no_history == 3 for m in found.migrations)
    assert {bare, graded, rich} == {cid for bar in found.tiers for cid in bar.client_ids}


def test_a_future_dated_snapshot_is_neither_the_past_nor_the_present_figure(vault):
    old, ahead = TODAY - dt.timedelta(days=120), TODAY + dt.timedelta(days=30)
    fell, steady = _insert(
        vault,
        Client(name="跌了", aum=Decimal(690_000)),
        Client(name="稳住", aum=Decimal(990_000)),
        snapshots=((0, old, 1_000_000), (0, ahead, 9_000_000), (1, old, 1_000_000), (1, ahead, 10)),
    )
    signals = [i for i in build_worklist(vault, TODAY).items if i.candidate.rule == "aum_drop"]
    assert [(i.client_id, i.candidate.numbers["drop_percent"]) for i in signals] == [(fell, 31)]
    # Both stay 财富客户 (50万 and up) from then to now; the future rows (私行, 基础) are neither.
    moves = {m.months: m for m in figures.book_insights(vault, TODAY).migrations}
    assert (moves[3].up.client_ids, moves[3].down.client_ids, moves[3].same) == ((), (), 2)
    assert moves[6].no_history == moves[12].no_history == 2  # the old rows are too recent for these
    assert steady not in [i.client_id for i in signals]


def test_equal_scores_on_the_built_worklist_go_by_due_date_then_client(vault):
    # Same AUM, tier and kind, never contacted: the same score; names sort against the ids.
    ids = _insert(vault, *(Client(name=f"同分{9 - k}", aum=Decimal(300_000), tier="priority") for k in range(4)))
    later = TODAY + dt.timedelta(days=1)
    add_to_worklist(vault, [ids[3], ids[1]], "回访", TODAY, today=TODAY)
    add_to_worklist(vault, [ids[2], ids[0]], "回访", later, today=TODAY)
    items = [i for i in build_worklist(vault, later).items if i.kind == "custom"]
    # Yesterday's two (1 day late) outrank today's; within each day, by client id.
    assert [i.client_id for i in items] == [ids[1], ids[3], ids[0], ids[2]]
    assert items[0].score == items[1].score > items[2].score == items[3].score
    same_day = [i for i in build_worklist(vault, TODAY).items if i.kind == "custom"]
    assert [i.client_id for i in same_day] == [ids[1], ids[3]]
