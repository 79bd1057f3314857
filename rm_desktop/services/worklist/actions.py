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

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reminders import KIND_MATURITY, KINDS, ReminderSettings
from rm_desktop.domain.worklist import KIND_CHURN
from rm_desktop.domain.worklist.churn import RULES
from rm_desktop.i18n import t
from rm_desktop.services.clients import contacts
from rm_desktop.services.complaints import store as complaint_store
from rm_desktop.services.complaints import worklist_items as complaint_items
from rm_desktop.services.playbooks import steps as playbook_steps
from rm_desktop.services.reminders import actions as reminder_actions
from rm_desktop.services.reminders.settings import load_reminder_settings
from rm_desktop.services.sales import worklist_items as sales_items
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Holding
from rm_desktop.storage.models_complaints import ComplaintRow
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
    with vault.sessions() as session:
        return client_in(session, key)


def client_in(session: Session, key: str) -> int | None:
    """:func:`client_of` inside the caller's session."""
    key = (key or "").strip()
    if is_reminder(key):
        return reminder_actions.client_of(session, reminder_actions.parse_key(key))
    if (step := playbook_steps.step_of_key(key)) is not None:
        return playbook_steps.client_in(session, step)
    if (opportunity := sales_items.opportunity_of_key(key)) is not None:
        return sales_items.client_in(session, opportunity)
    churn = _CHURN.match(key)
    if churn is not None and churn["rule"] in RULES:
        return int(churn["client"])
    complaint = complaint_items.complaint_of_key(key)
    if complaint is not None:
        found = session.get(ComplaintRow, complaint)
        if found is None:
            raise _bad_key(key)
        return found.client_id
    outcome = _OUTCOME.match(key)
    if outcome is None:
        raise _bad_key(key)
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


def _now(now: dt.datetime | None = None) -> dt.datetime:
    return (now or dt.datetime.now()).replace(microsecond=0)


def note_done(vault: VaultHandle, key: str, today: dt.date) -> None:
    """Count the item as done today (the progress bar)."""
    with vault.sessions.begin() as session:
        note_done_in(session, key, today)


def note_done_in(session: Session, key: str, today: dt.date) -> None:
    _state(session, key, _now()).done_on = today


def stage_keys(key: str, settings: ReminderSettings, today: dt.date) -> list[str]:
    """The reminder keys one item stands for. A maturity item is its holding's nearest notice
    shown by today; the earlier stages' notices (T-30, T-7 under a T-1) stand behind it, and
    snoozing or dismissing the item alone would bring the next of them up in its place."""
    if not key.startswith(f"{KIND_MATURITY}:"):
        return [key]
    parsed = reminder_actions.parse_key(key)
    if parsed.offset is None or parsed.when == "never":
        return [key]
    due = dt.date.fromisoformat(parsed.when)
    earlier = sorted({n for n in (*settings.maturity_offsets, 0) if n > parsed.offset}, reverse=True)
    shown = [n for n in earlier if due - dt.timedelta(days=n) <= today]
    return [key, *(f"{KIND_MATURITY}:{parsed.ref}:{parsed.when}:T-{n}" for n in shown)]


def snooze(vault: VaultHandle, key: str, until: dt.date, *, today: dt.date | None = None) -> dt.date:
    settings = load_reminder_settings(vault)
    with vault.sessions.begin() as session:
        return snooze_in(session, key, until, today=today or dt.date.today(), settings=settings)


def snooze_in(session: Session, key: str, until: dt.date, *, today: dt.date, settings: ReminderSettings) -> dt.date:
    """:func:`snooze` inside the caller's transaction."""
    if is_reminder(key):
        for each in stage_keys(key, settings, today):
            reminder_actions.snooze_in(
                session, each, until, today=today, festival_lead_days=settings.festival_lead_days
            )
        return until
    client_in(session, key)
    reminder_actions.check_until(until, today)
    _state(session, key, _now()).snoozed_until = until
    return until


def dismiss(vault: VaultHandle, key: str, reason: str, *, now: dt.datetime | None = None) -> None:
    """Hide the item for good with the RM's reason (a churn signal comes back only when a new
    figure fires its rule again: the key names the figure's date)."""
    settings = load_reminder_settings(vault)
    with vault.sessions.begin() as session:
        dismiss_in(session, key, reason, now=_now(now), settings=settings)


def dismiss_in(session: Session, key: str, reason: str, *, now: dt.datetime, settings: ReminderSettings) -> None:
    """:func:`dismiss` inside the caller's transaction (the item also counts as done today)."""
    if is_reminder(key):
        for each in stage_keys(key, settings, now.date()):
            reminder_actions.dismiss_in(session, each, reason, now=now)
    else:
        text = reminder_actions.clean_reason(reason)
        client_in(session, key)
        row = _state(session, key, now)
        row.dismissed_at, row.reason = now, text
    note_done_in(session, key, now.date())


def log_contact(vault: VaultHandle, key: str, values: Mapping[str, Any], *, now: dt.datetime | None = None) -> str:
    """Log a contact with the item's client and resolve the item; the message to show."""
    now = _now(now)
    settings = load_reminder_settings(vault)
    with vault.sessions.begin() as session:
        client_id = client_in(session, key)
        if client_id is None:
            if is_reminder(key):  # the reminder service's own refusal
                return reminder_actions.mark_done_in(session, key, contact=values, now=now).message()
            raise _bad_key(key)
        logged = contacts.add_contact_in(session, client_id, values, now=now).id
        return resolve_in(session, key, now, logged, settings=settings)


def resolve_in(session: Session, key: str, now: dt.datetime, logged: int, *, settings: ReminderSettings) -> str:
    """The item answered by the contact ``logged`` with its client: a reminder resolved as
    its kind says, a churn signal dismissed; done today. The message to show."""
    if is_reminder(key):
        for each in stage_keys(key, settings, now.date())[1:]:  # the earlier notices, done with it
            reminder_actions.resolve_in(session, reminder_actions.parse_key(each), now, logged)
        message = reminder_actions.resolve_in(session, reminder_actions.parse_key(key), now, logged).message()
    else:
        if key.startswith(f"{KIND_CHURN}:"):
            # Talking to the client answers the signal; an outcome prompt stays until recorded.
            row = _state(session, key, now)
            row.dismissed_at, row.reason = now, t("已联系客户", "client contacted")
        if (step := playbook_steps.step_of_key(key)) is not None:
            playbook_steps.mark_done_in(session, step, logged, now)  # the step done by this contact
        if (complaint := complaint_items.complaint_of_key(key)) is not None:
            complaint_store.follow_up_in(session, complaint, now)  # this contact is the 48-hour follow-up
        message = t("已记录联系：{}", "Contact logged: {}").format(key)
    note_done_in(session, key, now.date())
    return message
