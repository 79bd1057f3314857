"""Bulk sending: one template rendered for a list of clients (an explicit list such as today's
birthdays, or a filtered client list), to copy row by row or export for the SMS platform.

Copying marks a row; "已发送" logs the row's text as a contact (services.script_render);
rendering and logging many rows run through ui.tasks.run_task.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.scripts.placeholders import EventInfo
from rm_desktop.domain.scripts.template import parse
from rm_desktop.i18n import clauses
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.services.scripts import library as scripts
from rm_desktop.services.scripts import render as script_render
from rm_desktop.services.scripts import share as script_share
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.scripts.bulk_rows import COPIED, LOGGED, BulkCol, BulkRowsModel
from rm_desktop.ui.scripts.script_preview import EVENT_FIELDS, FestivalBox, ask_copy_incomplete
from rm_desktop.ui.widgets import file_dialogs
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.screen_fit import fit_to_screen
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed


class ScriptBulkDialog(QDialog):
    contact_logged = Signal(int)
    rendered = Signal()  # rows are in the table (tests wait for this)

    def __init__(
        self,
        vault: Vault,
        guard: ClipboardGuard,
        *,
        template_id: int | None = None,
        client_ids: list[int] | None = None,
        list_title: str = "",
        today: dt.date | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("批量发送话术"))
        fit_to_screen(self, 980, 620)
        self.vault, self.guard, self.today = vault, guard, today or dt.date.today()
        self.client_ids = list(client_ids) if client_ids is not None else None
        self.template_id: int | None = None  # the template the shown rows were rendered from

        self.template = QComboBox()
        for record in scripts.list_templates(vault):
            self.template.addItem(f"{record.category_label} · {record.name}", record.id)
        if template_id is not None and self.template.findData(template_id) >= 0:
            self.template.setCurrentIndex(self.template.findData(template_id))
        self.template.currentIndexChanged.connect(lambda _i: self._template_changed())
        self.given = QRadioButton(
            self.tr("指定名单：{}（{} 位客户）").format(list_title or self.tr("传入的客户"), len(self.client_ids or []))
        )
        self.filtered = QRadioButton(self.tr("按条件筛选客户"))
        self.source = QButtonGroup(self)
        self.source.addButton(self.given)
        self.source.addButton(self.filtered)
        (self.given if self.client_ids is not None else self.filtered).setChecked(True)
        self.given.setEnabled(self.client_ids is not None)
        self.tier = QComboBox()
        self.tier.addItem(self.tr("全部层级"), None)
        for tier in current_tiers(vault.settings):
            self.tier.addItem(tier.name(), tier.code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("姓名、拼音或手机号（可留空）"))
        self.festival = FestivalBox()
        self.festival.set_value(script_render.upcoming_festival(self.today) or "")
        self.festival_label = QLabel(self.tr("节日"))
        # An invitation (活动邀请) names the event: one set of values for every client.
        self.event_name = QLineEdit()
        self.event_name.setPlaceholderText(self.tr("活动名称"))
        week_on = self.today + dt.timedelta(days=7)
        self.event_time = QDateTimeEdit(QDateTime(QDate(week_on.year, week_on.month, week_on.day), QTime(14, 30)))
        self.event_time.setCalendarPopup(True)
        self.event_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.event_place = QLineEdit()
        self.event_place.setPlaceholderText(self.tr("活动地点"))
        self.event_label = QLabel(self.tr("活动"))
        self.event_row = QWidget()
        event_layout = QHBoxLayout(self.event_row)
        event_layout.setContentsMargins(0, 0, 0, 0)
        event_layout.addWidget(self.event_name, 2)
        event_layout.addWidget(self.event_time, 1)
        event_layout.addWidget(self.event_place, 2)
        self.render_button = QPushButton(self.tr("生成"))
        self.render_button.setDefault(True)
        self.render_button.clicked.connect(self.render_rows)

        self.model = BulkRowsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BulkCol.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.copy_row(index.row()))
        self.empty = QLabel(self.tr("选择话术和客户名单，然后点“生成”。"), self.table.viewport())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        themed(self.empty, "color: $muted; font-size: 14px;")

        self.copy_button = QPushButton(self.tr("复制所选"))
        self.copy_button.clicked.connect(lambda: self.copy_row(self._current_row()))
        self.next_button = QPushButton(self.tr("复制下一条"))
        self.next_button.clicked.connect(self.copy_next)
        self.sent_button = QPushButton(self.tr("已发送（记录联系）"))
        self.sent_button.setToolTip(self.tr("把所选行的内容记入客户的往来记录"))
        self.sent_button.clicked.connect(self.confirm_selected)
        self.all_sent_button = QPushButton(self.tr("全部标记为已发送…"))
        self.all_sent_button.clicked.connect(self.confirm_all)
        self.export_button = QPushButton(self.tr("导出短信平台表格…"))
        self.export_button.setToolTip(self.tr("Excel：客户号、姓名、手机、短信内容、条数"))
        self.export_button.clicked.connect(self.export)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        self.status = QLabel()

        form = QFormLayout()
        form.addRow(self.tr("话术"), self.template)
        filters = QHBoxLayout()
        filters.addWidget(self.filtered)
        filters.addWidget(self.tier)
        filters.addWidget(self.search, 1)
        if self.client_ids is not None:
            form.addRow(self.tr("客户"), self.given)
            form.addRow("", filters)
        else:
            self.given.hide()
            form.addRow(self.tr("客户"), filters)
        form.addRow(self.festival_label, self.festival)
        form.addRow(self.event_label, self.event_row)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.render_button, 0, Qt.AlignmentFlag.AlignBottom)
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.next_button, self.sent_button, self.all_sent_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._template_changed()
        self._update()

    # -- inputs --------------------------------------------------------------------------------
    def _template_changed(self) -> None:
        template_id = self.template.currentData()
        fields = set(parse(scripts.get_template(self.vault, template_id).body).fields) if template_id else set()
        uses_festival, uses_event = "节日" in fields, bool(EVENT_FIELDS & fields)
        self.festival.setVisible(uses_festival)
        self.festival_label.setVisible(uses_festival)
        self.event_row.setVisible(uses_event)
        self.event_label.setVisible(uses_event)

    def _event(self) -> EventInfo | None:
        if self.event_row.isHidden():
            return None
        when = self.event_time.dateTime().toPython()  # typed object; a datetime for a QDateTime
        return EventInfo(
            self.event_name.text().strip(),
            when if isinstance(when, dt.datetime) else None,
            self.event_place.text().strip() or None,
        )

    def _client_ids(self) -> list[int]:
        if self.given.isChecked() and self.client_ids is not None:
            return self.client_ids
        tier = self.tier.currentData()
        query = ClientQuery(text=self.search.text().strip(), tiers=(tier,) if tier else ())
        return script_render.query_client_ids(self.vault, query)

    def render_rows(self) -> None:
        template_id = self.template.currentData()
        if template_id is None:
            return
        festival = (self.festival.value() or None) if not self.festival.isHidden() else None
        event = self._event()
        vault, today = self.vault, self.today
        ids = self._client_ids()  # read from the widgets here, on the UI thread

        def work(progress):
            return script_render.bulk_render(
                vault, template_id, ids, festival=festival, event=event, today=today, progress=progress
            )

        self.render_button.setEnabled(False)
        run_task(
            self,
            self.tr("正在生成…"),
            work,
            lambda rows: self._show_rows(template_id, rows),
            on_error=self._failed,
            vault=vault,
        )

    def _failed(self, exc: Exception) -> None:
        self.render_button.setEnabled(True)
        QMessageBox.warning(self, self.windowTitle(), str(exc) if isinstance(exc, UserError) else type(exc).__name__)

    def _show_rows(self, template_id: int, rows) -> None:
        self.render_button.setEnabled(True)
        self.template_id = template_id
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._update(rows.skipped.message() or None)  # clients the consent check left out
        self.rendered.emit()

    # -- rows ----------------------------------------------------------------------------------
    def _current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def copy_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        missing = list(self.model.row_at(row).missing)
        if missing and not ask_copy_incomplete(self, missing):  # as 复制 in the preview
            return
        self.guard.copy(self.model.row_at(row).text)
        self.model.set_state(row, COPIED)
        self._update(self.tr("已复制 {} 的内容。").format(self.model.row_at(row).client_name))

    def copy_next(self) -> None:
        row = self.model.next_pending(self._current_row())
        if row is None:
            self._update(self.tr("每一条都已复制。"))
            return
        self.table.selectRow(row)
        self.copy_row(row)

    def confirm_selected(self) -> None:
        rows = [r for r in self._selected_rows() if self.model.state(r) != LOGGED]
        for row in rows:
            rendered = self.model.row_at(row)
            if rendered.client_id is None:  # (bulk rows are rendered for clients)
                continue
            try:
                script_render.confirm_sent(self.vault, self.template_id, rendered.client_id, rendered.text)
            except UserError as exc:
                self._update(str(exc))
                return
            self.model.set_state(row, LOGGED)
            self.contact_logged.emit(rendered.client_id)
        self._update(self.tr("已记录 {} 条联系。").format(len(rows)) if rows else None)

    def ask(self, title: str, question: str) -> bool:
        return QMessageBox.question(self, title, question) == QMessageBox.StandardButton.Yes

    def confirm_all(self) -> None:
        rows = [r for r in range(self.model.rowCount()) if self.model.state(r) != LOGGED]
        if not rows or not self.ask(
            self.windowTitle(),
            self.tr("把 {} 条内容都记入客户的往来记录吗？（请在短信平台确认发送后再做）").format(len(rows)),
        ):
            return
        items = [(shown.client_id, shown.text) for shown in map(self.model.row_at, rows) if shown.client_id is not None]
        vault, template_id = self.vault, self.template_id
        if template_id is None:  # (rows are shown only once a template rendered them)
            return
        by_client = {self.model.row_at(r).client_id: r for r in rows}

        def done(logged: list[int]) -> None:
            for client_id in logged:
                self.model.set_state(by_client[client_id], LOGGED)
                self.contact_logged.emit(client_id)
            self._update(self.tr("已记录 {} 条联系。").format(len(logged)))

        run_task(
            self,
            self.tr("正在记录…"),
            lambda progress: script_render.confirm_many(vault, template_id, items, progress=progress),
            done,
            vault=vault,
        )

    def export(self) -> None:
        if not self.model.rowCount():
            return
        path, _ = file_dialogs.get_save_path(
            self,
            file_dialogs.SMS,
            self.tr("导出短信平台表格"),
            self.tr("短信发送名单.xlsx"),
            self.tr("Excel 表格 (*.xlsx)"),
        )
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str) -> None:
        try:
            written = script_share.export_bulk_xlsx(self.model.rows(), path)
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self._update(self.tr("已导出到 {}。短信平台发送后，可点“全部标记为已发送”记录联系。").format(written))

    def _update(self, message: str | None = None) -> None:
        total = self.model.rowCount()
        has_rows = total > 0
        self.empty.setVisible(not has_rows)
        self.empty.resize(self.table.viewport().size())
        for button in (self.copy_button, self.next_button, self.sent_button, self.all_sent_button, self.export_button):
            button.setEnabled(has_rows)
        incomplete = sum(1 for r in self.model.rows() if r.missing)
        parts = [
            self.tr("共 {} 位客户 · 已复制 {} · 已记录 {}").format(
                total, self.model.count(COPIED), self.model.count(LOGGED)
            )
        ]
        if incomplete:
            parts.append(self.tr("{} 条缺少字段（红色标出）").format(incomplete))
        if message:
            parts.append(message)
        self.status.setText(clauses(parts) if has_rows or message else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.empty.resize(self.table.viewport().size())
