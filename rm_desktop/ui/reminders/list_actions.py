"""What the worklist and the Today page share around their item tree: the tree's set-up, the
snooze menu, its keyboard popup and the page's shortcuts (one place, so both pages behave alike)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QPushButton, QTreeView, QWidget

SNOOZE_DAYS = (1, 3, 7)


def item_tree(model: QAbstractItemModel) -> QTreeView:
    """A read-only tree of whole-row selection over ``model``."""
    tree = QTreeView()
    tree.setModel(model)
    tree.setUniformRowHeights(True)  # a large book's groups lay out without measuring each row
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setAlternatingRowColors(True)
    return tree


def snooze_menu(parent: QWidget, snooze_days: Callable[[int], None], snooze_to_date: Callable[[], None]) -> QMenu:
    def tr(text: str) -> str:
        return QCoreApplication.translate("ReminderActions", text)

    menu = QMenu(parent)
    labels = {1: tr("推迟 1 天"), 3: tr("推迟 3 天"), 7: tr("推迟 1 周")}
    for days in SNOOZE_DAYS:
        menu.addAction(labels[days], partial(snooze_days, days))
    menu.addAction(tr("推迟到指定日期…"), snooze_to_date)
    return menu


def popup_menu_of(button: QPushButton) -> None:
    """Ctrl+D: the button's menu under the button, as a click would open it."""
    menu = button.menu()
    if button.isEnabled() and menu is not None:
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()))


def add_shortcuts(
    owner: QWidget, bindings: Iterable[tuple[QKeySequence | QKeySequence.StandardKey, Callable[[], object]]]
) -> None:
    """Keys that work anywhere inside ``owner`` (and only there)."""
    for keys, slot in bindings:
        action = QAction(owner)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        owner.addAction(action)
