"""The timeline's providers and the merge.

Each feature appends ONE line to ``PROVIDERS`` naming its provider function (contract:
``model.Provider``); keep the tuple free of logic so parallel additions do not conflict.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.i18n import t
from rm_desktop.services.clients.choices import CHANNELS
from rm_desktop.services.complaints.timeline_entries import complaint_entries
from rm_desktop.services.events.timeline_entries import event_entries
from rm_desktop.services.sales.timeline_entries import sales_entries
from rm_desktop.services.timeline.model import Provider, TimelineEntry
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Contact


def contact_entries(session: Session, client_id: int) -> list[TimelineEntry]:
    rows = session.execute(
        select(Contact.id, Contact.at, Contact.channel, Contact.purpose, Contact.content).where(
            Contact.client_id == client_id
        )
    )
    entries = []
    for cid, at, channel, purpose, content in rows:
        label = CHANNELS.label(channel)
        title = t("往来 · {}", "Contact · {}").format(label) + (f" · {purpose}" if purpose else "")
        entries.append(TimelineEntry(at, "contact", title, content or "", cid))
    return entries


PROVIDERS: tuple[Provider, ...] = (
    contact_entries,
    complaint_entries,
    sales_entries,
    event_entries,
)


def client_timeline_in(session: Session, client_id: int) -> list[TimelineEntry]:
    """Every provider's entries of one client, newest first. At the same minute the entry a
    provider listed later comes first (a complaint's close above the steps done with it)."""
    entries: list[TimelineEntry] = []
    for provider in PROVIDERS:
        entries.extend(provider(session, client_id))
    order = sorted(range(len(entries)), key=lambda i: (entries[i].when, entries[i].kind, entries[i].ref or 0, i))
    return [entries[i] for i in reversed(order)]


def client_timeline(vault: VaultHandle, client_id: int) -> list[TimelineEntry]:
    with vault.sessions() as session:
        return client_timeline_in(session, client_id)
