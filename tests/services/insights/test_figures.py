"""services/insights on a temporary vault: each figure from a constructed book, the edge cases
(empty book, clients without snapshots, holdings or grade, future-dated snapshots, the trash)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.tiers import tier_for
from rm_desktop.services.insights import figures, segments
from rm_desktop.storage.models import AumSnapshot, Client, Holding

TODAY = dt.date(2026, 6, 15)

VALID = TODAY + dt.timedelta(days=100)


def add_client(vault, name, aum=None, *, grade=None, expires=None, contact_days_ago=None, deleted=False, **extra):
    """One client; returns its id. ``contact_days_ago`` sets the last contact that many days back."""
    with vault.sessions.begin() as s:
        client = Client(
            name=name,
            aum=None if aum is None else Decimal(aum),
            tier=tier_for(None if aum is None else Decimal(aum)).code,
            risk_grade=grade,
            risk_expires_on=expires,
            last_contact_at=None
            if contact_days_ago is None
            else dt.datetime.combine(TODAY - dt.timedelta(days=contact_days_ago), dt.time(10)),
            deleted_at=dt.datetime(2026, 1, 1) if deleted else None,
            **extra,
        )
        s.add(client)
        s.flush()
        return client.id


def add_holding(vault, client_id, product_type, *, started_days_ago=30, status="holding", risk="R1"):
    with vault.sessions.begin() as s:
        s.add(
            Holding(
                client_id=client_id,
                product_type=product_type,
                name=product_type,
                risk=risk,
                amount=Decimal(1000),
                start_date=TODAY - dt.timedelta(days=started_days_ago),
                status=status,
            )
        )


def add_snapshot(vault, client_id, on, aum):
    with vault.sessions.begin() as s:
        s.add(AumSnapshot(client_id=client_id, on=on, aum=Decimal(aum)))


def test_an_empty_book_has_empty_figures(vault):
    found = figures.book_insights(vault, TODAY)
    assert found.clients == 0 and found.pareto_share is None and found.lorenz == []
    assert all(bar.count == 0 for bar in found.bars().values())
    assert found.as_json()["pareto"]["top_share"] is None
    assert all(c.share is None for c in found.coverage)


def test_pareto_and_tiers_with_the_clients_behind_each_bar(vault):
    rich = add_client(vault, "甲", 800_000)
    mid = add_client(vault, "乙", 150_000)
    others = [add_client(vault, f"丙{k}", 6_250) for k in range(8)]
    nothing = add_client(vault, "丁")  # no AUM at all: the lowest tier, 0 in the sums
    add_client(vault, "废", 9_000_000, deleted=True)  # the trash is not the book
    found = figures.book_insights(vault, TODAY)
    assert found.clients == 11 and found.total_aum == Decimal(1_000_000)
    assert found.top.client_ids == (rich, mid, others[0])  # ceil(20 % of 11) = 3, by AUM
    assert found.pareto_share == Decimal(956_250) / Decimal(1_000_000)
    tiers = {bar.key: bar for bar in found.tiers}
    assert tiers["tier:wealth"].client_ids == (rich,)
    assert tiers["tier:potential"].client_ids == (mid,)
    assert set(tiers["tier:standard"].client_ids) == set(others) and tiers["tier:standard"].aum == 50_000
    assert tiers["tier:basic"].client_ids == (nothing,)


def test_tier_migration_from_the_snapshot_nearest_before_the_start(vault):
    up = add_client(vault, "升", 600_000)
    down = add_client(vault, "降", 100_000)
    same = add_client(vault, "平", 250_000)
    new = add_client(vault, "新", 600_000)  # no snapshot at all
    add_snapshot(vault, up, dt.date(2026, 3, 1), 100_000)  # before 15 March: counts for 3 months
    add_snapshot(vault, up, dt.date(2026, 3, 20), 900_000)  # after the start: not "then"
    add_snapshot(vault, down, dt.date(2025, 6, 1), 600_000)  # old enough for every horizon
    add_snapshot(vault, same, dt.date(2026, 1, 1), 300_000)  # for 3 months, not 6
    add_snapshot(vault, new, dt.date(2027, 1, 1), 1)  # future-dated: ignored
    moves = {m.months: m for m in figures.book_insights(vault, TODAY).migrations}
    assert moves[3].since == dt.date(2026, 3, 15)
    assert moves[3].up.client_ids == (up,) and moves[3].down.client_ids == (down,)
    assert moves[3].same == 1 and moves[3].no_history == 1
    assert moves[6].up.client_ids == () and moves[6].down.client_ids == (down,)  # up's first snapshot: 1 March
    assert moves[6].same == 0 and moves[6].no_history == 3
    assert moves[12].since == dt.date(2025, 6, 15) and moves[12].down.client_ids == (down,)


def test_rfm_uses_purchases_then_contacts(vault):
    buyer = add_client(vault, "买", 900_000, contact_days_ago=300)
    for days in (10, 40, 80):
        add_holding(vault, buyer, "wealth", started_days_ago=days)
    add_holding(vault, buyer, "deposit", started_days_ago=-30)  # a future start is no purchase yet
    caller = add_client(vault, "联", 800_000, contact_days_ago=2)  # no purchase: recency from the contact
    old = add_client(vault, "旧", 700_000)
    add_holding(vault, old, "fund", started_days_ago=500, status="redeemed")
    idle = add_client(vault, "闲", 10)  # no holding, no contact, little AUM
    poor = add_client(vault, "少", 20, contact_days_ago=200)
    found = {bar.key: bar.client_ids for bar in figures.book_insights(vault, TODAY).rfm}
    assert found["rfm:important_value"] == (buyer,)
    assert found["rfm:important_develop"] == (caller,)
    assert found["rfm:important_retain"] == (old,)
    assert found["rfm:general_retain"] == (idle,)
    assert found["rfm:general_develop"] == (poor,)  # R: 40 % of the book contacted longer ago
    assert sum(len(ids) for ids in found.values()) == 5


def test_coverage_by_tier_follows_the_cadence(vault):
    fresh = add_client(vault, "近", 300_000, contact_days_ago=30)  # due today: still covered
    late = add_client(vault, "远", 300_000, contact_days_ago=31)
    never = add_client(vault, "无", 300_000)
    own = add_client(vault, "自", 300_000, contact_days_ago=50, cadence_days=60)  # own cadence wins
    add_client(vault, "柜", 10_000)  # a tier without cadence
    cover = {c.tier_code: c for c in figures.book_insights(vault, TODAY).coverage}
    assert set(cover["priority"].covered.client_ids) == {fresh, own}
    assert set(cover["priority"].overdue.client_ids) == {late, never}
    assert cover["priority"].share == Decimal("0.5")
    assert cover["standard"].share is None and cover["standard"].cadence_days is None


def test_product_gaps_respect_the_grade_its_expiry_and_holdings(vault):
    c2 = add_client(vault, "稳", 100_000, grade="C2", expires=VALID)
    add_holding(vault, c2, "deposit")
    add_holding(vault, c2, "bond", status="matured")  # no longer held: a gap again
    expired = add_client(vault, "过", 100_000, grade="C5", expires=TODAY - dt.timedelta(days=1))
    ungraded = add_client(vault, "空", 100_000)
    c5 = add_client(vault, "进", 100_000, grade="C5", expires=VALID)
    gaps = {bar.key: set(bar.client_ids) for bar in figures.book_insights(vault, TODAY).gaps}
    assert c2 not in gaps["gap:fund"] and c2 not in gaps["gap:metal"]  # R4, R3 above C2
    assert c2 not in gaps["gap:deposit"] and c2 in gaps["gap:bond"] and c2 in gaps["gap:wealth"]
    assert all(expired not in ids and ungraded not in ids for ids in gaps.values())
    assert gaps["gap:fund"] == {c5}


@pytest.mark.parametrize("name", ["重要价值", "重要价值客户", "rfm:important_value", "Important value"])
def test_find_a_segment_by_key_or_name(vault, name):
    rich = add_client(vault, "富", 900_000, contact_days_ago=1)
    add_holding(vault, rich, "fund", started_days_ago=5)
    add_client(vault, "闲", 10)  # scores are relative: someone must be worse
    found = figures.book_insights(vault, TODAY)
    bar = segments.find_bar(found, name)
    assert bar.key == "rfm:important_value" and bar.client_ids == (rich,)
    lines = segments.client_lines(vault, bar.client_ids)
    assert [(line.id, line.name, line.tier, line.aum) for line in lines] == [(rich, "富", "wealth", Decimal(900_000))]


def test_an_unknown_segment_is_a_user_error(vault):
    with pytest.raises(UserError, match="tier:wealth"):
        segments.find_bar(figures.book_insights(vault, TODAY), "没有的分组")


def test_client_lines_keep_the_order_and_skip_the_trash(vault):
    ids = [add_client(vault, f"客{k}", 1_000 * k) for k in range(1, 4)]
    gone = add_client(vault, "删", 1, deleted=True)
    lines = segments.client_lines(vault, [ids[2], gone, ids[0]])
    assert [line.id for line in lines] == [ids[2], ids[0]]
