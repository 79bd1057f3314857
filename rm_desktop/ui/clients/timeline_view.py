"""The client file's 时间线: one chronological view (newest first) of everything with this
client: contacts, complaints (received, each step, closed) and what the other features add
through services/timeline. A filter narrows it to one kind; 新建投诉 receives a complaint for
this client; a double-click opens a complaint's handling checklist or a contact's editor."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
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
    QWidget,
)

from rm_desktop.services.complaints import store as complaints
from rm_desktop.services.timeline.model import TimelineEntry
from rm_desktop.services.timeline.providers import client_timeline
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.complaints.complaint_dialog import ComplaintDialog
from rm_desktop.ui.complaints.complaint_form import NewComplaintDialog
from rm_desktop.ui.widgets.theme import themed

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
ALL = ""


def kind_labels() -> dict[str, str]:
    """The timeline's kinds in the UI language; a kind not named here shows as its key."""
    return {  # literal calls so that lupdate finds every string
        "contact": QCoreApplication.translate("Timeline", "往来"),
        "complaint": QCoreApplication.translate("Timeline", "投诉"),
        "opportunity": QCoreApplication.translate("Timeline", "商机"),
        "referral": QCoreApplication.translate("Timeline", "推荐"),
        "event": QCoreApplication.translate("Timeline", "活动"),
        "playbook": QCoreApplication.translate("Timeline", "工作流程"),
    }


class TimelineModel(QAbstractTableModel):
    """Columns: time, kind, title, detail; ``kind`` filters (ALL for every kind)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[TimelineEntry] = []
        self.entries: list[TimelineEntry] = []
        self.kind = ALL
        self.labels = kind_labels()

    def set_records(self, entries: Sequence[TimelineEntry]) -> None:
        self.beginResetModel()
        self._all = list(entries)
        self.entries = [e for e in self._all if self.kind in (ALL, e.kind)]
        self.endResetModel()

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.set_records(self._all)

    def kinds(self) -> list[str]:
        """The kinds present, in order of first appearance (newest first)."""
        return list(dict.fromkeys(e.kind for e in self._all))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 4:
            return None
        return (self.tr("时间"), self.tr("类别"), self.tr("事项"), self.tr("详情"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            return f"{entry.when:%Y-%m-%d %H:%M}"
        if column == 1:
            return self.labels.get(entry.kind, entry.kind)
        if column == 2:
            return entry.title
        detail = entry.detail or ""
        return detail if role == Qt.ItemDataRole.ToolTipRole else " ".join(detail.split())[:80]


class TimelineTab(QWidget):
    changed = Signal()  # a complaint was received or handled here: the file's other views reload
    contact_requested = Signal(int)  # a contact entry double-clicked: the file opens its editor

    def __init__(self, parent=None):
        super().__init__(parent)
        self.vault: Vault | None = None
        self.client_id: int | None = None
        self.client_name = ""
        self.model = TimelineModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        self.filter = QComboBox()
        self.filter.currentIndexChanged.connect(lambda _i: self.model.set_kind(self.filter.currentData() or ALL))
        self.empty = QLabel(self.tr("还没有往来或投诉记录。往来记录、投诉和其他事项会按时间排在这里。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        themed(self.empty, "color: $muted; font-size: 13px;")
        self.new_complaint_button = QPushButton(self.tr("新建投诉"))
        self.new_complaint_button.clicked.connect(self.new_complaint)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("显示")))
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.new_complaint_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.model.modelReset.connect(self._shown)

    def load(self, vault: Vault, client_id: int, client_name: str = "") -> None:
        self.vault, self.client_id, self.client_name = vault, client_id, client_name or self.client_name
        self.reload()

    def reload(self) -> None:
        if self.vault is None or self.client_id is None:
            return
        self.model.set_records(client_timeline(self.vault, self.client_id))
        chosen = self.model.kind
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(self.tr("全部"), ALL)
        for kind in self.model.kinds():
            self.filter.addItem(self.model.labels.get(kind, kind), kind)
        self.filter.setCurrentIndex(max(self.filter.findData(chosen), 0))
        self.filter.blockSignals(False)
        if self.filter.currentData() != chosen:
            self.model.set_kind(ALL)

    def showEvent(self, event) -> None:  # a contact logged on the 往来记录 tab shows here too
        super().showEvent(event)
        self.reload()

    def _shown(self) -> None:
        empty = self.model.rowCount() == 0 and self.model.kind == ALL
        self.table.setVisible(not empty)
        self.empty.setVisible(empty)

    def new_complaint(self) -> None:
        if self.vault is None or self.client_id is None:
            return
        dialog = NewComplaintDialog(self.vault, self, client_id=self.client_id, client_label=self.client_name)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.reload()
            self.changed.emit()
            self.open_complaint(dialog.saved.id)

    def open_complaint(self, complaint_id: int) -> None:
        if self.vault is None:
            return
        dialog = ComplaintDialog(self.vault, complaints.get_complaint(self.vault, complaint_id), self)
        dialog.changed.connect(self.reload)
        dialog.changed.connect(self.changed)
        dialog.exec()

    def _open(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if entry is None or entry.ref is None:
            return
        if entry.kind == "complaint":
            self.open_complaint(entry.ref)
        elif entry.kind == "contact":
            self.contact_requested.emit(entry.ref)
