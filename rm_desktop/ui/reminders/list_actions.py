"""What the worklist and the Today page share around their item tree: the tree's set-up, the
snooze menu, its keyboard popup, the page's shortcuts and the actions every entry has (open its
client, snooze it, the reload after an action): one place, so both pages behave alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QPushButton, QTreeView, QWidget

from rm_desktop.domain.errors import UserError
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.reminders.reminder_dialogs import SnoozeDateDialog

if TYPE_CHECKING:  # what the page provides, for the type checker only
    from rm_desktop.ui.widgets.pages import Page as _Base
else:
    _Base = object

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


class EntryActions(_Base):
    """Mixed into a page whose tree's current entry (a reminder, a worklist item) has ``key`` and
    ``client_id``; the page provides ``clock``, ``status``, ``open_client``, ``reload()``,
    :meth:`current_entry` and :meth:`snooze_entry` (its service's snooze)."""

    clock: Callable[[], dt.datetime]
    status: QLabel
    open_client: Any
    _message: str

    if TYPE_CHECKING:

        def reload(self) -> None: ...

    def current_entry(self) -> Any:
        raise NotImplementedError

    def snooze_entry(self, vault: Vault, key: str, until: dt.date) -> None:
        raise NotImplementedError

    def today(self) -> dt.date:
        return self.clock().date()

    def open_selected(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.client_id is not None:
            self.open_client.emit(entry.client_id)

    def snooze_days(self, days: int) -> None:
        self._snooze(self.today() + dt.timedelta(days=days))

    def snooze_to_date(self) -> None:
        if self.current_entry() is None:
            return
        dialog = SnoozeDateDialog(self.today(), self)
        if dialog.exec() == SnoozeDateDialog.DialogCode.Accepted:
            self._snooze(dialog.chosen())

    def _snooze(self, until: dt.date) -> None:
        entry = self.current_entry()
        if self.vault is None or entry is None:
            return
        try:
            self.snooze_entry(self.vault, entry.key, until)
        except UserError as exc:  # e.g. the client was trashed meanwhile: say it, keep the page
            self.status.setText(str(exc))
            return
        self._done(self.tr("已推迟到 {}。").format(until.isoformat()))

    def _done(self, message: str) -> None:
        """Said in the status line once the reload after the action is shown."""
        self._message = message
        self.reload()
