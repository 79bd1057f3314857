"""The password dialogs of the 导入导出 page: a new file's password (archive export, handover
export) with the strength rule's reason shown as it is typed, and a handover's password with the
sender's receipt.

The archive dialog has "encrypt" ticked by default; unticking it is the only way to a plaintext
archive and is confirmed once, in words that say the file will be readable by anyone, each time
an archive is exported (each export opens a new dialog).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.services.exchange import handover
from rm_desktop.ui.widgets.new_password import NewPassword, secret_field
from rm_desktop.ui.widgets.theme import themed


class NewFilePasswordDialog(QDialog):
    """Choose the password of a file about to be written; ``allow_plain`` adds the (ticked)
    "encrypt" box of the archive export. After exec(), :meth:`password` is the password, or None
    for a plaintext file the user confirmed."""

    def __init__(self, title: str, intro: str, *, allow_plain: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.encrypt = QCheckBox(self.tr("用密码加密（推荐）"))
        self.encrypt.setChecked(True)
        self.encrypt.setVisible(allow_plain)
        self.new_password = NewPassword(self)
        self.first, self.again = self.new_password.first, self.new_password.again
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        themed(self.reason, "color: $error;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        form = QFormLayout()
        self.new_password.add_rows(form)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addWidget(self.encrypt)
        layout.addLayout(form)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        for signal in (self.new_password.changed, self.encrypt.toggled):
            signal.connect(self._update)
        self._update()

    def _problem(self) -> str:
        """Why OK is not possible yet ("" when it is)."""
        return self.new_password.problem() if self.encrypt.isChecked() else ""

    def _update(self) -> None:
        encrypted = self.encrypt.isChecked()
        self.first.setEnabled(encrypted)
        self.again.setEnabled(encrypted)
        problem = self._problem()
        if not encrypted:
            problem = self.tr("不加密：文件是明文，任何拿到它的人都能读取其中全部客户资料。")
        self.reason.setText(problem)
        self.ok_button.setEnabled(not encrypted or not problem)

    def password(self) -> str | None:
        return self.first.text() if self.encrypt.isChecked() else None

    def accept(self) -> None:
        if self._problem():
            return
        if not self.encrypt.isChecked() and not self.confirm_plain():
            return
        super().accept()

    def confirm_plain(self) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("导出明文文件"),
            self.tr(
                "这个文件将不加密：姓名、证件号码、手机号码、资产和往来记录都以明文保存，"
                "任何拿到文件的人都能读取。\n\n确定以明文导出吗？"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class HandoverImportDialog(QDialog):
    """The handover's password and, optionally, the receipt (SHA-256) the sender gave."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入移交文件"))
        self.secret = secret_field()
        self.receipt_field = QLineEdit()
        self.receipt_field.setPlaceholderText(self.tr("对方提供的 64 位回执（可不填）"))
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        themed(self.reason, "color: $error;")
        hint = QLabel(
            self.tr("填写对方导出时显示的回执 SHA-256，可核对收到的就是对方导出的文件；不填时只核对文件内的回执。")
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("密码："), self.secret)
        form.addRow(self.tr("回执："), self.receipt_field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.secret.textChanged.connect(self._update)
        self.receipt_field.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        problem = ""
        try:
            handover.normalise_receipt(self.receipt_field.text())
        except UserError as exc:
            problem = str(exc)
        self.reason.setText(problem)
        self.ok_button.setEnabled(bool(self.secret.text()) and not problem)

    def password(self) -> str:
        return self.secret.text()

    def receipt(self) -> str | None:
        return handover.normalise_receipt(self.receipt_field.text())
