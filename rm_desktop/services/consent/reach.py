"""Who a marketing send may reach: :func:`may_contact` is the one rule (domain/consent
skip_reason over the client's consent record and do-not-disturb hours), :func:`filter_reachable`
applies it to a list of clients and counts who was left out and why (the line the GUI and CLI
show: 已跳过 N 位：未记录同意 N，未同意营销 N，渠道不允许 N，免打扰时段 N).

Only bulk marketing sends call it (services/scripts bulk_render, services/events invitations):
a one-to-one service contact and the worklist are not gated by consent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select

from rm_desktop.domain.consent import Consent, SkipCounts, skip_reason
from rm_desktop.services.consent.store import CHUNK, consents_of
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client


@dataclass(frozen=True)
class Reach:
    """What the rule needs of one client: the consent record (None: not recorded) and the
    do-not-disturb hours of the client file."""

    consent: Consent | None
    dnd_hours: str | None


def reach_of(vault: VaultHandle, client_ids: Iterable[int]) -> dict[int, Reach]:
    """The live clients among ``client_ids`` (trash and unknown ids left out), by id."""
    ids = list(dict.fromkeys(int(cid) for cid in client_ids))
    found: dict[int, Reach] = {}
    with vault.sessions() as session:
        consents = consents_of(session, ids)
        for start in range(0, len(ids), CHUNK):
            rows = session.execute(
                select(Client.id, Client.dnd_hours).where(
                    Client.id.in_(ids[start : start + CHUNK]), Client.deleted_at.is_(None)
                )
            )
            found.update({cid: Reach(consents.get(cid), dnd) for cid, dnd in rows})
    return found


def reason(consents: Mapping[int, Reach], client_id: int, channel: str, now: dt.datetime) -> str | None:
    """Why ``client_id`` may not be sent marketing on ``channel`` at ``now`` (None: it may)."""
    reach = consents.get(client_id, Reach(None, None))
    return skip_reason(reach.consent, reach.dnd_hours, channel, now)


def may_contact(consents: Mapping[int, Reach], client_id: int, channel: str, now: dt.datetime) -> bool:
    return reason(consents, client_id, channel, now) is None


def filter_reachable(
    vault: VaultHandle, client_ids: Iterable[int], channel: str, now: dt.datetime
) -> tuple[list[int], SkipCounts]:
    """The clients a send on ``channel`` at ``now`` may reach, in the given order, and those
    skipped by reason. Trash and unknown ids stay in ``kept``: consent has nothing to say about
    them, and the render drops them as before (its progress counts them as before too)."""
    ids = list(dict.fromkeys(int(cid) for cid in client_ids))
    consents = reach_of(vault, ids)
    kept: list[int] = []
    skipped = SkipCounts()
    for cid in ids:
        why = reason(consents, cid, channel, now) if cid in consents else None
        if why is None:
            kept.append(cid)
        else:
            skipped.add(why, cid)
    return kept, skipped
