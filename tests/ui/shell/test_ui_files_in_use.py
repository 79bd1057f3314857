"""Files another program holds open, in the GUI (tests/held_open.py): an export over a workbook
Excel shows says so (not "出现意外错误：PermissionError"); a restore that cannot
put the database in place says why on the lock screen, and the vault opens with its old data."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.storage import atomic
from rm_desktop.storage.models import Client
from rm_desktop.ui.exchange.exchange_page import ExchangePage
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from tests.conftest import PASSWORD
from tests.held_open import HeldOpen, fail_writing


@pytest.fixture(autouse=True)
def no_retry_waits(monkeypatch):
    monkeypatch.setattr(atomic, "retry_sleep", lambda _seconds: None)


def test_an_export_over_a_workbook_open_in_excel_says_so(qtbot, vault, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "客户档案.xlsx"
    target.write_bytes(b"open in Excel")
    HeldOpen(monkeypatch, target)
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    page.export_archive_to(str(target), "Archive pass 2026")
    qtbot.waitUntil(lambda: bool(page.last_result), timeout=5000)
    assert page.last_result == f"文件正被其他程序打开（如 Excel/WPS），请关闭后重试：{target}"
    assert target.read_bytes() == b"open in Excel" and [p.name for p in target.parent.iterdir()] == [target.name]
    page.detach()


def test_a_restore_that_fails_says_why_and_the_vault_keeps_its_data(qtbot, vault, vault_dir):
    with vault.sessions.begin() as s:
        s.add(Client(name="张三"))
    snapshot = vs.backup_now(vault)
    with vault.sessions.begin() as s:
        s.add(Client(name="李四"))
    vault.lock()
    window = MainWindow(VaultSession(vault_dir))
    qtbot.addWidget(window)
    window.show()
    window.session.unlock(PASSWORD, False)

    with pytest.MonkeyPatch.context() as patch:
        fail_writing(patch, vault_dir / "vault.db")  # the restored database cannot be put in place
        window.vault_page.restore_requested.emit(str(snapshot), "")  # the confirmation found the current key opens it
    error = window.unlock_page.error
    assert error.isVisible() and "恢复未完成，档案库保持原样" in error.text()
    assert window.session.vault is None

    window._unlock(PASSWORD, False)
    qtbot.waitUntil(lambda: window.session.vault is not None, timeout=5000)
    with window.session.vault.sessions() as s:
        assert sorted(s.scalars(select(Client.name))) == ["张三", "李四"]
    window.session.lock()
