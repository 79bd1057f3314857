"""The person's copy (issue 18.6): both files open with the password only, and hold every planted
value of every kind of record; the other client is not in them; one audit entry and register row for the copy."""

from __future__ import annotations

import io
import subprocess

import openpyxl
import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.io.office_crypto import decrypt_xlsx
from rm_desktop.services.audit import reading
from rm_desktop.services.privacy import person_data
from rm_desktop.services.privacy.person_export import export_person
from tests.services.privacy.privacy_book import NOW, OTHER_NAME, OTHER_PHONE, PLANTED, planted_book

SECRET = "copy-pass-73qz"


def _xlsx_text(path, password) -> str:
    book = openpyxl.load_workbook(io.BytesIO(decrypt_xlsx(path.read_bytes(), password)), read_only=True)
    return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)


def _pdf_text(path, password=None) -> subprocess.CompletedProcess:
    args = ["pdftotext", "-enc", "UTF-8", *(["-upw", password] if password else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=False)


def test_the_copy_holds_every_planted_value_and_opens_with_the_password_only(vault, tmp_path, pdf_font):
    book = planted_book(vault)
    xlsx, pdf = tmp_path / "copy.xlsx", tmp_path / "copy.pdf"
    result = export_person(vault, book.client_id, SECRET, xlsx=xlsx, pdf=pdf, now=NOW)
    assert {"clients", "client_phones", "contacts", "holdings", "complaints", "opportunities"} <= set(result["tables"])

    text = _xlsx_text(xlsx, SECRET)
    for value in PLANTED:
        assert value in text, value
    assert OTHER_NAME not in text and OTHER_PHONE not in text
    with pytest.raises(UserError):
        decrypt_xlsx(xlsx.read_bytes(), "wrong-password-1")

    opened = _pdf_text(pdf, SECRET)
    assert opened.returncode == 0, opened.stderr
    flat = "".join(opened.stdout.split())
    for value in PLANTED:
        assert value in flat, value
    assert _pdf_text(pdf).returncode != 0  # no password: does not open
    assert _pdf_text(pdf, "wrong-password-1").returncode != 0
    raw = pdf.read_bytes()
    assert b"/Encrypt" in raw and "欧阳".encode("utf-16-be") not in raw

    [entry] = reading.entries(vault, action="export_person")  # one entry and register row for the copy
    assert entry.counts["file"] == "copy.xlsx + copy.pdf" and entry.counts["register"] == result["register"]
    assert entry.counts["rows"] == sum(result["tables"].values())
    assert reading.verify(vault).ok


def test_weak_password_and_unknown_client_write_nothing(vault, tmp_path):
    book = planted_book(vault)
    with pytest.raises(UserError):
        export_person(vault, book.client_id, "123", xlsx=tmp_path / "a.xlsx")
    with pytest.raises(UserError):
        export_person(vault, 9999, SECRET, xlsx=tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()
    assert reading.entries(vault, action="export_person") == []


def test_a_new_table_about_clients_is_in_the_copy_without_a_change(vault):
    book = planted_book(vault)
    data = person_data.collect(vault, book.client_id)
    tables = {s.table for s in data.sections}
    assert {"contact_revisions", "complaint_steps"} & tables or "complaints" in tables
    profile = data.sections[0]
    assert "name_pinyin" not in profile.columns and "search_digits" not in profile.columns


def test_the_log_keeps_the_file_name_with_the_clients_name_masked(vault, tmp_path):
    book = planted_book(vault)
    export_person(vault, book.client_id, SECRET, xlsx=tmp_path / "本人数据-欧阳明月.xlsx", now=NOW)
    assert reading.entries(vault, action="export_person")[0].counts["file"] == "本人数据-欧***.xlsx"
