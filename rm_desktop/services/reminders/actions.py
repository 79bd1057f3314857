"""Acting on a reminder by its key: snooze, dismiss with a reason, mark done, log a contact.

Keys are the engine's (``birthday:12:2026-03-01``, ``maturity:7:2026-04-30:T-7``, …, see
``reminders --json``). Each action first checks the key's shape and that the client, holding,
contact or appointment it names still exists, so a typo is refused instead of stored.

Done means different things by kind: an open follow-up is closed on its contact record; a
contact cadence is done by logging a contact (which moves the client's last contact, so the
cadence restarts and the old key disappears); anything else is stored as done and hidden.
Contacts always go through services/clients/contacts.py, which keeps the client's last contact and
next follow-up in step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.reminders import (
    KIND_APPOINTMENT,
    KIND_CADENCE,
    KIND_CUSTOM,
    KIND_FESTIVAL,
    KIND_FOLLOW_UP,
    KIND_MATURITY,
    KINDS,
)
from rm_desktop.domain.reminders.festivals import FESTIVAL_NAMES, festival_dates
from rm_desktop.i18n import t
from rm_desktop.services.clients import contacts
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, Contact, Holding
from rm_desktop.storage.models_reminders import Appointment, CustomReminder, ReminderState

MAX_SNOOZE_DAYS = 366
MAX_REASON = 200
_PART = re.compile(r"^(?P<ref>[^:]+):(?P<when>\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?|never)(:T-(?P<offset>\d{1,3}))?$")


def default_done_contact() -> dict[str, str]:
    """The contact logged when a cadence reminder is marked done without details."""
    return {
        "channel": "phone",
        "content": t("例行联系（由提醒标记完成）", "Regular contact (marked done from a reminder)"),
    }


@dataclass(frozen=True)
class ReminderKey:
    text: str
    kind: str
    ref: str  # client, holding, contact, appointment or custom-reminder id; festival code
    when: str  # the date (or date-time, "never", a festival's year) in the key
    offset: int | None = None  # the n of a T-n notice

    @property
    def ref_id(self) -> int | None:
        return int(self.ref) if self.kind != KIND_FESTIVAL else None


def _bad_key(key: str) -> UserError:
    return UserError(
        t(
            "无效的提醒编号：{}（编号见 reminders --json 的 key，例如 birthday:12:2026-03-01）",
            'not a reminder id: {} (ids are the "key" of reminders --json, e.g. birthday:12:2026-03-01)',
        ).format(key)
    )


def parse_key(key: str) -> ReminderKey:
    key = (key or "").strip()
    kind, _, rest = key.partition(":")
    if kind == KIND_FESTIVAL:
        code, _, year = rest.partition(":")
        if code not in FESTIVAL_NAMES or not re.fullmatch(r"\d{4}", year):
            raise _bad_key(key)
        return ReminderKey(key, kind, code, year)
    match = _PART.match(rest)
    if kind not in KINDS or match is None or not match["ref"].isdigit():
        raise _bad_key(key)
    try:
        if match["when"] != "never":
            dt.datetime.fromisoformat(match["when"])
    except ValueError:
        raise _bad_key(key) from None
    offset = int(match["offset"]) if match["offset"] else None
    return ReminderKey(key, kind, match["ref"], match["when"], offset)


def shown_on(parsed: ReminderKey, festival_lead_days: int = 0) -> dt.date | None:
    """The day the engine shows the reminder of this key (before any snooze); None if unknown."""
    if parsed.kind == KIND_FESTIVAL:
        found = [f.date for f in festival_dates(int(parsed.when)) if f.code == parsed.ref]
        return found[0] - dt.timedelta(days=festival_lead_days) if found else None
    if parsed.when == "never":
        return None
    day = dt.datetime.fromisoformat(parsed.when).date()
    return day - dt.timedelta(days=parsed.offset or 0)


_MISSING = {
    KIND_MATURITY: ("找不到该提醒对应的持仓：{}", "No holding for this reminder: {}"),
    KIND_FOLLOW_UP: ("找不到该提醒对应的往来记录：{}", "No contact record for this reminder: {}"),
    KIND_APPOINTMENT: ("找不到该提醒对应的约见：{}", "No appointment for this reminder: {}"),
    KIND_CUSTOM: ("找不到该提醒：{}", "No such custom reminder: {}"),
}


class _ClientRow(Protocol):
    """A row a reminder comes from: it names its client (or none)."""

    @property
    def client_id(self) -> int | None: ...


_OWNER: dict[str, type[_ClientRow]] = {
    KIND_MATURITY: Holding,
    KIND_FOLLOW_UP: Contact,
    KIND_APPOINTMENT: Appointment,
    KIND_CUSTOM: CustomReminder,
}


def client_of(session: Session, parsed: ReminderKey) -> int | None:
    """The client a reminder is about (None for a festival or a reminder without a client);
    UserError when the row the key names no longer exists or its client is in the trash."""
    if parsed.kind == KIND_FESTIVAL:
        return None
    model = _OWNER.get(parsed.kind)
    if model is None:
        client_id: int | None = parsed.ref_id
    else:
        row = session.get(model, parsed.ref_id)
        if row is None:
            zh, en = _MISSING[parsed.kind]
            raise UserError(t(zh, en).format(parsed.text))
        client_id = row.client_id
    if client_id is not None:
        deleted = session.execute(select(Client.deleted_at).where(Client.id == client_id)).first()
        if deleted is None or deleted[0] is not None:
            raise UserError(
                t("该提醒的客户不存在或已在回收站：{}", "The reminder's client is gone or in the trash: {}").format(
                    parsed.text
                )
            )
    return client_id


def check_until(until: dt.date, today: dt.date) -> None:
    """A snooze date: after today, at most a year ahead (the one rule, reminders and worklist)."""
    if until <= today:
        raise ValidationError(
            "until",
            t("推迟到的日期应晚于今天（{}）", "the snooze date must be after today ({})").format(today.isoformat()),
        )
    if until > today + dt.timedelta(days=MAX_SNOOZE_DAYS):
        raise ValidationError("until", t("最多推迟一年", "a reminder can be snoozed for at most a year"))


def clean_reason(reason: str) -> str:
    """A dismissal's reason, spaces collapsed; refused when empty or too long."""
    text = " ".join((reason or "").split())
    if not text:
        raise ValidationError("reason", t("请填写忽略的原因", "please give a reason for dismissing"))
    if len(text) > MAX_REASON:
        raise ValidationError("reason", t("原因最多 {} 个字", "the reason is at most {} characters").format(MAX_REASON))
    return text


