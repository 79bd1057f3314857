"""Shared fixtures: an in-memory keyring, fast KDF parameters, a temporary encrypted vault, and
no real modal dialogs (a message box or file dialog nobody answers would hang the run)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("RM_DESKTOP_LANG", "zh_CN")

import keyring
import pytest
from keyring.backend import KeyringBackend

from rm_desktop.i18n import set_language
from rm_desktop.security.header import KdfParams

# Tests wrap keys with a cheap Argon2id; the real default costs ~0.2 s per unlock.
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASSWORD = "correct horse 42"


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def keep_the_test_process_core_limit(monkeypatch):
    """The GUI's and CLI's main() turn core dumps off for their process (RLIMIT_CORE 0/0) and
    install an excepthook. Run in this process (run_cli), the first would cap every later child at
    a hard limit of 0, which cannot be raised again, and the second would outlive the test: both
    are checked in started processes (tests/security/test_hardening.py, test_cli_unexpected_errors)."""
    from rm_desktop import logsafe
    from rm_desktop.security import hardening

    monkeypatch.setattr(hardening, "no_core_dumps", list)  # does nothing, returns []
    monkeypatch.setattr(logsafe, "install_excepthook", lambda prog="rm-desktop": None)


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    set_language("zh_CN")
    yield backend
    keyring.set_keyring(previous)


# Modal helpers that wait for a click no test gives. Offscreen nothing shows them: the test hangs.
MODAL_HELPERS = {
    "QMessageBox": ("warning", "critical", "information", "question", "about", "aboutQt", "exec"),
    "QFileDialog": ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory", "exec"),
    "QInputDialog": ("getText", "getMultiLineText", "getInt", "getDouble", "getItem", "exec"),
}


@pytest.fixture(autouse=True)
def no_real_modal_dialogs(monkeypatch):
    """Fail a test that opens a real QMessageBox (or file / input dialog) instead of hanging on it.

    A test that expects one patches it itself, which overrides this, e.g.
    ``monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)``. The failure
    is raised where the box would open; from a Qt slot pytest-qt reports it as the test's failure.
    """
    from PySide6 import QtWidgets

    def refuse(cls_name: str, method: str):
        def opened(*args, **_kwargs):
            texts = [a for a in args if isinstance(a, str)]
            pytest.fail(
                f"{cls_name}.{method}{tuple(texts)!r} would open a real modal dialog and hang the test; "
                f"patch it in the test: monkeypatch.setattr({cls_name}, {method!r}, ...)"
            )

        return opened

    for cls_name, methods in MODAL_HELPERS.items():
        cls = getattr(QtWidgets, cls_name)
        for method in methods:
            monkeypatch.setattr(cls, method, refuse(cls_name, method))


TEST_FONT = Path(__file__).parent / "fonts" / "rm-test-cjk.ttf"


@pytest.fixture
def pdf_font(monkeypatch, caplog):
    """Plan PDFs embed the CJK font shipped with the tests (tests/fonts/README.md), whatever the
    machine has installed: a machine without fonts-wqy-microhei runs the PDF tests all the same.
    A character the subset lacks (fpdf2 logs it and draws a box) fails the test."""
    from rm_desktop.io.pdf_fonts import FONT_ENV

    monkeypatch.setenv(FONT_ENV, str(TEST_FONT))
    yield TEST_FONT
    logged = [record.getMessage() for record in caplog.get_records("call")]
    missing = [message for message in logged if "is missing the following glyphs" in message]
    assert not missing, f"{missing}: regenerate the test font with tools/make_test_font.py"


@pytest.fixture
def vault_dir(tmp_path):
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_dir):
    from rm_desktop.services.vault.lifecycle import create_vault

    v = create_vault(vault_dir, PASSWORD, kdf=FAST_KDF)
    yield v
    v.lock()


@pytest.fixture
def run_cli(monkeypatch, tmp_path, capsys):
    """The CLI as IT staff run it: vault folder and password from the environment (cheap KDF).
    Returns ``run(*argv) -> (exit code, stdout, stderr)``; the vault is at ``tmp_path / "v"``."""
    import functools

    from rm_desktop.cli.main import main
    from rm_desktop.services.vault import lifecycle as vs

    monkeypatch.setenv("RM_DESKTOP_VAULT", str(tmp_path / "v"))
    monkeypatch.setenv("RM_DESKTOP_PASSWORD", PASSWORD)
    monkeypatch.setattr(vs, "create_vault", functools.partial(vs.create_vault, kdf=FAST_KDF))

    def run(*argv):
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run
