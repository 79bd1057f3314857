"""到期保留: the clients past their retention period (lost or in the trash for longer than the
setting or the IT policy allows), with 匿名化 and 删除 on the ticked ones, each after a
confirmation naming how many and that it cannot be undone, run with progress; then the deletion
receipt PDF on request. An empty list says when clients will appear here. The 记录 tab lists the
contacts, plans and complaints past their own periods (ui/privacy/records_view)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.services.privacy import erasure, receipt, retention
from rm_desktop.ui.privacy.records_view import RecordsView
from rm_desktop.ui.privacy.ticked_model import TickedClientsModel
from rm_desktop.ui.widgets.file_dialogs import get_save_path
from rm_desktop.ui.widgets.tasks import run_task


class RetentionModel(TickedClientsModel[retention.PastRetention]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("客户"), self.tr("关系结束原因"), self.tr("结束日期"), self.tr("保留到期"))

    def cell(self, row: retention.PastRetention, column: int) -> str:
        why = self.tr("已流失") if row.why == retention.LOST else self.tr("在回收站")
        return (row.name, why, row.ended_on.isoformat(), row.due_on.isoformat())[column]

    def ticked_ids(self) -> list[int]:
        return [r.client_id for r in self.ticked_rows()]


class RetentionDialog(QDialog):
    def __init__(self, vault, today: dt.date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault, self.today = vault, today or dt.date.today()
        self.setWindowTitle(self.tr("到期保留"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = RetentionModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.anonymise_button = QPushButton(self.tr("匿名化…"))
        self.anonymise_button.setShortcut(QKeySequence("Ctrl+M"))
        self.delete_button = QPushButton(self.tr("删除…"))
        self.delete_button.setShortcut(QKeySequence.StandardKey.Delete)
        # The 记录 tab's action: Delete there (a hidden button's shortcut does not fire).
        self.purge_button = QPushButton(self.tr("删除记录…"))
        self.purge_button.setShortcut(QKeySequence.StandardKey.Delete)
        self.receipt_button = QPushButton(self.tr("删除回执…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.anonymise_button, self.delete_button, self.purge_button, self.receipt_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.anonymise_button.clicked.connect(lambda: self._erase(anonymise=True))
        self.delete_button.clicked.connect(lambda: self._erase(anonymise=False))
        self.receipt_button.clicked.connect(self.save_receipt)
        self.model.dataChanged.connect(self._update)
        self.records = RecordsView(self.vault, self.today)
        self.records.changed.connect(self._update)
        self.records.purged.connect(self._update)
        self.purge_button.clicked.connect(self.records.purge)
        clients = QWidget()
        page = QVBoxLayout(clients)
        page.addWidget(self.intro)
        page.addWidget(self.table, 1)
        page.addWidget(self.empty, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(clients, self.tr("客户"))
        self.tabs.addTab(self.records, self.tr("记录"))
        self.tabs.currentChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(820, 480)
        self.reload()

    def reload(self) -> None:
        days = retention.retention_days(self.vault, "clients")
        note = self.tr("（由 IT 策略设定）") if retention.fixed_by_policy("clients") else ""
        self.intro.setText(
            self.tr(
                "客户流失或移入回收站 {} 天后，超过保留期限，应匿名化（保留金额，去掉姓名、证件、电话和文字记录）"
                "或彻底删除。{}"
            ).format(days, note)
        )
        self.model.set_rows(retention.past_retention(self.vault, self.today))
        self.empty.setText(
            self.tr("没有超过保留期限的客户。客户标记为流失或移入回收站 {} 天后会出现在这里。").format(days)
        )
        self.records.reload()
        self.tabs.setTabText(0, self.tr("客户（{}）").format(len(self.model.rows)))
        self._update()

    def _update(self, *_args) -> None:
        if not hasattr(self, "tabs"):
            return  # the records view reports while the dialog is still being built
        has_rows = bool(self.model.rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        on_clients = self.tabs.currentIndex() == 0
        ticked = bool(self.model.ticked_ids())
        for button in (self.anonymise_button, self.delete_button):
            button.setVisible(on_clients)
            button.setEnabled(ticked)
        self.purge_button.setVisible(not on_clients)
        self.purge_button.setEnabled(bool(self.records.model.ticked_rows()))
        self.tabs.setTabText(1, self.tr("记录（{}）").format(len(self.records.model.rows)))
        self.receipt_button.setEnabled(bool(receipt.deletion_entries(self.vault, limit=1)))

    def confirm(self, count: int, anonymise: bool) -> bool:
        what = self.tr("匿名化") if anonymise else self.tr("彻底删除")
        answer = QMessageBox.warning(
            self,
            what,
            self.tr("{} {} 位客户？此操作不可撤销，审计日志只记录数量。").format(what, count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _erase(self, anonymise: bool) -> None:
        ids = self.model.ticked_ids()
        if not ids or not self.confirm(len(ids), anonymise):
            return
        if anonymise:
            work = lambda progress: erasure.anonymise(self.vault, ids, self.today, progress)  # noqa: E731
        else:
            work = lambda _progress: erasure.delete_clients(self.vault, ids, self.today)  # noqa: E731
        run_task(self, self.tr("正在处理…"), work, lambda _done: self.reload(), vault=self.vault)

    def save_receipt(self) -> str:
        latest = receipt.deletion_entries(self.vault, limit=1)
        if not latest:
            return ""
        name = self.tr("删除回执") + f"-{latest[0].seq}.pdf"
        path, _ = get_save_path(self, "privacy", self.tr("保存删除回执"), name, "*.pdf")
        if path:
            run_task(
                self, self.tr("正在生成删除回执…"), lambda _p: receipt.export_receipt(self.vault, latest[0].seq, path)
            )
        return path
