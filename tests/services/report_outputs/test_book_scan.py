"""Issue 17.3's test: a constructed book, built through the services with planted client names,
resident IDs and phones (in the profile and in the contacts' content), reported by
services/reports on a fake clock; every counts-only output is scanned for each planted value
and holds none. The RM's own outputs do name the clients (the scan would see them)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from rm_desktop.domain.reports import counts_only
from rm_desktop.io.office_crypto import decrypt_xlsx
from rm_desktop.services import report_outputs as outputs
from rm_desktop.services import reports
from rm_desktop.services.clients.contacts import add_contact
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.report_outputs.bundle import MEMBER
from tests.services.report_outputs.test_counts_only_outputs import PASSWORD, book_cells, pdf_text

NOW = dt.datetime(2026, 12, 2, 17, 30)
TODAY = NOW.date()
CLIENTS = (
    ("欧阳明珠", "110105198001010016", "13912345678"),
    ("司马青云", "310104198503120021", "18698765432"),
    ("诸葛晓燕", "440305199012310059", "13700001111"),
)
PLANTED = tuple(value for client in CLIENTS for value in client)


@pytest.fixture
def book(vault):
    for k, (name, id_number, phone) in enumerate(CLIENTS):
        client = create_client(vault, {"name": name, "id_number": id_number, "phone": [phone]}, today=TODAY)
        for day, channel in ((1, "phone"), (2, "visit"), (1 + k % 2, "wechat")):
            add_contact(
                vault,
                client.id,
                {"channel": channel, "content": f"{name} 回电 {phone}", "at": f"2026-12-0{day}T10:0{k}"},
                now=NOW,
            )
    return vault


def _reports(vault):
    return [
        reports.build_report(vault, reports.period_for(kind, key, TODAY), now=NOW)
        for kind, key in (("day", "2026-12-02"), ("week", "2026-W49"), ("month", "2026-12"))
    ]


def _leaks(text: str) -> list[str]:
    return [value for value in PLANTED if value in text]


def test_counts_only_outputs_of_the_book_name_no_client(book, tmp_path, pdf_font):
    built = _reports(book)
    named = "\n".join(str(d.name) for r in built for s in r.sections for line in s.lines for d in line.details)
    assert {name for name, _id, _phone in CLIENTS} <= set(named.split("\n"))  # the book is reported, named
    for k, report in enumerate(built):
        assert _leaks(outputs.counts_text(report)) == []
        pdf = tmp_path / f"counts{k}.pdf"
        outputs.export_pdf(counts_only(report), pdf)
        assert _leaks(pdf_text(pdf)) == []
        xlsx = tmp_path / f"counts{k}.xlsx"
        outputs.export_xlsx(counts_only(report), xlsx)
        assert _leaks("\n".join(book_cells(xlsx).values())) == []
    bundle = tmp_path / "wang.rmreports"
    outputs.export_bundle(built, bundle, PASSWORD)
    with zipfile.ZipFile(io.BytesIO(decrypt_xlsx(bundle.read_bytes(), PASSWORD))) as zf:
        assert _leaks(zf.read(MEMBER).decode("utf-8")) == []
    summary = tmp_path / "summary.xlsx"
    outputs.collect_summary([outputs.read_bundle(bundle, PASSWORD)], summary)
    assert _leaks("\n".join(book_cells(summary).values())) == []


def test_the_rm_s_own_outputs_name_the_clients(book, tmp_path, pdf_font):
    day = _reports(book)[0]
    pdf, xlsx = tmp_path / "own.pdf", tmp_path / "own.xlsx"
    outputs.export_pdf(day, pdf)
    outputs.export_xlsx(day, xlsx)
    assert CLIENTS[0][0] in pdf_text(pdf) and CLIENTS[0][0] in book_cells(xlsx)["明细"]
