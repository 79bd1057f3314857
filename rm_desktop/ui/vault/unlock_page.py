"""The lock screen: the only thing the window shows while the vault is locked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.services.vault.paths import location_warning
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed


class UnlockPage(QWidget):
    unlock_requested = Signal(str, bool)  # password, remember on this PC
    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        card = QFrame(self)
        card.setObjectName("unlockCard")
        themed(card, "#unlockCard { background: $base; border: 1px solid $border; border-radius: 8px; }")
        card.setFixedWidth(420)

        title = QLabel(self.tr("客户经理桌面档案"))
        set_role(title, "title")
        self.subtitle = QLabel(self.tr("档案库已锁定，请输入主密码解锁。"))
        self.subtitle.setWordWrap(True)
        # A demo vault's random password, shown for the whole session (reset() keeps it).
        self.demo_hint = QLabel()
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        themed(self.demo_hint, "color: $warning; font-weight: 600;")
        self.demo_hint.setVisible(False)
        self.path_label = QLabel()
        themed(self.path_label, "color: $muted; font-size: 11px;")
        self.path_label.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("主密码"))
        self.password.setMinimumHeight(32)
        self.remember = QCheckBox(self.tr("在本机记住（保存在系统钥匙串中）"))
        self.remember.setChecked(True)
        self.error = QLabel()
        themed(self.error, "color: $error;")
        self.error.setWordWrap(True)
        self.notice = QLabel()
        themed(self.notice, "color: $warning;")
        self.notice.setWordWrap(True)
        # The vault on a network, mapped or OneDrive folder (SQLite's WAL is unsafe there).
        self.location_warning = QLabel()
        themed(self.location_warning, "color: $warning;")
        self.location_warning.setWordWrap(True)
        self.location_warning.setVisible(False)
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setDefault(True)
        self.unlock_button.setMinimumHeight(32)
        self.restore_button = QPushButton(self.tr("从最新备份恢复…"))
        self.restore_button.setVisible(False)
        # While the vault opens (key derivation, and a migration with its backup when one is due).
        self.busy_label = QLabel(self.tr("正在解锁…"))
        themed(self.busy_label, "color: $muted;")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no known length: a moving bar
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(6)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        for widget in (
            title,
            self.subtitle,
            self.demo_hint,
            self.path_label,
            self.location_warning,
            self.password,
            self.remember,
            self.error,
            self.notice,
            self.busy_label,
            self.busy_bar,
            self.unlock_button,
            self.restore_button,
        ):
            inner.addWidget(widget)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.password.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        self.restore_button.clicked.connect(self.restore_requested)
        self.busy = False
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        """While the vault opens: a moving bar, and nothing to press or type."""
        self.busy = busy
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        for widget in (self.password, self.remember, self.unlock_button, self.restore_button):
            widget.setEnabled(not busy)
        if busy:
            self.error.setVisible(False)
        else:
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        if self.busy:
            return
        if not self.password.text():
            self.show_error(self.tr("请输入主密码。"))
            return
        self.unlock_requested.emit(self.password.text(), self.remember.isChecked())

    def show_demo_password(self, password: str) -> None:
        self.demo_hint.setText(self.tr("这是演示档案库（退出后删除），主密码：{}").format(password))
        self.demo_hint.setVisible(True)

    def reset(self, path: str, notice: str = "") -> None:
        self.path_label.setText(path)
        warning = location_warning(Path(path)) if path else None
        self.location_warning.setText(warning or "")
        self.location_warning.setVisible(bool(warning))
        self.password.clear()
        self.error.clear()
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.error.setVisible(False)
        self.restore_button.setVisible(False)
        self.set_busy(False)

    def show_missing_database(self, latest: Path | None) -> None:
        """vault.db is gone (the header is there): said, and the latest backup offered."""
        self.show_error(
            self.tr("档案库的数据库文件 vault.db 不见了。为免变成一个空档案库，没有打开。") + self._latest_text(latest),
            offer_restore=latest is not None,
        )

    def show_damaged_database(self, latest: Path | None) -> None:
        """Pages of the database cannot be read (found at unlock or by the backup right after)."""
        self.show_error(
            self.tr("档案库数据库已损坏，部分页面无法读取。为免损坏的数据覆盖好的备份，本次没有备份。")
            + self._latest_text(latest),
            offer_restore=latest is not None,
        )

    def _latest_text(self, latest: Path | None) -> str:
        if latest is None:
            return self.tr("没有可用的备份。")
        return self.tr("可从最新备份恢复（{}）。").format(latest.name)

    def show_error(self, message: str, *, offer_restore: bool = False) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.error.setVisible(True)
        self.restore_button.setVisible(offer_restore)
        self.password.selectAll()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
