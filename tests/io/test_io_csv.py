"""CSV text: encodings branch systems use, delimiter sniffing, refusals."""

from __future__ import annotations

import codecs
import csv
import io

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rm_desktop.domain.errors import UserError
from rm_desktop.io.csv_text import DELIMITERS, decode_text, latin_utf8_reading, read_csv_rows, sniff_delimiter

TEXT = "客户姓名,证件号码,手机号码\n张三,110105198503071230,13800138000\n欧阳娜娜,440301199006150022,13912345678\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM, as Excel's "Unicode text"
    ],
)
def test_decodes_what_branch_systems_write(encoded):
    assert decode_text(encoded, "list.csv") == TEXT


def test_gb18030_only_characters_survive():
    # 𠮷 (outside GBK) and a rare surname character: GB18030 covers both.
    text = "姓名\n𠮷野\n䶮\n"
    assert decode_text(text.encode("gb18030"), "x.csv") == text


def test_bytes_valid_in_no_candidate_encoding_are_refused():
    # GBK with a stray 0xFF: strict UTF-8 and GB18030 fail, and the restricted detector finds
    # nothing it trusts; guessing further would store garbled names.
    data = TEXT.encode("gbk")
    with pytest.raises(UserError, match="stray.csv.*编码"):
        decode_text(data[:40] + b"\xff" + data[40:], "stray.csv")


def test_binary_content_is_not_text():
    with pytest.raises(UserError, match="bin.csv"):
        decode_text(b"\x00\x01\x02\x03" * 10, "bin.csv")


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "，"])
def test_delimiter_is_sniffed_below_a_title_line(delimiter):
    lines = [
        "XX支行客户清单",
        f"姓名{delimiter}手机{delimiter}备注",
        f"张三{delimiter}13800138000{delimiter}老客户",
        f"李四{delimiter}13912345678{delimiter}",
    ]
    text = "\n".join(lines) + "\n"
    assert sniff_delimiter(text) == delimiter
    rows = read_csv_rows(text.encode("gb18030"), "x.csv")
    assert rows == [
        ["XX支行客户清单"],
        ["姓名", "手机", "备注"],
        ["张三", "13800138000", "老客户"],
        ["李四", "13912345678"],
    ]


def test_quoted_fields_keep_commas_and_newlines():
    text = '姓名,地址\n张三,"北京市朝阳区, 某某路1号\n3单元"\n'
    assert read_csv_rows(text.encode("utf-8"), "q.csv") == [
        ["姓名", "地址"],
        ["张三", "北京市朝阳区, 某某路1号\n3单元"],
    ]


def test_comma_inside_numbers_does_not_win_over_tabs():
    text = "姓名\t资产\n张三\t1,234,567.00\n李四\t2,000.00\n"
    assert sniff_delimiter(text) == "\t"


def test_empty_cells_are_none_and_trailing_ones_dropped():
    assert read_csv_rows(b"a,,c,,\n,,\n", "e.csv") == [["a", None, "c"], []]


def test_carriage_return_line_ends():
    assert read_csv_rows(b"a,b\rc,d\r", "mac.csv") == [["a", "b"], ["c", "d"]]


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


# What a mainland list holds: ASCII and GB2312 hanzi. Text made mostly of rare characters or
# pinyin tone letters is, by design, suspected to be Big5 when its bytes are valid Big5 too
# (decode_text's heuristic, tested on its own above), so it is not part of this property.
_GB2312_HANZI = "".join(chr(c) for c in range(0x4E00, 0xA000) if _encodes(chr(c), "gb2312"))


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_round_trip_whatever_the_cells_hold(delimiter, data):
    """Written by the csv module in GB18030 and read back exactly; cells may hold quotes,
    newlines and the delimiter itself, but not the other candidate delimiters (then the
    sniffing is ambiguous by nature)."""
    others = "".join(d for d in DELIMITERS if d != delimiter)
    ascii_char = st.characters(
        codec="ascii", exclude_categories=("Cc",), exclude_characters=others + "\r\n\x0b\x0c\x1c\x1d\x1e"
    )
    cell = st.text(alphabet=st.one_of(ascii_char, st.sampled_from(_GB2312_HANZI)), min_size=1, max_size=8).filter(
        lambda s: s.strip() == s and s
    )
    width = data.draw(st.integers(2, 4))
    table = data.draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=2, max_size=6))
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(table)
    data_bytes = buf.getvalue().encode("gb18030")
    # GBK bytes that are also UTF-8 Latin letters (录 is C2 BC, UTF-8 for ¼; 仟 reads as Ǫ) are
    # ambiguous by nature and read as UTF-8 by design; other two-byte UTF-8 readings are not.
    assume(not latin_utf8_reading(data_bytes))
    assert read_csv_rows(data_bytes, "p.csv") == table


@pytest.mark.parametrize("hanzi", ["业", "瞬", "业务"])
def test_gbk_that_is_also_valid_utf8_reads_as_gbk(hanzi):
    """业 is D2 B5 in GBK, which UTF-8 reads as the Cyrillic ҵ; 瞬 would be the modifier ˲."""
    tiny = f"a,b\r\n0,{hanzi}\r\n".encode("gbk")
    assert read_csv_rows(tiny, "p.csv")[-1] == ["0", hanzi]


def test_a_line_of_a_million_delimiters_is_refused_before_parsing(monkeypatch):
    from rm_desktop.io import limits

    monkeypatch.setattr(limits, "MAX_CELLS", 1000)
    with pytest.raises(UserError, match="wide.csv.*表格过大"):
        read_csv_rows(b"a,b\n" + b"," * 5000 + b"\n", "wide.csv")


def test_big5_from_a_taiwan_colleague_is_not_read_as_gb18030():
    # These bytes also decode as GB18030, into kana and rare characters (陳大文 → め﹎).
    text = "客戶姓名,手機號碼,地址\n陳大文,0912345678,臺北市中正區重慶南路一段122號\n林美玲,0922333444,新北市板橋區文化路\n"
    assert decode_text(text.encode("big5"), "tw.csv") == text


def test_simplified_text_with_a_rare_name_stays_gb18030():
    text = "姓名,电话\n张三,13800138000\n李四,13900139000\n王小明,13700137000\n欧阳娜娜,13600136000\n喆龑,13500135000\n"
    assert decode_text(text.encode("gb18030"), "cn.csv") == text
