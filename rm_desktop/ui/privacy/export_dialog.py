"""导出本人数据: one client's own data as an encrypted xlsx and PDF (PIPL Art. 45). The password
part is the new-file password dialog of the exchange page (same strength rule, OK disabled until
it holds); above it, the two files, both ticked, named after the client in Documents."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from rm_desktop.services.privacy.person_export import export_person
from rm_desktop.ui.exchange.password_dialogs import NewFilePasswordDialog
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.widgets.file_dialogs import documents_folder, get_save_path
from rm_desktop.ui.widgets.tasks import run_task


class PersonExportDialog(NewFilePasswordDialog):
    def __init__(self, vault, client_id: int, name: str, parent: QWidget | None = None):
        super().__init__(
            self.tr("导出本人数据"),
            self.tr(
                "导出“{}”在本档案中的全部资料（档案、持仓、往来记录、规划、商机、投诉、活动、约见等），"
                "供客户本人查阅或复制。两个文件都用下面的密码加密，请另行告知客户密码。"
            ).format(name),
            parent=parent,
        )
        self.vault, self.client_id = vault, client_id
        prefix = self.tr("本人数据")
        stem = os.path.join(documents_folder(), f"{prefix}-{name}-{dt.date.today():%Y%m%d}")
        self.use_xlsx, self.xlsx = QCheckBox(self.tr("Excel 文件")), QLineEdit(stem + ".xlsx")
        self.use_pdf, self.pdf = QCheckBox(self.tr("PDF 文件")), QLineEdit(stem + ".pdf")
        rows = []
        for box, edit, suffix in ((self.use_xlsx, self.xlsx, "xlsx"), (self.use_pdf, self.pdf, "pdf")):
            box.setChecked(True)
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self._update)
            browse = QPushButton(self.tr("浏览…"))
            browse.clicked.connect(lambda _=False, e=edit, s=suffix: self._browse(e, s))
            row = QHBoxLayout()
            row.addWidget(box)
            row.addWidget(edit, 1)
            row.addWidget(browse)
            rows.append(row)
        width = max(self.use_xlsx.sizeHint().width(), self.use_pdf.sizeHint().width())
        for box in (self.use_xlsx, self.use_pdf):
            box.setMinimumWidth(width)  # the two paths start at the same x
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)  # the base dialog's
        for k, row in enumerate(rows):
            layout.insertLayout(1 + k, row)
        self.resize(620, self.sizeHint().height())
        self.result_rows: int | None = None

    def _browse(self, edit: QLineEdit, suffix: str) -> None:
        path, _ = get_save_path(self, "privacy", self.tr("保存到"), Path(edit.text()).name, f"*.{suffix}")
        if path:
            edit.setText(path)

    def _problem(self) -> str:
        # (the base class asks before the file rows exist)
        if hasattr(self, "use_pdf") and not (self.use_xlsx.isChecked() or self.use_pdf.isChecked()):
            return self.tr("请至少选择一个文件。")
        return super()._problem()

    def accept(self) -> None:
        if self._problem():
            return
        password = self.password() or ""
        xlsx = self.xlsx.text().strip() if self.use_xlsx.isChecked() else None
        pdf = self.pdf.text().strip() if self.use_pdf.isChecked() else None
        # The purpose (issue 18.3; 客户本人申请 preselected), registered with the copy.
        control = purpose_dialog.ask_purpose(self, "person", what=self.windowTitle())
        if control is None:
            return
        run_task(
            self,
            self.tr("正在导出本人数据…"),
            lambda _progress: export_person(self.vault, self.client_id, password, xlsx=xlsx, pdf=pdf, control=control),
            self._done,
            cancellable=False,
            vault=self.vault,
        )

    def _done(self, result) -> None:
        self.result_rows = result["rows"]
        QMessageBox.information(
            self, self.windowTitle(), self.tr("已导出 {} 条记录（已加密）。").format(result["rows"])
        )
        super(NewFilePasswordDialog, self).accept()
