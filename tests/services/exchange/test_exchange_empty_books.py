"""An import says what is wrong with a workbook that has nothing to import (issue 14.16): an
empty workbook is empty, not a call to "choose a hidden sheet"; only data in hidden sheets names
those sheets."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from rm_desktop.domain.errors import UserError
from rm_desktop.services.exchange.importing import preview_import


def _save(book: Workbook, path):
    book.save(path)
    return path


def test_an_empty_workbook_says_it_is_empty(vault, tmp_path):
    book = Workbook()
    book.worksheets[0]["B3"] = "   "  # a blank typed into a cell is still nothing to import
    book.create_sheet("空白").sheet_state = "hidden"
    with pytest.raises(UserError, match="“empty.xlsx”是空的") as refused:
        preview_import(vault, _save(book, tmp_path / "empty.xlsx"))
    assert "隐藏" not in str(refused.value)


def test_data_only_in_a_hidden_sheet_names_it(vault, tmp_path):
    book = Workbook()
    hidden = book.create_sheet("名单")
    hidden.append(["姓名", "手机号码"])
    hidden.append(["张三", "13800138000"])
    hidden.sheet_state = "hidden"
    with pytest.raises(UserError, match="只有隐藏的工作表有内容（名单）"):
        preview_import(vault, _save(book, tmp_path / "hidden.xlsx"))
    assert preview_import(vault, tmp_path / "hidden.xlsx", sheet="名单").rows[0].result.values["name"] == "张三"
