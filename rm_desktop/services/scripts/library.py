"""The scripts (话术) library: list, read, create, update, trash and restore templates, seed and
reset the shipped ones, and suggest a template for a reminder.

Rendering for clients lives in ``script_render.py``, sharing (JSON / xlsx) in ``script_share.py``.

A body with problems (an unbalanced brace, an unknown field …) is still saved, as a draft with
its problems listed (the editor marks them); drafts are not suggested for reminders.
Shipped scripts are copied into the vault on first use (:func:`ensure_builtins`, run by every
listing, so a script added in a later version appears); an RM's edits of one are kept, and
:func:`reset_builtin` brings back the shipped wording. Listing stays a read: the check runs in a
read-only session, and only a vault that lacks a shipped script or holds an out-of-date one (a
new vault, or the first listing after an upgrade) is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError, check_version
from rm_desktop.domain.scripts.builtin import builtin_by_id, builtin_scripts
from rm_desktop.domain.scripts.model import (
    BIRTHDAY,
    CATEGORIES,
    CHANNELS,
    FESTIVAL,
    FOLLOW_UP,
    MATURITY,
    ScriptTemplate,
    category_label,
    channel_label,
)
from rm_desktop.domain.scripts.share import template_from_dict
from rm_desktop.domain.scripts.template import ProblemKind, TemplateProblem, parse
from rm_desktop.domain.textnorm import fold_text
from rm_desktop.i18n import t
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models_scripts import ScriptTemplateRow

# Reminder kinds (domain/reminders/model.py) → the category of script that answers them.
REMINDER_CATEGORIES: dict[str, str] = {
    "maturity": MATURITY,
    "birthday": BIRTHDAY,
    "festival": FESTIVAL,
    "follow_up": FOLLOW_UP,
    "cadence": FOLLOW_UP,
}


class TemplateNotFound(UserError):
    def __init__(self, ref: object):
        super().__init__(t("找不到话术模板：{}", "No script template: {}").format(ref))
        self.ref = ref


@dataclass(frozen=True)
class TemplateRecord:
    """One template as the GUI and the CLI see it (detached from the session)."""

    id: int
    name: str
    category: str
    channel: str
    body: str
    builtin_id: str | None
    edited: bool  # a shipped script the RM changed (reset brings the original back)
    is_draft: bool
    problems: tuple[TemplateProblem, ...]
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
    row_version: int = 1  # what the editor sends back as expected_version

    @property
    def is_builtin(self) -> bool:
        return self.builtin_id is not None

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    @property
    def category_label(self) -> str:
        return category_label(self.category)

    @property
    def channel_label(self) -> str:
        return channel_label(self.channel)

    def as_template(self) -> ScriptTemplate:
        return ScriptTemplate(self.name, self.category, self.channel, self.body, self.builtin_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "category_label": self.category_label,
            "channel": self.channel,
            "channel_label": self.channel_label,
            "body": self.body,
            "builtin_id": self.builtin_id,
            "edited": self.edited,
            "is_draft": self.is_draft,
            "problems": [p.message for p in self.problems],
            "updated_at": self.updated_at.isoformat(),
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
        }


# -- stored form of the problems ------------------------------------------------------------


def _problems_json(problems: tuple[TemplateProblem, ...]) -> str:
    return json.dumps(
        [{"kind": p.kind.value, "position": p.position, "name": p.name} for p in problems], ensure_ascii=False
    )


def _problems_from_json(text: str | None) -> tuple[TemplateProblem, ...]:
    try:
        items = json.loads(text or "[]")
        return tuple(TemplateProblem(ProblemKind(i["kind"]), int(i["position"]), str(i.get("name", ""))) for i in items)
    except (ValueError, KeyError, TypeError):
        return ()  # written by a newer build: the next save recomputes it


def _record(row: ScriptTemplateRow) -> TemplateRecord:
    return TemplateRecord(
        row.id,
        row.name,
        row.category,
        row.channel,
        row.body,
        row.builtin_id,
        bool(row.edited),
        bool(row.is_draft),
        _problems_from_json(row.problems),
        row.created_at,
        row.updated_at,
        row.deleted_at,
        row.row_version,
    )


def _set_content(row: ScriptTemplateRow, template: ScriptTemplate, draft: bool = False) -> None:
    row.name, row.category, row.channel, row.body = template.name, template.category, template.channel, template.body
    problems = parse(template.body).problems
    row.problems = _problems_json(problems)
    row.is_draft = draft or bool(problems)


def _same_content(row: ScriptTemplateRow, template: ScriptTemplate) -> bool:
    return (row.name, row.category, row.channel, row.body) == (
        template.name,
        template.category,
        template.channel,
        template.body,
    )


# -- seeding ----------------------------------------------------------------------------------


def ensure_builtins(vault: VaultHandle) -> int:
    """Copy shipped scripts the vault does not have yet; returns how many were added.

    Idempotent. A shipped script the RM never edited follows the shipped wording (a later
    version may polish it); an edited one is left alone; a trashed one stays in the trash.
    Stored problems are recomputed when the known fields change between versions. When nothing
    is to be done (the usual case) the vault is only read: no write transaction is opened.
    """
    if not _seeding_needed(vault):
        return 0
    for attempt in range(2):
        try:
            with vault.sessions.begin() as session:
                return _seed(session)
        except IntegrityError:
            # The GUI and a CLI call seeding at the same moment: the other one won, look again.
            if attempt:
                raise
    return 0


def _seeding_needed(vault: VaultHandle) -> bool:
    """Whether :func:`_seed` would change anything: it runs in a read-only session, without
    flushing, and what it changed is discarded when the session closes (a rollback)."""
    with vault.sessions() as session, session.no_autoflush:
        _seed(session)
        return bool(session.new) or any(session.is_modified(row) for row in session.dirty)


def _seed(session: Session) -> int:
    rows = {row.builtin_id: row for row in session.scalars(select(ScriptTemplateRow)) if row.builtin_id is not None}
    added = 0
    for shipped in builtin_scripts():
        row = rows.get(shipped.builtin_id) if shipped.builtin_id is not None else None
        if row is None:
            row = ScriptTemplateRow(builtin_id=shipped.builtin_id, edited=False)
            _set_content(row, shipped)
            session.add(row)
            added += 1
        elif not row.edited and not _same_content(row, shipped):
            _set_content(row, shipped)
    for row in session.scalars(select(ScriptTemplateRow).where(ScriptTemplateRow.is_draft.is_(True))):
        fresh = _problems_json(parse(row.body).problems)
        if fresh != row.problems:
            row.problems = fresh
            row.is_draft = fresh != "[]"
    return added


# -- reading ----------------------------------------------------------------------------------


def _sort_key(record: TemplateRecord) -> tuple:
    category = CATEGORIES.index(record.category) if record.category in CATEGORIES else len(CATEGORIES)
    channel = CHANNELS.index(record.channel) if record.channel in CHANNELS else len(CHANNELS)
    return (category, channel, record.builtin_id is None, record.name, record.id)


def list_templates(
    vault: VaultHandle,
    *,
    category: str | None = None,
    channel: str | None = None,
    text: str = "",
    trashed: bool = False,
) -> list[TemplateRecord]:
    """Templates by category order, then channel, shipped first, then name. ``text`` matches
    a fragment of the name or the body (case and full-width folded)."""
    ensure_builtins(vault)
    stmt = select(ScriptTemplateRow).where(
        ScriptTemplateRow.deleted_at.is_not(None) if trashed else ScriptTemplateRow.deleted_at.is_(None)
    )
    if category:
        stmt = stmt.where(ScriptTemplateRow.category == category)
    if channel:
        stmt = stmt.where(ScriptTemplateRow.channel == channel)
    with vault.sessions() as session:
        records = [_record(row) for row in session.scalars(stmt)]
    needle = fold_text(text or "").strip().casefold()
    if needle:
        records = [
            r for r in records if needle in fold_text(r.name).casefold() or needle in fold_text(r.body).casefold()
        ]
    return sorted(records, key=_sort_key)


def get_template(vault: VaultHandle, template_id: int) -> TemplateRecord:
    with vault.sessions() as session:
        row = session.get(ScriptTemplateRow, template_id)
        if row is None:
            raise TemplateNotFound(template_id)
        return _record(row)


def find_template(vault: VaultHandle, ref: str | int) -> TemplateRecord:
    """By id (digits) or by exact name among templates not in the trash; a name used twice is
    refused with the ids to choose from."""
    text = str(ref).strip()
    ensure_builtins(vault)  # a fresh vault's first command may name a shipped script by id
    if text.isdigit():
        return get_template(vault, int(text))
    matches = [r for r in list_templates(vault) if r.name == text]
    if not matches:
        raise TemplateNotFound(text)
    if len(matches) > 1:
        raise UserError(
            t("有多个话术名为“{}”，请用编号：{}", "Several templates are named “{}”; use an id: {}").format(
                text, ", ".join(str(r.id) for r in matches)
            )
        )
    return matches[0]


# -- writing ----------------------------------------------------------------------------------


def _validated(values: Mapping[str, Any]) -> ScriptTemplate:
    """Name, category and channel checked (codes or labels), body non-empty; ValidationError
    names the field. Placeholder problems are not refused: they make a draft."""
    return template_from_dict({key: values.get(key) for key in ("name", "category", "channel", "body")})


def create_template(vault: VaultHandle, values: Mapping[str, Any], *, draft: bool = False) -> TemplateRecord:
    """A new user template from ``name``, ``category``, ``channel``, ``body``."""
    template = _validated(values)
    with vault.sessions.begin() as session:
        row = ScriptTemplateRow(builtin_id=None, edited=False)
        _set_content(row, template, draft)
        session.add(row)
        session.flush()
        return _record(row)


def add_templates(vault: VaultHandle, templates: Iterable[ScriptTemplate]) -> list[TemplateRecord]:
    """Several already-validated templates as the RM's own, in one transaction (an import)."""
    with vault.sessions.begin() as session:
        rows = []
        for template in templates:
            row = ScriptTemplateRow(builtin_id=None, edited=False)
            _set_content(row, template)
            rows.append(row)
        session.add_all(rows)
        session.flush()
        return [_record(row) for row in rows]


