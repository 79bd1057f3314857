"""The scripts page's template files: 导入话术 (JSON, Excel or CSV from a colleague) and 导出话术 (the
library as Excel or JSON), each starting in the folder last used for scripts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from rm_desktop.domain.errors import UserError
from rm_desktop.services.scripts import share as script_share
from rm_desktop.ui.widgets import file_dialogs

if TYPE_CHECKING:  # what the page provides, for the type checker only
    from rm_desktop.ui.widgets.pages import Page as _Base
else:
    _Base = object


class ScriptFiles(_Base):
    if TYPE_CHECKING:

        def reload(self, select_id: int | None = None, *, show: bool = False) -> None: ...
        def say(self, text: str, error: bool = False) -> None: ...

    def import_templates(self) -> None:
        if self.vault is None:
            return
        path = file_dialogs.get_open_path(
            self,
            file_dialogs.SCRIPTS,
            self.tr("导入话术"),
            self.tr("话术文件 (*.json *.xlsx *.xls *.csv);;所有文件 (*)"),
        )
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        if self.vault is None:  # locked while the file dialog was open
            return
        try:
            result = script_share.import_templates_file(self.vault, path)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("导入话术"), str(exc))
            return
        self.reload()
        self.say(result.summary())

    def export_templates(self) -> None:
        if self.vault is None:
            return
        path, chosen = file_dialogs.get_save_path(
            self,
            file_dialogs.SCRIPTS,
            self.tr("导出话术"),
            self.tr("话术库.xlsx"),
            self.tr("Excel 表格 (*.xlsx);;JSON (*.json)"),
        )
        if path:
            if not path.lower().endswith((".xlsx", ".json")):
                path += ".json" if "json" in chosen.lower() else ".xlsx"
            self.export_file(path)

    def export_file(self, path: str) -> None:
        if self.vault is None:  # locked while the file dialog was open
            return
        try:
            written = script_share.export_templates(self.vault, path)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("导出话术"), str(exc))
            return
        self.say(self.tr("话术库已导出到 {}").format(written))
