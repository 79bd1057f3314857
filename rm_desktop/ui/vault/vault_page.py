"""The 设置 page: backups (now, restore), master password, re-key, integrity check, preferences."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.security.header import WrongPassword
from rm_desktop.security.keystore import KeyStorage
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import maintenance, rekeying
from rm_desktop.services.vault.maintenance import verify
from rm_desktop.services.vault.paths import location_warning
from rm_desktop.storage import backups
from rm_desktop.ui.widgets import icons
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed


class VaultPage(Page):
    preferences_requested = Signal()
    # Backup path, and the password to restore it with ("": the current key opens it); the window
    # locks, restores and asks to unlock.
    restore_requested = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.vault = None
        title = QLabel(self.tr("设置与档案库维护"))
        set_role(title, "title")

        prefs = QPushButton(self.tr("首选项…"))
        prefs.clicked.connect(self.preferences_requested)
        self.location = QLabel()
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setWordWrap(True)
        # The vault on a network / OneDrive folder, and a failed copy to the second backup folder.
        self.warning = QLabel()
        themed(self.warning, "color: $warning;")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        self._location_warning: str | None = None

        box = QGroupBox(self.tr("备份"))
        self.backup_list = QListWidget()
        self.backup_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_list.setMinimumHeight(160)
        backup_now = QPushButton(self.tr("立即备份"))
        icons.bind(backup_now, "backup")
        backup_now.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("从所选备份恢复…"))
        icons.bind(self.restore_button, "restore")
        self.restore_button.clicked.connect(self._restore_selected)
        row = QHBoxLayout()
        row.addWidget(backup_now)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addWidget(QLabel(self.tr("每次解锁时自动备份一次（加密保存），可在首选项中设置保留份数。")))
        inner.addWidget(self.backup_list)
        inner.addLayout(row)

        security = QGroupBox(self.tr("安全"))
        change = QPushButton(self.tr("更改主密码…"))
        icons.bind(change, "password")
        change.clicked.connect(self.change_password)
        rekey = QPushButton(self.tr("更换加密密钥…"))
        rekey.setToolTip(self.tr("用新的随机密钥重新加密整个数据库（怀疑密钥泄露时使用）"))
        rekey.clicked.connect(self.rekey)
        check = QPushButton(self.tr("检查完整性"))
        icons.bind(check, "integrity")
        check.clicked.connect(self.check)
        audit = QPushButton(self.tr("审计日志…"))
        audit.setToolTip(self.tr("谁在何时做了什么：解锁、导出、导入、搜索、复制等（Ctrl+Shift+U）"))
        audit.clicked.connect(self.open_audit_log)
        srow = QHBoxLayout(security)
        for button in (change, rekey, check, audit):
            srow.addWidget(button)
        srow.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        top = QHBoxLayout()
        top.addWidget(self.location, 1)
        top.addWidget(prefs)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(box, 1)
        layout.addWidget(security)

    def attach(self, vault: vs.Vault) -> None:
        super().attach(vault)
        self.location.setText(self.tr("档案库位置：{}").format(vault.paths.root))
        self._location_warning = location_warning(vault.paths.root)
        self.refresh()

    def refresh(self) -> None:
        self.backup_list.clear()
        if self.vault is None:
            self.warning.setVisible(False)
            return
        warnings = [text for text in (self._location_warning, self.vault.backup_notice) if text]
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        for item in backups.list_backups(self.vault.paths.backups):
            entry = QListWidgetItem(f"{item.created:%Y-%m-%d %H:%M:%S}    {item.size / 1024:,.0f} KB")
            entry.setData(Qt.ItemDataRole.UserRole, str(item.path))
            self.backup_list.addItem(entry)
        if not self.backup_list.count():
            self.backup_list.addItem(self.tr("还没有备份。点“立即备份”创建第一份。"))
        self.restore_button.setEnabled(bool(backups.list_backups(self.vault.paths.backups)))

    def backup_now(self) -> None:
        vault = self.vault
        if vault is None:
            return

        def done(path) -> None:
            self.refresh()
            status = getattr(self.window(), "status", None)  # the main window's ui/shell/status_bar
            if status is None:
                return
            if vault.backup_notice:  # a failed copy to the second backup folder: kept until read
                status.set_notice(vault.backup_notice)
            else:  # one short line: the list above shows the file
                status.say(self.tr("备份已完成：{}").format(Path(path).name))

        run_task(
            self,
            self.tr("正在备份…"),
            lambda _progress: vs.backup_now(vault),
            done,
            cancellable=False,
            vault=vault,
        )

    def _restore_selected(self) -> None:
        item = self.backup_list.currentItem()
        path = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not path:
            QMessageBox.information(self, self.tr("恢复"), self.tr("请先在列表中选择一份备份。"))
            return
        vault = self.vault
        if vault is None:
            return
        password = self.confirm_restore(vault.paths.root, Path(path), key=bytes(vault.key))
        if password is not None:
            self.restore_requested.emit(path, password)

    def confirm_restore(
        self,
        root: Path,
        path: Path,
        *,
        key: bytes | None = None,
        password: str | None = None,
        keystore: KeyStorage | None = None,
    ) -> str | None:
        """The restore's plan in a confirmation (which backup, its date and clients, replaces which
        state, and the password afterwards). The backup's own password is asked for when neither
        ``key`` nor ``password`` opens it. Returns the password to restore with ("" for none), or
        None when the user declines or the backup cannot be used (said in a message box)."""
        for _try in range(3):  # a wrong backup password is asked again, a few times
            try:
                plan = maintenance.preview(root, path, password=password, key=key, keystore=keystore)
                break
            except WrongPassword as exc:
                text, ok = QInputDialog.getText(
                    self,
                    self.tr("从备份恢复"),
                    self.tr("{}\n请输入该备份制作时的主密码：").format(exc),
                    QLineEdit.EchoMode.Password,
                )
                if not ok or not text:
                    return None
                password = text
            except UserError as exc:
                QMessageBox.warning(self, self.tr("从备份恢复"), str(exc))
                return None
        else:
            return None
        title = self.tr("恢复另一个档案库的备份？") if plan.other_vault else self.tr("从备份恢复")
        answer = QMessageBox.question(
            self,
            title,
            "\n".join([*plan.lines(), self.tr("恢复后需要重新解锁。")]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return (password or "") if answer == QMessageBox.StandardButton.Yes else None

    def _ask_password(self, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("主密码"), label, QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def change_password(self) -> None:
        old = self._ask_password(self.tr("当前主密码："))
        if old is None:
            return
        new = self._ask_password(self.tr("新主密码（至少 8 个字符）："))
        if new is None:
            return
        again = self._ask_password(self.tr("再次输入新主密码："))
        vault = self.vault
        if vault is None:  # locked while the password was asked for
            return
        try:
            vs.check_new_password(new, again)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("更改主密码"), str(exc))
            return

        def done(_result) -> None:
            self.refresh()  # the backup made first is in the list
            QMessageBox.information(
                self,
                self.tr("更改主密码"),
                self.tr("主密码已更改，数据库已用新密钥重新加密。此前的备份仍需用旧密码打开。"),
            )

        # The whole database is re-encrypted under a new key (the old password must open nothing
        # live): in the background, like a re-key. A wrong current password is the task's message.
        run_task(
            self,
            self.tr("正在更改主密码并重新加密…"),
            lambda _p: rekeying.change_password(vault, old, new),
            done,
            cancellable=False,
            vault=vault,
        )

    def rekey(self) -> None:
        password = self._ask_password(self.tr("更换密钥前请输入主密码："))
        if password is None:
            return
        vault = self.vault
        if vault is None:
            return

        def done(_result) -> None:
            self.refresh()
            QMessageBox.information(self, self.tr("更换加密密钥"), self.tr("数据库已使用新密钥重新加密。"))

        run_task(
            self,
            self.tr("正在重新加密…"),
            lambda _p: rekeying.rekey(vault, password),
            done,
            cancellable=False,
            vault=vault,
        )

    def open_audit_log(self) -> None:
        if self.vault is not None:
            from rm_desktop.ui.audit.audit_dialog import AuditDialog

            AuditDialog(self.vault, self).exec()

    def check(self) -> None:
        vault = self.vault
        if vault is None:
            return
        run_task(
            self, self.tr("正在检查…"), lambda _p: verify(vault), self._show_report, cancellable=False, vault=vault
        )

    def _show_report(self, report) -> None:
        if report.ok:
            QMessageBox.information(self, self.tr("检查完整性"), self.tr("档案库完好。"))
        else:
            QMessageBox.warning(
                self,
                self.tr("检查完整性"),
                # The first problem and how many more: a damaged file has one line per page, hundreds.
                self.tr("发现问题：{}").format(
                    backups.summary(
                        [p for p in report.cipher_integrity + report.integrity if p != "ok"]
                        or [f"migration {report.revision} (head {report.head})"]
                    )
                ),
            )
