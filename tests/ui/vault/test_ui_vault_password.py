"""The 设置 page's password change (issue 13.3): it re-encrypts the database in the background, and
afterwards only the new password opens the vault."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from rm_desktop.security.header import WrongPassword
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.ui.vault.vault_page import VaultPage
from tests.conftest import PASSWORD

NEW = "a new long password"


@pytest.fixture
def page(qtbot: Any, vault: vs.Vault) -> VaultPage:
    page = VaultPage()
    qtbot.addWidget(page)
    page.attach(vault)
    return page


def _answer(monkeypatch: pytest.MonkeyPatch, *texts: str) -> dict[str, list[str]]:
    """The three password prompts answered with ``texts``; the message boxes recorded, by kind."""
    answers = iter(texts)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args, **_kwargs: (next(answers), True))
    shown: dict[str, list[str]] = {"information": [], "warning": []}
    for kind, said in shown.items():
        monkeypatch.setattr(QMessageBox, kind, lambda _parent, _title, text, *_args, said=said: said.append(text))
    return shown


def test_the_password_change_reencrypts_and_retires_the_old_password(qtbot, page, vault, vault_dir, monkeypatch):
    shown = _answer(monkeypatch, PASSWORD, NEW, NEW)
    old_key = bytes(vault.key)
    page.change_password()
    qtbot.waitUntil(lambda: bool(shown["information"] or shown["warning"]), timeout=60_000)
    assert shown["warning"] == [] and "重新加密" in shown["information"][0]
    assert bytes(vault.key) != old_key
    page.detach()
    vault.lock()
    with pytest.raises(WrongPassword):
        vs.unlock(vault_dir, PASSWORD, backup=False)
    vs.unlock(vault_dir, NEW, backup=False).lock()


def test_a_wrong_current_password_is_said_and_changes_nothing(qtbot, page, vault, vault_dir, monkeypatch):
    shown = _answer(monkeypatch, "not the password", NEW, NEW)
    header = (vault_dir / "vault.header").read_bytes()
    page.change_password()
    qtbot.waitUntil(lambda: bool(shown["warning"]), timeout=60_000)
    assert "主密码不正确" in shown["warning"][0] and shown["information"] == []
    assert (vault_dir / "vault.header").read_bytes() == header


def test_new_passwords_that_differ_are_said_before_anything_runs(page, vault, vault_dir, monkeypatch):
    shown = _answer(monkeypatch, PASSWORD, NEW, NEW + "!")
    header = (vault_dir / "vault.header").read_bytes()
    page.change_password()
    assert shown["warning"] == ["两次输入的密码不一致。"]
    assert (vault_dir / "vault.header").read_bytes() == header
