"""normalise_rows: statuses, reasons naming the field, dates, amounts, and never a wrong value."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils.datetime import from_excel

from rm_desktop.domain.client_fields import parse_name, parse_tags
from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import set_language
from rm_desktop.io.cells import excel_serial_to_date, parse_date
from rm_desktop.io.header import find_header_row, map_columns
from rm_desktop.io.readers import Sheet
from rm_desktop.io.rows import OK, REJECTED, SKIPPED, normalise_rows

HEADER = [
    "客户编号",
    "姓名",
    "性别",
    "出生日期",
    "证件类型",
    "证件号码",
    "手机号码",
    "金融资产(万元)",
    "风险等级",
    "标签",
    "备注",
]
ID_MALE_1985 = "110105198503071230"
ID_FEMALE_1990 = "440301199006150022"


def run(*rows, header=HEADER, title_rows=(("XX支行客户清单",), ("导出日期：2026-11-01",)), date1904=False):
    sheet = Sheet("s", False, [list(r) for r in title_rows] + [list(header)] + [list(r) for r in rows], date1904)
    index = find_header_row(sheet.rows)
    return normalise_rows(sheet, index, map_columns(sheet.rows[index]))


def test_a_clean_row():
    [row] = run(
        [
            "C001",
            " 张  三 ",
            "男",
            31113.0,
            "居民身份证",
            ID_MALE_1985.lower(),
            13800138000.0,
            52.5,
            "平衡型",
            "高净值，退休、 老客户",
            "'=1+2",
        ]
    )
    assert row.status == OK and row.reasons == []
    assert row.row_number == 4  # two title rows and the header above it
    assert row.values == {
        "customer_no": "C001",
        "name": "张三",
        "gender": "男",
        "birth_date": datetime.date(1985, 3, 7),
        "id_type": "resident_id",  # the code the form stores
        "id_number": ID_MALE_1985,
        "phone": "13800138000",
        "aum": Decimal("525000.00"),
        "risk_grade": "C3",
        "tags": ["高净值", "退休", "老客户"],
        "notes": "=1+2",  # our export's escape is undone
    }


def test_numeric_18_digit_id_is_rejected_never_stored():
    [row] = run(["C002", "李四", None, None, None, 1.1010519850307123e17, "13800138000"])
    assert row.status == REJECTED
    assert "id_number" not in row.values
    assert len(row.reasons) == 1 and row.reasons[0].startswith("证件号码：")
    assert "丢失" in row.reasons[0]


def test_id_mangled_by_excel_into_scientific_text_is_rejected():
    [row] = run([None, "李四", None, None, None, "1.10105E+17"])
    assert row.status == REJECTED and "丢失" in row.reasons[0]


def test_a_name_without_letters_is_a_shifted_column():
    [row] = run([None, "12", None, None, None, ID_MALE_1985])
    assert row.status == REJECTED
    assert row.reasons == ["姓名：“12”不是姓名（没有文字）"]


def test_birth_date_and_gender_come_from_the_id_when_missing():
    [row] = run([None, "王芳", None, None, None, ID_FEMALE_1990])
    assert row.status == OK
    assert row.values["gender"] == "女"
    assert row.values["birth_date"] == datetime.date(1990, 6, 15)


def test_contradicting_gender_or_birth_date_rejects_the_row():
    [gender, birth] = run(
        [None, "王芳", "男", None, None, ID_FEMALE_1990], [None, "王芳", None, "1990-06-16", None, ID_FEMALE_1990]
    )
    assert gender.status == birth.status == REJECTED
    # Reported on the field the row gives, as the form does; the message names both values.
    assert gender.reasons == ["性别：性别“男”与身份证号显示的“女”不一致"]
    assert "1990-06-16" in birth.reasons[0]


def test_passport_numbers_are_not_checked_as_resident_ids():
    [row] = run([None, "John Smith", None, None, "护照", " e1234567 "])
    assert row.status == OK
    assert row.values["id_number"] == "E1234567"
    assert row.values["name"] == "John Smith"


def test_every_bad_field_is_reported_with_its_name():
    set_language("en")
    [row] = run(["C9", "赵六", "X", "1985-02-30", None, "110105198503071231", "12345", "abc", "C9", None, None])
    assert row.status == REJECTED
    fields = [reason.split(":")[0] for reason in row.reasons]
    assert fields == ["gender", "birth date", "phone", "financial assets", "risk grade", "ID number"]


def test_missing_name_rejects():
    [row] = run(["C010", None, None, None, None, None, "13800138000"])
    assert row.status == REJECTED
    assert row.reasons == ["姓名：不能为空"]


def test_empty_rows_vanish_and_footer_lines_are_skipped():
    results = run(
        ["C1", "甲", None, None, None, ID_MALE_1985],
        [None, None, "  ", None],
        ["合计", None, None, None, None, None, None, 52.5],
        ["制表人：王五", None, None, "审核：赵六"],
        [None, "打印日期: 2026-11-01"],
        HEADER,
    )  # a header repeated on every printed page
    assert [r.status for r in results] == [OK, SKIPPED, SKIPPED, SKIPPED, SKIPPED]
    assert [r.row_number for r in results] == [4, 6, 7, 8, 9]
    assert "合计" in results[1].reasons[0] and "表头" in results[4].reasons[0]


def test_rows_with_nothing_in_mapped_columns_are_skipped():
    results = run(
        ["C1", "甲"], ["", None, None, None, None, None, None, None, None, None, None, None, "注"], header=HEADER
    )
    assert [r.status for r in results] == [OK, SKIPPED]


def test_amount_unit_follows_the_header():
    header = ["姓名", "资产余额(元)"]
    [a, b] = run(["甲", "1,234.5"], ["乙", "12万元"], header=header, title_rows=())
    assert a.values["aum"] == Decimal("1234.50")
    assert b.values["aum"] == Decimal("120000.00")


def test_customer_numbers_that_lost_digits_are_rejected():
    [ok, bad] = run(["甲", 12345.0], ["乙", 1.2345678901234567e19], header=["姓名", "客户号"], title_rows=())
    assert ok.values["customer_no"] == "12345"
    assert bad.status == REJECTED and bad.reasons[0].startswith("客户编号：")


def test_names_and_tags():
    assert parse_name("张  三", "name") == "张三"
    assert parse_name(" 欧阳\u3000娜娜\u200b ", "name") == "欧阳娜娜"
    assert parse_name("John   Smith", "name") == "John Smith"
    assert parse_name("阿依古丽·买买提", "name") == "阿依古丽·买买提"
    assert parse_tags("高净值, 退休；老客户;高净值 、VIP", "tags") == ["高净值", "退休", "老客户", "VIP"]


# ------------------------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "raw",
    [
        "1985/03/07",
        "1985-3-7",
        "19850307",
        19850307,
        19850307.0,
        "1985年3月7日",
        "1985.03.07",
        "1985-03-07 00:00:00",
        "１９８５－０３－０７",
        " 1985 年 3 月 7 日 ",
        31113.0,
        31113,
        datetime.datetime(1985, 3, 7, 8, 30),
        datetime.date(1985, 3, 7),
    ],
)
def test_date_forms(raw):
    assert parse_date(raw) == datetime.date(1985, 3, 7)


@pytest.mark.parametrize(
    "raw",
    ["07/03/1985", "85-3-7", "1985-02-30", "昨天", 0, -5, 60, True, float("nan"), datetime.time(8, 30), "1985年3月"],
)
def test_bad_dates_are_refused(raw):
    with pytest.raises(ValidationError) as info:
        parse_date(raw)
    assert info.value.field == "birth_date"


def test_excel_1900_leap_bug_and_1904_system():
    assert excel_serial_to_date(59) == datetime.date(1900, 2, 28)
    assert excel_serial_to_date(61) == datetime.date(1900, 3, 1)
    assert excel_serial_to_date(31113, date1904=True) == datetime.date(1989, 3, 8)
    [row] = run(["甲", 29651.0], header=["姓名", "出生日期"], title_rows=(), date1904=True)
    assert row.values["birth_date"] == datetime.date(1985, 3, 7)


def test_future_and_ancient_birth_dates_are_refused():
    [future, ancient] = run(["甲", "2999-01-01"], ["乙", "1899-12-31"], header=["姓名", "生日"], title_rows=())
    assert future.status == ancient.status == REJECTED
    assert future.reasons[0].startswith("出生日期：")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=61, max_value=2958465))
def test_serials_agree_with_openpyxl(serial):
    assert excel_serial_to_date(serial) == from_excel(serial).date()


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=datetime.date(1000, 1, 1)),
    st.sampled_from(["{y}-{m}-{d}", "{y}/{m:02d}/{d:02d}", "{y}{m:02d}{d:02d}", "{y}年{m}月{d}日", "{y}.{m}.{d}"]),
)
def test_text_dates_round_trip(day, pattern):
    text = pattern.format(y=day.year, m=day.month, d=day.day)
    assert parse_date(text) == day


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.none(),
        st.text(max_size=20),
        st.floats(),
        st.integers(),
        st.booleans(),
        st.datetimes(),
        st.dates(),
        st.times(),
        st.timedeltas(),
    )
)
def test_date_parser_only_ever_raises_validation_errors(raw):
    try:
        result = parse_date(raw)
    except ValidationError:
        return
    assert isinstance(result, datetime.date)


CELLS = st.one_of(
    st.none(),
    st.text(max_size=25),
    st.floats(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.timedeltas(),
    st.sampled_from(["", " ", "合计", ID_MALE_1985, "13800138000", "C3", "男", "52.5万", "1985-03-07"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELLS, max_size=len(HEADER) + 2), max_size=6))
def test_rows_never_raise_whatever_the_cells_are(rows):
    results = run(*rows)
    for result in results:
        assert result.status in (OK, REJECTED, SKIPPED)
        assert (result.status == REJECTED) == bool(result.reasons) or result.status == SKIPPED
        if result.status == OK:
            assert result.values.get("name")


def test_memoised_rows_match_single_rows():
    # Repeated cells share one check, yet each row gets its own values and its own refusals.
    header = ["姓名", "手机号码", "性别", "标签"]
    rows = [
        header,
        ["张三", "13800138000", "男", "甲，乙"],
        ["李四", "13800138123", "男", "甲，乙"],
        ["王五", "13800138", "男", "甲，乙"],
        ["赵六", "12345678901", "X", "丙"],
        ["孙七", " 13800138456 ", "女", "丙"],
    ]
    results = run(*rows[1:], header=header)
    singles = [run(row, header=header)[0] for row in rows[1:]]
    assert [(r.status, r.values, r.reasons) for r in results] == [(r.status, r.values, r.reasons) for r in singles]
    assert results[0].values["tags"] is not results[1].values["tags"]
    assert [r.status for r in results] == ["ok", "ok", "rejected", "rejected", "ok"]
    assert results[4].values["phone"] == "13800138456"
