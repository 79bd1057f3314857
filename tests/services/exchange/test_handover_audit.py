"""The sender's audit log travels with a handover (issue 18.1): the receiver keeps it apart as
received:<sender vault id> (its own chain untouched), a second handover adds only what is new,
a tampered or cut-off log is stored and flagged, a chain of handovers keeps every holder's
history, and none of it holds an ID number or a phone."""

from __future__ import annotations

import io

import openpyxl
import pytest
from sqlalchemy import text

from rm_desktop.io.office_crypto import decrypt_xlsx, encrypt_xlsx
from rm_desktop.io.readers import read_workbook
from rm_desktop.io.sheet_digest import sheets_digest
from rm_desktop.services.audit import chain, log, reading, received
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.audit_sheets import AUDIT_SHEET
from rm_desktop.services.exchange.handover import export_handover, merge_handover, preview_handover
from rm_desktop.services.vault.lifecycle import create_vault
from tests.conftest import FAST_KDF, PASSWORD

SECRET = "handover-pass-1"
PHONE, ID_NUMBER = "13800138000", "110101199003074514"


@pytest.fixture
def other(tmp_path):
    made = []

    def make(name):
        made.append(create_vault(tmp_path / name, PASSWORD, kdf=FAST_KDF))
        return made[-1]

    yield make
    for vault in made:
        vault.lock()


def _sender(vault, entries=5):
    client = create_client(vault, {"name": "张三丰", "customer_no": "C1", "phone": [PHONE], "id_number": ID_NUMBER})
    log.record_now(vault, "reveal", object=log.client_object(client.id, "张三丰"), counts={"fields": ["phone"]})
    for i in range(entries):
        log.record_now(vault, "search", counts={"rows": i})
    return client


def _held(vault, sender):
    with vault.engine.connect() as conn:
        return conn.execute(
            text("SELECT seq, action, origin, hash FROM audit_received WHERE sender = :s ORDER BY seq"), {"s": sender}
        ).all()


def _local(vault):
    with vault.engine.connect() as conn:
        return conn.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq")).all()


def test_the_receiver_holds_the_senders_log_apart_and_both_chains_verify(vault, other, tmp_path):
    _sender(vault)
    sent = _local(vault)
    path = tmp_path / "h.xlsx"
    receipt = export_handover(vault, path, SECRET)
    assert receipt["vault_id"] == vault.header.vault_id and receipt["audit_entries"] == len(sent)
    assert receipt["audit_hash"] == sent[-1][1]  # the anchor is the last entry the file carries
    receiver = other("receiver")
    log.record_now(receiver, "search", counts={"rows": 1})
    before = _local(receiver)
    found = preview_handover(receiver, path, SECRET)
    assert found.audit.ok and [c.new for c in found.audit.checks] == [len(sent)]
    assert "审计日志：" in found.receipt_note() and "完整" in found.receipt_note()
    summary = merge_handover(receiver, found)
    assert summary.audit_received == len(sent)
    held = _held(receiver, vault.header.vault_id)
    assert [(r.seq, r.hash) for r in held] == [(s, h) for s, h in sent] and {r.origin for r in held} == {"local"}
    mine = _local(receiver)
    assert mine[: len(before)] == before and len(mine) == len(before) + 1  # + handover_in, nothing else
    assert reading.verify(receiver).ok
    assert reading.verify_received(receiver)[vault.header.vault_id].ok
    shown = {e.origin for e in reading.entries(receiver, limit=None)}
    assert shown == {"local", f"received:{vault.header.vault_id}"}
    assert len(received.entries_from(receiver, vault.header.vault_id, limit=None)) == len(sent)
    assert received.entries_from(receiver, "someone-else") == []


def test_a_second_handover_from_the_same_sender_adds_only_new_entries(vault, other, tmp_path):
    _sender(vault, 3)
    receiver = other("receiver")
    first = tmp_path / "h1.xlsx"
    export_handover(vault, first, SECRET)
    merge_handover(receiver, preview_handover(receiver, first, SECRET))
    count = len(_held(receiver, vault.header.vault_id))
    log.record_now(vault, "search", counts={"rows": 9})
    second = tmp_path / "h2.xlsx"
    export_handover(vault, second, SECRET)
    found = preview_handover(receiver, second, SECRET)
    grown = len(_local(vault)) - 1  # the handover_out entry of the second file is written after it
    assert [c.new for c in found.audit.checks] == [grown - count]
    assert merge_handover(receiver, found).audit_received == grown - count
    assert len(_held(receiver, vault.header.vault_id)) == grown
    assert merge_handover(receiver, preview_handover(receiver, second, SECRET)).audit_received == 0  # nothing twice
    assert reading.verify_received(receiver)[vault.header.vault_id].ok


