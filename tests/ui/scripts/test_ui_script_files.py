"""The 话术 page's template files (ui/scripts/script_files): 导出话术 writes the library where the
RM chose (the extension from the chosen filter), 导入话术 adds a colleague's templates and the
list shows them at once; a damaged file is one warning, nothing imported."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from rm_desktop.domain.scripts.model import ScriptTemplate
from rm_desktop.services.scripts import share as script_share
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.ui.scripts.scripts_page import ScriptsPage
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import Privacy
from tests.conftest import FAST_KDF, PASSWORD


def _names(page: ScriptsPage) -> set[str]:
    return {page.model.record_at(row).name for row in range(page.model.rowCount())}


def test_export_then_a_colleagues_file_is_imported_and_listed(attached, vault, tmp_path, monkeypatch):
    page = attached(ScriptsPage(Privacy(), ClipboardGuard()))
    target = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "JSON (*.json)"))
    page.export_templates()
    assert (tmp_path / "mine.json").is_file() and "mine.json" in page.status.text()

    colleague = create_vault(tmp_path / "colleague", PASSWORD, kdf=FAST_KDF)
    try:
        script_share.import_templates(colleague, [ScriptTemplate("同事的开场白", "birthday", "sms", "您好")])
        shared = script_share.export_templates(colleague, tmp_path / "同事.json")
    finally:
        colleague.lock()
    assert "同事的开场白" not in _names(page)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(shared), ""))
    page.import_templates()
    assert "同事的开场白" in _names(page)  # the list reloaded


def test_a_damaged_file_is_one_warning_and_nothing_is_imported(attached, vault, tmp_path, monkeypatch):
    page = attached(ScriptsPage(Privacy(), ClipboardGuard()))
    before = _names(page)
    broken = tmp_path / "坏.json"
    broken.write_text("{not json", encoding="utf-8")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, _text, *_a: warned.append(title))
    page.import_file(str(broken))
    assert warned == ["导入话术"] and _names(page) == before
