"""Salon benchmark: the invitation 话术 rendered for 2,000 invited clients (issue 16: < 2 s).

Run: python benchmarks/bench_salon.py [--clients 2000]
A demo book; one event with room for everyone, every client invited (timed too). Timed:
``render_invitations`` (the invitees listed, the event's placeholders, the shipped invitation
template rendered per client through services/scripts/render) against a bare query of the same
rows (the invitees joined to their clients and phones, through the driver) in the same run on
the same encrypted vault.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from _common import report, size, use_memory_keyring, wall_and_cpu

from rm_desktop.domain.choices import CHANNELS
from rm_desktop.domain.events.model import EventFields
from rm_desktop.security.header import KdfParams
from rm_desktop.services.clients import demo
from rm_desktop.services.consent import store as consent_store
from rm_desktop.services.events import invites, store
from rm_desktop.services.vault import lifecycle as vs

PASSWORD = "benchmark password"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
GOAL_SECONDS = 2.0


def bare(vault, event_id: int) -> int:
    """The invitees' client rows the plain way: the same columns a rendering reads, no templates."""
    raw = vault.engine.raw_connection()
    try:
        return len(
            raw.cursor()
            .execute(
                "SELECT c.id, c.name, c.gender, c.birth_date, c.salutation, c.risk_grade, c.aum, c.tier, "
                "c.customer_no, p.number FROM event_invitations i JOIN clients c ON c.id = i.client_id "
                "LEFT JOIN client_phones p ON p.client_id = c.id WHERE i.event_id = ? AND c.deleted_at IS NULL "
                "ORDER BY i.waitlisted, i.id",
                (event_id,),
            )
            .fetchall()
        )
    finally:
        raw.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=size(2000, 500))
    args = parser.parse_args()
    use_memory_keyring()
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        vault = vs.create_vault(Path(tmp) / "v", PASSWORD, kdf=FAST_KDF, remember=False)
        try:
            demo.fill(vault, args.clients)
            when = dt.datetime.combine(today + dt.timedelta(days=14), dt.time(14))
            event = store.add_event(vault, EventFields("理财沙龙", when, "网点二楼", 1000, "年末资产配置"))
            with vault.engine.connect() as conn:
                ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM clients ORDER BY id")]
            # Invitations go only to clients who agreed to marketing on the channel (issue 18.4):
            # every demo client agrees here, so each invitee's 话术 is rendered and timed.
            every_channel = {"marketing": "是", "channels": ",".join(CHANNELS.codes), "given_by": "书面"}
            consent_store.set_many(vault, ids, every_channel)
            invite_wall, invite_cpu, invited = wall_and_cpu(lambda: invites.invite(vault, event.id, ids))
            print(
                f"invited {len(invited.invited)} + {len(invited.waitlisted)} on the waiting list: "
                f"{invite_wall * 1000:.0f} ms wall, {invite_cpu * 1000:.0f} ms CPU"
            )
            bare(vault, event.id)
            invites.render_invitations(vault, event.id, today=today)  # warm: imports, page cache
            bare_runs, ours_runs = [], []
            for _ in range(size(5, 2)):  # interleaved: both sides see the same load
                bare_runs.append(wall_and_cpu(lambda: bare(vault, event.id)))
                ours_runs.append(wall_and_cpu(lambda: invites.render_invitations(vault, event.id, today=today)))
            rendered = ours_runs[-1][2]
            base = min(r[0] for r in bare_runs)
            ours = min(r[0] for r in ours_runs)
            cpu = min(r[1] for r in ours_runs)
            print(f"rendered {len(rendered)} invitations; the first: {rendered[0].text[:60]}…")
            print(f"  bare query of the same rows : {base * 1000:8.1f} ms")
            print(f"  render_invitations()        : {ours * 1000:8.1f} ms wall, {cpu * 1000:.1f} ms CPU")
            print(f"  ratio                       : {ours / base:8.1f}x bare")
            report(
                "16.salon",
                f"salon invitation 话术 rendered for {len(rendered):,} invitees (best of runs)",
                ours,
                "s",
                GOAL_SECONDS,
            )
            report("16.salon.ratio", "render_invitations / bare query of the same rows", ours / base, "x", None)
        finally:
            vault.lock()


if __name__ == "__main__":
    main()