def _rewritten(src, dst, edit):
    """``src`` changed by ``edit(workbook)`` and its 汇总 digest made to fit again: what someone
    holding the password can do, so only the chain itself can tell."""
    book = openpyxl.load_workbook(io.BytesIO(decrypt_xlsx(src.read_bytes(), SECRET)))
    edit(book)
    for _ in range(2):
        out = io.BytesIO()
        book.save(out)
        dst.write_bytes(encrypt_xlsx(out.getvalue(), SECRET))
        read = read_workbook(dst, SECRET)
        digest = sheets_digest((s.name, s.rows) for s in read.sheets if s.name != "汇总")
        for row in book["汇总"].iter_rows():
            if row[0].value == "内容SHA-256":
                row[1].value = digest
    return dst


def _cell(book, seq, header):
    sheet = book[AUDIT_SHEET]
    column = [c.value for c in sheet[1]].index(header)
    return next(row[column] for row in sheet.iter_rows(min_row=2) if row[1].value == seq)


def test_a_tampered_entry_is_stored_and_flagged(vault, other, tmp_path):
    _sender(vault)
    path = tmp_path / "h.xlsx"
    export_handover(vault, path, SECRET)

    def tamper(book):
        _cell(book, 2, "操作代码").value = "lock"

    bad = _rewritten(path, tmp_path / "bad.xlsx", tamper)
    receiver = other("receiver")
    found = preview_handover(receiver, bad, SECRET)
    assert found.receipt_check == "file" and not found.audit.ok
    assert "第 2 条记录被改动过" in found.receipt_note() and "仍会保存" in found.receipt_note()
    merge_handover(receiver, found)
    result = reading.verify_received(receiver)[vault.header.vault_id]
    assert (result.broken_seq, result.reason) == (2, chain.CHANGED)
    assert reading.verify(receiver).ok  # the receiver's own chain is not the sender's


def test_entries_cut_off_at_the_end_are_flagged(vault, other, tmp_path):
    _sender(vault)
    path = tmp_path / "h.xlsx"
    export_handover(vault, path, SECRET)
    last = len(_local(vault)) - 1  # the handover_out entry is not in the file

    def cut(book):
        book[AUDIT_SHEET].delete_rows(_cell(book, last, "序号").row)

    found = preview_handover(other("receiver"), _rewritten(path, tmp_path / "cut.xlsx", cut), SECRET)
    (check,) = found.audit.checks
    assert check.result.ok and check.cut and not found.audit.ok  # the chain alone cannot show it
    assert "末尾的记录被删去" in found.receipt_note()


def test_a_chain_of_handovers_keeps_every_holders_history(vault, other, tmp_path):
    """A → B → C: C holds A's chain and B's, each as its owner wrote it; back to A, A's own
    entries are not stored again."""
    _sender(vault, 2)
    b, c = other("b"), other("c")
    export_handover(vault, tmp_path / "ab.xlsx", SECRET)
    merge_handover(b, preview_handover(b, tmp_path / "ab.xlsx", SECRET))
    export_handover(b, tmp_path / "bc.xlsx", SECRET)
    merge_handover(c, preview_handover(c, tmp_path / "bc.xlsx", SECRET))
    a_id, b_id = vault.header.vault_id, b.header.vault_id
    assert _held(c, a_id) == _held(b, a_id) and len(_held(c, b_id)) == len(_local(b)) - 1
    assert all(r.ok for r in reading.verify_received(c).values()) and set(reading.verify_received(c)) == {a_id, b_id}
    back = preview_handover(vault, tmp_path / "bc.xlsx", SECRET)
    own = next(check for check in back.audit.checks if check.sender == a_id)
    assert own.own and "不重复保存" in back.receipt_note()
    merge_handover(vault, back)
    assert _held(vault, a_id) == [] and len(_held(vault, b_id)) > 0


def test_no_id_number_or_phone_travels_in_the_log(vault, other, tmp_path):
    _sender(vault)
    path = tmp_path / "h.xlsx"
    export_handover(vault, path, SECRET)
    sheet = next(s for s in read_workbook(path, SECRET).sheets if s.name == AUDIT_SHEET)
    assert "client:" in repr(sheet.rows) and "张**" in repr(sheet.rows)  # the reveal, masked
    receiver = other("receiver")
    merge_handover(receiver, preview_handover(receiver, path, SECRET))
    with receiver.engine.connect() as conn:
        stored = repr(conn.execute(text("SELECT * FROM audit_received")).all())
    assert stored.count("client:") == 1
    for secret in (PHONE, ID_NUMBER, "张三丰", "三丰"):
        assert secret not in repr(sheet.rows) and secret not in stored
