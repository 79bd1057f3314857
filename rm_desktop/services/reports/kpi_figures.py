"""The weekly and monthly KPIs (issue 17.2), each with the previous period's figure, the target
from settings and the trend over the last 12 periods.

Each figure is one function over the 12 periods at once: the event counts are read as one
GROUP BY day over the whole span and summed per period; the book's AUM is each client's latest
snapshot on or before each period's end, walked once over the snapshots in client order; the
tier coverage (share of a tier's clients contacted within their cadence as of the period's end,
a client's own cadence winning over the tier's) is one query per period that probes the
contacts' (client_id, at) index. The maturity retention rate is services/worklist/retention's:
``retention_by_month`` for months; for weeks the same rule (domain/worklist/outcomes.retention,
summed by ``total``) over the week's matured holdings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import Integer, String, func, select, text, type_coerce
from sqlalchemy.engine import Connection

from rm_desktop.domain.reports import kpis as catalogue
from rm_desktop.domain.reports.model import MONTH, SHARE, Kpi, Period, TrendPoint
from rm_desktop.domain.reports.periods import last_periods, month_period
from rm_desktop.domain.reports.workdays import working_days
from rm_desktop.domain.tiers import Tier
from rm_desktop.domain.worklist.outcomes import MaturedMoney, retention
from rm_desktop.i18n import t
from rm_desktop.services.reports.facts import LIVE, MO, OP, C, H, K, Q, R, day_bounds
from rm_desktop.services.worklist import retention as retention_figures
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import AumSnapshot, Client, Contact, Holding
from rm_desktop.storage.models_complaints import ComplaintRow
from rm_desktop.storage.models_sales import Opportunity, Referral
from rm_desktop.storage.models_worklist import MaturityOutcome

TREND = 12
ONE, TENTH, SHARE_Q = Decimal(1), Decimal("0.1"), Decimal("0.0001")
S = AumSnapshot.__table__.c
Figures = list[Decimal | None]  # one figure per period of the trend, oldest first


def _day(column):
    return func.substr(type_coerce(column, String), 1, 10)


def _fen(column):
    return func.coalesce(func.sum(type_coerce(column, Integer)), 0)


def _daily(conn: Connection, query) -> dict[str, tuple[int, ...]]:
    return {row[0]: tuple(row[1:]) for row in conn.execute(query)}


def _per_period(daily: dict[str, tuple[int, ...]], periods: Sequence[Period], index: int) -> list[int]:
    sums = []
    for p in periods:
        low, high = p.start.isoformat(), p.end.isoformat()
        sums.append(sum(values[index] for day, values in daily.items() if low <= day <= high))
    return sums


def _counts(daily, periods, index=0) -> Figures:
    return [Decimal(n) for n in _per_period(daily, periods, index)]


def _amounts(daily, periods, index=1) -> Figures:
    return [(Decimal(n) / 100).quantize(Decimal("0.01")) for n in _per_period(daily, periods, index)]


def event_figures(conn: Connection, periods: Sequence[Period]) -> dict[str, Figures]:
    first, last = periods[0].start, periods[-1].end
    low, high = day_bounds(first, last)

    def joined(table, column):
        return select(_day(column)).join_from(table, Client.__table__, C.id == column.table.c.client_id)

    contacts = _daily(
        conn,
        joined(Contact.__table__, K.at)
        .add_columns(func.count())
        .where(K.at >= low, K.at < high, LIVE)
        .group_by(_day(K.at)),
    )
    new = _daily(
        conn,
        select(_day(C.created_at), func.count(), _fen(C.aum))
        .where(C.created_at >= low, C.created_at < high, LIVE)
        .group_by(_day(C.created_at)),
    )
    opened = _daily(
        conn,
        joined(Opportunity.__table__, OP.created_on)
        .add_columns(func.count(), _fen(OP.amount))
        .where(OP.created_on >= first, OP.created_on <= last, LIVE)
        .group_by(_day(OP.created_on)),
    )
    won = _daily(
        conn,
        joined(Opportunity.__table__, OP.closed_on)
        .add_columns(func.count(), _fen(OP.amount))
        .where(OP.stage == "won", OP.closed_on >= first, OP.closed_on <= last, LIVE)
        .group_by(_day(OP.closed_on)),
    )
    referrals = _daily(
        conn,
        joined(Referral.__table__, R.referred_on)
        .add_columns(func.count())
        .where(R.referred_on >= first, R.referred_on <= last, LIVE)
        .group_by(_day(R.referred_on)),
    )
    complaint = (Q.type == "complaint", LIVE)
    received = _daily(
        conn,
        joined(ComplaintRow.__table__, Q.received_at)
        .add_columns(func.count())
        .where(Q.received_at >= low, Q.received_at < high, *complaint)
        .group_by(_day(Q.received_at)),
    )
    # Handling time in whole seconds (summed exactly), per day of the close.
    seconds = func.sum(func.round((func.julianday(Q.closed_at) - func.julianday(Q.received_at)) * 86400))
    closed = _daily(
        conn,
        joined(ComplaintRow.__table__, Q.closed_at)
        .add_columns(func.count(), type_coerce(seconds, Integer))
        .where(Q.closed_at >= low, Q.closed_at < high, *complaint)
        .group_by(_day(Q.closed_at)),
    )
    closed_counts, closed_seconds = _per_period(closed, periods, 0), _per_period(closed, periods, 1)
    hours: Figures = [
        (Decimal(int(s)) / n / 3600).quantize(TENTH) if n else None
        for n, s in zip(closed_counts, closed_seconds, strict=True)
    ]
    return {
        "contacts": _counts(contacts, periods),
        "new_clients": _counts(new, periods),
        "new_clients_aum": _amounts(new, periods),
        "pipeline_opened": _counts(opened, periods),
        "pipeline_opened_amount": _amounts(opened, periods),
        "pipeline_won": _counts(won, periods),
        "pipeline_won_amount": _amounts(won, periods),
        "referrals": _counts(referrals, periods),
        "complaints": _counts(received, periods),
        "complaint_hours": hours,
    }


def per_working_day(contacts: Figures, periods: Sequence[Period], today: dt.date) -> Figures:
    """Contacts divided by the working days of each period so far (Chinese calendar)."""
    found: Figures = []
    for count, p in zip(contacts, periods, strict=True):
        days = working_days(p.start, min(p.end, today))
        found.append((count / days).quantize(TENTH) if count is not None and days else None)
    return found


# Each live client's latest snapshot on or before a day, summed: one probe of the covering
# index (client_id, on, aum) per client (revision 0008), no snapshot row leaves SQLite.
_BOOK_AUM = text(
    """
    SELECT coalesce(sum((SELECT s.aum FROM aum_snapshots s WHERE s.client_id = c.id AND s."on" <= :day
                         ORDER BY s."on" DESC LIMIT 1)), 0)
    FROM clients c WHERE c.deleted_at IS NULL
    """
)


def aum_change(conn: Connection, periods: Sequence[Period]) -> Figures:
    """The book's AUM at each period's end less that at the end of the period before, from each
    live client's latest snapshot on or before the day; None while no snapshot reaches the end."""
    first = conn.execute(select(func.min(type_coerce(S.on, String)))).scalar()
    if first is None:
        return [None] * len(periods)
    bounds = [periods[0].start - dt.timedelta(days=1), *(p.end for p in periods)]
    found = [conn.execute(_BOOK_AUM, {"day": day.isoformat()}).scalar() or 0 for day in bounds]
    return [
        (Decimal(found[i + 1] - found[i]) / 100).quantize(Decimal("0.01"))
        if first[:10] <= bounds[i + 1].isoformat()
        else None
        for i in range(len(periods))
    ]


