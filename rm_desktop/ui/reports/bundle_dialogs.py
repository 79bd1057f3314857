"""The supervisor's two dialogs: 导出给主管 (which period, the file's password twice, "含客户姓名"
unticked by default) and 汇总下属报告 (several bundle files, a password each).

The password rule is the one of every file password, the IT policy's minimum included
(services/settings/policy_rules.password_weakness), said as it is typed.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.reports import KINDS
from rm_desktop.ui.widgets import file_dialogs
from rm_desktop.ui.widgets.new_password import NewPassword, secret_field
from rm_desktop.ui.widgets.theme import themed

BUNDLE_SUFFIX = ".rmreport"


def bundle_filter(label: str) -> str:
    return f"{label} (*{BUNDLE_SUFFIX});;*"


def _buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, box.button(QDialogButtonBox.StandardButton.Ok)


class BundleExportDialog(QDialog):
    """After exec(): :meth:`kind`, :meth:`period_text` (the CLI's spelling), :meth:`password`, :meth:`named`."""

    def __init__(self, kind: str, period_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出给主管"))
        self.kinds = QComboBox()
        for code, label in zip(KINDS, (self.tr("工作日志"), self.tr("周报"), self.tr("月报")), strict=True):
            self.kinds.addItem(label, code)
        self.kinds.setCurrentIndex(KINDS.index(kind))
        self.period = QLineEdit(period_text)
        self.period.setPlaceholderText(self.tr("如 2026-12-02、2026-W49、2026-12"))
        self.new_password = NewPassword(self)
        self.first, self.again = self.new_password.first, self.new_password.again
        self.with_names = QCheckBox(self.tr("含客户姓名（主管可看到客户明细）"))
        self.with_names.setChecked(False)  # counts only unless the RM decides otherwise
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        themed(self.reason, "color: $error;")
        box, self.ok_button = _buttons(self)
        intro = QLabel(self.tr("报告包用密码加密；把密码另行告诉主管（电话或当面），不要和文件一起发送。"))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("报告类型："), self.kinds)
        form.addRow(self.tr("报告期："), self.period)
        self.new_password.add_rows(form)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.with_names)
        layout.addWidget(self.reason)
        layout.addWidget(box)
        for signal in (self.new_password.changed, self.period.textChanged):
            signal.connect(self._update)
        self._update()

    def _problem(self) -> str:
        if not self.period.text().strip():
            return self.tr("请填写报告期。")
        return self.new_password.problem()

    def _update(self) -> None:
        problem = self._problem()
        self.reason.setText(problem)
        self.ok_button.setEnabled(not problem)

    def accept(self) -> None:
        if not self._problem():
            super().accept()

    def kind(self) -> str:
        return str(self.kinds.currentData())

    def period_text(self) -> str:
        return self.period.text().strip()

    def password(self) -> str:
        return self.new_password.password()

    def named(self) -> bool:
        return self.with_names.isChecked()


class SummaryDialog(QDialog):
    """Bundle files from several RMs, each with the password its RM gave; :meth:`bundles` after exec()."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("汇总下属报告"))
        self.resize(640, 360)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("报告包"), self.tr("密码")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 180)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        add = QPushButton(self.tr("添加报告包…"))
        add.clicked.connect(self.pick)
        remove = QPushButton(self.tr("移除"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        self.reason = QLabel()
        themed(self.reason, "color: $error;")
        box, self.ok_button = _buttons(self)
        intro = QLabel(self.tr("逐个添加下属发来的报告包，填写各自的密码；汇总表写入一个新的 Excel 文件。"))
        intro.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.reason)
        layout.addWidget(box)
        self._update()

    def add_file(self, path: str, password: str = "") -> QLineEdit:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(os.path.basename(path))
        item.setToolTip(path)
        item.setData(Qt.ItemDataRole.UserRole, path)  # the full path; the cell shows its name
        self.table.setItem(row, 0, item)
        secret = secret_field()
        secret.setText(password)
        secret.textChanged.connect(self._update)
        self.table.setCellWidget(row, 1, secret)
        self._update()
        return secret

    def pick(self) -> None:
        path = file_dialogs.get_open_path(
            self, file_dialogs.HANDOVER, self.tr("选择下属的报告包"), bundle_filter(self.tr("报告包"))
        )
        if path:
            self.add_file(path).setFocus()

    def bundles(self) -> list[tuple[str, str]]:
        found = []
        for row in range(self.table.rowCount()):
            secret = self.table.cellWidget(row, 1)
            password = secret.text() if isinstance(secret, QLineEdit) else ""
            item = self.table.item(row, 0)
            if item is not None:
                found.append((str(item.data(Qt.ItemDataRole.UserRole)), password))
        return found

    def _problem(self) -> str:
        chosen = self.bundles()
        if not chosen:
            return self.tr("请添加至少一个报告包。")
        if any(not password for _path, password in chosen):
            return self.tr("每个报告包都要填写密码。")
        return ""

    def _update(self) -> None:
        problem = self._problem()
        self.reason.setText(problem)
        self.ok_button.setEnabled(not problem)

    def accept(self) -> None:
        if not self._problem():
            super().accept()
