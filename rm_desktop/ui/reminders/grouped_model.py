"""The base of the worklist's and the Today page's trees: read-only group rows in bold (name and
count) over item rows, the index layout left to each model, every row redrawn when 客户在场
toggles (names and amounts change)."""

from __future__ import annotations

from typing import overload

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from rm_desktop.ui.widgets.privacy import Privacy

_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# Leaves say so: the tree then never asks an item row for children.
_ITEM_FLAGS = _GROUP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren


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
