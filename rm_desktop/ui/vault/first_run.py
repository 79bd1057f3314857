"""First run: choose where the vault lives and set the master password."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.services.vault import lifecycle as vs


class FirstRunDialog(QDialog):
    """Creates the vault itself (through the services) so errors stay in the dialog."""

    def __init__(self, default_dir: Path, parent: QWidget | None = None, *, create=vs.create_vault):
        super().__init__(parent)
        self._create = create
        self.vault: vs.Vault | None = None
        self.setWindowTitle(self.tr("欢迎使用客户经理桌面档案"))
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr("客户资料将保存在本机的加密档案库中。请设置主密码：忘记主密码将无法找回数据，请妥善保管。")
        )
        intro.setWordWrap(True)
        self.folder = QLineEdit(str(default_dir))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("至少 8 个字符"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("在本机记住（下次启动自动解锁）"))
        self.remember.setChecked(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("档案库位置"), folder_row)
        form.addRow(self.tr("主密码"), self.password)
        form.addRow(self.tr("确认主密码"), self.confirm)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建档案库"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择档案库文件夹"), self.folder.text())
        if chosen:
            self.folder.setText(str(Path(chosen) / "vault"))

    def _accept(self) -> None:
        try:
            vs.check_new_password(self.password.text(), self.confirm.text())
            self.vault = self._create(
                Path(self.folder.text().strip()), self.password.text(), remember=self.remember.isChecked()
            )
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        self.accept()
