"""客户: the client list (search, filters, chosen columns) and the client file, one page each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.grades import RISK_GRADES
from rm_desktop.domain.tiers import Tier
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.services.search.query import ClientPage, ClientQuery
from rm_desktop.ui.clients.client_table import CLIENT_ID, DEFAULT_VISIBLE, ClientTableModel, Col, FirstPageRead
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.theme import themed

if TYPE_CHECKING:
    from rm_desktop.services.vault.lifecycle import Vault  # (SQLAlchemy: after the first paint)
    from rm_desktop.ui.clients.client_file import ClientFileView


def first_page_at_start() -> FirstPageRead:
    """The read a new page's list asks for at its first unlock (:meth:`ClientsPage.unlock_reader`):
    app.py begins it with the early unlock when the window opens on 客户."""
    return FirstPageRead()


class ClientListView(QWidget):
    """Search box, filters, the table and a line saying how many clients match."""

    open_client = Signal(int)
    new_client = Signal()
    show_trash = Signal()
    show_retention = Signal()  # 到期保留 (services/privacy)

    def __init__(self, model: ClientTableModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索姓名、拼音、首字母、手机号、证件号或客户号（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(30)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._open_first)

        self.tier = QComboBox()
        self.risk = QComboBox()
        self.risk.addItem(self.tr("全部风险等级"), None)
        for grade in RISK_GRADES:
            self.risk.addItem(grade, grade)
        self.tag = QComboBox()
        self.tag.setEditable(False)
        self.overdue = QCheckBox(self.tr("联系逾期"))
        self.maturing = QCheckBox(self.tr("持仓到期于"))
        self.maturing_days = QSpinBox()
        self.maturing_days.setRange(1, 365)
        self.maturing_days.setValue(30)
        self.maturing_days.setSuffix(self.tr(" 天内"))
        for widget in (self.tier, self.risk, self.tag):
            widget.currentIndexChanged.connect(self.apply_filters)
        for box in (self.overdue, self.maturing):
            box.toggled.connect(self.apply_filters)
        self.maturing_days.valueChanged.connect(self._maturing_days_changed)

        self.columns_button = QToolButton()
        self.columns_button.setText(self.tr("显示列"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_button = QPushButton(self.tr("新建客户"))
        self.new_button.clicked.connect(self.new_client)
        self.trash_button = QPushButton(self.tr("回收站"))
        self.trash_button.clicked.connect(self.show_trash)
        self.retention_button = QPushButton(self.tr("到期保留"))
        self.retention_button.clicked.connect(self.show_retention)

        self.table = QTableView()
        self.table.setObjectName("clientTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift/Ctrl pick several clients (for the handover), Enter and double-click open one.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        # A header never narrower than its label: the default width cut "Assets (10k CNY)" in English.
        model.headerDataChanged.connect(self._fit_headers)
        model.modelReset.connect(self._fit_headers)
        self.table.doubleClicked.connect(lambda index: self.open_client.emit(index.data(CLIENT_ID)))
        self.table.activated.connect(lambda index: self.open_client.emit(index.data(CLIENT_ID)))
        self.status = QLabel()
        self.empty = QLabel(self.table.viewport())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        themed(self.empty, "color: $muted; font-size: 14px;")
        self._build_columns_menu()

        filters = QHBoxLayout()
        for control in (self.tier, self.risk, self.tag, self.overdue, self.maturing, self.maturing_days):
            filters.addWidget(control)
        filters.addStretch(1)
        filters.addWidget(self.columns_button)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.trash_button)
        top.addWidget(self.retention_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._find)
        self.addAction(find)

    def _maturing_days_changed(self, _days: int) -> None:
        if self.maturing.isChecked():
            self.apply_filters()

    def _find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _build_columns_menu(self) -> None:
        menu = QMenu(self)
        saved = QSettings().value("clients/columns")
        visible = {int(c) for c in saved} if isinstance(saved, list) and saved else {int(c) for c in DEFAULT_VISIBLE}
        headers = self.model.headers()
        for col in Col:
            action = menu.addAction(headers[col])
            action.setCheckable(True)
            action.setChecked(int(col) in visible)
            action.setEnabled(col != Col.NAME)  # the name always shows
            action.toggled.connect(lambda on, c=int(col): self._set_column(c, on))
            self.table.setColumnHidden(int(col), int(col) not in visible and col != Col.NAME)
        self.columns_button.setMenu(menu)

    def _set_column(self, column: int, visible: bool) -> None:
        self.table.setColumnHidden(column, not visible)
        shown = [c for c in range(len(Col)) if not self.table.isColumnHidden(c)]
        QSettings().setValue("clients/columns", shown)  # column numbers only, no client data

    def clear_choices(self) -> None:
        """Only 全部层级 and 全部标签, as at each attach: the tiers (from the vault's settings) and
        the tags in use (a GROUP BY over the whole book) are filled in once the list has painted
        (:meth:`fill_tiers`, :meth:`fill_tags`)."""
        for box in (self.tier, self.tag):
            box.blockSignals(True)
            box.clear()
        self.tier.addItem(self.tr("全部层级"), None)
        self.tag.addItem(self.tr("全部标签"), None)
        for box in (self.tier, self.tag):
            box.blockSignals(False)

    def fill_tiers(self, tiers: tuple[Tier, ...]) -> None:
        """The tier filter's choices, highest first, after 全部层级."""
        self.tier.blockSignals(True)
        while self.tier.count() > 1:
            self.tier.removeItem(1)
        for tier in reversed(tiers):
            self.tier.addItem(tier.name(), tier.code)
        self.tier.blockSignals(False)

    def fill_tags(self, tags: list[str]) -> None:
        """The tag filter's choices; the chosen tag stays chosen if it is still among them."""
        chosen = self.tag.currentData()
        self.tag.blockSignals(True)
        while self.tag.count() > 1:
            self.tag.removeItem(1)
        for tag in tags:
            self.tag.addItem(tag, tag)
        index = self.tag.findData(chosen) if chosen else 0
        self.tag.setCurrentIndex(max(index, 0))
        self.tag.blockSignals(False)
        if chosen and index < 0:
            self.apply_filters()  # the tag chosen is gone: the list shows all again

    def current_query(self) -> ClientQuery:
        def chosen(box):
            return (box.currentData(),) if box.currentData() else ()

        return replace(
            self.model.query,
            text=self.search.text(),
            tiers=chosen(self.tier),
            risk_grades=chosen(self.risk),
            tags=chosen(self.tag),
            overdue=self.overdue.isChecked(),
            maturing_within_days=self.maturing_days.value() if self.maturing.isChecked() else None,
        )

    def apply_filters(self) -> None:
        if self.model.vault is None:
            return
        self.model.set_query(self.current_query())
        self.refresh_status()
        if self.model.query.text.strip():  # the count only: the search text never goes into the log
            audit_log.record_now(self.model.vault, "search", counts={"rows": self.model.total})

    def refresh_status(self) -> None:
        total = self.model.total
        query = self.model.query
        filtered = bool(
            query.text.strip()
            or query.tiers
            or query.risk_grades
            or query.tags
            or query.overdue
            or query.maturing_within_days is not None
        )
        self.status.setText(self.tr("共 {} 位客户").format(f"{total:,}"))
        if total:
            self.empty.hide()
            return
        self.empty.setText(
            self.tr("没有找到匹配的客户。试试姓名的拼音首字母、手机号后四位，或清除筛选条件。")
            if filtered
            else self.tr("还没有客户。点“新建客户”录入第一位，或在“导入导出”中导入 Excel 名单。")
        )
        self.empty.resize(self.table.viewport().size())
        self.empty.show()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.empty.resize(self.table.viewport().size())

    def _fit_headers(self, *_args) -> None:
        header = self.table.horizontalHeader()
        for section in range(header.count() - 1):  # (the last one stretches)
            header.resizeSection(section, max(header.sectionSize(section), header.sectionSizeHint(section)))

    def selected_ids(self) -> list[int]:
        """The clients selected in the table, in list order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row).id for row in rows]

    def _open_first(self) -> None:
        if self.model.rowCount():
            self.open_client.emit(self.model.row_at(0).id)


class ClientsPage(Page):
    """The list and one client's file on a stack: Enter opens, Esc returns."""

    status_message = Signal(str)

    def __init__(self, privacy, clipboard, parent=None):
        super().__init__(parent)
        self.vault = None
        self.clipboard = clipboard
        self.privacy = privacy
        self.model = ClientTableModel(privacy, self)
        self.list = ClientListView(self.model)
        self._file: ClientFileView | None = None  # built when a file is first opened (start-up)
        self._first: tuple[Vault, ClientQuery, ClientPage] | None = None  # the unlock's read
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        QVBoxLayout(self).addWidget(self.stack)
        self.list.open_client.connect(self.open_client)
        self.list.new_client.connect(lambda: self.open_client(None))
        self.list.show_trash.connect(self._trash)
        self.list.show_retention.connect(self.show_retention)
        self.list.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.table.customContextMenuRequested.connect(self._selection_menu)
        self._choices_due = False  # the filters' choices are read at the list's next paint
        self.list.table.viewport().installEventFilter(self)

    @property
    def file(self) -> ClientFileView:
        """The client file (its form, tabs and tables): made the first time it is needed."""
        if self._file is None:
            from rm_desktop.ui.clients.client_file import ClientFileView

            self._file = file = ClientFileView(self.privacy)
            self.stack.addWidget(file)
            file.back.connect(self.show_list)
            file.find_requested.connect(self._find_from_file)
            file.changed.connect(self._reload_list)
            file.open_client.connect(self.open_client)
            file.copy_requested.connect(self.clipboard.copy)
            file.status_message.connect(self.status_message)
        return self._file

    def unlock_reader(self) -> Callable[[Vault], object]:
        """The main window runs this in its unlock thread (the list's first page, read while the
        lock screen paints) and hands the result to :meth:`take_unlock_read` before the attach."""
        return self.model.first_page_reader()

    def preview(self, opened: Any, first: ClientPage) -> None:
        """The unlock's first page shown before the full vault is attached (ui/shell/preview.py):
        ``opened`` is the vault on the bare driver it was read on (its amount unit). The page is
        not attached meanwhile (its actions wait); :meth:`attach` then shows the same page."""
        self.model.attach(opened, first)
        self.list.refresh_status()
        self.show_list()

    def end_preview(self) -> None:
        """A preview whose full vault never came (a failed open, the window closed): emptied."""
        if self.vault is None:
            self.model.detach()

    def take_unlock_read(self, vault: Vault, first: object) -> None:
        self._first = (vault, self.model.query, first) if isinstance(first, ClientPage) else None

    def attach(self, vault: Vault) -> None:
        super().attach(vault)
        self.list.clear_choices()
        seeded, self._first = self._first, None
        # The page read at this unlock, only if it is still for the query the list shows.
        fits = seeded is not None and seeded[0] is vault and seeded[1] == self.model.query
        self.model.attach(vault, seeded[2] if fits else None)  # type: ignore[index]
        self.list.refresh_status()
        self.show_list()
        # The filters' choices once the list has painted (issue 19.1): the tiers' setting is the
        # first of the feature areas' (whose definitions import those areas' rules), and the tags'
        # GROUP BY over the whole book is the vault's first ORM statement (every mapper
        # configured); started here, they competed with that first paint for the CPU.
        self._choices_due = True

    def eventFilter(self, obj, event) -> bool:
        if self._choices_due and event.type() == QEvent.Type.Paint:
            self._choices_due = False
            QTimer.singleShot(0, self._fill_choices)  # after this paint is done
        return False

    def _fill_choices(self) -> None:
        if self.vault is None:  # locked meanwhile
            return
        from rm_desktop.services.clients.tags import list_tags  # (SQLAlchemy's ORM: after the paint)

        self.list.fill_tiers(current_tiers(self.vault.settings))
        self.run_load(self.tr("读取标签"), list_tags, self.list.fill_tags, lambda _exc: None)

    def detach(self) -> None:
        self._choices_due = False
        if self._file is not None:
            self._file.keep_draft()  # a lock: unsaved profile values stay as a draft, no question
            self._file.clear()
        self.model.detach()
        self.show_list()
        super().detach()

    def open_client(self, client_id: int | None) -> None:
        if self.vault is None or (self.stack.currentWidget() is self._file and not self.file.may_leave()):
            return
        self.file.show_client(self.vault, client_id)
        self.stack.setCurrentWidget(self.file)

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list)
        self.list.search.setFocus()

    def may_leave(self) -> bool:
        """Another area or quitting: ask about the open file's unsaved changes."""
        return self._file is None or self.stack.currentWidget() is not self._file or self._file.may_leave()

    def offer_drafts(self) -> bool:
        """After an unlock: offer the client form a lock or crash left unsaved."""
        if self.vault is None or not self.file.offer_draft(self.vault):
            return False
        self.stack.setCurrentWidget(self.file)
        return True

    def _find_from_file(self) -> None:
        """Ctrl+F in a client file: the list's search, once unsaved changes are dealt with."""
        if self.file.may_leave():
            self.show_list()
            self.list.search.selectAll()

    def selected_client_ids(self) -> list[int]:
        """The clients selected in the list (the handover's "selection from the client list")."""
        return self.list.selected_ids()

    def _selection_menu(self, pos) -> None:
        ids = self.selected_client_ids()
        if self.vault is None or not ids:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("将所选 {} 位客户加入工作清单…").format(len(ids)), self.add_selection_to_worklist)
        menu.addAction(self.tr("为所选 {} 位客户记录同意…").format(len(ids)), self.record_consent_for_selection)
        if len(ids) == 1:
            menu.addAction(self.tr("导出本人数据…"), self.export_person_data)
        menu.addAction(self.tr("到期保留…"), self.show_retention)
        menu.popup(self.list.table.viewport().mapToGlobal(pos))

    def export_person_data(self):
        """导出本人数据 for the one selected client (issue 18.6)."""
        if self.vault is None or len(ids := self.selected_client_ids()) != 1:
            return None
        from rm_desktop.services.clients.files import get_client
        from rm_desktop.ui.privacy.export_dialog import PersonExportDialog

        dialog = PersonExportDialog(self.vault, ids[0], get_client(self.vault, ids[0]).name, self)
        dialog.open()
        return dialog

    def show_retention(self):
        """到期保留: the clients past retention, to anonymise or delete (issue 18.5)."""
        if self.vault is None:
            return None
        from rm_desktop.ui.privacy.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self.vault, parent=self)
        dialog.finished.connect(lambda _r: self._reload_list())
        dialog.open()
        return dialog

    def add_selection_to_worklist(self):
        """加入工作清单 for the selected clients (the insights page's dialog)."""
        if self.vault is None or not (ids := self.selected_client_ids()):
            return None
        from rm_desktop.ui.insights.campaign_dialog import CampaignDialog  # (not needed at start)

        dialog = CampaignDialog(self.vault, ids, self.tr("所选客户"), dt.date.today(), self)
        dialog.open()
        return dialog

    def record_consent_for_selection(self):
        """记录同意 for the selected clients at once (ui/consent)."""
        if self.vault is None or not (ids := self.selected_client_ids()):
            return None
        from rm_desktop.ui.consent.consent_batch import ConsentBatchDialog  # (not needed at start)

        dialog = ConsentBatchDialog(self.vault, ids, self)
        dialog.open()
        return dialog

    def current_client(self):
        """The client whose file is open, for the quick contact entry (Ctrl+N)."""
        return self._file.record if self._file is not None and self.stack.currentWidget() is self._file else None

    def _reload_list(self) -> None:
        self.model.reload()
        self.list.refresh_status()

    def _trash(self) -> None:
        from rm_desktop.ui.clients.trash_dialog import TrashDialog

        if self.vault is None:
            return
        dialog = TrashDialog(self.vault, self)
        dialog.exec()
        if dialog.tab.changed:
            self._reload_list()
