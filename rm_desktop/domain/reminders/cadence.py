"""Contact cadence (定期联系): each client is due for a contact every N days after the last one.

N comes from the client's override or from ``ReminderSettings.cadence_days[tier_code]``; a
client with neither gets no cadence reminder (the lower tiers are kept by tellers, not the RM).
A client never contacted is due today. Logging a contact simply gives a new ``last_contact``,
which moves the due date and changes the reminder's key, so an old snooze or dismissal no
longer applies. The reminder is carried past its date until a contact is logged.
"""

from __future__ import annotations

from datetime import date

from rm_desktop.i18n import t

from .model import (
    KIND_CADENCE,
    SEVERITY_WARNING,
    ClientFacts,
    Reminder,
    ReminderSettings,
    iso,
    lateness_severity,
    red_threshold,
    span,
)


def cadence_days_for(client: ClientFacts, settings: ReminderSettings) -> int | None:
    if client.cadence_override_days is not None and client.cadence_override_days > 0:
        return client.cadence_override_days
    if client.tier_code is None:
        return None
    return settings.cadence_days.get(client.tier_code)


def cadence_reminder(
    client: ClientFacts, today: date, end: date, settings: ReminderSettings, texts: bool = True
) -> Reminder | None:
    """The client's next (or overdue) contact if due by ``end``; None without a cadence.
    ``texts=False`` leaves the title and detail empty (the worklist words its items itself)."""
    days = cadence_days_for(client, settings)
    if days is None:
        return None
    if client.last_contact is None:
        return Reminder(
            date=today,
            kind=KIND_CADENCE,
            client_id=client.client_id,
            title=t("{} 尚无联系记录", "{}: never contacted").format(client.name) if texts else "",
            detail=t("应每{}天联系一次", "Contact every {} days").format(days) if texts else "",
            # "never" rather than today's date: the key must not change from day to day.
            key=f"{KIND_CADENCE}:{client.client_id}:never",
            severity=SEVERITY_WARNING,
            due=today,
            client_name=client.name,
        )
    due = client.last_contact + span(days)
    if due > end:
        return None
    title = detail = ""
    if texts:
        late = (today - due).days
        if late > 0:
            title = t("{} 已逾期{}天未联系", "{}: contact {} days overdue").format(client.name, late)
        else:
            title = t("{} 例行联系（每{}天）", "{}: regular contact (every {} days)").format(client.name, days)
        detail = t("上次联系 {}，应每{}天联系", "Last contact {}, every {} days").format(iso(client.last_contact), days)
    # By position (date, kind, client, title, detail, key, severity, due): a 100k book makes ~16k.
    return Reminder(
        due,
        KIND_CADENCE,
        client.client_id,
        title,
        detail,
        f"{KIND_CADENCE}:{client.client_id}:{iso(due)}",
        lateness_severity(due, today, red_threshold(settings, days)),
        due,
        None,
        client.name,
    )
