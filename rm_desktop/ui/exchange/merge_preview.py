"""The merge preview by name: a tree of groups (new, matching, conflicting, skipped, rejected)
→ clients → the fields that differ or are filled (in the vault, in the file, what happens).

A view of services/exchange/merge_plan (the dry run of the write); the import dialog shows it
as its 按客户 tab and the handover import in :class:`MergePreviewDialog` before the merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from rm_desktop.services.exchange.merge_plan import (
    CONFLICTING,
    MATCHING,
    NEW_GROUP,
    REJECTED_GROUP,
    ClientPlan,
    FieldChange,
    MergePlan,
)
from rm_desktop.ui.widgets.screen_fit import fit_to_screen
from rm_desktop.ui.widgets.theme import foreground, themed

_C = "MergePlanModel"
_GROUP_TITLES = {
    NEW_GROUP: QT_TRANSLATE_NOOP("MergePlanModel", "新客户（将新增）"),
    MATCHING: QT_TRANSLATE_NOOP("MergePlanModel", "相同客户（资料一致）"),
    CONFLICTING: QT_TRANSLATE_NOOP("MergePlanModel", "有冲突的客户（资料不同）"),
    "skipped": QT_TRANSLATE_NOOP("MergePlanModel", "重复、跳过的客户"),
    REJECTED_GROUP: QT_TRANSLATE_NOOP("MergePlanModel", "被拒绝的行"),
}
_GROUP_COLOURS = {NEW_GROUP: "#1b7f3b", CONFLICTING: "#b36b00", REJECTED_GROUP: "#b3261e"}
_ALWAYS = (NEW_GROUP, MATCHING, CONFLICTING)  # shown even when empty: "none conflict" is news too
# Shown in the order they need a look: conflicts first, then the new clients, then the rest.
_ORDER = (CONFLICTING, NEW_GROUP, MATCHING, "skipped", REJECTED_GROUP)
_OPEN_MATCHING = 10  # a longer list of unchanged clients starts folded
_NO_PARENT = -1


@dataclass
class _Node:
    parent: int  # its parent's node, _NO_PARENT for a group
    row: int  # its row under that parent
    group: str
    client: ClientPlan | None
    change: FieldChange | None
    children: list[int] = field(default_factory=list)


def _tr(text: object) -> str:
    """``text`` (a QT_TRANSLATE_NOOP string, typed as object) in the UI language."""
    return QCoreApplication.translate(_C, str(text))


class MergePlanModel(QAbstractItemModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("MergePlanModel", "客户 / 字段"),
        QT_TRANSLATE_NOOP("MergePlanModel", "本机"),
        QT_TRANSLATE_NOOP("MergePlanModel", "文件"),
        QT_TRANSLATE_NOOP("MergePlanModel", "处理"),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[tuple[str, list[ClientPlan]]] = []
        self._nodes: list[_Node] = []  # an index's internal id is its node's position here
        self._top: list[int] = []

    def set_plan(self, plan: MergePlan | None) -> None:
        self.beginResetModel()
        self.groups, self._nodes, self._top = [], [], []
        if plan is not None:
            for name in _ORDER:
                members = plan.group(name)
                if members or name in _ALWAYS:
                    self.groups.append((name, members))
        for row, (name, members) in enumerate(self.groups):
            self._top.append(self._add(_Node(_NO_PARENT, row, name, None, None)))
            for place, client in enumerate(members):
                child = self._add(_Node(self._top[-1], place, name, client, None))
                for line, change in enumerate(client.differing + client.filled):
                    self._add(_Node(child, line, name, client, change))
        self.endResetModel()

    def _add(self, node: _Node) -> int:
        self._nodes.append(node)
        if node.parent != _NO_PARENT:
            self._nodes[node.parent].children.append(len(self._nodes) - 1)
        return len(self._nodes) - 1

    def _children(self, parent: QModelIndex) -> list[int]:
        return self._nodes[parent.internalId()].children if parent.isValid() else self._top

    def index(self, row, column, parent=QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._children(parent)[row])

    def parent(self, index=QModelIndex()):
        if not index.isValid():
            return QModelIndex()
        up = self._nodes[index.internalId()].parent
        return QModelIndex() if up == _NO_PARENT else self.createIndex(self._nodes[up].row, 0, up)

    def _item(self, index) -> tuple[str, ClientPlan | None, FieldChange | None]:
        """(group, client, field) of ``index``; client and field None above their level."""
        node = self._nodes[index.internalId()]
        return node.group, node.client, node.change

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        group, client, change = self._item(index)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if client is None:
                if column != 0:
                    return ""
                count = f"{len(self._nodes[index.internalId()].children):,}"
                return _tr(QT_TRANSLATE_NOOP("MergePlanModel", "{}（{}）")).format(_tr(_GROUP_TITLES[group]), count)
            if change is None:
                return (client.name, "", "", self._outcome(client))[column]
            return (change.label, change.in_vault, change.in_file, self._field_outcome(change, client))[column]
        if role == Qt.ItemDataRole.FontRole and client is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and client is None and group in _GROUP_COLOURS:
            return foreground(_GROUP_COLOURS[group])
        if role == Qt.ItemDataRole.ToolTipRole and client is not None and change is None and client.reasons:
            return "\n".join(client.reasons)
        if role == Qt.ItemDataRole.ToolTipRole and change is not None and column in (1, 2):
            return (change.in_vault, change.in_file)[column - 1] or None
        return None

    def _outcome(self, client: ClientPlan) -> str:
        if client.group == NEW_GROUP:
            return _tr(QT_TRANSLATE_NOOP("MergePlanModel", "新增"))
        if client.group == REJECTED_GROUP:
            return _tr(QT_TRANSLATE_NOOP("MergePlanModel", "第 {} 行：{}")).format(
                client.row_number, "；".join(client.reasons)
            )
        if client.group == "skipped":
            return _tr(QT_TRANSLATE_NOOP("MergePlanModel", "跳过"))
        parts = []
        if client.differing:
            parts.append(_tr(QT_TRANSLATE_NOOP("MergePlanModel", "{} 处不同")).format(len(client.differing)))
        if client.filled:
            parts.append(_tr(QT_TRANSLATE_NOOP("MergePlanModel", "补充 {} 项")).format(len(client.filled)))
        return "，".join(parts) if parts else _tr(QT_TRANSLATE_NOOP("MergePlanModel", "无变化"))

    def _field_outcome(self, change: FieldChange, client: ClientPlan) -> str:
        if change in client.filled:
            return _tr(QT_TRANSLATE_NOOP("MergePlanModel", "补充文件中的值"))
        if change.kept:
            return _tr(QT_TRANSLATE_NOOP("MergePlanModel", "保留本机的值"))
        return _tr(QT_TRANSLATE_NOOP("MergePlanModel", "改为文件中的值"))


def plan_tree(model: MergePlanModel) -> QTreeView:
    """A tree view of ``model``, conflicting clients opened (their fields are the news)."""
    tree = QTreeView()
    tree.setModel(model)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    model.modelReset.connect(lambda: _expand(tree, model))
    return tree


def _expand(tree: QTreeView, model: MergePlanModel) -> None:
    for row, (name, members) in enumerate(model.groups):
        group = model.index(row, 0)
        tree.setFirstColumnSpanned(row, QModelIndex(), True)  # a group's title takes the whole row
        tree.setExpanded(group, name != MATCHING or len(members) <= _OPEN_MATCHING)
        if name == CONFLICTING and len(members) <= 200:  # opening thousands would stall the view
            for child in range(len(members)):
                tree.setExpanded(model.index(child, 0, group), True)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the two values get the room
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    # Never narrower than their titles ("In this vault" was cut to a few letters in a small window).
    header.setMinimumSectionSize(max(header.sectionSizeHint(1), header.sectionSizeHint(2)))
    tree.setColumnWidth(0, 230)
    tree.setColumnWidth(3, 190)


class MergePreviewDialog(QDialog):
    """Before a handover merge: what the file holds and the clients by name; 合并 or 取消."""

    def __init__(self, summary: str, plan: MergePlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("合并移交文件：预览"))
        fit_to_screen(self, 900, 600)
        self.model = MergePlanModel(self)
        self.tree = plan_tree(self.model)
        self.model.set_plan(plan)
        self.intro = intro = QLabel(summary)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel(self.tr("合并时保留本机已有的资料（冲突处以本机为准），只补充空白字段；往来记录和持仓只增不减。"))
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton(self.tr("合并"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
