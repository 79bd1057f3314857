"""Churn signals (流失预警): rule-based, each naming its rule and the numbers that fired it.

Rules (thresholds are settings, see :class:`ChurnSettings`):
- ``aum_drop``: AUM down by at least ``aum_drop_percent`` against the AUM held
  ``lookback_days`` earlier (the latest snapshot dated on or before that day; snapshots are
  written when the AUM changes, so that is what the client held then). Snapshots dated after
  today are ignored.
- ``not_kept``: a product matured and its money was not kept (an outcome "withdrawn", or
  "partly kept" below the matured amount) within the last ``lookback_days``.
- ``no_contact``: no contact for more than ``no_contact_factor`` × the agreed cadence. A client
  never contacted has no such figure: the cadence reminder already asks for a first contact.
- ``risk_expired``: the risk assessment has expired (no product may be suggested until renewed).
- ``complaint``: an open complaint (services/complaints/worklist_items calls
  :func:`complaint_signal` for each until it is closed).

Each signal is a worklist candidate of kind ``churn`` whose key names the rule, the client and
the figure's date, so a dismissed signal comes back only when a new figure fires it again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from functools import lru_cache

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.reminders.model import iso, span
from rm_desktop.i18n import t

from .model import KIND_CHURN, NO_VALUES, Candidate, ClientContext

RULE_AUM_DROP = "aum_drop"
RULE_NOT_KEPT = "not_kept"
RULE_NO_CONTACT = "no_contact"
RULE_RISK_EXPIRED = "risk_expired"
RULE_COMPLAINT = "complaint"
RULES = (RULE_AUM_DROP, RULE_NOT_KEPT, RULE_NO_CONTACT, RULE_RISK_EXPIRED, RULE_COMPLAINT)
RULE_NAMES = {
    RULE_AUM_DROP: ("资产下降", "AUM drop"),
    RULE_NOT_KEPT: ("到期资金流失", "matured money not kept"),
    RULE_NO_CONTACT: ("久未联系", "no contact"),
    RULE_RISK_EXPIRED: ("风险测评过期", "risk assessment expired"),
    RULE_COMPLAINT: ("未结投诉", "open complaint"),
}


def rule_name(rule: str) -> str:
    zh, en = RULE_NAMES.get(rule, (rule, rule))
    return t(zh, en)


@dataclass(frozen=True)
class ChurnSettings:
    aum_drop_percent: int = 30
    lookback_days: int = 90
    no_contact_factor: float = 1.5

    def __post_init__(self) -> None:
        if not 0 < self.aum_drop_percent <= 100:
            raise ValidationError("churn_aum_drop_percent", t("应在 1 到 100 之间", "must be between 1 and 100"))
        if self.lookback_days < 1:
            raise ValidationError("churn_lookback_days", t("至少 1 天", "at least 1 day"))
        if self.no_contact_factor <= 0:
            raise ValidationError("churn_no_contact_factor", t("必须大于 0", "must be above 0"))


def _heads(rule: str, zh: str, en: str) -> tuple[str, str]:
    """The signal's own words after the rule's name (zh, en)."""
    name_zh, name_en = RULE_NAMES[rule]
    return f"流失预警·{name_zh}：{zh}", f"churn risk, {name_en}: {en}"


# The words of the frequent rules, made once per distinct figure and shared by every signal
# saying the same (issue 19.4: a 100k book's ~14k AUM drops have ~70 distinct percentages, and a
# string of their own each held ~0.4 kB alive with the page and cost a formatting each).
@lru_cache(maxsize=4096)
def _drop_heads(days: int, percent: int, threshold: int) -> tuple[str, str]:
    return _heads(
        RULE_AUM_DROP,
        f"较 {days} 天前下降 {percent}%（{{before}} → {{now}}，阈值 {threshold}%）",
        f"down {percent}% on {days} days ago ({{before}} → {{now}}, threshold {threshold}%)",
    )


@lru_cache(maxsize=4096)
def _quiet_heads(days: int, cadence_days: int, factor: float) -> tuple[str, str]:
    return _heads(
        RULE_NO_CONTACT,
        f"{days} 天未联系（约定每 {cadence_days} 天，超过 {factor:g} 倍）",
        f"{days} days without contact (cadence {cadence_days} days, over {factor:g}×)",
    )


@lru_cache(maxsize=4096)
def _expired_heads(days: int, expired_on: str) -> tuple[str, str]:
    return _heads(
        RULE_RISK_EXPIRED,
        f"已过期 {days} 天（{expired_on}），续评前不能推荐产品",
        f"expired {days} days ago ({expired_on}); no product may be suggested until renewed",
    )


def _signal(
    client: ClientContext,
    rule: str,
    anchor: object,
    due: dt.date,
    heads: tuple[str, str],
    amounts: dict[str, Decimal] = NO_VALUES,
    stake: Decimal | None = None,
    ref_id: int | None = None,
    numbers: dict[str, object] = NO_VALUES,
) -> Candidate:
    # Named parameters passed on by position, not **extra: a 100k book makes ~24k signals
    # (issue 19.4: the keyword dicts cost a fifth of each).
    head_zh, head_en = heads
    return Candidate(
        f"{KIND_CHURN}:{rule}:{client.client_id}:{anchor}",
        KIND_CHURN,
        client,
        due,
        head_zh,
        head_en,
        amounts,
        stake,
        None,
        False,
        ref_id,
        rule,
        numbers,
    )


def aum_drop_signal(
    client: ClientContext,
    before_on: dt.date | None,
    before: Decimal | None,
    today: dt.date,
    settings: ChurnSettings,
) -> Candidate | None:
    """Fires when the AUM fell by ``aum_drop_percent`` or more since ``before`` (held on
    ``before_on``, at least ``lookback_days`` ago)."""
    now = client.aum
    if before is None or before_on is None or now is None or before <= 0 or before_on > today:
        return None
    days = settings.lookback_days
    if (today - before_on).days < days:
        return None
    drop = (before - now) / before * 100
    threshold = settings.aum_drop_percent
    if drop < threshold:
        return None
    percent = int(drop.to_integral_value(rounding=ROUND_FLOOR))
    on = iso(before_on)  # once: the key's anchor and a number (~14k signals at 100k)
    return _signal(
        client,
        RULE_AUM_DROP,
        on,
        today,
        _drop_heads(days, percent, threshold),
        amounts={"before": before, "now": now},
        numbers={
            "before": str(before),
            "before_on": on,
            "now": str(now),
            "drop_percent": percent,
            "threshold_percent": threshold,
        },
    )


def not_kept_signal(
    client: ClientContext,
    holding_id: int,
    matured: Decimal,
    kept: Decimal,
    recorded_on: dt.date,
    today: dt.date,
    settings: ChurnSettings,
) -> Candidate | None:
    """Fires for an outcome that kept less than the matured amount, recorded within the look-back."""
    if kept >= matured or (today - recorded_on).days > settings.lookback_days or recorded_on > today:
        return None
    lost = matured - kept
    return _signal(
        client,
        RULE_NOT_KEPT,
        holding_id,
        recorded_on,
        _heads(
            RULE_NOT_KEPT, "到期 {matured} 仅留存 {kept}（流出 {lost}）", "{matured} matured, {kept} kept ({lost} left)"
        ),
        amounts={"matured": matured, "kept": kept, "lost": lost},
        stake=lost,
        ref_id=holding_id,
        numbers={
            "holding_id": holding_id,
            "matured": str(matured),
            "kept": str(kept),
            "recorded_on": recorded_on.isoformat(),
        },
    )


def no_contact_signal(client: ClientContext, today: dt.date, settings: ChurnSettings) -> Candidate | None:
    if client.last_contact is None or not client.cadence_days:
        return None
    days = (today - client.last_contact).days
    limit = settings.no_contact_factor * client.cadence_days
    if days <= limit:
        return None
    return _signal(
        client,
        RULE_NO_CONTACT,
        iso(client.last_contact),
        client.last_contact + span(int(limit)),
        _quiet_heads(days, client.cadence_days, settings.no_contact_factor),
        numbers={"days": days, "cadence_days": client.cadence_days, "factor": settings.no_contact_factor},
    )


def risk_expired_signal(client: ClientContext, expires_on: dt.date | None, today: dt.date) -> Candidate | None:
    if expires_on is None or expires_on >= today:
        return None
    days = (today - expires_on).days
    on = expires_on.isoformat()
    return _signal(
        client,
        RULE_RISK_EXPIRED,
        on,
        expires_on,
        _expired_heads(days, on),
        numbers={"expired_on": on, "days": days},
    )


@dataclass(frozen=True)
class ComplaintFacts:
    """An open complaint (services/complaints reads them)."""

    complaint_id: int
    client_id: int
    opened_on: dt.date
    summary: str = ""


def complaint_signal(client: ClientContext, complaint: ComplaintFacts, today: dt.date) -> Candidate:
    days = max(0, (today - complaint.opened_on).days)
    return _signal(
        client,
        RULE_COMPLAINT,
        complaint.complaint_id,
        complaint.opened_on,
        _heads(RULE_COMPLAINT, f"投诉未结 {days} 天", f"complaint open for {days} days"),
        ref_id=complaint.complaint_id,
        numbers={"complaint_id": complaint.complaint_id, "days": days},
    )
