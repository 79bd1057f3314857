"""The list tabs of a client file: their base (RecordsTab), contacts, relationships; 持仓 is
holdings_tab (its amounts are masked until a reveal)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.services.clients import contacts, relationships
from rm_desktop.services.clients.choices import RELATION_KINDS
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.clients.records_table import RECORD, Column, RecordsModel
from rm_desktop.ui.widgets.client_picker import ClientPicker
from rm_desktop.ui.widgets.theme import themed


def date_text(value) -> str:
    return value.isoformat() if value else ""


class RecordsTab(QWidget):
    """A table of records with a row of buttons under it; subclasses set the columns. An empty
    tab says what to do instead of showing a bare header; the buttons that act on a row are
    disabled while none is selected."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.row_buttons: list[QPushButton] = []
        self.empty = QLabel()  # the hint a subclass sets
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        themed(self.empty, "color: $muted; font-size: 13px;")
        self.empty.hide()
        self.vault: Vault | None = None
        self.client_id: int | None = None
        self.model = RecordsModel([], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        selection = self.table.selectionModel()
        assert selection is not None  # the view has a model
        selection.selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._shown)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(self.buttons)

    def add_button(self, text: str, slot, *, needs_row: bool = False) -> QPushButton:
        """``needs_row``: the button acts on the selected row (修改, 删除 …)."""
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        if needs_row:
            self.row_buttons.append(button)
            button.setEnabled(False)
        return button

    def _shown(self) -> None:
        empty = self.model.rowCount() == 0 and bool(self.empty.text())
        self.table.setVisible(not empty)
        self.empty.setVisible(empty)
        self._selection_changed()

    def _selection_changed(self, *_args) -> None:
        selection = self.table.selectionModel()
        chosen = selection is not None and selection.hasSelection()
        for button in self.row_buttons:
            button.setEnabled(chosen)

    def current(self):
        index = self.table.currentIndex()
        return index.data(RECORD) if index.isValid() else None

    def emit_current(self, signal: SignalInstance) -> None:
        """``signal.emit(record)`` with the selected record, when there is one."""
        record = self.current()
        if record:
            signal.emit(record)

    def loaded(self) -> tuple[Vault, int]:
        """The vault and client of the last load(): the buttons act only on a loaded tab."""
        if self.vault is None or self.client_id is None:
            raise RuntimeError("the tab has not been loaded")
        return self.vault, self.client_id

    def load(self, vault: Vault, client_id: int) -> None:
        self.vault, self.client_id = vault, client_id
        self.model.set_records(self.fetch())

    def reload(self) -> None:
        if self.vault is not None and self.client_id is not None:
            self.model.set_records(self.fetch())

    def fetch(self) -> list:
        raise NotImplementedError


class ContactsTab(RecordsTab):
    add_requested = Signal()
    edit_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        done, open_ = self.tr("已完成"), self.tr("待跟进")
        self.model.set_columns(
            [
                Column(self.tr("时间"), lambda c: c.at, lambda v: f"{v:%Y-%m-%d %H:%M}"),
                Column(self.tr("方式"), lambda c: c.channel_label),
                Column(self.tr("目的"), lambda c: c.purpose),
                Column(self.tr("内容"), lambda c: c.content, lambda v: (v or "").replace("\n", " ")),
                Column(self.tr("结果"), lambda c: c.outcome),
                Column(self.tr("跟进日期"), lambda c: c.follow_up_date, date_text),
                Column(
                    self.tr("跟进"),
                    lambda c: c.follow_up_done if c.follow_up_date else None,
                    lambda v: "" if v is None else (done if v else open_),
                ),
                Column(self.tr("修改次数"), lambda c: c.revisions or None),
            ]
        )
        self.add_button(self.tr("记录往来（Ctrl+N）"), self.add_requested)
        self.add_button(self.tr("修改"), lambda: self.emit_current(self.edit_requested), needs_row=True)
        self.add_button(self.tr("标记跟进完成"), self._done, needs_row=True)
        self.buttons.addStretch(1)
        self.table.doubleClicked.connect(lambda index: self.edit_requested.emit(index.data(RECORD)))

    def fetch(self) -> list:
        return contacts.list_contacts(*self.loaded())

    def _done(self) -> None:
        contact = self.current()
        if contact and contact.follow_up_date and not contact.follow_up_done:
            contacts.set_follow_up_done(self.loaded()[0], contact.id)
            self.reload()


class RelationsTab(RecordsTab):
    open_client = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.empty.setText(self.tr("还没有关系。点“添加关系”关联家人、同事或介绍人的档案。"))
        self.model.set_columns(
            [Column(self.tr("关系"), lambda r: r.label), Column(self.tr("客户"), lambda r: r.other_name)]
        )
        self.add_button(self.tr("添加关系"), self._add)
        self.add_button(self.tr("移除"), self._remove, needs_row=True)
        self.buttons.addStretch(1)
        self.table.doubleClicked.connect(lambda index: self.open_client.emit(index.data(RECORD).other_id))

    def fetch(self) -> list:
        return relationships.list_relationships(*self.loaded())

    def _add(self) -> None:
        vault, client_id = self.loaded()
        dialog = RelationDialog(vault, self)
        other_id = dialog.picker.client_id() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if other_id is None:
            return
        try:
            relationships.add_relationship(vault, client_id, other_id, dialog.kind.currentData())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("添加关系"), str(exc))
        self.reload()

    def _remove(self) -> None:
        relation = self.current()
        if relation:
            relationships.remove_relationship(self.loaded()[0], relation.id)
            self.reload()


class RelationDialog(QDialog):
    def __init__(self, vault: Vault, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加关系"))
        self.setMinimumWidth(420)
        self.kind = QComboBox()
        for choice in RELATION_KINDS.choices:
            self.kind.addItem(choice.label(), choice.code)
        self.picker = ClientPicker(vault)
        form = QFormLayout()
        form.addRow(self.tr("对方客户"), self.picker)
        form.addRow(self.tr("对方是本客户的"), self.kind)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_picked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _accept_picked(self) -> None:
        if self.picker.client_id():
            self.accept()
