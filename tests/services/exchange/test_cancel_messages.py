"""One cancel type (domain.errors.Cancelled), and each operation says what its cancel left as it was."""

from __future__ import annotations

import pytest

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.i18n import set_language
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.exporting import export_archive, export_list
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
