"""The tags in use (for the client list's tag filter), most used first."""

from __future__ import annotations

from sqlalchemy import func, select

from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, ClientTag


def list_tags(vault: VaultHandle) -> list[str]:
    with vault.sessions() as session:
        rows = session.execute(
            select(ClientTag.tag, func.count())
            .join(Client, Client.id == ClientTag.client_id)
            .where(Client.deleted_at.is_(None))
            .group_by(ClientTag.tag)
            .order_by(func.count().desc(), ClientTag.tag)
        )
        return [tag for tag, _count in rows]
