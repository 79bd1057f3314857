"""到期保留 › 记录: an ended relationship's contacts, plans and complaints past their own periods
(services/privacy/records), one row per client with the counts per category, ticked by default;
删除记录… deletes the ticked clients' due records after a confirmation naming the counts and that
it cannot be undone, with progress and Cancel. Nothing goes by itself: the records are listed
and deleted on the RM's say-so (the issue names automatic deletion only for the trash and the
backups). An empty list says when records will appear here."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMessageBox, QTableView, QVBoxLayout, QWidget

from rm_desktop.services.privacy import records, retention
from rm_desktop.ui.privacy.ticked_model import TickedClientsModel
from rm_desktop.ui.widgets.tasks import run_task

_COUNTED = records.CATEGORIES  # columns 2–4, in this order


class RecordsModel(TickedClientsModel[records.RecordsDue]):
    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("客户"),
            self.tr("关系结束"),
            self.tr("往来记录"),
            self.tr("理财规划"),
            self.tr("投诉"),
            self.tr("保留到期"),
        )

    def alignment(self, column: int):
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if 2 <= column <= 4 else None

    def cell(self, row: records.RecordsDue, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            why = self.tr("流失") if row.why == retention.LOST else self.tr("回收站")
            return self.tr("{}（{}）").format(row.ended_on.isoformat(), why)
        if column == 5:
            return min(row.due_on.values()).isoformat()
        count = row.counts.get(_COUNTED[column - 2], 0)
        return str(count) if count else "–"


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
