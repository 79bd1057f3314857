"""The playbooks an RM can start: the built-ins (domain/playbooks/builtin, read-only) and the
RM's own copies stored in the vault (``#<id>``), which can be edited and deleted. A built-in
is changed by copying it first, so a later version's wording never overwrites an RM's edit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.playbooks.builtin import builtin, builtins
from rm_desktop.domain.playbooks.model import Playbook, Step, check_playbook
from rm_desktop.i18n import t
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models_events import PlaybookRow


class PlaybookNotFound(UserError):
    def __init__(self, ref: object):
        super().__init__(
            t("找不到流程模板“{}”（见 playbook list）", 'No playbook "{}" (see playbook list)').format(ref)
        )


def own_ref(row_id: int) -> str:
    return f"#{row_id}"


def _steps_json(steps: Sequence[Step]) -> str:
    return json.dumps([s.as_json() for s in steps], ensure_ascii=False)


def _from_row(row: PlaybookRow) -> Playbook:
    steps = tuple(
        Step(int(s["offset"]), s["title"], s["channel"], s.get("script") or "") for s in json.loads(row.steps)
    )
    return Playbook(own_ref(row.id), row.name, row.start_label, steps, False)


def _row(session: Session, ref: str) -> PlaybookRow:
    text = ref.strip().lstrip("#")
    row = session.get(PlaybookRow, int(text)) if text.isdigit() else None
    if row is None:
        raise PlaybookNotFound(ref)
    return row


def find_in(session: Session, ref: str) -> Playbook:
    """A playbook by ref: a built-in's code, ``#<id>`` (or the id) of a copy, or an exact name."""
    text = (ref or "").strip()
    shipped = builtin(text)
    if shipped is not None:
        return shipped
    if text.lstrip("#").isdigit():
        return _from_row(_row(session, text))
    named = [p for p in (*builtins(), *map(_from_row, session.scalars(select(PlaybookRow)))) if p.name == text]
    if len(named) == 1:
        return named[0]
    if named:
        raise UserError(
            t("有多个流程模板名为“{}”，请用编号：{}", 'Several playbooks are named "{}"; use a ref: {}').format(
                text, ", ".join(p.ref for p in named)
            )
        )
    raise PlaybookNotFound(ref)


def get_playbook(vault: VaultHandle, ref: str) -> Playbook:
    with vault.sessions() as session:
        return find_in(session, ref)


def list_playbooks(vault: VaultHandle) -> list[Playbook]:
    """The built-ins first, then the RM's own by name."""
    with vault.sessions() as session:
        own = [
            _from_row(row) for row in session.scalars(select(PlaybookRow).order_by(PlaybookRow.name, PlaybookRow.id))
        ]
    return [*builtins(), *own]


def copy_playbook(vault: VaultHandle, ref: str, name: str | None = None, *, now: dt.datetime | None = None) -> Playbook:
    """An editable copy of any playbook, named "<name>（副本）" unless given a name."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with vault.sessions.begin() as session:
        source = find_in(session, ref)
        checked = check_playbook(
            name or t("{}（副本）", "{} (copy)").format(source.name), source.start_label, source.steps
        )
        row = PlaybookRow(
            name=checked[0],
            start_label=checked[1],
            steps=_steps_json(checked[2]),
            copied_from=source.ref,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        session.flush()
        return _from_row(row)


def update_playbook(
    vault: VaultHandle, ref: str, name: str, start_label: str, steps: Sequence[Step], *, now: dt.datetime | None = None
) -> Playbook:
    """Replace a copy's name, start label and steps; a built-in is refused (copy it first).
    ValidationError naming the field (``steps[2].offset``); nothing saved then. Runs already
    started keep their dated steps."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    if builtin(ref.strip()) is not None:
        raise UserError(t("内置流程模板不能修改，请先复制", "A built-in playbook cannot be edited; copy it first"))
    checked = check_playbook(name, start_label, list(steps))
    with vault.sessions.begin() as session:
        row = _row(session, ref)
        row.name, row.start_label, row.steps, row.updated_at = checked[0], checked[1], _steps_json(checked[2]), now
        session.flush()
        return _from_row(row)


def delete_playbook(vault: VaultHandle, ref: str) -> None:
    if builtin(ref.strip()) is not None:
        raise UserError(t("内置流程模板不能删除", "A built-in playbook cannot be deleted"))
    with vault.sessions.begin() as session:
        session.delete(_row(session, ref))
