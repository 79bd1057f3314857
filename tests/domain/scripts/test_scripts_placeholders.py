"""Placeholder catalogue, value formatting and build_context."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rm_desktop import i18n
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.scripts.formatting import (
    age_on,
    format_amount,
    format_date_zh,
    format_datetime_zh,
    format_month_day_zh,
)
from rm_desktop.domain.scripts.placeholders import (
    CATALOGUE,
    CLIENT,
    KNOWN_NAMES,
    PLACEHOLDERS,
    PRODUCT,
    SOURCES,
    ClientInfo,
    EventInfo,
    ProductInfo,
    RmInfo,
    build_context,
    missing_by_source,
    normalise_gender,
    rm_values,
    salutation_for,
)
from rm_desktop.domain.scripts.placeholders import RM as RM_SOURCE

TODAY = date(2026, 5, 20)
RM = RmInfo("张敏", "13800138000", "城西支行", "理财经理")


def test_catalogue_has_every_required_field_with_texts():
    required = {
        "姓名",
        "姓",
        "称谓",
        "年龄",
        "生日",
        "产品名称",
        "产品代码",
        "到期日",
        "金额",
        "节日",
        "客户经理",
        "客户经理电话",
        "网点",
        "今天",
        "风险等级",
        "客户等级",
    }
    assert required <= KNOWN_NAMES
    assert len(CATALOGUE) == len(KNOWN_NAMES)  # no duplicate names
    for spec in CATALOGUE:
        assert spec.label_en and spec.description_zh and spec.description_en and spec.example
        assert "{" not in spec.name and "|" not in spec.name


def test_catalogue_labels_follow_language():
    spec = PLACEHOLDERS["称谓"]
    assert spec.label == "称谓"
    i18n.set_language("en")
    try:
        assert spec.label == "Salutation"
        assert spec.description.startswith("The client's custom salutation")
    finally:
        i18n.set_language("zh_CN")


@pytest.mark.parametrize(
    ("name", "gender", "expected"),
    [
        ("王小明", "男", "王先生"),
        ("李华", "女", "李女士"),
        ("欧阳明华", "M", "欧阳先生"),
        ("司马相如", "male", "司马先生"),
        ("诸葛亮", "男", "诸葛先生"),
        ("上官婉儿", "F", "上官女士"),
        ("慕容雪", "female", "慕容女士"),
        ("王小明", None, None),
        ("王小明", "未知", None),
        ("", "男", None),
        ("钟离", "男", "钟先生"),  # a two-character name is surname + given name
    ],
)
def test_generated_salutation(name, gender, expected):
    assert salutation_for(name, gender) == expected


def test_custom_salutation_overrides():
    assert salutation_for("王小明", "男", " 王总 ") == "王总"
    assert salutation_for("王小明", None, "王老师") == "王老师"
    assert salutation_for("王小明", "男", "  ") == "王先生"


def test_normalise_gender():
    assert [normalise_gender(g) for g in ("男", " M ", "Female", "女士", "x", None)] == ["M", "M", "F", "F", None, None]


def test_dates_formatted_chinese_style_without_padding():
    assert format_date_zh(date(2026, 11, 22)) == "2026年11月22日"
    assert format_date_zh(date(2026, 1, 5)) == "2026年1月5日"
    assert format_month_day_zh(date(1980, 3, 8)) == "3月8日"
    assert format_datetime_zh(datetime(2026, 6, 13, 9, 5)) == "2026年6月13日（星期六）09:05"


@pytest.mark.parametrize(
    ("birth", "today", "age"),
    [
        (date(1980, 5, 20), date(2026, 5, 20), 46),
        (date(1980, 5, 21), date(2026, 5, 20), 45),
        (date(2000, 2, 29), date(2025, 2, 28), 24),
        (date(2000, 2, 29), date(2025, 3, 1), 25),
        (date(2000, 2, 29), date(2024, 2, 29), 24),
    ],
)
def test_age_in_full_years(birth, today, age):
    assert age_on(birth, today) == age


@pytest.mark.parametrize(
    ("amount", "unit", "text"),
    [
        (Decimal("500000"), "万元", "50万元"),
        (Decimal("123456"), "万元", "12.35万元"),
        (Decimal("120000"), "万元", "12万元"),
        (Decimal("125000"), "万元", "12.5万元"),
        (Decimal("123450000"), "万元", "12,345万元"),
        (Decimal("500000"), "元", "500,000元"),
        (Decimal("1234.5"), "元", "1,234.50元"),
        (Decimal("0.005"), "元", "0.01元"),
        (30000, "元", "30,000元"),
        (Decimal("1000000"), "万元", "100万元"),
        (Decimal("0"), "万元", "0万元"),
    ],
)
def test_amount_formatting(amount, unit, text):
    assert format_amount(amount, unit) == text


def test_amount_refuses_floats_nan_and_bad_units():
    with pytest.raises(ValidationError) as err:
        format_amount(0.1, "元")
    assert err.value.field == "amount"
    with pytest.raises(ValidationError):
        format_amount(Decimal("NaN"), "元")
    with pytest.raises(ValidationError):
        format_amount(Decimal("1e30"), "万元")
    with pytest.raises(ValidationError) as err:
        format_amount(Decimal(1), "美元")
    assert err.value.field == "amount_unit"


@given(st.decimals(min_value=0, max_value=10**12, places=2))
def test_amount_in_wan_and_yuan_agree(amount):
    wan = Decimal(format_amount(amount, "万元").removesuffix("万元").replace(",", ""))
    yuan = Decimal(format_amount(amount, "元").removesuffix("元").replace(",", ""))
    assert yuan == amount
    assert abs(wan * 10000 - amount) <= 50  # rounded to 0.01万 = 100元


def test_build_context_full():
    client = ClientInfo("欧阳明华", "男", date(1978, 11, 22), None, "C3", "财富客户", Decimal("3200000"))
    product = ProductInfo("稳享90天理财", "WX090", Decimal("500000"), date(2026, 11, 22))
    event = EventInfo("理财沙龙", datetime(2026, 6, 13, 14, 30), "三楼贵宾厅")
    context = build_context(client, RM, product=product, festival="中秋节", event=event, today=TODAY)
    assert context == {
        "姓名": "欧阳明华",
        "姓": "欧阳",
        "称谓": "欧阳先生",
        "年龄": "47",
        "生日": "11月22日",
        "风险等级": "C3",
        "客户等级": "财富客户",
        "金融资产": "320万元",
        "节日": "中秋节",
        "客户经理": "张敏",
        "客户经理电话": "13800138000",
        "网点": "城西支行",
        "客户经理职务": "理财经理",
        "今天": "2026年5月20日",
        "产品名称": "稳享90天理财",
        "产品代码": "WX090",
        "金额": "50万元",
        "到期日": "2026年11月22日",
        "活动名称": "理财沙龙",
        "活动时间": "2026年6月13日（星期六）14:30",
        "活动地点": "三楼贵宾厅",
    }
    assert set(context) == KNOWN_NAMES


def test_build_context_leaves_out_unknown_values_and_uses_unit():
    client = ClientInfo("李华", salutation="李老师")
    product = ProductInfo("定期存款", amount=Decimal("200000"))
    context = build_context(client, RmInfo("张敏"), product=product, today=TODAY, amount_unit="元")
    assert context == {
        "姓名": "李华",
        "姓": "李",
        "称谓": "李老师",
        "客户经理": "张敏",
        "今天": "2026年5月20日",
        "产品名称": "定期存款",
        "金额": "200,000元",
    }


def test_build_context_refuses_bad_unit_even_without_amounts():
    with pytest.raises(ValidationError) as err:
        build_context(ClientInfo("李华"), RM, today=TODAY, amount_unit="千元")
    assert err.value.field == "amount_unit"


def test_every_placeholder_names_where_it_is_filled_in():
    assert {spec.source for spec in CATALOGUE} == set(SOURCES)
    assert [s.name for s in CATALOGUE if s.source == RM_SOURCE] == ["客户经理", "客户经理电话", "网点", "客户经理职务"]
    grouped = missing_by_source(["网点", "称谓", "未知字段", "产品名称", "客户经理"])
    assert grouped == {CLIENT: ["称谓"], PRODUCT: ["产品名称"], RM_SOURCE: ["网点", "客户经理"]}


def test_an_empty_rm_profile_leaves_its_fields_missing():
    context = build_context(ClientInfo("李华"), RmInfo("", None, "  ", None), today=TODAY)
    assert not {"客户经理", "客户经理电话", "网点", "客户经理职务"} & set(context)
    assert rm_values(RmInfo(" 张敏 ", title="理财经理")) == {"客户经理": "张敏", "客户经理职务": "理财经理"}
