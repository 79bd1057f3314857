"""工作日志: one day's report — the sections as a tree, the warnings said before leaving, the free
note and tomorrow's plan (an editable list), 保存, and for a past day the locked banner and the
revisions kept so far.

The view only shows and edits values; the page loads, saves and asks about unsaved edits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.reports import Report
from rm_desktop.i18n import clauses
from rm_desktop.ui.reports.sections_model import SectionsModel
from rm_desktop.ui.widgets import icons
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed

OPEN_LINES_UP_TO = 12  # clients under a line shown open
EDITABLE = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


def sections_tree(model: SectionsModel) -> QTreeView:
    """The sections' tree as both views show it: sections and short lines open, columns fitted."""
    tree = QTreeView()
    tree.setModel(model)
    tree.setUniformRowHeights(True)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setAlternatingRowColors(True)
    header = tree.header()
    header.setStretchLastSection(True)
    for column in range(3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    model.refreshed.connect(lambda: _open(tree, model))
    return tree


def _open(tree: QTreeView, model: SectionsModel) -> None:
    """Every section open, and each line whose clients fit a glance (a day of 300 new clients
    would bury the sections under it: that line opens on a click)."""
    for row in range(model.rowCount()):
        section = model.index(row, 0)
        tree.setExpanded(section, True)
        for line_row in range(model.rowCount(section)):
            line = model.index(line_row, 0, section)
            tree.setExpanded(line, model.rowCount(line) <= OPEN_LINES_UP_TO)


class DayView(QWidget):
    save_requested = Signal()
    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        themed(
            self.warnings,
            "background: $panel; color: $error; border: 1px solid $error; border-radius: 4px; padding: 6px 8px; font-weight: 600;",
        )
        self.locked = QLabel()
        self.locked.setWordWrap(True)
        set_role(self.locked, "banner")
        self.model = SectionsModel(self)
        self.tree = sections_tree(self.model)
        empty = QWidget()
        self.empty_title = title = QLabel(self.tr("今日无记录"))
        set_role(title, "title")
        hint = QLabel(self.tr("记录联系后这里会自动生成日志：往来、跟进、新客户、商机和到期都会汇总到这里。"))
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        for label in (title, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty_layout.addWidget(label)
        empty_layout.addStretch(2)
        self.body = QStackedWidget()
        self.body.addWidget(self.tree)
        self.body.addWidget(empty)
        self.empty_state = empty

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("今天的备注：客户反馈、需要主管协助的事……"))
        self.note.textChanged.connect(self.edited)
        self.plan = QListWidget()
        self.plan.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.plan.itemChanged.connect(lambda _item: self.edited.emit())
        add = QPushButton(self.tr("添加"))
        icons.bind(add, "new")
        add.clicked.connect(self.add_plan_item)
        remove = QPushButton(self.tr("删除"))
        icons.bind(remove, "delete")
        remove.clicked.connect(self.remove_plan_item)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存日志（Ctrl+S）"))
        icons.bind(self.save_button, "save")
        self.save_button.clicked.connect(self.save_requested)
        self.revisions = QListWidget()
        self.revisions.setMaximumHeight(96)
        self.revisions_title = QLabel(self.tr("修订记录"))
        set_role(self.revisions_title, "strong")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in ((self.tr("备注"), self.note), (self.tr("明日计划（双击修改）"), self.plan)):
            heading = QLabel(text)
            set_role(heading, "strong")
            side_layout.addWidget(heading)
            side_layout.addWidget(widget, 1)
            if widget is self.plan:
                buttons = QHBoxLayout()
                buttons.addWidget(add)
                buttons.addWidget(remove)
                buttons.addStretch(1)
                buttons.addWidget(self.save_button)
                side_layout.addLayout(buttons)
        side_layout.addWidget(self.revisions_title)
        side_layout.addWidget(self.revisions)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.body)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warnings)
        layout.addWidget(self.locked)
        layout.addWidget(split, 1)

    def show_report(self, report: Report, hidden: bool, *, today: bool = True) -> None:
        self.model.show_report(report, hidden)
        self.empty_title.setText(self.tr("今日无记录") if today else self.tr("当天无记录"))
        self.body.setCurrentWidget(self.empty_state if report.empty else self.tree)
        self.warnings.setText("⚠ " + clauses(report.warnings))
        self.warnings.setVisible(bool(report.warnings))
        self.locked.setText(self.tr("已锁定：修改将另存为修订 {}").format(report.revision + 1))
        self.locked.setVisible(report.locked)
        self.set_values(report.note, report.tomorrow)

    def set_values(self, note: str, tomorrow: tuple[str, ...]) -> None:
        self.note.blockSignals(True)
        self.plan.blockSignals(True)
        self.note.setPlainText(note)
        self.plan.clear()
        for text in tomorrow:
            self._append(text)
        self.note.blockSignals(False)
        self.plan.blockSignals(False)

    def values(self) -> tuple[str, tuple[str, ...]]:
        """What the editors hold now: the note and tomorrow's non-empty items, in order."""
        items = (self.plan.item(row).text().strip() for row in range(self.plan.count()))
        return self.note.toPlainText().strip(), tuple(text for text in items if text)

    def set_revisions(self, lines: list[str]) -> None:
        self.revisions.clear()
        self.revisions.addItems(lines)
        self.revisions_title.setVisible(bool(lines))
        self.revisions.setVisible(bool(lines))

    def _append(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(EDITABLE)
        self.plan.addItem(item)
        return item

    def add_plan_item(self) -> None:
        item = self._append(self.tr("新计划"))
        self.plan.setCurrentItem(item)
        self.plan.editItem(item)
        self.edited.emit()

    def remove_plan_item(self) -> None:
        row = self.plan.currentRow()
        if row >= 0:
            self.plan.takeItem(row)
            self.edited.emit()
