"""审计日志: the vault's audit log, newest first, filtered by origin (本机, or received with a
handover, from which sender), action, client and date; 校验 walks this vault's hash chain and
each sender's received one (in the background: a long log takes seconds) and says the first
broken entry; 导出… asks the purpose and writes it encrypted, with the file-password rule of every export."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from rm_desktop.services.audit import export, reading, received
from rm_desktop.services.audit.actions import ACTIONS, label
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.audit.audit_model import AuditModel
from rm_desktop.ui.exchange.password_dialogs import NewFilePasswordDialog
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.widgets.client_line_picker import ClientPicker
from rm_desktop.ui.widgets.file_dialogs import EXPORT, get_save_path
from rm_desktop.ui.widgets.screen_fit import fit_to_screen
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed

SHOWN = 1000  # newest entries listed; the export holds them all
LOCAL, RECEIVED = "local", "received:"  # the 来源 filter: this vault's, received (all, or "received:<sender>")


class AuditDialog(QDialog):
    def __init__(self, vault: Vault, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle(self.tr("审计日志"))
        fit_to_screen(self, 1000, 600)
        self.origin = QComboBox()
        self.origin.addItem(self.tr("全部来源"), None)
        self.origin.addItem(self.tr("本机"), LOCAL)
        self.origin.addItem(self.tr("全部接收的"), RECEIVED)
        for sender in reading.senders(vault):  # received with handovers: one per sender's vault
            self.origin.addItem(self.tr("接收自 {}").format(sender[:8]), RECEIVED + sender)
            self.origin.setItemData(self.origin.count() - 1, sender, Qt.ItemDataRole.ToolTipRole)
        self.action = QComboBox()
        self.action.addItem(self.tr("全部操作"), None)
        for code in ACTIONS:
            self.action.addItem(label(code), code)
        self.client = ClientPicker()
        self.client.attach(vault)
        self.use_since = QCheckBox(self.tr("起始日期"))
        self.since = QDateEdit()
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        start = (today or dt.date.today()) - dt.timedelta(days=30)
        self.since.setDate(QDate(start.year, start.month, start.day))
        self.since.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("来源：")))
        filters.addWidget(self.origin)
        filters.addWidget(QLabel(self.tr("操作：")))
        filters.addWidget(self.action)
        filters.addWidget(QLabel(self.tr("客户：")))
        filters.addWidget(self.client, 1)
        filters.addWidget(self.use_since)
        filters.addWidget(self.since)

        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel(self.table.viewport())  # over the table: the hint sits where rows would
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        themed(self.empty, "color: $muted;")
        self.count = QLabel()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)

        self.verify_button = QPushButton(self.tr("校验"))
        self.verify_button.setToolTip(self.tr("逐条核对哈希链，找出被改动、删除或调换的记录"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.clicked.connect(self.export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.export_button)
        row.addWidget(self.count, 1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.verdict)
        layout.addLayout(row)
        self.origin.currentIndexChanged.connect(self.reload)
        self.action.currentIndexChanged.connect(self.reload)
        self.client.client_changed.connect(self.reload)
        self.use_since.toggled.connect(self.reload)
        self.since.dateChanged.connect(self.reload)
        self.reload()

    def reload(self, *_args) -> None:
        day = self.since.date()
        since = dt.date(day.year(), day.month(), day.day()) if self.use_since.isChecked() else None
        origin = self.origin.currentData()
        where = {"since": since, "action": self.action.currentData(), "client": self.client.client_id, "limit": SHOWN}
        # A received entry names its client by the sender's id, not one this picker can choose: a
        # client filter shows this vault's entries only.
        mine_only = self.client.client_id is not None
        if origin is not None and origin.startswith(RECEIVED):
            found = [] if mine_only else received.entries_from(self.vault, origin[len(RECEIVED) :] or None, **where)
        else:
            found = reading.entries(self.vault, **where, received=origin is None and not mine_only)
        self.model.set_entries(found)
        filtered = since is not None or origin or self.action.currentData() or self.client.client_id is not None
        self.count.setText(self.tr("显示最新的 {} 条").format(len(found)) if found else "")
        self.empty.resize(self.table.viewport().size())
        self.empty.setVisible(not found)
        self.empty.setText(
            self.tr("没有符合筛选条件的记录。试试清除操作、客户或日期筛选。")
            if filtered
            else self.tr("还没有审计记录。解锁、导出、导入、搜索、复制等操作都会自动记在这里。")
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.empty.resize(self.table.viewport().size())

    def verify(self) -> None:
        run_task(
            self,
            self.tr("正在校验审计日志…"),
            lambda _p: (reading.verify(self.vault), reading.verify_received(self.vault)),
            self._verified,
            cancellable=False,
            vault=self.vault,
        )

    def _verified(self, results) -> None:
        mine, senders = results
        ok = mine.ok and all(r.ok for r in senders.values())
        lines = [mine.message()] + [self.tr("接收自 {}：{}").format(s[:8], r.message()) for s, r in senders.items()]
        themed(self.verdict, "color: $success;" if ok else "color: $error;")
        self.verdict.setText("\n".join(lines))
        if not ok:
            QMessageBox.warning(self, self.tr("审计日志校验"), "\n".join(lines))

    def export(self) -> None:
        path, _ = get_save_path(self, EXPORT, self.tr("导出审计日志"), "audit-log.xlsx", self.tr("Excel 文件 (*.xlsx)"))
        # The purpose (issue 18.3; 监管报送 preselected) before the password: Esc writes nothing.
        if not path or (control := purpose_dialog.ask_purpose(self, "audit", what=self.tr("导出审计日志"))) is None:
            return
        dialog = NewFilePasswordDialog(
            self.tr("审计日志文件密码"), self.tr("导出的审计日志用密码加密，打开时需要这个密码。"), parent=self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.password():
            return
        password = dialog.password() or ""
        run_task(
            self,
            self.tr("正在导出审计日志…"),
            lambda _p: export.export_log(self.vault, path, password, control=control),
            self._exported,
            cancellable=False,
            vault=self.vault,
        )

    def _exported(self, done) -> None:
        self.reload()
        self.verdict.setText(
            self.tr("已导出 {} 条记录（已加密，导出登记号 {}）。").format(done["entries"], done["register"])
        )
