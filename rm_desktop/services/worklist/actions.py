"""Acting on a worklist item by its key: snooze, dismiss with a reason, log a contact.

Items that are reminders (``birthday:12:…``, ``maturity:7:…:T-1``) go through
services/reminders/actions, so a snooze there and here is the same snooze. The worklist's own
items (``churn:<rule>:<client>:<anchor>``, ``maturity_outcome:<holding>``) keep their state in
``worklist_states``. Every action except a snooze also notes the item as done today: the
page's progress bar counts those. Recording an outcome or marking a client lost is in
:mod:`.outcomes`; the page calls :func:`note_done` after them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.reminders import KINDS
from rm_desktop.domain.worklist import KIND_CHURN
from rm_desktop.domain.worklist.churn import RULES
from rm_desktop.i18n import t
from rm_desktop.services.clients import contacts
from rm_desktop.services.reminders import actions as reminder_actions
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Holding
from rm_desktop.storage.models_worklist import WorklistState

_CHURN = re.compile(r"^churn:(?P<rule>[a-z_]+):(?P<client>\d+):[\w\-]+$")
_OUTCOME = re.compile(r"^maturity_outcome:(?P<holding>\d+)$")


def is_reminder(key: str) -> bool:
    return key.partition(":")[0] in KINDS


def _bad_key(key: str) -> UserError:
    return UserError(
        t(
            "无效的工作清单编号：{}（编号见 worklist --json 的 key）",
            'not a worklist item: {} (see the "key" of worklist --json)',
        ).format(key)
    )


def client_of(vault: VaultHandle, key: str) -> int | None:
    """The client an item is about; UserError for a malformed key or a row that is gone."""
    key = (key or "").strip()
    if is_reminder(key):
        parsed = reminder_actions.parse_key(key)
        with vault.sessions() as session:
            return reminder_actions.client_of(session, parsed)
    churn = _CHURN.match(key)
    if churn is not None and churn["rule"] in RULES:
        return int(churn["client"])
    outcome = _OUTCOME.match(key)
    if outcome is None:
        raise _bad_key(key)
    with vault.sessions() as session:
        row = session.get(Holding, int(outcome["holding"]))
        if row is None:
            raise UserError(t("找不到该提醒对应的持仓：{}", "No holding for this reminder: {}").format(key))
        return row.client_id


def _state(session: Session, key: str, now: dt.datetime) -> WorklistState:
    row = session.get(WorklistState, key)
    if row is None:
        row = WorklistState(key=key, updated_at=now)
        session.add(row)
    return row


def note_done(vault: VaultHandle, key: str, today: dt.date) -> None:
    """Count the item as done today (the progress bar)."""
    with vault.sessions.begin() as session:
        _state(session, key, dt.datetime.now().replace(microsecond=0)).done_on = today


def snooze(vault: VaultHandle, key: str, until: dt.date, *, today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    if is_reminder(key):
        return reminder_actions.snooze(vault, key, until, today=today)
    client_of(vault, key)
    if until <= today:
        raise ValidationError(
            "until", t("推迟到的日期应晚于今天（{}）", "the snooze date must be after today ({})").format(today)
        )
    if until > today + dt.timedelta(days=reminder_actions.MAX_SNOOZE_DAYS):
        raise ValidationError("until", t("最多推迟一年", "a reminder can be snoozed for at most a year"))
    with vault.sessions.begin() as session:
        _state(session, key, dt.datetime.now().replace(microsecond=0)).snoozed_until = until
    return until


def dismiss(vault: VaultHandle, key: str, reason: str, *, now: dt.datetime | None = None) -> None:
    """Hide the item for good with the RM's reason (a churn signal comes back only when a new
    figure fires its rule again: the key names the figure's date)."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    if is_reminder(key):
        reminder_actions.dismiss(vault, key, reason, now=now)
    else:
        text = " ".join((reason or "").split())
        if not text:
            raise ValidationError("reason", t("请填写忽略的原因", "please give a reason for dismissing"))
        if len(text) > reminder_actions.MAX_REASON:
            raise ValidationError(
                "reason",
                t("原因最多 {} 个字", "the reason is at most {} characters").format(reminder_actions.MAX_REASON),
            )
        client_of(vault, key)
        with vault.sessions.begin() as session:
            row = _state(session, key, now)
            row.dismissed_at, row.reason = now, text
    note_done(vault, key, now.date())


def log_contact(vault: VaultHandle, key: str, values: Mapping[str, Any], *, now: dt.datetime | None = None) -> str:
    """Log a contact with the item's client and resolve the item; the message to show."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    if is_reminder(key):
        message = reminder_actions.log_contact(vault, key, values, now=now).message()
    else:
        client_id = client_of(vault, key)
        if client_id is None:
            raise _bad_key(key)
        contacts.add_contact(vault, client_id, values, now=now)
        if key.startswith(f"{KIND_CHURN}:"):
            # Talking to the client answers the signal; an outcome prompt stays until recorded.
            with vault.sessions.begin() as session:
                row = _state(session, key, now)
                row.dismissed_at, row.reason = now, t("已联系客户", "client contacted")
        message = t("已记录联系：{}", "Contact logged: {}").format(key)
    note_done(vault, key, now.date())
    return message
