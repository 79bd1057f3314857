"""A save against a record changed elsewhere: both values per field, and the user's choice.

The services refuse a stale save with ``domain.errors.StaleEdit`` (field → mine, theirs) and
store nothing. :func:`save_with_choice` runs an editor's save, shows :class:`ConflictDialog` on
that refusal and saves again against the new version with the user's choice: fields set to
"theirs" are left out of the save (the stored value stays), "mine" are saved. Nothing is ever
overwritten without the user seeing the other value.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import StaleEdit, shown

T = TypeVar("T")
SAVE, DISCARD = "save", "discard"
ATTEMPTS = 3  # another writer changing it again each time: give up and say so


class ConflictDialog(QDialog):
    """One row per differing field: its label, my value, the stored value, each a radio button.

    ``per_field=False`` (a plan: every save is a version of its own, the other one stays in the
    history) offers only "save mine over it" and "discard mine". ``outcome`` is SAVE, DISCARD
    or None (cancelled: back to the editor, nothing saved)."""

    def __init__(
        self,
        conflicts: Mapping[str, tuple[Any, Any]],
        labels: Mapping[str, str],
        edited: Collection[str] = (),
        *,
        per_field: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("记录已被修改"))
        self.outcome: str | None = None
        self.fields = list(conflicts)
        self.groups: dict[str, QButtonGroup] = {}
        intro = QLabel(
            self.tr("你编辑期间，这条记录已在别处（另一窗口或命令行）被修改。请逐项选择要保留的值：")
            if per_field
            else self.tr("你编辑期间，这条记录已在别处（另一窗口或命令行）被修改。以下是不同之处：")
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.fields), 3)
        self.table.setHorizontalHeaderLabels([self.tr("字段"), self.tr("我的修改"), self.tr("已保存的值")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, field in enumerate(self.fields):
            mine, theirs = (shown(value) for value in conflicts[field])
            self.table.setItem(row, 0, QTableWidgetItem(labels.get(field, field)))
            if not per_field:
                self.table.setItem(row, 1, QTableWidgetItem(mine))
                self.table.setItem(row, 2, QTableWidgetItem(theirs))
                continue
            group = QButtonGroup(self)
            for column, text in ((1, mine), (2, theirs)):
                button = QRadioButton(text or self.tr("（空）"))
                group.addButton(button, column)
                self.table.setCellWidget(row, column, button)
            # A field the user changed defaults to their value; one they did not touch to the
            # stored value, which someone else set on purpose since the form was opened.
            group.button(1 if field in edited else 2).setChecked(True)
            self.groups[field] = group
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("按所选保存") if per_field else self.tr("用我的覆盖"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.mine_button: QPushButton | None = None
        if per_field:
            self.mine_button = buttons.addButton(self.tr("全部用我的"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.mine_button.clicked.connect(self.keep_all_mine)
        self.discard_button = buttons.addButton(self.tr("放弃我的修改"), QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(lambda: self._finish(SAVE))
        self.discard_button.clicked.connect(lambda: self._finish(DISCARD))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 160 + 32 * min(len(self.fields), 12))

    def values_shown(self, field: str) -> tuple[str, str]:
        """(mine, theirs) as the row shows them."""
        row = self.fields.index(field)
        cells = []
        for column in (1, 2):
            widget = self.table.cellWidget(row, column)
            item = self.table.item(row, column)
            cells.append(widget.text() if isinstance(widget, QRadioButton) else (item.text() if item else ""))
        return cells[0], cells[1]

    def choose(self, field: str, mine: bool) -> None:
        self.groups[field].button(1 if mine else 2).setChecked(True)

    def theirs(self) -> set[str]:
        """The fields whose stored value the user keeps (left out of the next save)."""
        return {field for field, group in self.groups.items() if group.checkedId() == 2}

    def keep_all_mine(self) -> None:
        for field in self.groups:
            self.choose(field, True)
        self._finish(SAVE)

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.accept()


def save_with_choice(
    parent: QWidget,
    save: Callable[[int | None, set[str]], T],
    version: int | None,
    labels: Mapping[str, str],
    base: Mapping[str, Any] | None = None,
    *,
    per_field: bool = True,
) -> T | str | None:
    """``save(expected_version, fields_to_leave_out)``; on StaleEdit the user chooses and it runs
    again against the stored version. Returns what ``save`` returned, DISCARD (the caller reloads
    the stored record) or None (cancelled, nothing saved). Other errors propagate to the caller.

    ``base`` is the record as the editor read it (in StaleEdit's value form): a differing field
    whose stored value is still the base one was changed by this editor alone and is saved
    without asking; only fields changed elsewhere are shown."""
    left_out: set[str] = set()
    for _ in range(ATTEMPTS):
        try:
            return save(version, left_out)
        except StaleEdit as exc:
            version = exc.current
            changed = {
                key: pair
                for key, pair in exc.conflicts.items()
                if base is None or key not in base or base[key] != pair[1]
            }
            if not changed:
                continue  # nobody else touched these fields: saving them loses nothing
            edited = {key for key, (mine, _theirs) in changed.items() if base is None or base.get(key) != mine}
            dialog = ConflictDialog(changed, labels, edited, per_field=per_field, parent=parent)
            dialog.exec()
            if dialog.outcome != SAVE:
                return dialog.outcome
            left_out |= dialog.theirs()
    return save(version, left_out)  # a further StaleEdit reaches the caller's message box
