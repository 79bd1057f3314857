"""Every export path writes its entry (the test enumerates actions.EXPORTS and fails on one it
does not drive), import and handover in/out too; an ID number, a phone and a note planted in
the actions never reach the audit table (its raw rows are scanned through the vault key)."""

from __future__ import annotations

import datetime as dt

from rm_desktop.services.audit import actions, export, reading
from rm_desktop.services.clients import contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.exporting import export_archive, export_list
from rm_desktop.services.exchange.handover import AUDIT_LABEL, export_handover, merge_handover, preview_handover
from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.exchange.writing import run_import
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.pdf_export import export_pdf
from rm_desktop.services.reminders.compute import export_calendar
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.storage.keyed import raw_connect
from tests.conftest import FAST_KDF, PASSWORD

ID_NUMBER, PHONE, NOTE = "11010519491231002X", "13912345678", "客户说下月要买房，私密备注"
SECRET = "export-pass-42x"
TODAY = dt.date(2026, 3, 2)


def _book(vault):
    client = create_client(
        vault, {"name": "张三丰", "id_number": ID_NUMBER, "phone": [PHONE], "birth_date": "1949-12-31"}
    )
    contacts.add_contact(vault, client.id, {"at": "2026-03-01 10:00", "channel": "phone", "content": NOTE})
    return client


def _report(vault, path):
    from rm_desktop.domain.reports import MONTH
    from rm_desktop.services.report_outputs.workbook import export_xlsx
    from rm_desktop.services.reports import build_report, period_for

    now = dt.datetime.combine(TODAY, dt.time(18))
    return export_xlsx(build_report(vault, period_for(MONTH, "2026-03", TODAY), now=now), path, vault=vault)


def _deletion_receipt(vault, path):
    """A receipt needs a deletion entry: a client of its own is anonymised first."""
    from rm_desktop.services.privacy.erasure import anonymise
    from rm_desktop.services.privacy.receipt import deletion_entries, export_receipt

    gone = create_client(vault, {"name": "李四"})
    anonymise(vault, [gone.id], TODAY)
    return export_receipt(vault, deletion_entries(vault)[0].seq, path)


def _every_export(vault, tmp_path, client_id, pdf_font) -> dict[str, object]:
    """One call per export path, by action code."""
    from rm_desktop.services.privacy.person_export import export_person

    return {
        "export_archive": lambda: export_archive(vault, tmp_path / "archive.xlsx", password=SECRET),
        "export_list": lambda: export_list(vault, ClientQuery(text=PHONE), tmp_path / "list.xlsx"),
        "export_plan_pdf": lambda: export_pdf(vault, plans.create_plan(vault, client_id).plan_id, tmp_path / "p.pdf"),
        "export_ics": lambda: export_calendar(vault, tmp_path / "c.ics", TODAY, TODAY + dt.timedelta(30), today=TODAY),
        "export_audit": lambda: export.export_log(vault, tmp_path / "audit.xlsx", SECRET),
        "handover_out": lambda: export_handover(vault, tmp_path / "handover.xlsx", SECRET, [client_id]),
        "export_person": lambda: export_person(vault, client_id, SECRET, xlsx=tmp_path / "person.xlsx"),
        "export_report": lambda: _report(vault, tmp_path / "report.xlsx"),
        "deletion_receipt": lambda: _deletion_receipt(vault, tmp_path / "receipt.pdf"),
    }


def test_every_action_that_writes_a_file_out_is_an_export():
    """An 导出… action (or an export_ code) left out of EXPORTS would escape the enumeration."""
    exported = {code for code, (zh, _en) in actions.ACTIONS.items() if code.startswith("export_") or "导出" in zh}
    assert exported <= set(actions.EXPORTS)
    assert set(actions.EXPORTS) <= set(actions.ACTIONS)


def test_every_export_path_writes_one_entry(vault, tmp_path, pdf_font):
    client = _book(vault)
    paths = _every_export(vault, tmp_path, client.id, pdf_font)
    assert set(paths) == set(actions.EXPORTS), "a new export action needs its path driven here"
    for action, run in paths.items():
        before = len(reading.entries(vault, action=action))
        run()
        found = reading.entries(vault, action=action)
        assert len(found) == before + 1, action
        assert found[0].counts.get("file"), action
    archive = reading.entries(vault, action="export_archive")[0].counts
    assert archive["clients"] == 1 and "id_number" in archive["fields"] and archive["file"] == "archive.xlsx"
    assert reading.entries(vault, action="export_list")[0].counts["clients"] == 1
    assert reading.verify(vault).ok


def test_the_handover_receipt_carries_the_latest_hash_and_both_sides_record(vault, tmp_path):
    client = _book(vault)
    receipt = export_handover(vault, tmp_path / "h.xlsx", SECRET, [client.id])
    out = reading.entries(vault, action="handover_out")[0]
    assert receipt["audit_hash"] == out.prev_hash  # the history up to the handover, as the receiver sees it
    other = create_vault(tmp_path / "other", PASSWORD, kdf=FAST_KDF)
    try:
        preview = preview_handover(other, tmp_path / "h.xlsx", SECRET)
        assert preview.receipt[AUDIT_LABEL] == receipt["audit_hash"]
        merge_handover(other, preview)
        (entry,) = reading.entries(other, action="handover_in")
        assert entry.counts["clients"] == 1 and entry.counts["file"] == "h.xlsx"
        assert entry.counts["anchor"] == receipt["audit_hash"]  # the sender's history, as the receipt said
    finally:
        other.lock()


def test_an_import_writes_one_entry_not_one_per_row(vault, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["姓名", "手机号码", "证件号码"])
    for i in range(25):
        book.active.append([f"客户{i}", f"1380013{i:04d}", None])
    book.save(tmp_path / f"{PHONE}.xlsx")
    run_import(vault, preview_import(vault, tmp_path / f"{PHONE}.xlsx"))
    (entry,) = reading.entries(vault, action="import")
    assert (entry.counts["clients"], entry.counts["rows"]) == (25, 25) and "phone" in entry.counts["fields"]
    assert PHONE not in entry.counts["file"]


def test_no_id_number_phone_or_note_in_the_audit_table(vault, tmp_path, pdf_font):
    client = _book(vault)
    for run in _every_export(vault, tmp_path, client.id, pdf_font).values():
        run()
    vault.settings.set("rm_name", "李经理")
    conn = raw_connect(str(vault.paths.db), vault.key)
    try:
        dump = "\n".join(repr(row) for row in conn.execute("SELECT * FROM audit_log"))
    finally:
        conn.close()
    assert dump.count("\n") >= 6
    for planted in (ID_NUMBER, PHONE, NOTE, "张三丰", "李经理", "私密"):
        assert planted not in dump, planted
