"""Retention of maturing money per month (到期承接率): the one function the insights page, the
reports and the CLI call for it (rules in domain/worklist/outcomes.retention).

One set-based query: the holdings that matured in the months asked for (by maturity date, up
to today; trashed clients left out) with their recorded outcome, if any.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import String, select, type_coerce

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.worklist.outcomes import MaturedMoney, MonthRetention, last_months, retention
from rm_desktop.i18n import t
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, Holding
from rm_desktop.storage.models_worklist import MaturityOutcome

MAX_MONTHS = 120


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
    H, OUT, C = Holding.__table__.c, MaturityOutcome.__table__.c, Client.__table__.c
    query = (
        select(type_coerce(H.maturity_date, String), H.amount, OUT.matured, OUT.kept, OUT.holding_id)
        .join_from(Holding.__table__, Client.__table__, C.id == H.client_id)
        .join(MaturityOutcome.__table__, OUT.holding_id == H.id, isouter=True)
        .where(H.maturity_date >= first, H.maturity_date <= today, C.deleted_at.is_(None))
    )
    with vault.engine.connect() as conn:
        rows = conn.execute(query).all()
    money = [
        MaturedMoney(
            dt.date.fromisoformat(mature[:10]),
            # the amount when the outcome was recorded, else the holding's (still open)
            matured if recorded is not None and matured is not None else amount,
            kept if recorded is not None else None,
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
