"""One pipeline column's cards as a list model: drag out (the opportunity's id as MIME data)
and drop in (``dropped``: the page asks the service to move it; the rows change only when the
board reloads, so a refused move leaves every card where it was)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication

from rm_desktop.domain.money import WAN, format_amount
from rm_desktop.services.sales.records import OpportunityRecord
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy

MIME = "application/x-rm-desktop-opportunity"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class StageModel(QAbstractListModel):
    dropped = Signal(int, str)  # opportunity id, this column's stage

    def __init__(self, stage: str, privacy: Privacy, parent=None):
        super().__init__(parent)
        self.stage, self.privacy = stage, privacy
        self.cards: list[OpportunityRecord] = []
        privacy.changed.connect(self._redraw)

    def set_cards(self, cards: list[OpportunityRecord]) -> None:
        self.beginResetModel()
        self.cards = list(cards)
        self.endResetModel()

    def _redraw(self, _on: bool = False) -> None:
        if self.cards:
            self.dataChanged.emit(self.index(0), self.index(len(self.cards) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        card = self.cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            amount = HIDDEN if self.privacy.client_present else format_amount(card.amount, WAN)
            close = card.expected_close.strftime("%m-%d") if card.expected_close else "—"
            unit = self.tr("万")
            return f"{card.client_name} · {card.product_name}\n{amount}{unit} · {close}"
        if role == Qt.ItemDataRole.ToolTipRole:
            head = self.tr("{}：{} {} {}").format(
                card.client_name, card.product_type_label, card.product_name, card.product_risk or ""
            )
            lines = [head.strip()]
            if card.source:
                lines.append(self.tr("来源：{}").format(card.source_label))
            if card.next_step:
                when = card.next_step_on.isoformat() if card.next_step_on else ""
                lines.append(self.tr("下一步：{} {}").format(card.next_step, when).strip())
            if card.lost_reason:
                lines.append(self.tr("未成交原因：{}").format(card.lost_reason))
            return "\n".join(lines)
        if role == ID_ROLE:
            return card.id
        if role == Qt.ItemDataRole.SizeHintRole:
            # Two lines whatever the language's fonts (a Latin fallback font is taller than the
            # Chinese one, and the delegate's own estimate then elided the second line).
            line = QFontMetrics(QGuiApplication.font()).lineSpacing()
            return QSize(120, 2 * line + 8)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME, ",".join(str(self.cards[r].id) for r in rows).encode())
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data is not None and data.hasFormat(MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if data is None or not data.hasFormat(MIME):
            return False
        mine = {card.id for card in self.cards}
        for part in bytes(data.data(MIME).data()).decode().split(","):
            if part.isdigit() and int(part) not in mine:
                self.dropped.emit(int(part), self.stage)
        return False  # the rows move when the board reloads after the service stored the move
