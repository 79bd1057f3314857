"""File dialogs start in Documents, then where the last one of the same kind ended; only the
folder is remembered (QSettings is plaintext), never a file name that can carry a client's name."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog

from rm_desktop.ui.widgets import file_dialogs

UI = Path(__file__).resolve().parents[3] / "rm_desktop" / "ui"


class Dialogs:
    """QFileDialog's static functions, answering with the next chosen path and noting where each started."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.started: list[str] = []
        self.answers: list[str] = []
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, self._file)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", self._folder)

    def _file(self, _parent: Any, _caption: str, start: str, filters: str = "", *_args: Any) -> tuple[str, str]:
        self.started.append(start)
        return self.answers.pop(0), filters.split(";;")[0]

    def _folder(self, _parent: Any, _caption: str, start: str, *_args: Any) -> str:
        self.started.append(start)
        return self.answers.pop(0)


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def test_the_first_dialog_starts_in_documents_the_next_where_the_first_chose(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, isolated_qsettings: Path
) -> None:
    dialogs = Dialogs(monkeypatch)
    exports = tmp_path / "交接" / "2026"
    exports.mkdir(parents=True)
    assert _documents() and _documents() != os.getcwd()
    dialogs.answers = [str(exports / "张三丰_理财规划书_V2.pdf")]
    path, chosen = file_dialogs.get_save_path(None, file_dialogs.PDF, "导出", "张三丰_理财规划书_V2.pdf", "PDF (*.pdf)")
    assert path.endswith("张三丰_理财规划书_V2.pdf") and chosen == "PDF (*.pdf)"
    assert dialogs.started == [os.path.join(_documents(), "张三丰_理财规划书_V2.pdf")]  # Documents, not the cwd

    dialogs.answers = [str(exports / "李四_理财规划书_V1.pdf")]
    file_dialogs.get_save_path(None, file_dialogs.PDF, "导出", "李四_理财规划书_V1.pdf", "PDF (*.pdf)")
    assert dialogs.started[1] == os.path.join(str(exports), "李四_理财规划书_V1.pdf")  # where the first chose

    dialogs.answers = [str(exports / "客户名单.xlsx")]
    file_dialogs.get_open_path(None, file_dialogs.IMPORT, "导入", "Excel (*.xlsx)")
    assert dialogs.started[2] == _documents()  # each kind remembers its own folder

    QSettings().sync()
    stored = "".join(p.read_text(encoding="utf-8", errors="replace") for p in isolated_qsettings.rglob("*.ini"))
    assert "file_dialogs" in stored and "张三丰" not in stored and "李四" not in stored  # folders only


def test_cancel_remembers_nothing_and_a_vanished_folder_falls_back_to_documents(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialogs = Dialogs(monkeypatch)
    dialogs.answers = [""]
    assert file_dialogs.get_open_path(None, file_dialogs.HANDOVER, "移交", "Excel (*.xlsx)") == ""
    assert file_dialogs.start_folder(file_dialogs.HANDOVER) == _documents()
    usb = tmp_path / "usb"
    usb.mkdir()
    dialogs.answers = [str(usb)]
    assert file_dialogs.get_folder(None, file_dialogs.BACKUP, "备份") == str(usb)
    assert file_dialogs.start_folder(file_dialogs.BACKUP) == str(usb)
    usb.rmdir()  # the stick was pulled
    assert file_dialogs.start_folder(file_dialogs.BACKUP) == _documents()


def test_every_file_dialog_of_the_gui_goes_through_the_helper() -> None:
    callers = sorted(
        str(path.relative_to(UI))
        for path in UI.rglob("*.py")
        if path.name != "file_dialogs.py" and re.search(r"\bQFileDialog\b", path.read_text(encoding="utf-8"))
    )
    assert callers == []


def test_a_page_dialog_starts_in_documents(qtbot: Any, vault: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from rm_desktop.ui.exchange.exchange_page import ExchangePage

    dialogs = Dialogs(monkeypatch)
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    dialogs.answers = [""]
    page.choose_archive()
    assert os.path.dirname(dialogs.started[0]) == _documents()
    page.detach()