def update_template(
    vault: VaultHandle,
    template_id: int,
    values: Mapping[str, Any],
    *,
    draft: bool = False,
    expected_version: int | None = None,
) -> TemplateRecord:
    """Change the given fields (others keep their value). Editing a shipped script marks it
    edited unless the result equals the shipped wording again. StaleEdit (nothing stored) when
    the template changed since the editor read ``expected_version`` and a given field differs."""
    with vault.sessions.begin() as session:
        row = _live_row(session, template_id)
        current = {"name": row.name, "category": row.category, "channel": row.channel, "body": row.body}
        template = _validated({**current, **values})
        mine = {key: getattr(template, key) for key in current if key in values}
        check_version(row.id, expected_version, row.row_version, mine, current)
        _set_content(row, template, draft)
        if row.builtin_id is not None:
            shipped = builtin_by_id(row.builtin_id)
            row.edited = shipped is None or not _same_content(row, shipped)
        session.flush()
        return _record(row)


def reset_builtin(vault: VaultHandle, template_id: int) -> TemplateRecord:
    """Bring a shipped script back to its shipped name, category, channel and wording."""
    with vault.sessions.begin() as session:
        row = _live_row(session, template_id)
        shipped = builtin_by_id(row.builtin_id) if row.builtin_id else None
        if shipped is None:
            raise UserError(
                t("“{}”不是内置话术，无法恢复原文", "“{}” is not a shipped script; there is no original").format(
                    row.name
                )
            )
        _set_content(row, shipped)
        row.edited = False
        session.flush()
        return _record(row)


