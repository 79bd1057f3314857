"""User text files in the encodings Windows tools write, through the one reader
(rm_desktop/io/text_files.py): the import's --mapping file and template JSON files."""

from __future__ import annotations

import codecs
import json

import pytest
from openpyxl import Workbook

from rm_desktop.domain.errors import UserError
from rm_desktop.io.text_files import decode_user_text, read_user_text

TEXT = '{"columns": {"户名": "name", "资产": "aum"}, "units": {"aum": "万元"}}'
# How each tool saves TEXT on a Chinese Windows.
SAVED_BY = {
    "PowerShell 5.1 Set-Content (ANSI = GBK)": TEXT.encode("gbk"),
    "Out-File -Encoding utf8 (UTF-8 with BOM)": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "Out-File / > (UTF-16 LE with BOM)": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "UTF-16 BE with BOM": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "Notepad (UTF-8)": TEXT.encode("utf-8"),
    "GB18030 beyond GBK": TEXT.replace("户名", "户名䶮").encode("gb18030"),
}
NOT_TEXT = b"\x80\xff\xfe\x00\x81"  # neither UTF-8 nor GB18030


@pytest.mark.parametrize("data", SAVED_BY.values(), ids=SAVED_BY.keys())
def test_decoded_whatever_tool_saved_it(data):
    assert json.loads(decode_user_text(data, "map.json"))["units"] == {"aum": "万元"}


def test_unknown_encoding_and_unreadable_files_are_one_line_errors(tmp_path):
    with pytest.raises(UserError, match="map.json.*编码") as raised:
        decode_user_text(NOT_TEXT, "map.json")
    assert "\n" not in str(raised.value)
    with pytest.raises(UserError, match="无法读取文件"):
        read_user_text(tmp_path / "missing.json")


@pytest.fixture
def cli(run_cli):
    assert run_cli("init")[0] == 0
    return run_cli


def _sheet(path):
    book = Workbook()
    for row in (["户名", "资产"], ["张三", 50], ["李四", 120]):
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("data", SAVED_BY.values(), ids=SAVED_BY.keys())
def test_import_mapping_file_in_any_windows_encoding(cli, tmp_path, data):
    mapping = tmp_path / "map.json"
    mapping.write_bytes(data)
    code, out, err = cli("import", str(_sheet(tmp_path / "list.xlsx")), "--mapping", str(mapping), "--json")
    assert code == 0, err
    assert json.loads(out)["imported"] == 2
    listed = json.loads(cli("client", "list", "--json")[1])
    assert {row["name"]: row["aum"] for row in listed} == {"张三": "500000.00", "李四": "1200000.00"}


def test_import_mapping_file_errors_are_one_line(cli, tmp_path):
    sheet = str(_sheet(tmp_path / "list.xlsx"))
    mapping = tmp_path / "map.json"
    mapping.write_bytes(NOT_TEXT)
    code, _, err = cli("import", sheet, "--mapping", str(mapping))
    assert code == 1 and "map.json" in err and "编码" in err and err.count("\n") == 1
    code, _, err = cli("import", sheet, "--mapping", str(tmp_path / "none.json"))
    assert code == 1 and "none.json" in err and err.count("\n") == 1


TEMPLATES = [{"name": "生日祝福", "category": "回访", "channel": "微信", "body": "{称谓|您好}，生日快乐！"}]


@pytest.mark.parametrize(
    "data",
    [
        json.dumps(TEMPLATES, ensure_ascii=False).encode("gbk"),
        codecs.BOM_UTF8 + json.dumps(TEMPLATES, ensure_ascii=False).encode("utf-8"),
        codecs.BOM_UTF16_LE + json.dumps(TEMPLATES, ensure_ascii=False).encode("utf-16-le"),
    ],
    ids=["gbk", "utf-8-bom", "utf-16-le"],
)
@pytest.mark.parametrize("suffix", [".json", ".txt"])  # JSON by name, or by content
def test_template_json_in_any_windows_encoding(cli, tmp_path, data, suffix):
    path = tmp_path / f"话术{suffix}"
    path.write_bytes(data)
    code, out, err = cli("template", "import", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["added"] == 1
