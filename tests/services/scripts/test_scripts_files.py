"""Scripts in files: the SMS-platform xlsx (no formulas, phones as text), templates as JSON and
xlsx (round trip, bad rows named by row and field, nothing stored on a bad file)."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.scripts.model import ScriptTemplate
from rm_desktop.io.xlsx_safe import write_rows
from rm_desktop.services.clients import files as clients
from rm_desktop.services.scripts import library as scripts
from rm_desktop.services.scripts import render as script_render
from rm_desktop.services.scripts import share as script_share
from tests.services.consent.given import consent_to_all

TODAY = dt.date(2026, 11, 20)


def _sheet_cells(data: bytes):
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [[(cell.value, cell.data_type) for cell in row] for row in book.worksheets[0].iter_rows()]


def test_bulk_xlsx_has_headers_text_phones_and_no_formulas(vault, tmp_path):
    client = clients.create_client(vault, {"name": '=HYPERLINK("x")', "phone": "13800138000", "customer_no": "0012"})
    consent_to_all(vault, [client.id])
    template = scripts.create_template(
        vault, {"name": "t", "category": "festival", "channel": "sms", "body": "{姓名}您好" + "祝" * 80}
    )
    rows = script_render.bulk_render(vault, template.id, [client.id], today=TODAY)
    path = script_share.export_bulk_xlsx(rows, tmp_path / "短信.xlsx")
    cells = _sheet_cells(path.read_bytes())
    assert [value for value, _ in cells[0]] == ["客户号", "姓名", "手机", "短信内容", "条数"]
    (no, no_type), (name, name_type), (phone, phone_type), (text, text_type), (count, _) = cells[1]
    assert (no, no_type) == ("0012", "s") and (phone, phone_type) == ("13800138000", "s")
    assert name == '\'=HYPERLINK("x")' and name_type == "s"  # inert text, not a formula
    assert text_type == "s" and text.endswith("祝") and count == 2
    assert all(dtype != "f" for row in cells for _, dtype in row)


def test_templates_json_round_trip(vault, tmp_path):
    scripts.ensure_builtins(vault)
    mine = scripts.create_template(
        vault, {"name": "我的", "category": "maturity", "channel": "wechat", "body": "{称谓|您好}，{{重要}}\n第二行"}
    )
    path = script_share.export_templates(vault, tmp_path / "话术.json", ids=[mine.id])
    assert json.loads(path.read_text(encoding="utf-8")) == [
        {"name": "我的", "category": "maturity", "channel": "wechat", "body": "{称谓|您好}，{{重要}}\n第二行"}
    ]
    # Same content again: skipped; same name with other content: renamed.
    assert script_share.import_templates_file(vault, path).skipped == 1
    path.write_text(path.read_text(encoding="utf-8").replace("第二行", "改了"), encoding="utf-8")
    result = script_share.import_templates_file(vault, path)
    assert (result.added, result.renamed) == (1, ("我的 (2)",))
    assert scripts.find_template(vault, "我的 (2)").body.endswith("改了")


def test_templates_xlsx_round_trip(vault, tmp_path):
    scripts.ensure_builtins(vault)
    scripts.create_template(
        vault, {"name": "-减号开头", "category": "complaint", "channel": "phone", "body": "-先道歉\n+再解决 {称谓|}"}
    )
    path = script_share.export_templates(vault, tmp_path / "话术.xlsx")
    exported = {(r.name, r.category, r.channel, r.body) for r in scripts.list_templates(vault)}
    read = script_share.read_templates_file(path)
    assert {(t.name, t.category, t.channel, t.body) for t in read} == exported
    assert all(dtype != "f" for row in _sheet_cells(path.read_bytes()) for _, dtype in row)
    assert script_share.import_templates_file(vault, path).added == 0  # everything already there


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("s")
    write_rows(sheet, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_chinese_headers_and_blank_lines(tmp_path):
    data = _xlsx(
        [
            ["话术库"],
            ["名称", "分类", "渠道", "正文"],
            ["a", "生日祝福", "短信", "{姓名}好"],
            [],
            ["b", "回访", "电话", "您好"],
        ]
    )
    assert script_share.templates_from_xlsx(data, "x.xlsx") == [
        ScriptTemplate("a", "birthday", "sms", "{姓名}好"),
        ScriptTemplate("b", "follow_up", "phone", "您好"),
    ]


def test_bad_xlsx_row_names_row_and_field_and_stores_nothing(vault, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(
        _xlsx([["name", "category", "channel", "body"], ["a", "birthday", "sms", "x"], ["b", "生日祝福", "传真", "y"]])
    )
    before = len(scripts.list_templates(vault))
    with pytest.raises(ValidationError) as info:
        script_share.import_templates_file(vault, path)
    assert (info.value.field, info.value.row) == ("channel", 3) and "第3行" in str(info.value)
    assert len(scripts.list_templates(vault)) == before


def test_bad_json_item_names_index_and_field(vault, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            [
                {"name": "a", "category": "birthday", "channel": "sms", "body": "x"},
                {"name": "b", "category": "birthday", "channel": "sms"},
            ]
        ),
        encoding="utf-8",
    )
    before = len(scripts.list_templates(vault))
    with pytest.raises(ValidationError) as info:
        script_share.import_templates_file(vault, path)
    assert (info.value.field, info.value.row) == ("body", 2)
    assert len(scripts.list_templates(vault)) == before


def test_xlsx_without_header_is_refused():
    with pytest.raises(ValidationError, match="表头"):
        script_share.templates_from_xlsx(_xlsx([["a", "b"], ["c", "d"]]), "x.xlsx")


def test_imported_problem_bodies_become_drafts(vault):
    result = script_share.import_templates(vault, [ScriptTemplate("草稿", "birthday", "sms", "{新字段}")])
    assert result.added == 1 and scripts.find_template(vault, "草稿").is_draft
