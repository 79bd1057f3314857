"""Everything the vault holds about one client, table by table (PIPL Art. 45: the person's copy).

The tables are found from the schema, not listed by hand: every table with a foreign key to
``clients.id`` (or a ``client_id`` column, like ``drafts``) gives the client's rows, and every
table with a foreign key to one of those gives its rows of them (contact revisions, complaint
steps, plan revisions, opportunity history, playbook steps). A feature that adds a table about
clients (consents, say) is in the copy without a change here. The search keys derived from the
name, phone and ID (``client_keys``, the FTS table, ``name_pinyin`` …) repeat what the profile
says and are left out; the audit entries naming the client are in.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, or_, select

from rm_desktop import storage
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Base

# Derived from other columns (search keys, optimistic-lock counters): not the person's data.
DERIVED_COLUMNS = frozenset({"name_pinyin", "name_initials", "search_digits", "row_version"})
SKIPPED_TABLES = frozenset({"client_keys", "settings", "audit_received", "alembic_version"})
TITLES: dict[str, tuple[str, str]] = {
    "clients": ("客户档案", "Profile"),
    "client_phones": ("电话", "Phones"),
    "client_tags": ("标签", "Tags"),
    "important_dates": ("重要日期", "Important dates"),
    "aum_snapshots": ("资产记录", "AUM history"),
    "holdings": ("持仓", "Holdings"),
    "relationships": ("客户关系", "Relationships"),
    "contacts": ("往来记录", "Contacts"),
    "contact_revisions": ("往来记录修改前", "Contact revisions"),
    "drafts": ("未保存草稿", "Unsaved drafts"),
    "plans": ("理财规划", "Financial plans"),
    "plan_revisions": ("理财规划版本", "Plan versions"),
    "appointments": ("约见", "Appointments"),
    "custom_reminders": ("提醒", "Reminders"),
    "opportunities": ("商机", "Opportunities"),
    "opportunity_history": ("商机阶段", "Opportunity stages"),
    "referrals": ("推荐", "Referrals"),
    "complaints": ("投诉", "Complaints"),
    "complaint_steps": ("投诉处理步骤", "Complaint steps"),
    "event_invitations": ("活动邀请", "Event invitations"),
    "playbook_runs": ("工作流程", "Playbook runs"),
    "playbook_steps": ("工作流程步骤", "Playbook steps"),
    "maturity_outcomes": ("到期承接", "Maturity outcomes"),
    "lost_clients": ("流失记录", "Lost"),
    "worklist_states": ("工作清单状态", "Worklist states"),
    "audit_log": ("审计记录", "Audit entries"),
}


@dataclass(frozen=True)
class Section:
    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    @property
    def title(self) -> str:
        zh_en = TITLES.get(self.table)
        return t(*zh_en) if zh_en else self.table


@dataclass(frozen=True)
class PersonData:
    client_id: int
    name: str
    sections: tuple[Section, ...]

    @property
    def rows(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def load_all_models() -> None:
    """Import every ``storage/models_*`` file, so ``Base.metadata`` knows every table."""
    for info in pkgutil.iter_modules(storage.__path__):
        if info.name.startswith("models_"):
            importlib.import_module(f"{storage.__name__}.{info.name}")


def _client_columns(table: Table) -> list[Any]:
    cols = [fk.parent for fk in table.foreign_keys if fk.column.table.name == "clients" and fk.column.name == "id"]
    if not cols and "client_id" in table.c:
        cols = [table.c.client_id]
    return cols


def _shown(table: Table) -> list[Any]:
    return [c for c in table.c if c.name not in DERIVED_COLUMNS]


def _fetch(conn, table: Table, where) -> Section:
    cols = _shown(table)
    pk = list(table.primary_key.columns) or cols[:1]
    rows = conn.execute(select(*cols).where(where).order_by(*pk)).all()
    return Section(table.name, tuple(c.name for c in cols), tuple(tuple(r) for r in rows))


def _audit(conn, client_id: int) -> Section | None:
    table = Base.metadata.tables.get("audit_log")
    if table is None:
        return None
    obj = f"client:{int(client_id)}"
    return _fetch(conn, table, or_(table.c.object == obj, table.c.object.like(obj + " %")))


def collect(vault: VaultHandle, client_id: int) -> PersonData:
    """The client's rows in every table that holds any; UserError when there is no such client."""
    load_all_models()
    tables = Base.metadata.tables
    clients = tables["clients"]
    with vault.engine.connect() as conn:
        found = conn.execute(select(clients.c.name).where(clients.c.id == client_id)).first()
        if found is None:
            raise UserError(t("没有编号为 {} 的客户", "no client with id {}").format(client_id))
        sections = [_fetch(conn, clients, clients.c.id == client_id)]
        parents: dict[str, Sequence[Any]] = {}
        for table in Base.metadata.sorted_tables:
            if table.name in SKIPPED_TABLES or table.name == "clients":
                continue
            cols = _client_columns(table)
            if cols:
                section = _fetch(conn, table, or_(*(c == client_id for c in cols)))
                parents[table.name] = (
                    [row[section.columns.index("id")] for row in section.rows] if ("id" in section.columns) else []
                )
                sections.append(section)
        for table in Base.metadata.sorted_tables:
            if table.name in parents or table.name in SKIPPED_TABLES or table.name == "clients":
                continue
            for fk in table.foreign_keys:
                ids = parents.get(fk.column.table.name)
                if ids is not None and fk.column.name == "id":
                    sections.append(_fetch(conn, table, fk.parent.in_(ids)))
                    break
        audit = _audit(conn, client_id)
        if audit is not None:
            sections.append(audit)
    return PersonData(client_id, found[0], tuple(s for s in sections if s.rows or s.table == "clients"))
