"""normalise_rows checks a cached field's column per block of rows (io/cell_memo): every row of
a long sheet must come out exactly as it does alone (a fresh plan, no cache, one block), with
numbers, flags, dates, blanks, short rows, refusals and tag lists mixed in the same columns and
over several blocks (the caches live across blocks)."""

from __future__ import annotations

import datetime
import random

from rm_desktop.io.header import find_header_row, map_columns
from rm_desktop.io.readers import Sheet
from rm_desktop.io.rows import normalise_rows

HEADER = [
    "客户编号",
    "姓名",
    "性别",
    "出生日期",
    "证件类型",
    "证件号码",
    "手机号码",
    "金融资产",
    "风险等级",
    "标签",
    "备注",
]
ID_MALE_1985 = "110105198503071230"
# Values per column, equal ones of different types side by side (1, 1.0, True; a date and the
# datetime of its midnight), blanks, refusals and values that store nothing.
CHOICES: list[list[object]] = [
    ["C1", "c 2", 3.0, 3, None, "", "C-1/2", "坏号!"],
    ["张三", "张  三", " ", None, 123, "Amy Wang", "李 小 明", "—"],
    ["男", "女", 1, 1.0, True, 2, "M", "x", None, " ", False],
    [datetime.date(1985, 3, 7), datetime.datetime(1985, 3, 7), "1985-03-07", "1985-13-45", 31113.0, 31113, None],
    ["身份证", "居民身份证", "护照", 1, None, "奇怪"],
    [ID_MALE_1985, ID_MALE_1985.lower(), "110105198503071231", 110105850307123, None, "E12345678"],
    ["13800138000", 13800138000.0, "138 0013 8000, 13900139000", "12345", None],
    [52.5, 52, True, "50万", "-1", None, "abc"],
    ["C3", 3, 3.0, True, "平衡型", "R9", None],
    ["高净值，退休", "退休 高净值", None, "", 1, "x" * 41],
    ["备注", None, "=1+2", "'=1+2", 7.0],
]


def _sheet(rows: list[list[object]]) -> Sheet:
    return Sheet("s", False, [["XX支行客户清单"], list(HEADER), *rows])


def _outcome(sheet: Sheet) -> list[tuple[str, dict[str, object], list[str]]]:
    index = find_header_row(sheet.rows)
    return [(r.status, r.values, r.reasons) for r in normalise_rows(sheet, index, map_columns(sheet.rows[index]))]


def test_every_row_of_a_long_sheet_comes_out_as_it_does_alone():
    rng = random.Random(5)
    rows = []
    for _ in range(4500):  # three blocks of the progress step
        row = [rng.choice(choices) for choices in CHOICES]
        rows.append(row[: rng.choice((len(row), len(row), 4, 8))])  # some rows end early
    together = _outcome(_sheet(rows))
    alone = [outcome for row in rows for outcome in _outcome(_sheet([row]))]
    assert together == alone
    statuses = {status for status, _, _ in together}
    assert statuses == {"ok", "rejected"}  # both kinds were compared
    assert any(values.get("tags") for _, values, _ in together)


def test_rows_do_not_share_a_tag_list():
    together = normalise_rows(
        _sheet([["C1", "张三", None, None, None, None, None, None, None, "高净值"]] * 3), 1, map_columns(HEADER)
    )
    together[0].values["tags"].append("changed")
    assert together[1].values["tags"] == ["高净值"]
