"""The audit log export and the person's copy go through the export register (issue 18.3): one
row each, the audit entry carries its id, the files carry the mark; a failed write leaves no row."""

from __future__ import annotations

import io
import subprocess

import openpyxl
import pytest
from sqlalchemy import func, select

from rm_desktop.domain.errors import UserError
from rm_desktop.io.office_crypto import decrypt_xlsx
from rm_desktop.services.audit import export, reading
from rm_desktop.services.export_controls import marks, register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.privacy.person_export import export_person
from rm_desktop.services.settings import profile
from rm_desktop.storage.models_export_register import ExportRegisterRow
from tests.services.privacy.privacy_book import NOW, planted_book

SECRET = "export-pass-42x"


def _rows(vault) -> int:
    with vault.sessions() as s:
        return s.scalar(select(func.count()).select_from(ExportRegisterRow))


def _book(path, password):
    return openpyxl.load_workbook(io.BytesIO(decrypt_xlsx(path.read_bytes(), password)))


def test_the_audit_export_is_registered_as_a_regulatory_report_by_default(vault, tmp_path):
    profile.save(vault.settings, {"rm_name": "张敏", "branch_name": "东城支行"})
    out = tmp_path / "audit.xlsx"
    done = export.export_log(vault, out, SECRET)
    [entry] = register.entries(vault)
    assert entry.kind == "audit" and entry.purpose == "regulatory" and done["register"] == entry.id
    assert entry.client_count == 0 and entry.fields == () and entry.file_name == "audit.xlsx"
    [audited] = reading.entries(vault, action="export_audit")
    assert audited.counts["register"] == entry.id
    book = _book(out, SECRET)
    assert marks.register_id_of(book.properties.identifier) == entry.id
    checks = {row[0]: row[1] for row in book[export.CHECK_SHEET].iter_rows(min_row=2, values_only=True)}
    assert "监管报送" in checks["导出说明"] and "张敏" in checks["导出说明"]
    assert checks["导出登记"] == marks.hidden_mark(entry.id)


def test_the_audit_export_takes_a_purpose_and_a_failed_write_registers_nothing(vault, tmp_path):
    export.export_log(vault, tmp_path / "a.xlsx", SECRET, control=ExportControl("other", "内审抽查"))
    assert register.entries(vault)[0].note == "内审抽查"
    with pytest.raises(OSError):
        export.export_log(vault, tmp_path / "missing-dir" / "b.xlsx", SECRET)
    assert _rows(vault) == 1


def test_the_person_copy_is_one_register_row_and_both_files_carry_its_mark(vault, tmp_path, pdf_font):
    book = planted_book(vault)
    xlsx, pdf = tmp_path / "copy.xlsx", tmp_path / "copy.pdf"
    result = export_person(vault, book.client_id, SECRET, xlsx=xlsx, pdf=pdf, now=NOW)
    [entry] = register.entries(vault)
    assert entry.kind == "person" and entry.purpose == "client_request" and entry.id == result["register"]
    assert entry.client_count == 1 and entry.file_name == "copy.xlsx + copy.pdf"
    wb = _book(xlsx, SECRET)
    assert marks.register_id_of(wb.properties.identifier) == entry.id
    assert all("客户本人申请" in ws.oddFooter.center.text for ws in wb.worksheets)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-upw", SECRET, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "客户本人申请" in "".join(text.split())


def test_a_failed_second_file_leaves_no_row_no_entry_and_no_first_file(vault, tmp_path, pdf_font):
    book = planted_book(vault)
    xlsx = tmp_path / "copy.xlsx"
    with pytest.raises(OSError):
        export_person(vault, book.client_id, SECRET, xlsx=xlsx, pdf=tmp_path / "nope" / "c.pdf", now=NOW)
    assert not xlsx.exists() and _rows(vault) == 0
    assert reading.entries(vault, action="export_person") == []


def test_other_without_a_note_is_refused_before_anything(vault, tmp_path):
    with pytest.raises(UserError):
        export.export_log(vault, tmp_path / "a.xlsx", SECRET, control=ExportControl("other"))
    assert _rows(vault) == 0
