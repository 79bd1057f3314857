"""The client list model: 300k clients, fetched lazily a page at a time, sorted in SQL.

Rows come from services.search (ClientQuery → ClientRow) through a RowWindow: the row count grows
a keyset page at a time as the view scrolls (``fetchMore``), and only the pages used last stay
in memory; one scrolled out is read again by its key when the view comes back to it. Row
positions are stable until the query changes (a reset), so selections and the current row
hold across evictions. ``Qt.ItemDataRole.UserRole`` gives the raw value of a cell (what a sort
proxy or a test compares), the display role its formatted, masked text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from rm_desktop.domain.identity import gender_label
from rm_desktop.domain.money import format_amount, unit_label
from rm_desktop.services.search.first_page import read_first_page
from rm_desktop.services.search.query import ClientPage, ClientQuery, ClientRow
from rm_desktop.services.search.window import KEEP, PAGE, RowWindow
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy
from rm_desktop.ui.widgets.theme import foreground

if TYPE_CHECKING:  # (lifecycle imports SQLAlchemy, which the list's first paint does without)
    from rm_desktop.services.vault.lifecycle import Vault

RAW = Qt.ItemDataRole.UserRole
CLIENT_ID = Qt.ItemDataRole.UserRole + 1


class Col(IntEnum):
    NAME = 0
    CUSTOMER_NO = 1
    TIER = 2
    AUM = 3
    RISK = 4
    PHONE = 5
    LAST_CONTACT = 6
    NEXT_FOLLOW_UP = 7
    CONTACT_DUE = 8
    GENDER = 9
    BIRTH = 10
    ID_NUMBER = 11
    OCCUPATION = 12
    TAGS = 13


# Column → (attribute of ClientRow, sort key in services.search.SORTS or None when not sortable)
_SOURCE = {
    Col.NAME: ("name", "name"),
    Col.CUSTOMER_NO: ("customer_no", "customer_no"),
    Col.TIER: ("tier_name", "tier"),
    Col.AUM: ("aum", "aum"),
    Col.RISK: ("risk_grade", "risk_grade"),
    Col.PHONE: ("phone", None),
    Col.LAST_CONTACT: ("last_contact_at", "last_contact"),
    Col.NEXT_FOLLOW_UP: ("next_follow_up", "next_follow_up"),
    Col.CONTACT_DUE: ("contact_due", None),
    Col.GENDER: ("gender", None),
    Col.BIRTH: ("birth_date", "birth_date"),
    Col.ID_NUMBER: ("id_number", None),
    Col.OCCUPATION: ("occupation", None),
    Col.TAGS: ("tags", None),
}
DEFAULT_VISIBLE = (
    Col.NAME,
    Col.CUSTOMER_NO,
    Col.TIER,
    Col.AUM,
    Col.RISK,
    Col.PHONE,
    Col.LAST_CONTACT,
    Col.NEXT_FOLLOW_UP,
)
_ROLES = frozenset(
    {
        RAW,
        CLIENT_ID,
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
    }
)
OVERDUE = QColor("#c0392b")
DUE_SOON = QColor("#b9770e")


@dataclass(frozen=True)
class FirstPageRead:
    """A list's first page, read on a bare connection (services/search/first_page.py). Equal
    reads are the same read: one begun before the list exists (app.py, with the early unlock)
    serves the list whose :meth:`ClientTableModel.first_page_reader` asks for the same."""

    query: ClientQuery = field(default_factory=ClientQuery)  # a new list's
    size: int = PAGE

    def __call__(self, vault: Vault) -> ClientPage:
        return read_first_page(vault.paths.db, vault.key, self.query, self.size)


class ClientTableModel(QAbstractTableModel):
    def __init__(self, privacy: Privacy, parent=None, *, page: int = PAGE, keep: int = KEEP):
        super().__init__(parent)
        self._page, self._keep = page, keep  # rows a fetch reads, pages held (tests use small ones)
        self.privacy = privacy
        self.vault: Vault | None = None
        self.query = ClientQuery()
        self.unit = "万元"
        self._window: RowWindow | None = None
        self._headers: tuple[str, dict[Col, str]] | None = None  # (unit, headers): see headers()
        privacy.changed.connect(self._privacy_changed)

    def headers(self) -> dict[Col, str]:
        """The column titles in the UI language (installed once, at start) and the amount unit.
        Made once per unit: the view asks ``headerData`` hundreds of times before its first paint."""
        if self._headers is None or self._headers[0] != self.unit:
            self._headers = (self.unit, self._make_headers())
        return self._headers[1]

    def _make_headers(self) -> dict[Col, str]:
        # self.tr spelled out each time: lupdate only finds calls it can read.
        return {
            Col.NAME: self.tr("姓名"),
            Col.CUSTOMER_NO: self.tr("客户号"),
            Col.TIER: self.tr("层级"),
            Col.AUM: self.tr("金融资产（{}）").format(unit_label(self.unit)),
            Col.RISK: self.tr("风险等级"),
            Col.PHONE: self.tr("手机"),
            Col.LAST_CONTACT: self.tr("最近联系"),
            Col.NEXT_FOLLOW_UP: self.tr("下次跟进"),
            Col.CONTACT_DUE: self.tr("应联系日"),
            Col.GENDER: self.tr("性别"),
            Col.BIRTH: self.tr("出生日期"),
            Col.ID_NUMBER: self.tr("证件号码"),
            Col.OCCUPATION: self.tr("职业"),
            Col.TAGS: self.tr("标签"),
        }

    # -- loading -------------------------------------------------------------------------------
    def attach(self, vault: Vault, first: ClientPage | None = None) -> None:
        """``first``: the query's first page (with total and end cursor) read already, e.g. in
        the unlock thread (services/search/first_page.py); it must be for ``self.query``."""
        self.vault = vault
        self.unit = vault.settings.get("amount_unit")
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Col) - 1)
        self.reload(first)

    def detach(self) -> None:
        self.beginResetModel()
        self.vault = None
        self._window = None
        self.endResetModel()

    def set_query(self, query: ClientQuery) -> None:
        self.query = query
        self.reload()

    def reload(self, first: ClientPage | None = None) -> None:
        self.beginResetModel()
        self._window = (
            None
            if self.vault is None
            else RowWindow(self.vault, self.query, page=self._page, keep=self._keep, first=first)
        )
        self.endResetModel()

    def first_page_reader(self) -> Callable[[Vault], ClientPage | None]:
        """What the unlock thread runs to read this list's first page before :meth:`attach`
        (Qt-free: the query and page size are taken now, on the UI thread). None when the
        query depends on the day and names none (it could cross midnight before the attach)."""
        query = self.query
        if query.today is None and (query.overdue or query.maturing_within_days is not None):
            return lambda _vault: None
        return FirstPageRead(query, self._page)

    @property
    def total(self) -> int:
        return self._window.total if self._window else 0

    def held_rows(self) -> int:
        """Rows in memory now: a few pages, however far the list was scrolled."""
        return self._window.held() if self._window else 0

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._window is not None and self._window.can_grow()

    def fetchMore(self, parent=QModelIndex()) -> None:
        window = self._window
        if parent.isValid() or window is None or not window.can_grow():
            return
        page = window.read_next()  # read first: Qt is told of the rows before rowCount() counts them
        if not page.rows:
            window.add(page)  # the book shrank since it was counted: the list ends here
            return
        start = window.loaded
        self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
        window.add(page)
        self.endInsertRows()

    # -- the table -----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self._window is None else self._window.loaded

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Col):
            return self.headers()[Col(section)]
        return None

    def row_at(self, row: int) -> ClientRow:
        found = self._window.row(row) if self._window else None
        if found is None:
            raise IndexError(f"no client at row {row}")
        return found

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES:
            return None  # before the row: a role the list does not use never reads a page again
        row = self._window.row(index.row()) if index.isValid() and self._window else None
        if row is None:
            return None
        col = Col(index.column())
        raw = getattr(row, _SOURCE[col][0])
        if role == RAW:
            return None if isinstance(raw, (dt.date, dt.datetime)) and raw == dt.date.min else raw
        if role == CLIENT_ID:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col, raw)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Col.AUM:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col in (Col.CONTACT_DUE, Col.LAST_CONTACT):
            today = self.query.today or dt.date.today()
            if row.contact_overdue(today):
                return QBrush(foreground(OVERDUE))
        if role == Qt.ItemDataRole.ForegroundRole and col == Col.NEXT_FOLLOW_UP and row.next_follow_up:
            today = self.query.today or dt.date.today()
            return (
                QBrush(foreground(OVERDUE if row.next_follow_up < today else DUE_SOON))
                if row.next_follow_up <= today + dt.timedelta(days=2)
                else None
            )
        return None

    def _display(self, row: ClientRow, col: Col, raw) -> str:
        if raw is None or raw == ():
            return ""
        if col == Col.AUM:
            return HIDDEN if self.privacy.client_present else format_amount(raw, self.unit)
        if col == Col.PHONE:
            return row.phone_masked or ""
        if col == Col.ID_NUMBER:
            return row.id_number_masked or ""
        if col == Col.CONTACT_DUE:
            return self.tr("从未联系") if raw == dt.date.min else raw.isoformat()
        if col == Col.LAST_CONTACT:
            return f"{raw:%Y-%m-%d}"
        if col == Col.TAGS:
            return self.tr("、").join(raw)  # the list separator of the UI language (", " in English)
        if col == Col.GENDER:
            return gender_label(raw)
        if isinstance(raw, (dt.date, dt.datetime)):
            return raw.isoformat()
        return str(raw)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = _SOURCE[Col(column)][1] if 0 <= column < len(Col) else None
        if key is None or self.vault is None:
            return
        self.set_query(replace(self.query, sort=key, descending=order == Qt.SortOrder.DescendingOrder))

    def _privacy_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(Col) - 1))