_COVERAGE = text(
    """
    SELECT c.tier, count(*), coalesce(sum(EXISTS (
        SELECT 1 FROM contacts k WHERE k.client_id = c.id AND k.at < :high
        AND k.at >= datetime(:high, '-' || coalesce(c.cadence_days, :cadence) || ' days'))), 0)
    FROM clients c
    WHERE c.deleted_at IS NULL AND c.tier = :tier AND c.created_at < :high
    """
)


def tier_coverage(conn: Connection, periods: Sequence[Period], today: dt.date, tier: Tier) -> Figures:
    """The share of the tier's clients contacted within their cadence as of each period's end
    (today for the period under way); None for a period when the tier had no client."""
    found: Figures = []
    for p in periods:
        high = f"{min(p.end, today) + dt.timedelta(days=1):%Y-%m-%d} 00:00:00"
        _code, total, reached = conn.execute(
            _COVERAGE, {"high": high, "cadence": tier.cadence_days, "tier": tier.code}
        ).one()
        found.append((Decimal(reached) / total).quantize(SHARE_Q) if total else None)
    return found


def retention_rates(vault: VaultHandle, conn: Connection, periods: Sequence[Period]) -> Figures:
    if periods[-1].kind == MONTH:
        months = retention_figures.retention_by_month(vault, len(periods), today=periods[-1].end)
        return [None if m.rate is None else Decimal(m.kept / m.recorded).quantize(SHARE_Q) for m in months]
    query = (
        select(H.maturity_date, H.amount, MO.matured, MO.kept, MO.holding_id)
        .join_from(Holding.__table__, Client.__table__, C.id == H.client_id)
        .join(MaturityOutcome.__table__, MO.holding_id == H.id, isouter=True)
        .where(H.maturity_date >= periods[0].start, H.maturity_date <= periods[-1].end, LIVE)
    )
    rows = [
        MaturedMoney(
            day,
            matured if recorded is not None and matured is not None else amount,
            kept if recorded is not None else None,
        )
        for day, amount, matured, kept, recorded in conn.execute(query)
    ]
    found: Figures = []
    for p in periods:
        keys = sorted({month_period(p.start).key, month_period(p.end).key})
        week = retention_figures.total(retention([r for r in rows if p.start <= r.maturity_date <= p.end], keys))
        found.append(None if week.rate is None else Decimal(week.kept / week.recorded).quantize(SHARE_Q))
    return found