def store_in(session: Session, key: str, now: dt.datetime, **values: Any) -> None:
    """The reminder's state row, replaced whole by ``values`` (the rest cleared)."""
    state = {"snoozed_until": None, "shown_on": None, "dismissed_at": None, "reason": None, "done": False, **values}
    session.merge(ReminderState(key=key, updated_at=now, **state))


def snooze_in(session: Session, key: str, until: dt.date, *, today: dt.date, festival_lead_days: int) -> dt.date:
    """:func:`snooze` inside the caller's transaction."""
    parsed = parse_key(key)
    client_of(session, parsed)
    check_until(until, today)
    now = dt.datetime.now().replace(microsecond=0)
    store_in(session, parsed.text, now, snoozed_until=until, shown_on=shown_on(parsed, festival_lead_days))
    return until


def snooze(vault: VaultHandle, key: str, until: dt.date, *, today: dt.date | None = None) -> dt.date:
    """Show the reminder again on ``until`` (after today, at most a year ahead)."""
    lead = vault.settings.get("reminder_festival_lead_days")
    with vault.sessions.begin() as session:
        return snooze_in(session, key, until, today=today or dt.date.today(), festival_lead_days=lead)


def dismiss_in(session: Session, key: str, reason: str, *, now: dt.datetime) -> None:
    """:func:`dismiss` inside the caller's transaction."""
    text = clean_reason(reason)
    parsed = parse_key(key)
    client_of(session, parsed)
    now = now.replace(microsecond=0)
    store_in(session, parsed.text, now, dismissed_at=now, reason=text)


def dismiss(vault: VaultHandle, key: str, reason: str, *, now: dt.datetime | None = None) -> None:
    """Hide the reminder for good, with the reason the RM gave."""
    with vault.sessions.begin() as session:
        dismiss_in(session, key, reason, now=now or dt.datetime.now())


@dataclass(frozen=True)
class DoneResult:
    key: str
    action: str  # "follow_up_closed", "contact_logged" or "marked_done"
    contact_id: int | None = None

    def message(self) -> str:
        return {
            "follow_up_closed": t("已完成跟进：{}", "Follow-up closed: {}"),
            "contact_logged": t("已记录联系，联系周期重新计算：{}", "Contact logged, cadence restarted: {}"),
            "marked_done": t("已标记完成：{}", "Marked done: {}"),
        }[self.action].format(self.key)


def mark_done(
    vault: VaultHandle, key: str, *, contact: Mapping[str, Any] | None = None, now: dt.datetime | None = None
) -> DoneResult:
    """Resolve a reminder (see module notes). ``contact`` (contact-service field values) is
    logged for the reminder's client first; a cadence reminder always logs one."""
    with vault.sessions.begin() as session:
        return mark_done_in(session, key, contact=contact, now=now or dt.datetime.now())


def mark_done_in(
    session: Session, key: str, *, contact: Mapping[str, Any] | None = None, now: dt.datetime
) -> DoneResult:
    """:func:`mark_done` inside the caller's transaction: the contact and the resolution together."""
    now = now.replace(microsecond=0)
    parsed = parse_key(key)
    client_id = client_of(session, parsed)
    if parsed.kind == KIND_CADENCE and contact is None:
        contact = default_done_contact()
    logged = None
    if contact is not None:
        if client_id is None:
            raise UserError(
                t("这条提醒没有对应的客户，无法记录联系", "This reminder has no client to log a contact for")
            )
        logged = contacts.add_contact_in(session, client_id, contact, now=now).id
    return resolve_in(session, parsed, now, logged)


def resolve_in(session: Session, parsed: ReminderKey, now: dt.datetime, logged: int | None = None) -> DoneResult:
    """What resolving means by kind, once the contact (``logged``, if any) is written."""
    if parsed.kind == KIND_FOLLOW_UP:
        contacts.set_follow_up_done_in(session, int(parsed.ref))
        return DoneResult(parsed.text, "follow_up_closed", logged)
    if parsed.kind == KIND_CADENCE:
        return DoneResult(parsed.text, "contact_logged", logged)
    store_in(session, parsed.text, now, done=True)
    return DoneResult(parsed.text, "contact_logged" if logged else "marked_done", logged)


def log_contact(
    vault: VaultHandle, key: str, values: Mapping[str, Any], *, now: dt.datetime | None = None
) -> DoneResult:
    """Log a contact with the reminder's client and resolve the reminder (the Today page's action)."""
    return mark_done(vault, key, contact=values, now=now)
