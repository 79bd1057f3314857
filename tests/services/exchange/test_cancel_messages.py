"""One cancel type (domain.errors.Cancelled), and each operation says what its cancel left as it was."""

from __future__ import annotations

import gc
import sys

import pytest

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.i18n import set_language
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.exporting import export_archive, export_list
from rm_desktop.services.exchange.handover import export_handover
from rm_desktop.services.search.query import ClientQuery


def _stop(_done, _total):
    return False


@pytest.fixture
def book(vault):
    create_client(vault, {"name": "张三", "customer_no": "C1"})
    return vault


def test_cancelled_archive_export_says_export_and_writes_nothing(book, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled) as raised:
        export_archive(book, out / "archive.xlsx", progress=_stop)
    assert "导出已取消" in str(raised.value) and "导入" not in str(raised.value)
    assert list(out.iterdir()) == []


def test_a_cancelled_export_discards_its_workbook_cleanly(book, tmp_path, monkeypatch):
    """An unsaved write-only workbook left to the garbage collector raised "I/O operation on
    closed file" from its row generator; the cancelled export closes it first."""
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    for stop_after in (1, 3):
        calls = []

        def stop(done, total, calls=calls, stop_after=stop_after):
            calls.append(done)
            return len(calls) < stop_after

        with pytest.raises(Cancelled):
            export_archive(book, tmp_path / "archive.xlsx", progress=stop)
        gc.collect()
    with pytest.raises(UserError, match="没有可移交的客户"):  # refused after its sheets were written
        export_handover(book, tmp_path / "handover.xlsx", "handover password", client_ids=[999])
    gc.collect()
    assert [u.exc_value for u in unraisable] == []
    assert list(tmp_path.glob("*.xlsx")) == []


def test_cancelled_list_export_says_export(book, tmp_path):
    with pytest.raises(Cancelled, match="导出已取消"):
        export_list(book, ClientQuery(), tmp_path / "list.xlsx", progress=_stop)
    assert not (tmp_path / "list.xlsx").exists()


def test_cancelled_is_a_user_error_with_an_english_message():
    assert issubclass(Cancelled, UserError)
    set_language("en")
    try:
        assert str(Cancelled()) == "cancelled"
        from rm_desktop.domain.errors import export_cancelled, import_cancelled

        assert "export" in str(export_cancelled()) and "import" in str(import_cancelled())
    finally:
        set_language("zh_CN")
