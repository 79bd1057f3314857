"""The pipeline board: one column per stage with its count, amount and weighted amount; cards
move by drag and drop, by Ctrl+← / Ctrl+→ (the previous / next stage), or by the 移动到 menu
(right click or the menu key). Enter or a double click edits the card."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QListView, QMenu, QVBoxLayout, QWidget

from rm_desktop.domain.money import WAN, format_amount
from rm_desktop.domain.sales import OPEN_STAGES, STAGES
from rm_desktop.services.sales.pipeline import Board
from rm_desktop.ui.sales.board_model import ID_ROLE, StageModel
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed

ORDER = tuple(c.code for c in STAGES.choices)  # 意向 → 方案 → 风评/双录 → 成交 → 未成交


class StageColumn(QWidget):
    def __init__(self, stage: str, privacy: Privacy, parent=None):
        super().__init__(parent)
        self.stage = stage
        self.title = QLabel()
        set_role(self.title, "section")
        self.figures = QLabel()
        themed(self.figures, "color: $muted;")
        self.model = StageModel(stage, privacy, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setObjectName(f"stage_{stage}")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setWordWrap(True)
        self.view.setSpacing(3)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.figures)
        layout.addWidget(self.view, 1)


class PipelineBoard(QWidget):
    move_requested = Signal(int, str)  # opportunity id, target stage
    edit_requested = Signal(int)

    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(parent)
        self.privacy = privacy
        self.board: Board | None = None
        self.columns = {stage: StageColumn(stage, privacy, self) for stage in ORDER}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for column in self.columns.values():
            row.addWidget(column, 1)
            column.model.dropped.connect(self.move_requested)
            column.view.doubleClicked.connect(lambda index: self.edit_requested.emit(index.data(ID_ROLE)))
            column.view.activated.connect(lambda index: self.edit_requested.emit(index.data(ID_ROLE)))
            column.view.customContextMenuRequested.connect(lambda pos, c=column: self._menu(c, pos))
        for keys, step in (("Ctrl+Right", 1), ("Ctrl+Left", -1)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, s=step: self.step_current(s))
            self.addAction(action)
        privacy.changed.connect(lambda _on: self._figures())

    def set_board(self, board: Board) -> None:
        self.board = board
        for column in board.columns:
            self.columns[column.stage].model.set_cards(column.cards)
        self._figures()

    def _figures(self) -> None:
        if self.board is None:
            return
        hidden = self.privacy.client_present
        for column in self.board.columns:
            widget = self.columns[column.stage]
            widget.title.setText(self.tr("{}（{}）").format(column.label, column.count))
            amount = HIDDEN if hidden else format_amount(column.amount, WAN)
            weighted = HIDDEN if hidden else format_amount(column.weighted, WAN)
            if column.stage in OPEN_STAGES:
                text = self.tr("{} 万 · 加权 {} 万（{}%）").format(
                    amount, weighted, f"{column.probability.normalize():f}"
                )
            else:
                text = self.tr("{} 万").format(amount)
            widget.figures.setText(text)

    def current(self) -> tuple[int, str] | None:
        """(id, stage) of the selected card in the column that has the focus (or the last one used)."""
        for column in self.columns.values():
            if column.view.hasFocus() and column.view.currentIndex().isValid():
                return column.view.currentIndex().data(ID_ROLE), column.stage
        return None

    def step_current(self, step: int) -> None:
        found = self.current()
        if found is None:
            return
        oid, stage = found
        if stage not in OPEN_STAGES:
            return  # a closed card does not move (the service would refuse it too)
        target = ORDER.index(stage) + step
        if 0 <= target < len(ORDER):
            self.move_requested.emit(oid, ORDER[target])

    def select(self, opportunity_id: int) -> bool:
        """Select and focus a card (after a move, the card keeps the keyboard's place)."""
        for column in self.columns.values():
            for row, card in enumerate(column.model.cards):
                if card.id == opportunity_id:
                    column.view.setFocus()
                    column.view.setCurrentIndex(column.model.index(row))
                    return True
        return False

    def _menu(self, column: StageColumn, pos: QPoint) -> None:
        index = column.view.indexAt(pos)
        if not index.isValid():
            return
        oid = index.data(ID_ROLE)
        menu = self.move_menu(oid, column.stage)
        viewport = column.view.viewport()
        assert viewport is not None
        menu.exec(viewport.mapToGlobal(pos))

    def move_menu(self, oid: int, stage: str) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.tr("编辑…"), lambda: self.edit_requested.emit(oid))
        moves = menu.addMenu(self.tr("移动到"))
        assert moves is not None
        for target in ORDER:
            action = moves.addAction(STAGES.label(target))
            action.triggered.connect(partial(self.move_requested.emit, oid, target))
            action.setEnabled(stage in OPEN_STAGES and target != stage)
        return menu
