"""Import preview and one-transaction import, archive export and round trip."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from rm_desktop.domain.errors import Cancelled
from rm_desktop.services.clients import contacts, holdings
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.exporting import export_archive, export_list
from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.exchange.rejects import save_rejects
from rm_desktop.services.exchange.writing import run_import
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.storage.models import Client, Contact, Holding
from tests.conftest import FAST_KDF, PASSWORD

ID1 = "11010519491231002X"
ID2 = "110105198503070018"


def _valid_id(base17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(base17, weights, strict=False))
    return base17 + "10X98765432"[total % 11]


def _xlsx(path, rows, hidden=None):
    book = Workbook()
    sheet = book.active
    sheet.title = "名单"
    for row in rows:
        sheet.append(row)
    if hidden:
        extra = book.create_sheet("隐藏")
        extra.append(["姓名", "手机号码"])
        extra.append(["隐藏人", "13800000000"])
        extra.sheet_state = "hidden"
    book.save(path)
    return path


def _branch_file(tmp_path):
    return _xlsx(
        tmp_path / "branch.xlsx",
        [
            ["XX支行客户清单"],
            ["统计日期：2024-05-01"],
            ["客户编号", "客户姓名", "证件号码", "手机号码", "出生日期", "金融资产(万元)"],
            ["C001", " 张  三 ", _valid_id("11010519850307001"), "+86 138-0013-8000", "1985/03/07", "12.5"],
            ["C002", "李四", 110105198503070000, "13900139000", "19850307", 3],
            ["C003", "王五", None, "86 137 0013 7000", "1990年1月2日", "1,000"],
            ["合计", None, None, None, None, 1015.5],
        ],
        hidden=True,
    )


def test_preview_finds_header_below_titles_and_rejects_numeric_id(vault, tmp_path):
    preview = preview_import(vault, _branch_file(tmp_path))
    assert preview.header_row == 2 and preview.sheet == "名单"
    by_row = {row.result.row_number: row for row in preview.rows}
    assert by_row[4].status == "ok" and by_row[4].result.values["name"] == "张三"
    assert by_row[4].result.values["phone"] == "13800138000"
    assert by_row[4].result.values["aum"] == Decimal("125000.00")
    assert by_row[5].status == "rejected" and "证件号码" in by_row[5].result.reasons[0]
    assert by_row[6].result.values["birth_date"] == dt.date(1990, 1, 2)
    assert by_row[7].status == "skipped"
    assert preview.counts()["new"] == 2 and preview.rejects()[0]["field"] == "id_number"


def test_hidden_sheet_only_when_chosen(vault, tmp_path):
    path = _branch_file(tmp_path)
    assert preview_import(vault, path).sheet == "名单"
    assert preview_import(vault, path, sheet="隐藏").rows[0].result.values["name"] == "隐藏人"


def test_import_and_duplicates(vault, tmp_path):
    path = _branch_file(tmp_path)
    summary = run_import(vault, preview_import(vault, path))
    assert (summary.imported, summary.rejected, summary.skipped) == (2, 1, 1)
    with vault.sessions() as s:
        zhang = s.scalars(select(Client).where(Client.customer_no == "C001")).one()
        assert zhang.name_pinyin and "13800138000" in zhang.search_digits and zhang.tier
    again = preview_import(vault, path, on_duplicate="skip")
    assert {r.decision for r in again.rows if r.status == "ok"} == {"skip"}
    assert [r.match_by for r in again.rows if r.status == "ok"] == ["customer_no", "customer_no"]
    summary = run_import(vault, preview_import(vault, path, on_duplicate="update"))
    assert summary.updated == 2 and summary.imported == 0


def test_gb18030_csv_and_html_as_xls(vault, tmp_path):
    csv = tmp_path / "list.csv"
    csv.write_bytes("姓名,手机号码,出生日期\n赵六,138 0013 8001,1980-02-03\n".encode("gb18030"))
    assert preview_import(vault, csv).rows[0].result.values["name"] == "赵六"
    html = tmp_path / "web.xls"
    html.write_text(
        "<html><body><table><tr><th>客户名称</th><th>联系电话</th></tr>"
        "<tr><td>孙七</td><td>13800138002</td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert preview_import(vault, html).rows[0].result.values["phone"] == "13800138002"


def test_one_transaction_failure_and_cancel(vault, tmp_path, monkeypatch):
    path = _branch_file(tmp_path)
    with pytest.raises(Cancelled):
        run_import(vault, preview_import(vault, path), progress=lambda done, total: done == 0)
    from rm_desktop.storage import bulk

    real = bulk.insert_values

    def failing(conn, model, keys, rows):
        if model.__tablename__ == "client_tags" or model.__tablename__ == "aum_snapshots":
            raise RuntimeError("disk full")
        real(conn, model, keys, rows)

    monkeypatch.setattr(bulk, "insert_values", failing)
    with pytest.raises(RuntimeError):
        run_import(vault, preview_import(vault, path))
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 0
        trigger = (
            s.connection()
            .exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name='clients_search_ai'")
            .scalar()
        )
        assert trigger == 1


def test_save_rejects_reimportable(vault, tmp_path):
    preview = preview_import(vault, _branch_file(tmp_path))
    out = tmp_path / "rejects.xlsx"
    assert save_rejects(preview, out) == 1
    sheet = load_workbook(out).active
    rows = list(sheet.values)
    assert rows[0][-1] == "错误原因" and rows[1][1] == "李四" and "证件号码" in rows[1][-1]
    again = preview_import(vault, out)
    assert again.rows[0].status == "rejected"


def _fill_book(vault):
    first = create_client(
        vault,
        {
            "name": '=HYPERLINK("x")',
            "customer_no": "C1",
            "id_number": ID1,
            "phone": ["13800138000", "13900139000"],
            "aum": "123456.78",
            "tags": ["高净值", "-vip"],
            "notes": "@备注",
            "salutation": "王总",
            "cadence_days": 30,
            "lunar_birthday": True,
        },
    )
    second = create_client(vault, {"name": "李四", "phone": ["13700137000"], "income_band": "+高"})
    holdings.add_holding(
        vault,
        first.id,
        {
            "product_type": "fund",
            "name": "=SUM(A1)",
            "code": "000001",
            "amount": "50000",
            "start_date": "2024-01-02",
            "maturity_date": "2025-01-02",
        },
    )
    contacts.add_contact(
        vault,
        first.id,
        {"at": "2024-03-01 10:00", "channel": "phone", "content": "-回访", "follow_up_date": "2024-03-08"},
    )
    contacts.add_contact(vault, second.id, {"at": "2024-03-02 11:00", "channel": "wechat", "content": "问候"})
    return first, second


def _snapshot(vault):
    with vault.sessions() as s:
        clients = sorted(
            (
                c.name,
                c.customer_no,
                c.id_number,
                c.aum,
                c.notes,
                c.salutation,
                c.cadence_days,
                c.lunar_birthday,
                c.income_band,
                c.tier,
                tuple(p.number for p in c.phones),
                c.last_contact_at,
                c.next_follow_up,
            )
            for c in s.scalars(select(Client))
        )
        held = sorted(
            (h.name, h.code, h.amount, h.start_date, h.maturity_date, h.product_type)
            for h in s.scalars(select(Holding))
        )
        talks = sorted(
            (c.at, c.channel, c.content, c.follow_up_date, c.follow_up_done) for c in s.scalars(select(Contact))
        )
    return clients, held, talks


def test_archive_is_inert_and_round_trips(vault, tmp_path, vault_dir):
    _fill_book(vault)
    path = tmp_path / "archive.xlsx"
    counts = export_archive(vault, path)
    assert counts["客户"] == 2 and counts["持仓"] == 1 and counts["往来记录"] == 2
    book = load_workbook(path)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    names = [c.value for c in book["客户"]["C"]]
    assert '\'=HYPERLINK("x")' in names
    assert book["客户"]["G2"].data_type == "s"  # ID as text
    before = _snapshot(vault)
    other = create_vault(tmp_path / "other", PASSWORD, kdf=FAST_KDF)
    try:
        preview = preview_import(other, path)
        assert preview.is_archive and preview.counts()["contacts"] == 2
        summary = run_import(other, preview)
        assert summary.imported == 2 and summary.contacts == 2 and summary.holdings == 1
        assert _snapshot(other) == before
        # importing again adds no duplicate history
        run_import(other, preview_import(other, path))
        assert _snapshot(other) == before
    finally:
        other.lock()


def test_export_filtered_list(vault, tmp_path):
    _fill_book(vault)
    out = tmp_path / "list.xlsx"
    assert export_list(vault, ClientQuery(text="李四"), out) == 1
    rows = list(load_workbook(out).active.values)
    assert rows[1][1] == "李四" and rows[1][5] == "13700137000"


def test_a_long_check_can_be_cancelled(vault, tmp_path):
    book = Workbook()
    book.active.append(["姓名", "手机号码"])
    for n in range(5000):
        book.active.append([f"客户{n}", f"138{n:08d}"])
    book.save(tmp_path / "long.xlsx")
    seen = []
    with pytest.raises(Cancelled):
        preview_import(
            vault, tmp_path / "long.xlsx", progress=lambda done, total: seen.append((done, total)) or len(seen) < 2
        )
    assert seen[0] == (2000, 5001) and len(seen) == 2
    assert len(preview_import(vault, tmp_path / "long.xlsx").rows) == 5000
