"""Anonymising and deleting (issue 18.5): the decrypted database dump holds none of the client's
name, pinyin, ID, phone or free text afterwards; amounts stay; the other client keeps their own
data; one audit entry with counts only; a cancelled run changes nothing."""

from __future__ import annotations

import datetime as dt
from sqlite3.dump import _iterdump

import pytest

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.services.audit import reading
from rm_desktop.services.clients import holdings
from rm_desktop.services.clients.files import get_client
from rm_desktop.services.privacy.erasure import anonymise, delete_clients
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.storage.keyed import raw_connect
from tests.services.privacy.privacy_book import AMOUNT, NAME, OTHER_NAME, OTHER_PHONE, PII, TODAY, planted_book


def _dump(vault) -> str:
    """The decrypted database as SQL (sqlite3's iterdump over the SQLCipher connection), plus every
    blob decoded as UTF-8: the FTS index's segments are blobs, and a trigram hides in them."""
    conn = raw_connect(str(vault.paths.db), vault.key)
    try:
        lines = list(_iterdump(conn))
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                lines += [v.decode("utf-8", "replace") for v in row if isinstance(v, bytes)]
        return "\n".join(lines)
    finally:
        conn.close()


def test_anonymised_client_leaves_nothing_that_names_them_in_the_dump(vault):
    book = planted_book(vault)
    assert all(value in _dump(vault) for value in PII)  # the scan finds them before
    counts = anonymise(vault, [book.client_id], TODAY)
    dump = _dump(vault)
    for value in (*PII, "ouyangmingyue"):  # the initials O.Y.M.Y. (key "oymy") are its name now
        assert value not in dump, value
    client = get_client(vault, book.client_id)
    assert client.name == "O.Y.M.Y."
    assert [str(h.amount) for h in holdings.list_holdings(vault, book.client_id)] == [AMOUNT]
    other = get_client(vault, book.other_id)
    assert other.name == OTHER_NAME and OTHER_PHONE in dump
    assert other.notes == "O.Y.M.Y.介绍来的"  # the name typed in another client's notes
    entry = reading.entries(vault, action="anonymise")[0]
    assert entry.counts == counts and entry.counts["clients"] == 1 and entry.object is None
    assert reading.verify(vault).ok


def test_the_anonymised_client_is_found_by_initials_only(vault):
    book = planted_book(vault)
    anonymise(vault, [book.client_id], TODAY)
    assert [r.id for r in search_clients(vault, ClientQuery(text="O.Y.M.Y."))] == [book.client_id]
    for text in (NAME, "13912345678", "ouyang"):
        assert book.client_id not in [r.id for r in search_clients(vault, ClientQuery(text=text))], text


def test_a_namesake_keeps_their_name(vault):
    from rm_desktop.services.clients.files import create_client

    book = planted_book(vault)
    twin = create_client(vault, {"name": NAME, "notes": f"{NAME}本人"}, today=TODAY)
    anonymise(vault, [book.client_id], TODAY)
    assert get_client(vault, twin.id).name == NAME
    assert get_client(vault, twin.id).notes == f"{NAME}本人"


def test_cancelled_or_unknown_changes_nothing(vault):
    book = planted_book(vault)
    before = _dump(vault)
    with pytest.raises(Cancelled):
        anonymise(vault, [book.client_id], TODAY, progress=lambda done, total: False)
    with pytest.raises(UserError):
        anonymise(vault, [book.client_id, 999], TODAY)
    assert _dump(vault) == before


def test_delete_removes_every_row_and_the_name_elsewhere(vault):
    book = planted_book(vault)
    counts = delete_clients(vault, [book.client_id], TODAY)
    dump = _dump(vault)
    for value in PII:
        assert value not in dump, value
    assert counts["clients"] == 1
    assert reading.entries(vault, action="retention_delete")[0].counts["clients"] == 1
    with pytest.raises(UserError):
        get_client(vault, book.client_id)
    assert dt.date(2026, 1, 1) < TODAY


def test_the_deletion_receipt_holds_counts_and_no_name(vault, tmp_path, pdf_font):
    import subprocess

    from rm_desktop.services.privacy.receipt import deletion_entries, export_receipt

    book = planted_book(vault)
    vault.settings.set("rm_name", "陈经理")
    anonymise(vault, [book.client_id], TODAY)
    entry = deletion_entries(vault)[0]
    path = tmp_path / "receipt.pdf"
    export_receipt(vault, entry.seq, path)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert "陈经理" in flat and f"#{entry.seq}" in flat and entry.hash[:20] in flat
    for value in PII:
        assert value not in flat
    assert reading.entries(vault, action="deletion_receipt")[0].counts == {"file": "receipt.pdf"}
    with pytest.raises(UserError):
        export_receipt(vault, reading.entries(vault, action="deletion_receipt")[0].seq, tmp_path / "x.pdf")


def test_many_clients_at_once_stay_within_sqlites_expression_depth(vault):
    from rm_desktop.services.clients.files import create_client

    ids = [
        create_client(vault, {"name": f"客户{k:03d}", "phone": [f"1390000{k:04d}"], "id_number": None}, today=TODAY).id
        for k in range(120)
    ]
    assert anonymise(vault, ids, TODAY)["clients"] == 120  # 240 secrets: six chunks per column
    assert "13900000042" not in _dump(vault)
