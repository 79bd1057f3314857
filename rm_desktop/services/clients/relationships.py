"""Relationships between clients (spouse, parent/child, colleague, referred by), stored once
and shown from both sides with the inverse label (my parent sees me as their child; the client
who referred me sees me as "referred").

A row (client_id=A, other_id=B, kind=K) reads "B is A's K". Kinds and labels: choices.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.i18n import t
from rm_desktop.services.clients.choices import INVERSE_KIND, RELATION_KINDS
from rm_desktop.services.clients.records import ClientNotFound
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, Relationship


@dataclass(frozen=True)
class RelationView:
    """One relationship as seen from a client: ``other`` is the client's ``kind``."""

    id: int
    other_id: int
    other_name: str
    kind: str

    @property
    def label(self) -> str:
        return RELATION_KINDS.label(self.kind)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "other_id": self.other_id,
            "other_name": self.other_name,
            "kind": self.kind,
            "label": self.label,
        }


def add_relationship(vault: VaultHandle, client_id: int, other_id: int, kind: str) -> RelationView:
    """Record that ``other_id`` is ``client_id``'s ``kind`` (code or label, e.g. 配偶)."""
    code = RELATION_KINDS.parse(kind, "kind")
    if client_id == other_id:
        raise ValidationError("other_id", t("不能和客户本人建立关系", "a client cannot be related to themselves"))
    with vault.sessions.begin() as session:
        if session.get(Client, client_id) is None:
            raise ClientNotFound(client_id)
        other = session.get(Client, other_id)
        if other is None:
            raise ClientNotFound(other_id)
        same = or_(
            and_(Relationship.client_id == client_id, Relationship.other_id == other_id, Relationship.kind == code),
            and_(
                Relationship.client_id == other_id,
                Relationship.other_id == client_id,
                Relationship.kind == INVERSE_KIND[code],
            ),
        )
        if session.scalars(select(Relationship.id).where(same)).first() is not None:
            raise UserError(t("这条关系已经记录过了", "This relationship is already recorded"))
        row = Relationship(client_id=client_id, other_id=other_id, kind=code)
        session.add(row)
        session.flush()
        return RelationView(row.id, other_id, other.name, code)


def list_relationships(vault: VaultHandle, client_id: int) -> list[RelationView]:
    """Both directions, each with the kind as seen from ``client_id``; trashed clients left out."""
    with vault.sessions() as session:
        forward = session.execute(
            select(Relationship.id, Client.id, Client.name, Relationship.kind)
            .join(Client, Client.id == Relationship.other_id)
            .where(Relationship.client_id == client_id, Client.deleted_at.is_(None))
        ).all()
        backward = session.execute(
            select(Relationship.id, Client.id, Client.name, Relationship.kind)
            .join(Client, Client.id == Relationship.client_id)
            .where(Relationship.other_id == client_id, Client.deleted_at.is_(None))
        ).all()
    views = [RelationView(rid, oid, name, kind) for rid, oid, name, kind in forward]
    views += [RelationView(rid, oid, name, INVERSE_KIND.get(kind, kind)) for rid, oid, name, kind in backward]
    return sorted(views, key=lambda v: (RELATION_KINDS.codes.index(v.kind) if v.kind in RELATION_KINDS else 99, v.id))


def remove_relationship(vault: VaultHandle, relationship_id: int) -> None:
    with vault.sessions.begin() as session:
        row = session.get(Relationship, relationship_id)
        if row is None:
            raise UserError(t("找不到这条关系", "No such relationship"))
        session.delete(row)
