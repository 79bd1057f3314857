"""Bulk actions on worklist items (the 今日 page's selection): snooze, dismiss with one reason,
log one contact per client; each in ONE transaction, each returning an :class:`Undo` record.

The record holds, for every row the action wrote, the row before and after it: the item's
state rows (``reminder_states``, ``worklist_states``), the follow-ups it closed and the contacts
it logged. :func:`undo` puts back only those rows and only while they are still as the action
left them: a row changed since (the item snoozed again, the contact edited) is the later
change's and stays; the count of such rows is reported. Items an action does not apply to
(an appointment cannot be snoozed; an item without a client gets no contact) are skipped and
named in the record, the rest done; a failure on one (its client trashed meanwhile) writes
nothing at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reminders import KIND_APPOINTMENT, KIND_FOLLOW_UP, ReminderSettings
from rm_desktop.i18n import t
from rm_desktop.services.clients import contacts
from rm_desktop.services.reminders import actions as reminder_actions
from rm_desktop.services.reminders.settings import load_reminder_settings
from rm_desktop.services.worklist import actions
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Base, Contact
from rm_desktop.storage.models_reminders import ReminderState
from rm_desktop.storage.models_worklist import WorklistState

MAX_ITEMS = 5000  # one selection; a larger one is refused rather than held in one transaction
_IGNORED = frozenset({"updated_at"})  # bumped by any write; the fields say whether a row changed
SNOOZE, DISMISS, CONTACT = "snooze", "dismiss", "contact"

Row = dict[str, Any] | None  # a row's columns, None where there was none


@dataclass(frozen=True)
class RowChange:
    item: str  # the worklist item whose action wrote the row
    table: str  # ReminderState / WorklistState / Contact table name
    key: Any  # the primary key
    before: Row
    after: Row


@dataclass(frozen=True)
class Undo:
    """What one bulk action did and how to put it back (see the module notes)."""

    action: str  # SNOOZE, DISMISS or CONTACT
    keys: tuple[str, ...]  # the items acted on
    skipped: tuple[str, ...]  # items the action does not apply to
    changes: tuple[RowChange, ...]
    contacts: tuple[int, ...]  # contacts logged (deleted by undo)

    def message(self) -> str:
        done = {
            SNOOZE: t("已推迟 {} 项", "snoozed: {} item(s)"),
            DISMISS: t("已忽略 {} 项", "dismissed: {} item(s)"),
            CONTACT: t("已为 {} 项记录联系（{} 条往来记录）", "contact logged for {} item(s) ({} record(s))"),
        }[self.action].format(len(self.keys), len(self.contacts))
        if self.skipped:
            done += t("，{} 项不适用未处理", "; {} not applicable, left as they were").format(len(self.skipped))
        return done


@dataclass(frozen=True)
class UndoResult:
    restored: int  # items put back
    contacts_removed: int
    kept: int  # items with a row changed since the action, left as it is

    def message(self) -> str:
        text = t("已撤销：恢复 {} 项", "Undone: {} item(s) restored").format(self.restored)
        if self.contacts_removed:
            text += t("，删除 {} 条往来记录", ", {} contact record(s) removed").format(self.contacts_removed)
        if self.kept:
            text += t("；{} 项之后又有改动，保持不变", "; {} changed since, kept as they are").format(self.kept)
        return text


_MODELS: dict[str, type[Base]] = {m.__tablename__: m for m in (ReminderState, WorklistState, Contact)}


def _columns(row: Base | None) -> Row:
    if row is None:
        return None
    return {a.key: getattr(row, a.key) for a in inspect(row).mapper.column_attrs}


def _same(a: Row, b: Row) -> bool:
    if a is None or b is None:
        return a is b
    return {k: v for k, v in a.items() if k not in _IGNORED} == {k: v for k, v in b.items() if k not in _IGNORED}


def _keys(keys: Iterable[str]) -> list[str]:
    found = list(dict.fromkeys(k.strip() for k in keys if k and k.strip()))  # once each, in order
    if not found:
        raise UserError(t("没有选中任何项", "nothing is selected"))
    if len(found) > MAX_ITEMS:
        raise UserError(t("一次最多处理 {} 项", "at most {} items at a time").format(MAX_ITEMS))
    return found


class _Recorder:
    """The rows an action may touch, read before it runs and again after it (flushed)."""

    def __init__(self, session: Session):
        self.session = session
        self.watched: dict[tuple[str, Any], tuple[str, Row]] = {}

    def _watch(self, item: str, table: str, key: Any) -> None:
        if (table, key) not in self.watched:
            self.watched[(table, key)] = (item, _columns(self.session.get(_MODELS[table], key)))

    def watch_item(self, key: str, settings: ReminderSettings, today: dt.date) -> None:
        for each in actions.stage_keys(key, settings, today):
            self._watch(key, ReminderState.__tablename__, each)
        self._watch(key, WorklistState.__tablename__, key)
        if key.startswith(f"{KIND_FOLLOW_UP}:"):  # closing a follow-up writes its contact row
            self._watch(key, Contact.__tablename__, int(reminder_actions.parse_key(key).ref))

    def changes(self) -> tuple[RowChange, ...]:
        self.session.flush()
        found = []
        for (table, key), (item, before) in self.watched.items():
            after = _columns(self.session.get(_MODELS[table], key))
            if not _same(before, after):
                found.append(RowChange(item, table, key, before, after))
        return tuple(found)


def _run(
    vault: VaultHandle,
    action: str,
    keys: Iterable[str],
    applies: Callable[[Session, str], bool],
    act: Callable[[Session, list[str]], list[int]],
    *,
    settings: ReminderSettings,
    today: dt.date,
) -> Undo:
    """``act(session, keys)`` on the keys ``applies`` to, recorded; returns the contacts it logged."""
    wanted = _keys(keys)
    with vault.sessions.begin() as session:
        recorder = _Recorder(session)
        done: list[str] = []
        skipped: list[str] = []
        for key in wanted:
            (done if applies(session, key) else skipped).append(key)
        for key in done:
            recorder.watch_item(key, settings, today)
        logged = act(session, done)
        return Undo(action, tuple(done), tuple(skipped), recorder.changes(), tuple(logged))


def snooze(vault: VaultHandle, keys: Iterable[str], until: dt.date, *, today: dt.date) -> Undo:
    """Snooze every selected item but appointments (a meeting is moved, not snoozed) to ``until``."""
    reminder_actions.check_until(until, today)
    settings = load_reminder_settings(vault)

    def act(session: Session, done: list[str]) -> list[int]:
        for key in done:
            actions.snooze_in(session, key, until, today=today, settings=settings)
        return []

    def applies(_session: Session, key: str) -> bool:
        return not key.startswith(f"{KIND_APPOINTMENT}:")

    return _run(vault, SNOOZE, keys, applies, act, settings=settings, today=today)


def dismiss(vault: VaultHandle, keys: Iterable[str], reason: str, *, now: dt.datetime) -> Undo:
    """Dismiss every selected item with the one reason."""
    reminder_actions.clean_reason(reason)
    now = now.replace(microsecond=0)
    settings = load_reminder_settings(vault)

    def act(session: Session, done: list[str]) -> list[int]:
        for key in done:
            actions.dismiss_in(session, key, reason, now=now, settings=settings)
        return []

    return _run(vault, DISMISS, keys, lambda _s, _key: True, act, settings=settings, today=now.date())


def log_contact(vault: VaultHandle, keys: Iterable[str], values: Mapping[str, Any], *, now: dt.datetime) -> Undo:
    """One contact (``values``: channel, content, …) for each selected item's client — a client
    with several selected items gets one — and each item resolved as a logged contact resolves it."""
    now = now.replace(microsecond=0)
    settings = load_reminder_settings(vault)
    clients: dict[str, int] = {}

    def applies(session: Session, key: str) -> bool:
        client = actions.client_in(session, key)
        if client is not None:
            clients[key] = client
        return client is not None

    def act(session: Session, done: list[str]) -> list[int]:
        logged: dict[int, int] = {}
        for key in done:
            client = clients[key]
            if client not in logged:
                logged[client] = contacts.add_contact_in(session, client, values, now=now).id
            actions.resolve_in(session, key, now, logged[client], settings=settings)
        return list(logged.values())

    return _run(vault, CONTACT, keys, applies, act, settings=settings, today=now.date())


def undo(vault: VaultHandle, record: Undo) -> UndoResult:
    """Put back what ``record``'s action wrote, where it is still as the action left it."""
    put_back: set[str] = set()
    kept: set[str] = set()
    removed = 0
    with vault.sessions.begin() as session:
        touched: set[int] = set()  # clients whose last contact / next follow-up to recompute
        for change in record.changes:
            model = _MODELS[change.table]
            row = session.get(model, change.key)
            if not _same(_columns(row), change.after):
                kept.add(change.item)
                continue
            if change.before is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(model(**change.before))
            else:
                for name, value in change.before.items():
                    setattr(row, name, value)
            if isinstance(row, Contact):
                touched.add(row.client_id)
            put_back.add(change.item)
        for contact_id in record.contacts:
            logged = session.get(Contact, contact_id)
            if logged is None:
                continue  # deleted meanwhile: nothing to take back
            touched.add(logged.client_id)
            session.delete(logged)
            removed += 1
        session.flush()
        for client_id in touched:
            contacts.refresh_contact_summary(session, client_id)
    return UndoResult(len(put_back - kept), removed, len(kept))
