"""retention_by_month reads its rows as SQL text on the driver's cursor (issue 15): on a
constructed book (months inside and outside the window, a maturity today and tomorrow, a
holding without an amount, outcomes with and without their matured amount, a trashed client's
holdings) each month's matured, recorded and kept amounts are those worked out by hand from
the rows written, as exact two-decimal Decimals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rm_desktop.services.clients import holdings
from rm_desktop.services.clients.files import create_client, trash_client
from rm_desktop.services.worklist.retention import retention_by_month

TODAY = dt.date(2026, 6, 15)


def _holding(vault, cid, amount, maturity):
    values = {"product_type": "wealth", "name": "稳利", "amount": amount, "maturity_date": maturity.isoformat()}
    return holdings.add_holding(vault, cid, values).id


def _outcome(vault, holding_id, matured_fen, kept_fen):
    with vault.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO maturity_outcomes (holding_id, outcome, matured, kept, recorded_at) "
            "VALUES (?, 'rolled_over', ?, ?, '2026-06-15 10:00:00')",
            (holding_id, matured_fen, kept_fen),
        )


def test_months_sum_the_rows_as_written(vault):
    cid = create_client(vault, {"name": "到期客户", "aum": "900000"}, today=TODAY).id
    gone = create_client(vault, {"name": "已删除", "aum": "100000"}, today=TODAY).id
    _holding(vault, cid, "1000.10", dt.date(2026, 5, 1))  # no outcome: matured, not recorded
    may_kept = _holding(vault, cid, "2000.00", dt.date(2026, 5, 31))
    _outcome(vault, may_kept, 150_055, 120_001)  # recorded 1500.55 of which 1200.01 kept
    june_none = _holding(vault, cid, "3000.00", TODAY)  # the outcome has no matured amount: the holding's
    _outcome(vault, june_none, None, 300_000)
    _holding(vault, cid, None, dt.date(2026, 6, 2))  # no amount at all
    _holding(vault, cid, "7000.00", TODAY + dt.timedelta(days=1))  # not matured yet
    _holding(vault, cid, "9000.00", dt.date(2026, 3, 31))  # before the window
    _outcome(vault, _holding(vault, gone, "5000.00", dt.date(2026, 6, 1)), 500_000, 500_000)
    trash_client(vault, gone)

    april, may, june = retention_by_month(vault, 3, today=TODAY)
    assert (april.month, april.matured, april.recorded, april.kept, april.rate) == ("2026-04", 0, 0, 0, None)
    assert (may.month, may.matured, may.recorded, may.kept) == (
        "2026-05",
        Decimal("2500.65"),
        Decimal("1500.55"),
        Decimal("1200.01"),
    )
    assert may.rate == float(Decimal("1200.01") / Decimal("1500.55"))
    assert (june.month, june.matured, june.recorded, june.kept, june.rate) == (
        "2026-06",
        Decimal("3000.00"),
        Decimal("3000.00"),
        Decimal("3000.00"),
        1.0,
    )
    for month in (may, june):
        assert [value.as_tuple().exponent for value in (month.matured, month.recorded, month.kept)] == [-2] * 3


def test_the_query_starts_from_the_maturity_index(vault):
    """Not from every live client (the deleted_at index) and their holdings: a year's maturities
    are a few percent of a book's holdings."""
    from rm_desktop.services.worklist.retention import MATURED_SQL

    with vault.engine.connect() as conn:
        plan = [
            row[-1]
            for row in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {MATURED_SQL}", {"first": "2026-01-01", "today": "2026-06-15"}
            )
        ]
    assert plan[0].startswith("SEARCH holdings USING INDEX ix_holdings_maturity_date"), plan
    assert "SEARCH clients USING INTEGER PRIMARY KEY" in plan[1], plan
