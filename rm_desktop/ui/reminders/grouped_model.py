"""The base of the worklist's and the Today page's trees: read-only group rows in bold (name and
count) over item rows, the index layout left to each model, every row redrawn when 客户在场
toggles (names and amounts change)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar, overload

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from rm_desktop.ui.widgets.privacy import Privacy

_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# Leaves say so: the tree then never asks an item row for children.
_ITEM_FLAGS = _GROUP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren

T = TypeVar("T")


class GroupedModel(QAbstractItemModel):
    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(parent)
        self.privacy = privacy
        self._bold = QFont()
        self._bold.setBold(True)
        privacy.changed.connect(self._privacy_changed)

    # -- what each model says ------------------------------------------------------------------
    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def is_item(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        """A valid index of an item row (not a group's)."""
        raise NotImplementedError

    def parent_of(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        """The parent of a valid index."""
        raise NotImplementedError

    # -- shared ----------------------------------------------------------------------------------
    @overload
    def parent(self, /) -> QObject | None: ...
    @overload
    def parent(self, child: QModelIndex | QPersistentModelIndex, /) -> QModelIndex: ...
    def parent(self, index: QModelIndex | QPersistentModelIndex | None = None, /) -> QObject | QModelIndex | None:
        if index is None:
            return super().parent()  # QObject.parent(): who owns the model
        if not index.isValid():
            return QModelIndex()
        return self.parent_of(index)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            if 0 <= section < len(headers):
                return headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ITEM_FLAGS if self.is_item(index) else _GROUP_FLAGS

    def group_cell(self, index: QModelIndex | QPersistentModelIndex, role: int, name: str, count: int):
        """A group row: "name（count）" in the first column, in bold."""
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return self.tr("{}（{}）").format(name, count)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        return None

    def _privacy_changed(self, _on: bool) -> None:
        # Every name and amount may change; a layout change keeps it simple and cheap (data is lazy).
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()


class TwoLevelModel(GroupedModel, Generic[T]):
    """Groups → items (the worklist, the calendar's day list). Each index carries its parent in
    ``internalId``: 0 for a group row, 1 + the group's row for an item; ``_groups`` holds
    (code, items) top down."""

    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(privacy, parent)
        self._groups: Sequence[tuple[str, Sequence[T]]] = []  # a worklist group may sort itself when read

    def total(self) -> int:
        return sum(len(items) for _code, items in self._groups)

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if not 0 <= column < self.columnCount() or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() == 0 and parent.column() == 0 and row < len(self._groups[parent.row()][1]):
            return self.createIndex(row, column, 1 + parent.row())
        return QModelIndex()

    def parent_of(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        iid = index.internalId()
        return QModelIndex() if iid == 0 else self.createIndex(iid - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.column() == 0 and parent.internalId() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def is_item(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return index.internalId() != 0

    def leaf(self, index: QModelIndex | QPersistentModelIndex) -> T | None:
        """The item of an item row; None for a group row or an invalid index."""
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]
