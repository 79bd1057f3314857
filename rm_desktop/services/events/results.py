"""An event's result: invitees by status, attendees, and the opportunities (商机) its
attendees opened from it (source 沙龙 ``salon``, created from the event's day up to
:data:`WINDOW_DAYS` after) with the amount won (成交).

The opportunities live in the sales area's table (revision 0009_opportunities). It is read
by name with plain SQL, not through the sales package: a vault made before that revision, or
a build without it, shows 0 and says so (``opportunities_known`` False) instead of failing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from rm_desktop.domain.events.model import ATTENDED
from rm_desktop.i18n import t
from rm_desktop.services.events.store import EventRecord, get_event, list_invitations
from rm_desktop.storage.handle import VaultHandle

WINDOW_DAYS = 90  # a salon's sale closes within a quarter or is not the salon's
SOURCE = "salon"
WON = "won"
FEN = Decimal(100)


@dataclass(frozen=True)
class EventResult:
    event: EventRecord
    attendees: int
    opportunities_opened: int
    won_count: int
    won_amount: Decimal
    opportunities_known: bool  # False: this vault keeps no opportunities

    def message(self) -> str:
        text_ = t("出席 {} 位（邀请 {} 位）", "{} attended ({} invited)").format(self.attendees, self.event.invited)
        if not self.opportunities_known:
            return text_ + t("；商机：0（本档案库尚无商机记录）", "; opportunities: 0 (this vault keeps none)")
        return text_ + t(
            "；新增商机 {} 个，成交 {} 个，金额 {} 元", "; {} opportunities opened, {} won, {} CNY"
        ).format(self.opportunities_opened, self.won_count, f"{self.won_amount:,.2f}")

    def as_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event.id,
            "invited": self.event.invited,
            "statuses": dict(self.event.counts),
            "attendees": self.attendees,
            "opportunities_opened": self.opportunities_opened,
            "won": self.won_count,
            "won_amount": str(self.won_amount),
            "opportunities_known": self.opportunities_known,
            "message": self.message(),
        }


def _has_opportunities(session: Session) -> bool:
    return bool(
        session.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'opportunities'")).first()
    )


def event_result(vault: VaultHandle, event_id: int) -> EventResult:
    event = get_event(vault, event_id)
    attendees = [inv.client_id for inv in list_invitations(vault, event_id) if inv.status == ATTENDED]
    opened = won = 0
    amount = Decimal(0)
    with vault.sessions() as session:
        known = _has_opportunities(session)
        if known and attendees:
            start = event.starts_at.date()
            marks = ",".join(f":c{i}" for i in range(len(attendees)))
            rows = session.execute(
                text(
                    "SELECT stage, amount FROM opportunities WHERE source = :source AND created_on >= :start"
                    f" AND created_on <= :until AND client_id IN ({marks})"
                ),
                {
                    "source": SOURCE,
                    "start": start.isoformat(),
                    "until": (start + dt.timedelta(days=WINDOW_DAYS)).isoformat(),
                    **{f"c{i}": cid for i, cid in enumerate(attendees)},
                },
            )
            for stage, fen in rows:
                opened += 1
                if stage == WON:
                    won += 1
                    amount += Decimal(fen or 0) / FEN
    return EventResult(event, len(attendees), opened, won, amount.quantize(Decimal("0.01")), known)
