"""邀请话术: the invitation rendered for every invitee (services/events/invites through
services/scripts/render), one client at a time with 复制 (Ctrl+C) or all at once."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.services.scripts.render import RenderedScript
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.theme import themed


class InvitationsDialog(QDialog):
    def __init__(
        self, rendered: Sequence[RenderedScript], clipboard: ClipboardGuard, title: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.rendered, self.clipboard = list(rendered), clipboard
        self.setWindowTitle(self.tr("邀请话术：{}").format(title))
        self.resize(760, 480)
        self.names = QListWidget()
        for row in self.rendered:
            flag = "" if row.complete else self.tr("（有缺项）")
            self.names.addItem(f"{row.client_name}{flag}")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.info = QLabel()
        themed(self.info, "color: $muted;")
        self.names.currentRowChanged.connect(self.show_row)
        split = QSplitter()
        split.addWidget(self.names)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text, 1)
        column.addWidget(self.info)
        split.addWidget(right)
        split.setSizes([220, 540])
        self.copy_button = QPushButton(self.tr("复制（Ctrl+C）"))
        self.copy_button.clicked.connect(self.copy_current)
        self.copy_all_button = QPushButton(self.tr("全部复制"))
        self.copy_all_button.clicked.connect(self.copy_all)
        QShortcut(QKeySequence.StandardKey.Copy, self, self.copy_current)
        self.copied = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.copy_all_button)
        actions.addWidget(self.copied, 1)
        actions.addWidget(buttons)
        layout = QVBoxLayout(self)
        if not self.rendered:
            empty = QLabel(self.tr("还没有邀请任何客户：先在活动页点“邀请客户…”。"))
            empty.setWordWrap(True)
            layout.addWidget(empty)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        if self.rendered:
            self.names.setCurrentRow(0)
        self.copy_button.setEnabled(bool(self.rendered))
        self.copy_all_button.setEnabled(bool(self.rendered))

    def show_row(self, row: int) -> None:
        if 0 <= row < len(self.rendered):
            shown = self.rendered[row]
            self.text.setPlainText(shown.text)
            missing = "、".join(shown.missing)
            info = self.tr("{} 字 · {} 条短信").format(shown.sms.length, shown.segments)
            self.info.setText(info + (self.tr(" · 缺少：{}").format(missing) if missing else ""))

    def copy_current(self) -> None:
        row = self.names.currentRow()
        if 0 <= row < len(self.rendered):
            chosen = self.rendered[row]
            self.clipboard.copy(chosen.text, "invitation", chosen.client_id, chosen.client_name)
            self.copied.setText(self.tr("已复制 {} 的邀请").format(self.rendered[row].client_name))

    def copy_all(self) -> None:
        self.clipboard.copy("\n\n".join(f"{r.client_name}：\n{r.text}" for r in self.rendered), "invitation")
        self.copied.setText(self.tr("已复制全部 {} 条邀请").format(len(self.rendered)))