def _kpi(key: str, label: str, unit: str, figures: Figures, periods: Sequence[Period], targets) -> Kpi:
    return Kpi(
        key,
        label,
        unit,
        figures[-1],
        figures[-2] if len(figures) > 1 else None,
        targets.get(key),
        tuple(TrendPoint(p.key, v) for p, v in zip(periods, figures, strict=True)),
    )


def build_kpis(
    vault: VaultHandle, conn: Connection, period: Period, today: dt.date, tiers: tuple[Tier, ...], targets
) -> tuple[Kpi, ...]:
    periods = last_periods(period, TREND)
    figures = event_figures(conn, periods)
    figures["contacts_per_working_day"] = per_working_day(figures["contacts"], periods, today)
    figures["aum_change"] = aum_change(conn, periods)
    figures["retention"] = retention_rates(vault, conn, periods)
    found = [_kpi(d.key, d.label(), d.unit, figures[d.key], periods, targets) for d in catalogue.KPIS]
    coverage = [
        _kpi(
            catalogue.coverage_key(tier.code),
            t("{}按周期联系覆盖率", "{} contacted within cadence").format(tier.name()),
            SHARE,
            tier_coverage(conn, periods, today, tier),
            periods,
            targets,
        )
        for tier in reversed(tiers)
        if tier.cadence_days
    ]
    # the coverage KPIs follow the contact figures they explain
    index = 1 + next(i for i, d in enumerate(catalogue.KPIS) if d.key == "contacts_per_working_day")
    return tuple(found[:index] + coverage + found[index:])
