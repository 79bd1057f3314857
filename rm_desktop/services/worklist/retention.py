"""Retention of maturing money per month (到期承接率): the one function the insights page, the
reports and the CLI call for it (rules in domain/worklist/outcomes.retention).

One set-based query: the holdings that matured in the months asked for (by maturity date, up
to today; trashed clients left out) with their recorded outcome, if any. It starts from the
holdings' maturity index: without statistics SQLite otherwise walked every live client by the
deleted_at index and their holdings (issue 15, 100k clients: 52 ms against 17 ms for the ~4k
maturities of a year), hence "+deleted_at". It is SQL text on the driver's cursor, the values
converted here as the mapped types would (dates stored as ISO text, money as whole fen).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.money import from_cents
from rm_desktop.domain.worklist.outcomes import MaturedMoney, MonthRetention, last_months, retention
from rm_desktop.i18n import t
from rm_desktop.storage.handle import VaultHandle

MAX_MONTHS = 120
# The maturity as stored (text: its day is the first ten characters), the holding's amount, the
# outcome's matured and kept amounts (fen), and the outcome's key (None: none recorded). "+"
# keeps the planner off the clients' deleted_at index (see above).
MATURED_SQL = (
    "SELECT holdings.maturity_date, holdings.amount, maturity_outcomes.matured, maturity_outcomes.kept, "
    "maturity_outcomes.holding_id FROM holdings JOIN clients ON clients.id = holdings.client_id "
    "LEFT OUTER JOIN maturity_outcomes ON maturity_outcomes.holding_id = holdings.id "
    "WHERE holdings.maturity_date >= :first AND holdings.maturity_date <= :today AND +clients.deleted_at IS NULL"
)


def _yuan(fen: int | None) -> Decimal | None:
    """Whole fen → 元, as storage/types.Money reads them (two decimals); None stays None."""
    return None if fen is None else from_cents(fen)


def retention_by_month(vault: VaultHandle, months: int = 12, *, today: dt.date | None = None) -> list[MonthRetention]:
    """The last ``months`` calendar months up to today's, oldest first: matured, recorded and
    kept amounts (元) and the rate kept / recorded (None for a month with nothing recorded)."""
    if not 1 <= months <= MAX_MONTHS:
        raise UserError(
            t("月数应在 1 到 {} 之间：{}", "months must be between 1 and {}: {}").format(MAX_MONTHS, months)
        )
    today = today or dt.date.today()
    wanted = last_months(today, months)
    first = dt.date.fromisoformat(f"{wanted[0]}-01")
    with vault.engine.connect() as conn:
        cursor = conn.connection.cursor()
        rows = cursor.execute(MATURED_SQL, {"first": first.isoformat(), "today": today.isoformat()}).fetchall()
    money = [
        MaturedMoney(
            dt.date.fromisoformat(mature[:10]),
            # the amount when the outcome was recorded, else the holding's (still open)
            _yuan(matured if recorded is not None and matured is not None else amount),
            _yuan(kept) if recorded is not None else None,
        )
        for mature, amount, matured, kept, recorded in rows
    ]
    return retention(money, wanted)


def total(rows: list[MonthRetention]) -> MonthRetention:
    """The months summed (the insights page's headline figure)."""
    zero = Decimal("0.00")
    return MonthRetention(
        f"{rows[0].month}..{rows[-1].month}" if rows else "",
        sum((r.matured for r in rows), zero),
        sum((r.recorded for r in rows), zero),
        sum((r.kept for r in rows), zero),
    )
