"""The audit log's rows as a table: seq, local time, action label, object, counts, origin."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from rm_desktop.services.audit.actions import label
from rm_desktop.services.audit.reading import AuditEntry
from rm_desktop.services.reveals import reasons as reveal_reasons

_Index = QModelIndex | QPersistentModelIndex


# Spelled out for pyside6-lupdate, which only sees literal translate() calls.
def _headers() -> list[str]:
    return [
        QCoreApplication.translate("AuditModel", "序号"),
        QCoreApplication.translate("AuditModel", "时间"),
        QCoreApplication.translate("AuditModel", "操作"),
        QCoreApplication.translate("AuditModel", "对象"),
        QCoreApplication.translate("AuditModel", "来源"),
        QCoreApplication.translate("AuditModel", "计数"),
    ]


def local_time(stamp: str) -> str:
    """The stored UTC stamp in this PC's time zone, to the second."""
    try:
        moment = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return stamp  # a received entry of another format: shown as stored
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def counts_text(counts: dict[str, Any]) -> str:
    parts = []
    if "clients" in counts:
        parts.append(QCoreApplication.translate("AuditModel", "客户 {}").format(counts["clients"]))
    if "rows" in counts:
        parts.append(QCoreApplication.translate("AuditModel", "行 {}").format(counts["rows"]))
    fields = counts.get("fields") or []
    if fields:  # a few field codes by name (phone), a whole export's by their number
        shown = ", ".join(fields) if len(fields) <= 3 else str(len(fields))
        parts.append(QCoreApplication.translate("AuditModel", "字段 {}").format(shown))
    if counts.get("kind"):
        parts.append(str(counts["kind"]))
    if counts.get("file"):
        parts.append(str(counts["file"]))
    if counts.get("reason"):  # a reveal's reason (services/reveals), with 其他's words
        parts.append(" ".join(filter(None, (reveal_reasons.label(str(counts["reason"])), counts.get("note")))))
    return " · ".join(parts)


class AuditModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[AuditEntry] = []
        self.headers = _headers()

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:  # the whole sender id, then the hash
            return entry.hash if entry.origin == "local" else f"{entry.origin}\n{entry.hash}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, entry: AuditEntry, column: int) -> str:
        if column == 0:
            return str(entry.seq)
        if column == 1:
            return local_time(entry.at)
        if column == 2:
            return label(entry.action)
        if column == 3:
            return entry.object or ""
        if column == 4:
            if entry.origin == "local":
                return QCoreApplication.translate("AuditModel", "本机")
            return QCoreApplication.translate("AuditModel", "接收自 {}").format(entry.origin.split(":", 1)[-1][:8])
        return counts_text(entry.counts)
