"""Appointments (约见: a meeting at a time) and custom reminders (a note for a day), maybe repeating.

Repeat rules are checked against the start by domain/reminders/recurrence before anything is
stored, and kept in its normalised text (month-end rules rewritten to "that day or the month's
last day"), which the engine and the .ics export read the same way. A preset code
(``daily``, ``weekly``, ``monthly``, ``month_end``, ``yearly``) is accepted for the rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.reminders import PRESETS, normalize_rrule
from rm_desktop.i18n import t
from rm_desktop.services.clients.records import ClientNotFound
from rm_desktop.services.clients.values import ClientValidationError, parse_date, parse_datetime
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_reminders import Appointment, CustomReminder

MAX_TITLE = 200
MIN_MINUTES, MAX_MINUTES = 5, 24 * 60


@dataclass(frozen=True)
class AppointmentRecord:
    id: int
    start: dt.datetime
    duration_minutes: int
    title: str
    client_id: int | None
    client_name: str
    rrule: str | None
    location: str
    notes: str

    def as_dict(self) -> dict:
        data = {key: getattr(self, key) for key in self.__dataclass_fields__}
        data["start"] = self.start.isoformat(timespec="minutes")
        return data


@dataclass(frozen=True)
class CustomReminderRecord:
    id: int
    start: dt.date
    title: str
    client_id: int | None
    client_name: str
    rrule: str | None
    note: str


def parse_when(text: object, field: str = "at") -> dt.datetime:
    """A local date-time from user text (or a workbook's date cell); an impossible date (2026-02-30) gets a clear message."""
    value = parse_datetime(text, field)
    if value is None:
        raise ValidationError(field, t("不能为空", "is required"))
    return value


def parse_day(text: str, field: str = "date") -> dt.date:
    value = parse_date(text, field)
    if value is None:
        raise ValidationError(field, t("不能为空", "is required"))
    return value


def check_rule(rule: str | None, start: dt.date | dt.datetime) -> str | None:
    """The normalised rule text, None for no repetition; ValidationError (field ``rrule``)
    with the reason a rule cannot work (e.g. "the rule's day does not exist in its months")."""
    if rule is None or not rule.strip():
        return None
    text = rule.strip()
    preset = PRESETS.get(text.lower())
    return normalize_rrule(preset[0] if preset else text, start)


def _title(value: str, errors: dict[str, str]) -> str:
    title = " ".join((value or "").split())
    if not title:
        errors["title"] = t("不能为空", "is required")
    elif len(title) > MAX_TITLE:
        errors["title"] = t("最多 {} 个字", "at most {} characters").format(MAX_TITLE)
    return title


def parse_title(value: str) -> str:
    """The title of an appointment or reminder (the one rule: spaces collapsed, required, at most
    MAX_TITLE characters); ValidationError (field ``title``) otherwise."""
    errors: dict[str, str] = {}
    title = _title(value, errors)
    if errors:
        raise ValidationError("title", errors["title"])
    return title


def _client_name(session, client_id: int | None) -> str:
    if client_id is None:
        return ""
    row = session.execute(select(Client.name, Client.deleted_at).where(Client.id == client_id)).first()
    if row is None:
        raise ClientNotFound(client_id)
    if row.deleted_at is not None:
        raise UserError(t("该客户在回收站中，请先恢复", "This client is in the trash; restore it first"))
    return row.name


def _rule(rule: str | None, start, errors: dict[str, str]) -> str | None:
    try:
        return check_rule(rule, start)
    except ValidationError as exc:
        errors["rrule"] = exc.message
        return None


def add_appointment(
    vault: VaultHandle,
    start: dt.datetime,
    title: str,
    *,
    duration_minutes: int = 60,
    client_id: int | None = None,
    rrule: str | None = None,
    location: str = "",
    notes: str = "",
) -> AppointmentRecord:
    """Store an appointment; ClientValidationError lists every refused field, nothing is stored."""
    errors: dict[str, str] = {}
    start = start.replace(second=0, microsecond=0)
    title = _title(title, errors)
    if not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        errors["duration"] = t("时长应在 {} 到 {} 分钟之间", "the duration must be {} to {} minutes").format(
            MIN_MINUTES, MAX_MINUTES
        )
    rule = _rule(rrule, start, errors)
    location = " ".join((location or "").split())[:200]
    if errors:
        raise ClientValidationError(errors)
    with vault.sessions.begin() as session:
        name = _client_name(session, client_id)
        row = Appointment(
            start=start,
            duration_minutes=duration_minutes,
            title=title,
            client_id=client_id,
            rrule=rule,
            location=location or None,
            notes=(notes or "").strip() or None,
        )
        session.add(row)
        session.flush()
        return AppointmentRecord(
            row.id, start, duration_minutes, title, client_id, name, rule, location, row.notes or ""
        )


def delete_appointment(vault: VaultHandle, appointment_id: int) -> None:
    """Delete an appointment with all its repetitions (one occurrence is dismissed instead)."""
    with vault.sessions.begin() as session:
        # Session.execute is typed as returning a Result; a DELETE gives a CursorResult.
        deleted = cast(
            "CursorResult[Any]", session.execute(delete(Appointment).where(Appointment.id == appointment_id))
        )
        if deleted.rowcount == 0:
            raise UserError(t("找不到编号为 {} 的约见", "No appointment with id {}").format(appointment_id))


def add_custom_reminder(
    vault: VaultHandle,
    on: dt.date,
    title: str,
    *,
    client_id: int | None = None,
    rrule: str | None = None,
    note: str = "",
) -> CustomReminderRecord:
    errors: dict[str, str] = {}
    title = _title(title, errors)
    rule = _rule(rrule, on, errors)
    if errors:
        raise ClientValidationError(errors)
    with vault.sessions.begin() as session:
        name = _client_name(session, client_id)
        row = CustomReminder(start=on, title=title, client_id=client_id, rrule=rule, note=(note or "").strip() or None)
        session.add(row)
        session.flush()
        return CustomReminderRecord(row.id, on, title, client_id, name, rule, row.note or "")
