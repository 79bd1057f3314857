"""回收站: clients moved to the trash, restored or deleted for good."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout

from rm_desktop.services.clients import files as clients
from rm_desktop.services.search.query import list_trash
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.clients.client_tabs import RecordsTab
from rm_desktop.ui.clients.records_table import Column
from rm_desktop.ui.widgets.screen_fit import fit_to_screen


class TrashTab(RecordsTab):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.changed = False
        self.model.set_columns(
            [
                Column(self.tr("姓名"), lambda r: r.name),
                Column(self.tr("客户号"), lambda r: r.customer_no),
                Column(self.tr("手机"), lambda r: r.phone_masked),
                Column(self.tr("删除时间"), lambda r: r.deleted_at, lambda v: f"{v:%Y-%m-%d %H:%M}" if v else ""),
            ]
        )
        self.add_button(self.tr("恢复"), self._restore)
        self.add_button(self.tr("彻底删除"), self._purge)
        self.buttons.addStretch(1)

    def fetch(self) -> list:
        return list_trash(self.vault)

    def _restore(self) -> None:
        row = self.current()
        if row:
            clients.restore_client(self.vault, row.id)
            self.changed = True
            self.reload()

    def _purge(self) -> None:
        row = self.current()
        if (
            row
            and QMessageBox.question(
                self,
                self.tr("彻底删除"),
                self.tr("彻底删除“{}”及其持仓、往来记录？此操作不能撤销（备份中仍保留）。").format(row.name),
            )
            == QMessageBox.StandardButton.Yes
        ):
            clients.purge_client(self.vault, row.id)
            self.reload()


class TrashDialog(QDialog):
    def __init__(self, vault: Vault, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("回收站"))
        fit_to_screen(self, 640, 420)
        self.tab = TrashTab()
        self.tab.load(vault, 0)
        hint = QLabel(
            self.tr("回收站里没有客户。")
            if not self.tab.model.rowCount()
            else self.tr("选中客户后可恢复，或彻底删除。")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tab, 1)
        layout.addWidget(buttons)
