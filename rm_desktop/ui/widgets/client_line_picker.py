"""A one-line client picker: type a name, pinyin, initials or phone digits, choose from the
matches (services.search). Phones are shown masked. Emits ``client_changed`` with the id or None."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QWidget

from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.services.vault.lifecycle import Vault

CLIENT_ID = Qt.ItemDataRole.UserRole + 1
MATCHES = 12


class ClientPicker(QWidget):
    client_changed = Signal(object)  # int | None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.vault = None
        self._client_id: int | None = None
        self._label = ""
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("选择客户：输入姓名、拼音、首字母或手机号"))
        self.edit.setClearButtonEnabled(True)
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        # The service already searched: show every match as it came (no prefix filtering).
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(MATCHES)
        self.edit.setCompleter(self.completer)
        # PySide6's stubs cannot type choosing one overload of a signal (activated has two)
        self.completer.activated[QModelIndex].connect(self._chosen)  # type: ignore[index]
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.search)
        self.edit.textEdited.connect(self._typed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

    @property
    def client_id(self) -> int | None:
        return self._client_id

    def attach(self, vault: Vault) -> None:
        self.vault = vault

    def detach(self) -> None:
        self.vault = None
        self.matches.clear()
        self.set_client(None)

    def set_client(self, client_id: int | None, label: str = "") -> None:
        """Choose a client from code (the Today page, tests); ``label`` is shown in the box."""
        self._label = label if client_id is not None else ""
        self.edit.setText(self._label)
        if client_id != self._client_id:
            self._client_id = client_id
            self.client_changed.emit(client_id)

    def _typed(self, text: str) -> None:
        if not text.strip():
            self.set_client(None)
            return
        self._debounce.start()

    def search(self) -> None:
        """Fill the popup with the clients matching the typed text."""
        text = self.edit.text().strip()
        self.matches.clear()
        if self.vault is None or not text:
            return
        for row in search_clients(self.vault, ClientQuery(text=text), 0, MATCHES):
            parts = [row.name, row.customer_no or "", row.phone_masked or ""]
            item = QStandardItem("  ".join(p for p in parts if p))
            item.setData(row.id, CLIENT_ID)
            item.setData(row.name, Qt.ItemDataRole.UserRole)
            self.matches.appendRow(item)
        if self.matches.rowCount():
            self.completer.complete()

    def _chosen(self, index: QModelIndex) -> None:
        client_id = index.data(CLIENT_ID)
        if client_id is not None:
            # Deferred: the completer writes its own text into the box right after this signal.
            name = index.data(Qt.ItemDataRole.UserRole) or ""
            QTimer.singleShot(0, lambda: self.set_client(int(client_id), name))

    def choose_row(self, row: int) -> None:
        """Pick the ``row``-th match (keyboard-free tests, and Enter on the first match)."""
        item = self.matches.item(row)
        if item is not None:
            self.set_client(int(item.data(CLIENT_ID)), item.data(Qt.ItemDataRole.UserRole) or "")