def delete_template(vault: VaultHandle, template_id: int) -> None:
    """Put a template in the trash (restorable). A trashed shipped script is not seeded again."""
    with vault.sessions.begin() as session:
        row = _live_row(session, template_id)
        row.deleted_at = dt.datetime.now().replace(microsecond=0)


def restore_template(vault: VaultHandle, template_id: int) -> TemplateRecord:
    with vault.sessions.begin() as session:
        row = session.get(ScriptTemplateRow, template_id)
        if row is None:
            raise TemplateNotFound(template_id)
        row.deleted_at = None
        session.flush()
        return _record(row)


def _live_row(session: Session, template_id: int) -> ScriptTemplateRow:
    row = session.get(ScriptTemplateRow, template_id)
    if row is None:
        raise TemplateNotFound(template_id)
    if row.deleted_at is not None:
        raise UserError(t("该话术在回收站中，请先恢复", "This template is in the trash; restore it first"))
    return row


# -- suggestions --------------------------------------------------------------------------------


def suggest_for_reminder_kind(kind: str) -> str | None:
    """The script category for a reminder kind (a maturity suggests 产品到期), or None."""
    return REMINDER_CATEGORIES.get(kind)


def suggest_template(vault: VaultHandle, category: str, *, channel: str | None = None) -> TemplateRecord | None:
    """The template to offer for a category: not a draft; the given channel first (e.g. the
    client's preferred one), then the RM's own templates before shipped ones, newest first."""
    candidates = [r for r in list_templates(vault, category=category) if not r.is_draft]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda r: (r.channel != channel if channel else False, r.is_builtin, -r.updated_at.timestamp(), r.id),
    )
