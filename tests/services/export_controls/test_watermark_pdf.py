"""io/watermark on an fpdf2 document: the visible line in every page's footer (read back with
pdftotext), the diagonal copy drawn, the hidden mark in the metadata (pypdf)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from rm_desktop.io.pdf_draw import FONT, CjkPdf
from rm_desktop.io.pdf_fonts import font_chain
from rm_desktop.io.watermark import stamp_pdf
from rm_desktop.services.export_controls import marks

VISIBLE = "客户经理 张敏 · 东城支行 · 导出于 2026-12-02 14:30 · 用途：营销活动"


def test_every_page_has_the_footer_and_the_metadata_the_id(pdf_font, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    pdf = CjkPdf(font_chain()[:1], "名单", "张敏")
    stamp_pdf(pdf, VISIBLE, marks.hidden_mark(7), font=FONT)
    for text in ("第一页", "第二页"):
        pdf.add_page()
        pdf.set_font(FONT, "", 12)
        pdf.cell(0, 10, text)
    path = tmp_path / "w.pdf"
    path.write_bytes(bytes(pdf.output()))
    pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    texts = pages.stdout.split("\f")
    assert all(VISIBLE in page for page in texts[:2]) and "第二页" in texts[1]
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    assert marks.register_id_of(reader.metadata["/Keywords"]) == 7
    assert reader.metadata["/Title"] == "名单"


def test_a_plan_pdf_is_registered_and_stamped(pdf_font, vault, tmp_path):
    import datetime as dt

    from rm_desktop.services.clients.files import create_client
    from rm_desktop.services.export_controls import register
    from rm_desktop.services.export_controls.purposes import ExportControl
    from rm_desktop.services.plans import store as plans
    from rm_desktop.services.plans.pdf_export import export_pdf
    from rm_desktop.services.settings import profile

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    profile.save(vault.settings, {"rm_name": "张敏", "branch_name": "东城支行"})
    client = create_client(vault, {"name": "王五"})
    plan_id = plans.create_plan(vault, client.id).plan_id
    done = export_pdf(
        vault, plan_id, tmp_path / "p.pdf", today=dt.date(2026, 12, 2), control=ExportControl("client_request")
    )
    [entry] = register.entries(vault)
    assert (entry.kind, entry.purpose, entry.id) == ("plan_pdf", "client_request", done.register_id)
    text = subprocess.run(["pdftotext", str(done.path), "-"], capture_output=True, text=True, check=True).stdout
    assert "张敏" in text and "东城支行" in text and "客户本人申请" in text
    assert marks.register_id_of(PdfReader(done.path).metadata["/Keywords"]) == entry.id
