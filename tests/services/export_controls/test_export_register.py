"""The export register: each export writes one row in its own transaction, stamps the file with
the visible line and the hidden register id, and puts nothing in the register for a file never
written. The list export writes the purpose's minimum fields; the archive every column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from rm_desktop.io.watermark import CUSTOM_PROPERTY, NOTE_SHEET
from rm_desktop.services.audit import reading
from rm_desktop.services.exchange import exporting
from rm_desktop.services.export_controls import marks, register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.settings import profile
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_export_register import ExportRegisterRow
from tests.libreoffice import as_csv

NOW = dt.datetime(2026, 12, 2, 6, 30, tzinfo=dt.UTC)


@pytest.fixture
def book(vault):
    profile.save(vault.settings, {"rm_name": "张敏", "branch_name": "东城支行"})
    with vault.sessions.begin() as s:
        s.add_all([Client(name=f"客户{k}", aum=Decimal(1000 * k), id_number=None) for k in range(1, 4)])
    return vault


def _count(vault) -> int:
    with vault.sessions() as s:
        return s.scalar(select(func.count()).select_from(ExportRegisterRow))


def test_the_visible_line_names_rm_branch_time_and_purpose():
    text = marks.visible_text("张敏", "东城支行", NOW, "营销活动")
    assert "张敏" in text and "东城支行" in text and "营销活动" in text
    assert NOW.astimezone().strftime("%Y-%m-%d %H:%M") in text
    assert marks.register_id_of(marks.hidden_mark(42)) == 42
    assert marks.register_id_of("someone else's") is None


def test_a_marketing_list_has_the_minimum_fields_the_register_row_and_the_marks(book, tmp_path):
    out = tmp_path / "名单.xlsx"
    control = ExportControl("marketing")
    assert exporting.export_list(book, ClientQuery(), out, control=control) == 3
    [entry] = register.entries(book)
    assert (entry.kind, entry.purpose, entry.client_count, entry.file_name) == ("list", "marketing", 3, "名单.xlsx")
    assert entry.fields == ("customer_no", "name", "phone", "tier_name", "tags")
    wb = load_workbook(out)
    assert [c.value for c in wb.worksheets[0][1]] == ["客户编号", "姓名", "手机号码", "客户层级", "标签"]
    footer = wb.worksheets[0].oddFooter.center.text
    assert "张敏" in footer and "东城支行" in footer and "营销活动" in footer
    assert "营销活动" in wb.worksheets[0].oddHeader.center.text
    assert wb.properties.identifier == marks.hidden_mark(entry.id)
    assert marks.register_id_of(wb.properties.keywords) == entry.id
    assert {p.name: p.value for p in wb.custom_doc_props.props}[CUSTOM_PROPERTY] == marks.hidden_mark(entry.id)
    assert wb.sheetnames[-1] == NOTE_SHEET and "营销活动" in wb[NOTE_SHEET]["A2"].value
    [audited] = [e for e in reading.entries(book) if e.action == "export_list"]
    assert audited.counts["clients"] == 3 and audited.counts["file"] == "名单.xlsx"


def test_ticked_fields_are_added_to_the_minimum(book, tmp_path):
    out = tmp_path / "l.xlsx"
    exporting.export_list(book, ClientQuery(), out, control=ExportControl("marketing", fields=("aum",)))
    assert register.entries(book)[0].fields == ("customer_no", "name", "aum")
    assert [c.value for c in load_workbook(out).worksheets[0][1]] == ["客户编号", "姓名", "金融资产(元)"]


def test_the_archive_keeps_every_column_and_registers_its_purpose(book, tmp_path):
    out = tmp_path / "a.xlsx"
    counts = exporting.export_archive(book, out, control=ExportControl("handover"))
    [entry] = register.entries(book)
    assert counts["register"] == entry.id and entry.kind == "archive" and entry.purpose == "handover"
    assert "id_number" in entry.fields and entry.client_count == 3
    wb = load_workbook(out)
    assert marks.register_id_of(wb.properties.identifier) == entry.id
    assert all("客户交接" in ws.oddFooter.center.text for ws in wb.worksheets)
    assert NOTE_SHEET not in wb.sheetnames  # the receipt digests every sheet read back


def test_no_control_registers_the_kinds_default(book, tmp_path):
    exporting.export_archive(book, tmp_path / "a.xlsx")
    exporting.export_list(book, ClientQuery(), tmp_path / "l.xlsx")
    by_kind = {e.kind: e for e in register.entries(book)}
    assert by_kind["archive"].purpose == "backup"
    assert by_kind["list"].purpose == "other" and by_kind["list"].note


def test_a_failed_write_leaves_no_register_row_and_no_audit_entry(book, tmp_path):
    before = len(reading.entries(book))
    with pytest.raises(OSError):
        exporting.export_list(book, ClientQuery(), tmp_path / "missing" / "x.xlsx", control=ExportControl("marketing"))
    assert _count(book) == 0 and len(reading.entries(book)) == before


def test_register_export_refuses_an_unknown_kind(book):
    with book.sessions.begin() as s, pytest.raises(ValueError):
        register.register_export(s, "lists", ExportControl("backup"), (), 0, "x")


def test_libreoffice_opens_a_stamped_list(book, tmp_path):
    path = tmp_path / "list.xlsx"
    exporting.export_list(book, ClientQuery(), path, control=ExportControl("marketing"))
    text = as_csv(path, tmp_path)
    assert text.splitlines()[0] == "客户编号,姓名,手机号码,客户层级,标签" and "客户1" in text
