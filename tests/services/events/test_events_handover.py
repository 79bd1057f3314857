"""The handover and the archive carry every event, invitation and playbook run: written, read
back into another vault, merged twice without doubling; an attendee stays linked to its 活动
contact (marking it attended again logs nothing); a bad row is a reject naming its field."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from rm_desktop.domain.events.model import ATTENDED, CONFIRMED, EventFields
from rm_desktop.io.xlsx_safe import discard_book
from rm_desktop.services.clients import files
from rm_desktop.services.clients.contacts import list_contacts
from rm_desktop.services.events import attendance, invites, store
from rm_desktop.services.exchange.event_sheets import EVENTS_SHEET, INVITATIONS_SHEET, RUNS_SHEET
from rm_desktop.services.exchange.exporting import archive_book
from rm_desktop.services.exchange.handover import export_handover, merge_handover, preview_handover
from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.playbooks import runs, steps
from rm_desktop.services.vault.lifecycle import create_vault
from tests.conftest import FAST_KDF, PASSWORD

TODAY = dt.date(2026, 12, 2)
SECRET = "handover-pass-1"
AT = dt.datetime(2026, 12, 10, 14, 0)
AFTER = dt.datetime(2026, 12, 10, 17, 0)


def _book(vault):
    ids = [files.create_client(vault, {"name": n, "customer_no": f"C{k}"}, today=TODAY).id for k, n in
           enumerate(["王芳", "李雷", "韩梅"])]  # fmt: skip
    salon = store.add_event(vault, EventFields("12月理财沙龙", AT, "网点二楼", 2, "年末配置", "带伴手礼")).id
    store.add_event(vault, EventFields("新春答谢会", AT + dt.timedelta(days=40), "市民中心", 50))
    invites.invite(vault, salon, ids, now=AFTER)  # the third on the waiting list
    attendance.set_status(vault, salon, ids[:1], CONFIRMED, now=AFTER)
    attendance.set_status(vault, salon, ids[:1], ATTENDED, now=AFTER)
    run = runs.start_playbook(vault, "salon", ids[1], event_id=salon, today=TODAY)
    steps.complete_step(vault, run.steps[0].id, now=dt.datetime(2026, 12, 2, 9))
    runs.start_playbook(vault, "new_client", ids[2], TODAY, today=TODAY)
    return ids, salon


def _shape(vault):
    """Every event, invitation and run by content (ids differ between vaults)."""
    events = sorted((e.name, e.topic, e.starts_at, e.place, e.capacity, e.note) for e in store.list_events(vault))
    invitations = sorted(
        (e.name, i.client_name, i.status, i.waitlisted, i.invited_at, i.contact_id is not None)
        for e in store.list_events(vault)
        for i in store.list_invitations(vault, e.id)
    )
    names = {e.id: e.name for e in store.list_events(vault)}
    made = sorted(
        (r.ref, r.name, r.client_id is not None, names.get(r.event_id or 0), r.start_on,
         tuple((s.due_on, s.title, s.channel, s.done_at) for s in r.steps))
        for r in runs.list_runs(vault)
    )  # fmt: skip
    return events, invitations, made


def test_handover_round_trip_keeps_every_event_invitation_and_run(vault, tmp_path):
    _book(vault)
    path = tmp_path / "handover.xlsx"
    export_handover(vault, path, SECRET)
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    try:
        summary = merge_handover(receiver, preview_handover(receiver, path, SECRET))
        assert (summary.events, summary.invitations, summary.playbook_runs) == (2, 3, 2)
        assert _shape(receiver) == _shape(vault)
        again = merge_handover(receiver, preview_handover(receiver, path, SECRET))
        assert (again.events, again.invitations, again.playbook_runs) == (0, 0, 0)
        assert _shape(receiver) == _shape(vault)
        # The attendee is linked to the carried contact: attending again logs nothing more.
        event = next(e for e in store.list_events(receiver) if e.name == "12月理财沙龙")
        attendee = next(i for i in store.list_invitations(receiver, event.id) if i.status == ATTENDED)
        result = attendance.set_status(receiver, event.id, [attendee.client_id], ATTENDED, now=AFTER)
        assert result.contacts_logged == 0
        assert [c.channel for c in list_contacts(receiver, attendee.client_id)] == ["event"]
    finally:
        receiver.lock()


def test_a_handover_of_some_clients_carries_only_their_events(vault):
    ids, _salon = _book(vault)
    book, counts = archive_book(vault, [ids[2]])
    discard_book(book)
    # Her invitation, her run; the salon she is invited to and the event nobody is invited to.
    assert (counts[EVENTS_SHEET], counts[INVITATIONS_SHEET], counts[RUNS_SHEET]) == (2, 1, 1)


def test_bad_rows_are_rejects_naming_their_field(vault, tmp_path):
    files.create_client(vault, {"name": "王芳", "customer_no": "C0"}, today=TODAY)
    book = Workbook()
    sheet = book.active
    sheet.title = "客户"
    sheet.append(["档案号", "客户编号", "姓名"])
    sheet.append([1, "C0", "王芳"])
    events = book.create_sheet(EVENTS_SHEET)
    events.append(["活动号", "名称", "时间", "名额"])
    events.append([1, "沙龙", "2026-12-10 14:00", 15])
    events.append([2, "", "2026-12-11 14:00", 15])
    invitations = book.create_sheet(INVITATIONS_SHEET)
    invitations.append(["客户编号", "活动号", "状态", "邀请时间"])
    invitations.append(["C0", 1, "maybe", "2026-12-02 09:00"])
    invitations.append(["C0", 9, "已邀请", "2026-12-02 09:00"])
    path = tmp_path / "events.xlsx"
    book.save(path)
    preview = preview_import(vault, path)
    reasons = {(sheet, row): text for sheet, row, text in preview.children.rejected}
    assert reasons[(EVENTS_SHEET, 3)][0].startswith("name")
    assert reasons[(INVITATIONS_SHEET, 2)][0].startswith("status")
    assert reasons[(INVITATIONS_SHEET, 3)][0].startswith("event_key")
    assert len(preview.children.events) == 1
