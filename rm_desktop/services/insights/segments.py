"""The clients behind a bar or segment: found by key or name (the CLI's ``--segment``), listed
with what the client list dialog and the CLI show (name, tier, AUM)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.insights.rfm import segment_by_name
from rm_desktop.domain.tiers import tier_for
from rm_desktop.i18n import t
from rm_desktop.services.clients.tiers import tiers_on
from rm_desktop.services.insights.figures import Bar, BookInsights
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client

_CHUNK = 900  # SQLite's bound-parameter limit, with room to spare


@dataclass(frozen=True)
class ClientLine:
    id: int
    name: str
    tier: str
    tier_name: str
    aum: Decimal | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "tier": self.tier,
            "tier_name": self.tier_name,
            "aum": None if self.aum is None else str(self.aum),
        }


def find_bar(insights: BookInsights, name: str) -> Bar:
    """A bar by key (``rfm:important_value``, ``tier:wealth``, ``gap:fund``, ``overdue:priority``,
    ``up:3m``, ``top20`` …), by label, or an RFM segment by name (重要价值 / 重要价值客户);
    UserError listing the keys otherwise."""
    bars = insights.bars()
    text = name.strip()
    if text in bars:
        return bars[text]
    segment = segment_by_name(text)
    if segment is not None:
        return bars[f"rfm:{segment.code}"]
    for bar in bars.values():
        if bar.label == text:
            return bar
    raise UserError(
        t("没有这个分组：{}。可选：{}", "No such segment: {}. One of: {}").format(name, ", ".join(sorted(bars)))
    )


def client_lines(vault: VaultHandle, ids: tuple[int, ...] | list[int]) -> list[ClientLine]:
    """The clients of ``ids`` in that order (one query per 900 ids, not one per client)."""
    found: dict[int, ClientLine] = {}
    with vault.engine.connect() as conn:
        tiers = tiers_on(conn)
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            for cid, name, aum in conn.execute(
                select(Client.id, Client.name, Client.aum).where(Client.id.in_(chunk), Client.deleted_at.is_(None))
            ):
                tier = tier_for(aum, tiers)
                found[cid] = ClientLine(cid, name, tier.code, tier.name(), aum)
    return [found[cid] for cid in ids if cid in found]
