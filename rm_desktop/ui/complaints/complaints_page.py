"""服务: the complaints and service requests of the whole book, open ones first by default;
an open complaint past its follow-up deadline is red. 新建 (Ctrl+Shift+N) receives one, Enter or a
double-click opens its handling checklist, 结案 closes it with outcome and satisfaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from rm_desktop.services.complaints import store
from rm_desktop.services.complaints.records import ComplaintRecord
from rm_desktop.ui.complaints.complaint_dialog import ComplaintDialog
from rm_desktop.ui.complaints.complaint_form import CloseComplaintDialog, NewComplaintDialog
from rm_desktop.ui.complaints.complaints_model import RECORD_ROLE, Col, ComplaintsModel
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed

NEW_KEYS = "Ctrl+Shift+N"  # Ctrl+N is the window's 记录往来: two owners of one key and neither fires


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class ComplaintsPage(Page):
    load_on_show = "each"  # a complaint received from a client file shows when the page is next opened

    def __init__(self, privacy: Privacy, clock: Callable[[], dt.datetime] = _now, parent=None):
        super().__init__(parent)
        self.privacy, self.clock = privacy, clock
        title = QLabel(self.tr("服务：投诉与服务请求"))
        set_role(title, "title")
        self.status = QComboBox()
        for code, label in (("open", self.tr("未结")), ("closed", self.tr("已结")), ("all", self.tr("全部"))):
            self.status.addItem(label, code)
        self.status.currentIndexChanged.connect(self.load)
        self.counts = QLabel()
        themed(self.counts, "color: $muted;")
        self.new_button = QPushButton(self.tr("新建（Ctrl+Shift+N）"))
        self.new_button.clicked.connect(self.new_complaint)
        self.open_button = QPushButton(self.tr("处理"))
        self.open_button.clicked.connect(self.open_current)
        self.close_button = QPushButton(self.tr("结案…"))
        self.close_button.clicked.connect(self.close_current)
        self.model = ComplaintsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Col.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        selection = self.table.selectionModel()
        assert selection is not None  # the view has a model
        selection.selectionChanged.connect(self._selection_changed)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        themed(self.empty, "color: $muted; font-size: 13px;")
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.counts)
        bar.addWidget(self.status)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        for keys, slot in (
            (QKeySequence(NEW_KEYS), self.new_complaint),
            (QKeySequence(Qt.Key.Key_Return), self.open_current),
            (QKeySequence(Qt.Key.Key_Enter), self.open_current),
        ):
            action = QAction(self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        privacy.changed.connect(self._privacy_changed)
        self._selection_changed()

    # -- loading ------------------------------------------------------------------------------
    def load(self) -> None:
        if self.vault is None:
            return
        status = self.status.currentData() or "open"
        rows = store.list_complaints(self.vault, status=status)  # one indexed query: no background job
        everything = rows if status == "all" else store.list_complaints(self.vault)
        now = self.clock()
        self.model.client_present = self.privacy.client_present
        self.model.set_rows(rows, now)
        open_ = [c for c in everything if c.is_open]
        late = sum(1 for c in open_ if c.overdue(now))
        self.counts.setText(self.tr("未结 {} · 逾期 {} · 共 {}").format(len(open_), late, len(everything)))
        hints = {
            "open": self.tr("没有未结的投诉或服务请求。客户投诉时点“新建”，或在客户档案的“时间线”里新建。"),
            "closed": self.tr("还没有已结案的投诉。"),
            "all": self.tr("还没有投诉或服务请求。客户投诉时点“新建”（Ctrl+Shift+N）登记。"),
        }
        self.empty.setText(hints[status])
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._selection_changed()

    def detach(self) -> None:
        super().detach()
        self.model.set_rows([], self.clock())

    # -- actions ------------------------------------------------------------------------------
    def current(self) -> ComplaintRecord | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() and self.table.isVisible() else None

    def _selection_changed(self, *_args) -> None:
        chosen = self.current()
        self.open_button.setEnabled(chosen is not None)
        self.close_button.setEnabled(chosen is not None and chosen.is_open)

    def new_complaint(self) -> None:
        if self.vault is None:
            return
        dialog = NewComplaintDialog(self.vault, self, clock=self.clock)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.load()
            self.open_complaint(dialog.saved)

    def open_current(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self.open_complaint(chosen)

    def open_complaint(self, complaint: ComplaintRecord) -> None:
        if self.vault is None:
            return
        dialog = ComplaintDialog(self.vault, complaint, self, clock=self.clock)
        dialog.changed.connect(self.load)
        dialog.exec()

    def close_current(self) -> None:
        chosen = self.current()
        if self.vault is None or chosen is None or not chosen.is_open:
            return
        dialog = CloseComplaintDialog(self.vault, chosen, self, clock=self.clock)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load()

    def _privacy_changed(self, present: bool) -> None:
        self.model.client_present = present
        self.model.redraw()
