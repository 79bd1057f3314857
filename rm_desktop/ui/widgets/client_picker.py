"""Choose a client by typing: name, pinyin initials, phone or ID fragment (the list's search)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox

from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.services.vault.lifecycle import Vault


class ClientPicker(QComboBox):
    picked = Signal(int)

    def __init__(self, vault: Vault, parent=None):
        super().__init__(parent)
        self.vault = vault
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.lineEdit()
        assert line is not None  # an editable combo box has its line edit
        self._line = line
        line.setPlaceholderText(self.tr("输入姓名、拼音首字母或手机号查找客户"))
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self._search)
        line.textEdited.connect(lambda _t: self._timer.start())
        self.activated.connect(self._activated)

    def _activated(self, index: int) -> None:
        client_id = self.itemData(index)
        if client_id:
            self.picked.emit(client_id)

    def _search(self) -> None:
        text = self._line.text()
        rows = search_clients(self.vault, ClientQuery(text=text), 0, 12) if text.strip() else []
        self.blockSignals(True)
        self.clear()
        for row in rows:
            self.addItem(f"{row.name}  {row.phone_masked or ''}  {row.customer_no or ''}".strip(), row.id)
        self.setEditText(text)
        self.blockSignals(False)
        if rows:
            self.showPopup()

    def set_client(self, client_id: int, label: str) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem(label, client_id)
        self.setCurrentIndex(0)
        self.blockSignals(False)

    def client_id(self) -> int | None:
        data = self.currentData()
        return int(data) if data else None
