"""Report exports with a vault (issue 18.1, 18.3): one register row each, watermarked, the audit
chain's latest hash in the file (PDF foot, xlsx property, bundle JSON), the audit entry carrying
the register id; the RM's own copy counts its named clients, counts-only none."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from rm_desktop.domain.reports import counts_only
from rm_desktop.io.office_crypto import decrypt_xlsx
from rm_desktop.services.audit import reading
from rm_desktop.services.export_controls import marks, register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.report_outputs import bundle, marking, pdf, summary, workbook
from rm_desktop.services.settings import profile
from tests.services.report_outputs.sample import NAMES, NOW, month_report

SECRET = "bundle-pass-42x"


@pytest.fixture
def book(vault):
    profile.save(vault.settings, {"rm_name": "张敏", "branch_name": "东城支行"})
    return vault


def _props(wb) -> dict[str, str]:
    return {p.name: p.value for p in wb.custom_doc_props.props}


def test_the_xlsx_is_registered_marked_and_carries_the_latest_hash(book, tmp_path):
    before = reading.latest_hash(book)
    out = tmp_path / "r.xlsx"
    register_id = workbook.export_xlsx(month_report(), out, vault=book, control=ExportControl("other", "周会"))
    [entry] = register.entries(book)
    assert entry.id == register_id and entry.kind == "report" and entry.note == "周会"
    assert entry.client_count == len(NAMES) and "name" in entry.fields
    wb = load_workbook(out)
    assert marks.register_id_of(wb.properties.identifier) == entry.id
    assert _props(wb)[marking.CHAIN_PROPERTY] == before
    assert all("周会" in ws.oddFooter.center.text and before[:12] in ws.oddFooter.center.text for ws in wb.worksheets)
    [audited] = reading.entries(book, action="export_report")
    assert audited.counts["register"] == entry.id and audited.counts["file"] == "r.xlsx"


def test_a_counts_only_pdf_names_no_client_and_shows_the_chain(book, tmp_path, pdf_font):
    before = reading.latest_hash(book)
    out = tmp_path / "r.pdf"
    pdf.export_pdf(counts_only(month_report()), out, vault=book)
    [entry] = register.entries(book)
    assert entry.client_count == 0 and entry.fields == () and entry.purpose == "other"  # the default 工作报告
    text = "".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())  # fmt: skip
    assert "审计链…" + before[:12] in text and "张敏" in text and "工作报告" in text
    assert not any(name in text for name in NAMES)
    assert marks.hidden_mark(entry.id).encode() in out.read_bytes()  # the keywords


def test_the_bundle_and_the_summary_are_registered(book, tmp_path):
    out = tmp_path / "b.xlsx"
    register_id = bundle.export_bundle([month_report()], out, SECRET, now=NOW, vault=book)
    member = zipfile.ZipFile(io.BytesIO(decrypt_xlsx(out.read_bytes(), SECRET))).read(bundle.MEMBER)
    body = json.loads(member)
    assert body["export"]["register"] == marks.hidden_mark(register_id) and len(body["export"]["audit_chain"]) == 64
    assert register.entries(book)[0].client_count == 0  # not named: counts only
    read = bundle.read_bundle(out, SECRET)  # the reader skips the export object
    summary_id = summary.collect_summary([read], tmp_path / "s.xlsx", vault=book)
    assert [e.id for e in register.entries(book)] == [summary_id, register_id]
    assert marks.register_id_of(load_workbook(tmp_path / "s.xlsx").properties.identifier) == summary_id


def test_a_failed_write_registers_nothing(book, tmp_path):
    with pytest.raises(OSError):
        workbook.export_xlsx(month_report(), tmp_path / "missing" / "r.xlsx", vault=book)
    assert register.entries(book) == [] and reading.entries(book, action="export_report") == []


def test_without_a_vault_nothing_is_registered_and_the_file_is_unmarked(book, tmp_path):
    assert workbook.export_xlsx(month_report(), tmp_path / "r.xlsx") is None
    assert register.entries(book) == [] and load_workbook(tmp_path / "r.xlsx").properties.identifier is None
