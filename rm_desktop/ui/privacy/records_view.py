"""到期保留 › 记录: an ended relationship's contacts, plans and complaints past their own periods
(services/privacy/records), one row per client with the counts per category, ticked by default;
删除记录… deletes the ticked clients' due records after a confirmation naming the counts and that
it cannot be undone, with progress and Cancel. Nothing goes by itself: the records are listed
and deleted on the RM's say-so (the issue names automatic deletion only for the trash and the
backups). An empty list says when records will appear here."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMessageBox, QTableView, QVBoxLayout, QWidget

from rm_desktop.services.privacy import records, retention
from rm_desktop.ui.widgets.tasks import run_task

Index = QModelIndex | QPersistentModelIndex
_COUNTED = records.CATEGORIES  # columns 2–4, in this order


class RecordsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[records.RecordsDue] = []
        self.ticked: set[int] = set()

    def set_rows(self, rows: list[records.RecordsDue]) -> None:
        self.beginResetModel()
        self.rows, self.ticked = rows, {r.client_id for r in rows}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 6:
            return (
                self.tr("客户"),
                self.tr("关系结束"),
                self.tr("往来记录"),
                self.tr("理财规划"),
                self.tr("投诉"),
                self.tr("保留到期"),
            )[section]
        return None

    def flags(self, index: Index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() and index.column() == 0 else base

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if row.client_id in self.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= column <= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return row.name
        if column == 1:
            why = self.tr("流失") if row.why == retention.LOST else self.tr("回收站")
            return self.tr("{}（{}）").format(row.ended_on.isoformat(), why)
        if column == 5:
            return min(row.due_on.values()).isoformat()
        count = row.counts.get(_COUNTED[column - 2], 0)
        return str(count) if count else "–"

    def setData(self, index: Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        cid = self.rows[index.row()].client_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(cid)
        else:
            self.ticked.discard(cid)
        self.dataChanged.emit(index, index, [role])
        return True

    def ticked_rows(self) -> list[records.RecordsDue]:
        return [r for r in self.rows if r.client_id in self.ticked]


class RecordsView(QWidget):
    """The 记录 tab; the dialog owns its 删除记录… button and calls :meth:`purge`."""

    changed = Signal()  # the list or the ticks changed: the dialog updates its buttons
    purged = Signal()  # records went: a new deletion entry for the receipt

    def __init__(self, vault, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault, self.today = vault, today
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = RecordsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.model.dataChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)

    def _periods(self) -> str:
        parts = []
        for category in _COUNTED:
            note = self.tr("，由 IT 策略设定") if retention.fixed_by_policy(category) else ""
            days = retention.retention_days(self.vault, category)
            parts.append(self.tr("{} {} 天{}").format(records.category_label(category), days, note))
        return self.tr("、").join(parts)

    def reload(self) -> None:
        periods = self._periods()
        self.intro.setText(
            self.tr(
                "客户关系结束（流失或移入回收站）后，各类记录按各自的期限保留：{}。"
                "到期的记录列在这里，只在您确认后删除；客户本身到期时请在“客户”页处理。"
            ).format(periods)
        )
        self.empty.setText(
            self.tr("没有超过保留期限的记录。客户关系结束后超过上述期限的往来记录、理财规划和投诉会出现在这里。")
        )
        self.model.set_rows(records.records_due(self.vault, self.today))
        self._update()

    def _update(self, *_args) -> None:
        has_rows = bool(self.model.rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.changed.emit()

    def confirm(self, due: list[records.RecordsDue]) -> bool:
        counts = self.tr("、").join(
            self.tr("{} {} 条").format(records.category_label(c), n)
            for c in _COUNTED
            if (n := sum(r.counts.get(c, 0) for r in due))
        )
        answer = QMessageBox.warning(
            self,
            self.tr("删除记录"),
            self.tr("删除 {} 位客户的到期记录（{}）？此操作不可撤销，审计日志只记录数量。").format(len(due), counts),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def purge(self) -> None:
        due = self.model.ticked_rows()
        if not due or not self.confirm(due):
            return
        ids = [r.client_id for r in due]

        def done(_counts) -> None:
            self.reload()
            self.purged.emit()

        run_task(
            self,
            self.tr("正在删除到期记录…"),
            lambda progress: records.purge(self.vault, self.today, ids, progress),
            done,
            vault=self.vault,
        )
