"""Header detection, column aliases, units in headers and the saved mapping."""

from __future__ import annotations

import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.io.header import (
    ColumnMapping,
    Mapping,
    find_header_row,
    map_columns,
    mapping_for_headers,
    mapping_from_json,
    mapping_to_json,
    normalise_header,
    split_unit,
)

BRANCH_EXPORT = [
    ["XX支行客户清单"],
    ["导出日期：2026-11-01", None, "客户经理：王五"],
    [],
    [
        "序号",
        "客户号",
        "客户姓名",
        "性别",
        "证件类型",
        "证件号码",
        "联系电话",
        "手机号码",
        "金融资产\n（万元）",
        "风险评级",
        "备注",
    ],
    [1, "C001", "张三", "男", "身份证", "110105198503071230", "010-12345678", "13800138000", 52.5, "C3", ""],
]


def test_header_found_below_title_and_date_rows():
    assert find_header_row(BRANCH_EXPORT) == 3


def test_columns_mapped_by_alias_with_unit_from_header():
    mapping = map_columns(BRANCH_EXPORT[3])
    assert mapping.columns == {
        "customer_no": 1,
        "name": 2,
        "gender": 3,
        "id_type": 4,
        "id_number": 5,
        # 手机号码 outranks 联系电话 although it comes later.
        "phone": 7,
        "aum": 8,
        "risk_grade": 9,
        "notes": 10,
    }
    assert mapping.units == {"aum": "万元"}
    assert mapping.unit("aum") == "万元"


@pytest.mark.parametrize(
    "header, field",
    [
        ("Customer No", "customer_no"),
        ("customer_no", "customer_no"),
        ("客户编码", "customer_no"),
        ("姓 名", "name"),
        ("Name", "name"),
        ("客户名称", "name"),
        ("出生日期", "birth_date"),
        ("Birthday", "birth_date"),
        ("身份证号码", "id_number"),
        ("ID number", "id_number"),
        ("*证件号码", "id_number"),
        ("手机", "phone"),
        ("Mobile", "phone"),
        ("联系电话", "phone"),
        ("联系地址", "address"),
        ("职业", "occupation"),
        ("工作单位", "employer"),
        ("单位", "employer"),
        ("风险承受能力", "risk_grade"),
        ("AUM", "aum"),
        ("日均资产", "aum"),
        ("标签", "tags"),
    ],
)
def test_aliases(header, field):
    assert map_columns(["x", header]).columns == {field: 1}


@pytest.mark.parametrize(
    "header, unit",
    [
        ("金融资产(万元)", "万元"),
        ("金融资产（万元）", "万元"),
        ("资产余额(元)", "元"),
        ("金融资产(万)", "万元"),
        ("金融资产（单位：万元）", "万元"),
        ("金融资产/万元", "万元"),
        ("AUM (CNY)", "元"),
        ("金融资产", "元"),
    ],
)
def test_units_in_amount_headers(header, unit):
    mapping = map_columns([header, "姓名"])
    assert mapping.columns["aum"] == 0
    assert mapping.unit("aum") == unit


def test_normalisation_and_unit_split():
    assert normalise_header(" 金融资产\n（万元） ") == "金融资产(万元)"
    assert normalise_header("ＩＤ　Ｎｕｍｂｅｒ") == "idnumber"
    assert split_unit("金融资产(万元)") == ("金融资产", "万元")
    assert split_unit("地址(家庭)") == ("地址", None)
    assert split_unit("万元") == ("万元", None)


def test_no_header_is_a_clear_error():
    with pytest.raises(UserError, match="表头"):
        find_header_row([["XX支行客户清单"], ["姓名"], ["张三"]])


def test_header_beyond_the_scan_window_is_not_found():
    rows = [["说明"]] * 30 + [["姓名", "手机"]]
    with pytest.raises(UserError):
        find_header_row(rows)
    assert find_header_row(rows, max_rows=31) == 30


def test_saved_mapping_wins_and_round_trips_through_json():
    header = ["户主", "电话A", "资产", "备注"]
    auto = map_columns(header)
    assert auto.columns == {"aum": 2, "notes": 3}
    adjusted = ColumnMapping(columns={"name": 0, "phone": 1, "aum": 2}, units={"aum": "万元"})
    saved = mapping_from_json(mapping_to_json(mapping_for_headers(header, adjusted)))
    assert saved == Mapping(
        columns={"户主": "name", "电话a": "phone", "资产": "aum", "备注": ""}, units={"aum": "万元"}
    )
    # The next file with the same headers (in another order) maps the same way.
    again = map_columns(["备注", "资产", "户主", "电话A", "证件号码"], saved)
    assert again.columns == {"aum": 1, "name": 2, "phone": 3, "id_number": 4}
    assert again.units == {"aum": "万元"}


def test_saved_unit_never_overrides_a_unit_written_in_the_header():
    saved = Mapping(columns={}, units={"aum": "万元"})
    assert map_columns(["姓名", "资产余额(元)"], saved).unit("aum") == "元"
    assert map_columns(["姓名", "资产余额"], saved).unit("aum") == "万元"


@pytest.mark.parametrize(
    "text, message",
    [
        ("not json", "JSON"),
        ('{"columns": {"姓名": "nickname"}, "units": {}}', "nickname"),
        ('{"columns": {}, "units": {"aum": "美元"}}', "美元"),
        ('{"units": {}}', "columns"),
    ],
)
def test_invalid_saved_mappings_are_refused(text, message):
    with pytest.raises(UserError, match=message):
        mapping_from_json(text)
