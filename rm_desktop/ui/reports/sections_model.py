"""A report's sections as a tree: a bold row per section, its lines (count, total amount) beneath,
and under each line the clients it names (the RM's own copy).

While 客户在场 is on, the names and amounts read ••••: the counts stay, so the page can stay open
with a client across the desk. A section where nothing happened shows its ``empty_text``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from rm_desktop.domain.money import WAN, format_amount
from rm_desktop.domain.reports import Report
from rm_desktop.ui.widgets import theme
from rm_desktop.ui.widgets.privacy import HIDDEN

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # a section's or line's key; a detail's client id


def _item(text: str, key: object = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if key is not None:
        item.setData(key, KEY_ROLE)
    return item


def _count(value: int) -> QStandardItem:
    return _amount(str(value))


def _amount(text: str) -> QStandardItem:
    item = _item(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class SectionsModel(QStandardItemModel):
    refreshed = Signal()  # after each refill: the views open its sections

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._report: Report | None = None
        self._hidden = False
        self._headers()

    def _headers(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("项目"), self.tr("数量"), self.tr("金额（万元）"), self.tr("说明")])

    def show_report(self, report: Report | None, hidden: bool) -> None:
        self._report, self._hidden = report, hidden
        self.refresh()

    def set_hidden(self, hidden: bool) -> None:
        if hidden != self._hidden:
            self._hidden = hidden
            self.refresh()

    def refresh(self) -> None:
        # Rows only: clear() would drop the columns and with them the view's resize modes.
        self.removeRows(0, self.rowCount())
        if self._report is None:
            self.refreshed.emit()
            return
        bold = QFont()
        bold.setBold(True)
        muted = theme.foreground(theme.tones(theme.palette_of())["muted"])
        for section in self._report.sections:
            head = _item(section.title, section.key)
            head.setFont(bold)
            total = sum(line.count for line in section.lines)
            row = [head, _count(total), _item(""), _item("")]
            if not total and section.empty_text:
                row[3] = _item(section.empty_text)
                row[3].setForeground(muted)
            for line in section.lines:
                head.appendRow(self._line_row(line))
            self.appendRow(row)
        self.refreshed.emit()

    def _line_row(self, line) -> list[QStandardItem]:
        amount = "" if line.amount is None else HIDDEN if self._hidden else format_amount(line.amount, WAN)
        label = _item(line.label, line.key)
        count = _count(line.count)
        for detail in line.details:
            per_client = "" if detail.amount is None else HIDDEN if self._hidden else format_amount(detail.amount, WAN)
            label.appendRow(
                [
                    _item(HIDDEN if self._hidden else detail.name, detail.client_id),
                    _item(""),
                    _amount(per_client),
                    _item(detail.text),
                ]
            )
        return [label, count, _amount(amount), _item("")]
