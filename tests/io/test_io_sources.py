"""Import sources that are not regular files, and CSV text past its limits (issue 13.15): each
is one clear refusal before anything is read, never a hang, a stream of /dev/zero or a csv
traceback."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.io import limits
from rm_desktop.io.csv_text import decode_text, read_csv_rows
from rm_desktop.io.readers import read_workbook
from rm_desktop.io.text_files import read_user_text


def _sources(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    found = {"/dev/zero": Path("/dev/zero"), "fifo": fifo, "folder": folder}
    for name, target in list(found.items()):
        link = tmp_path / f"link-to-{name.strip('/').replace('/', '-')}.csv"
        link.symlink_to(target)
        found[f"link to {name}"] = link
    return found


def _refusals(read: Callable[[Path], object], paths: dict[str, Path]) -> dict[str, str]:
    """The message each read ends in, in a thread so that a blocking open fails the test."""
    messages: dict[str, str] = {}

    def run() -> None:
        for name, path in paths.items():
            try:
                read(path)
                messages[name] = "read"
            except UserError as exc:
                messages[name] = str(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(30)  # a FIFO opened for reading blocks until a writer comes; /dev/zero never ends
    return messages


@pytest.mark.parametrize("read", [read_workbook, read_user_text], ids=["import", "mapping/template text"])
def test_devices_fifos_folders_and_links_to_them_are_refused_before_reading(tmp_path, read):
    paths = _sources(tmp_path)
    messages = _refusals(read, paths)
    assert set(messages) == set(paths), f"still reading: {set(paths) - set(messages)}"
    for name, message in messages.items():
        expected = "文件夹" if "folder" in name else "不是普通文件"
        assert expected in message and "\n" not in message, (name, message)


def test_a_regular_file_through_a_link_is_read(tmp_path):
    real = tmp_path / "list.csv"
    real.write_text("姓名,电话\n张三,13800138000\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert read_workbook(link).sheets[0].rows == [["姓名", "电话"], ["张三", "13800138000"]]


def _refused(data: bytes, pattern: str) -> None:
    with pytest.raises(UserError, match=pattern) as raised:
        read_csv_rows(data, "list.csv")
    assert "\n" not in str(raised.value) and "list.csv" in str(raised.value)


@pytest.mark.parametrize("quoted", [False, True], ids=["bare", "quoted"])
def test_a_field_over_128_kb_is_named_not_a_csv_error(quoted):
    big = "甲" * (limits.MAX_FIELD_CHARS + 1)
    cell = f'"{big}"' if quoted else big
    _refused(f"姓名,备注\n张三,{cell}\n".encode(), "第 2 行附近.*128 KB")


def test_a_field_at_the_limit_is_read():
    cell = "a" * limits.MAX_FIELD_CHARS
    assert read_csv_rows(f"name,note\nx,{cell}\n".encode(), "list.csv")[1] == ["x", cell]


def test_200_thousand_columns_are_refused_by_their_count():
    header = ",".join(f"c{i}" for i in range(200_000))
    _refused(f"{header}\n1,2\n".encode(), "第 1 行有 200,000 列")


def test_a_row_at_the_column_limit_is_read():
    header = ",".join(f"c{i}" for i in range(limits.MAX_COLUMNS))
    assert len(read_csv_rows(f"{header}\n".encode(), "list.csv")[0]) == limits.MAX_COLUMNS


MIXED_HEAD = "姓名,电话,地址\n张三,13800138000,北京市\n".encode()


def test_utf8_rows_followed_by_gbk_rows_are_called_mixed():
    _refused(MIXED_HEAD + "李四,13900139000,上海市\n".encode("gbk"), "混用了多种编码（第 1 行是 UTF-8，第 3 行不是）")


def test_one_encoding_files_are_not_called_mixed():
    text = "姓名,电话\n张三,13800138000\n业,10010\n"  # 业 in GBK (D2 B5) passes as UTF-8 (ҵ)
    assert "业,10010".encode("gbk").decode("utf-8") == "ҵ,10010"
    assert decode_text(text.encode("gbk"), "cn.csv") == text
    assert decode_text(text.encode("utf-8"), "cn.csv") == text
