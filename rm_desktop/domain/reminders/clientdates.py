"""Reminders from dated facts on the client file: risk assessment expiry and plan review.

- Risk assessment (风险测评) expiry: notices at ``risk_expiry_offsets`` days before (T-30, T-7),
  then a reminder on the expiry day that is carried, red, until a new assessment moves the
  date: products may not be sold on an expired assessment, so it must not scroll away.
- Financial plan review (理财规划回顾): one reminder on the review date, carried until the
  date is moved, yellow when due and red once late beyond the red threshold.
"""

from __future__ import annotations

from datetime import date

from rm_desktop.i18n import t

from .maturities import staged_offsets
from .model import (
    KIND_PLAN_REVIEW,
    KIND_RISK_EXPIRY,
    SEVERITY_NORMAL,
    SEVERITY_OVERDUE,
    SEVERITY_WARNING,
    ClientFacts,
    Reminder,
    ReminderSettings,
    iso,
    lateness_severity,
    red_threshold,
    span,
)


def risk_expiry_reminders(
    client: ClientFacts, today: date, start: date, end: date, settings: ReminderSettings
) -> list[Reminder]:
    """Advance notices shown within [start, end], plus the carried expiry-day reminder."""
    expires = client.risk_expires_on
    if expires is None:
        return []
    reminders = []
    notices = [n for n in staged_offsets(expires, settings.risk_expiry_offsets, start, end) if n]
    for offset in notices:
        reminders.append(
            _risk(
                client,
                expires - span(offset),
                f":T-{offset}",
                SEVERITY_NORMAL,
                t("{} 风险测评{}天后到期", "{}: risk assessment expires in {} days").format(client.name, offset),
            )
        )
    if expires <= end:
        late = (today - expires).days
        if late < 0:
            severity, title = SEVERITY_NORMAL, t("{} 风险测评到期", "{}: risk assessment expires")
        elif late == 0:
            severity, title = SEVERITY_WARNING, t("{} 风险测评今天到期", "{}: risk assessment expires today")
        else:
            severity, title = SEVERITY_OVERDUE, t("{} 风险测评已过期", "{}: risk assessment expired")
        reminders.append(_risk(client, expires, "", severity, title.format(client.name)))
    return reminders


def _risk(client: ClientFacts, shown: date, suffix: str, severity: str, title: str) -> Reminder:
    expires = client.risk_expires_on
    assert expires is not None
    return Reminder(
        date=shown,
        kind=KIND_RISK_EXPIRY,
        client_id=client.client_id,
        title=title,
        detail=t(
            "风险测评有效期至 {}，过期后不能销售产品", "Risk assessment valid until {}; no product sales once expired"
        ).format(iso(expires)),
        key=f"{KIND_RISK_EXPIRY}:{client.client_id}:{iso(expires)}{suffix}",
        severity=severity,
        due=expires,
        client_name=client.name,
    )


def plan_review_reminder(client: ClientFacts, today: date, end: date, settings: ReminderSettings) -> Reminder | None:
    review = client.plan_review_on
    if review is None or review > end:
        return None
    return Reminder(
        date=review,
        kind=KIND_PLAN_REVIEW,
        client_id=client.client_id,
        title=t("{} 理财规划回顾", "{}: financial plan review").format(client.name),
        detail=t("约定回顾日期 {}", "Review agreed for {}").format(review.isoformat()),
        key=f"{KIND_PLAN_REVIEW}:{client.client_id}:{review.isoformat()}",
        severity=lateness_severity(review, today, red_threshold(settings)),
        due=review,
        client_name=client.name,
    )
