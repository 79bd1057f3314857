"""导出日历… on the 日历 page: the reminders and appointments of a date range as an .ics file for
Outlook or a phone, through services.reminders.compute.export_calendar (the CLI's
``reminders ics``).

Without 含客户姓名 (the default: the minimum necessary) the file holds the clients' initials
only, no notes and no locations, the CLI's ``--privacy``; the service registers it all the same
(no client counted, fields date and title) under the calendar's natural purpose. With names
the file is a personal-data export: the purpose is asked after the file is chosen (issue
18.3), and Esc there writes nothing. The last folder is remembered (file_dialogs.ICS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.reminders.compute import MAX_WINDOW_DAYS, export_calendar
from rm_desktop.services.settings import policy_rules
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.reminders.reminder_dialogs import pydate, qdate
from rm_desktop.ui.widgets import file_dialogs
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed

DEFAULT_DAYS = 90  # as the CLI's reminders ics
EXPORT_KEYS = "Ctrl+E"  # on the 日历 page only (its own shortcut context): no other owner there
ICS_FILTER = "iCalendar (*.ics)"


@dataclass(frozen=True)
class IcsChoice:
    start: dt.date
    end: dt.date
    names: bool


class IcsExportDialog(QDialog):
    """The range (today → +90 days) and 含客户姓名 (off); 下一步 once the range is valid."""

    def __init__(self, today: dt.date, parent: QWidget | None = None, *, client_present: bool = False):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出日历"))
        self.setMinimumWidth(440)
        last = today + dt.timedelta(days=MAX_WINDOW_DAYS)  # the reminders are computed up to the end
        self.start, self.end = QDateEdit(qdate(today)), QDateEdit(qdate(today + dt.timedelta(days=DEFAULT_DAYS)))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumDate(qdate(last))
            edit.dateChanged.connect(self._update)
        self.names = QCheckBox(self.tr("含客户姓名(&N)"))
        if client_present:  # 客户在场: nothing the client beside the RM should not read
            self.names.setEnabled(False)
            self.names.setToolTip(self.tr("客户在场时不导出姓名"))
        self.names.toggled.connect(self._update)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        themed(self.hint, "color: $muted;")
        self.reason = QLabel()
        themed(self.reason, "color: $error;")
        form = QFormLayout()
        form.addRow(self.tr("开始日期(&F)："), self.start)
        form.addRow(self.tr("结束日期(&T)："), self.end)
        form.addRow("", self.names)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("下一步(&X)…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("把这段时间的提醒和约见写成 .ics 文件，可导入 Outlook 或手机日历。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self._update()

    def choice(self) -> IcsChoice:
        return IcsChoice(pydate(self.start.date()), pydate(self.end.date()), self.names.isChecked())

    def _update(self, *_args) -> None:
        self.hint.setText(
            self.tr("含客户姓名：这是个人信息导出，下一步会询问用途，并记入导出登记。")
            if self.names.isChecked()
            else self.tr("不含姓名：只写客户姓名的拼音首字母，不写备注和地点。")
        )
        bad = self.end.date() < self.start.date()
        self.reason.setText(self.tr("结束日期不能早于开始日期。") if bad else "")
        self.ok_button.setEnabled(not bad)


class CalendarExporter(QObject):
    """The whole flow from the page: policy, range, file, purpose (with names), the export; the
    result in the page's status line."""

    def __init__(self, page: QWidget, vault: Callable[[], Vault | None], say: Callable[[str], None]):
        super().__init__(page)
        self.page, self.vault, self._say = page, vault, say

    def button(self, slot: Callable[[], object]) -> QPushButton:
        """导出日历… for the page's bar; its key anywhere on the page while it has the focus."""
        button = QPushButton(self.tr("导出日历…"))
        button.setToolTip(self.tr("把提醒和约见导出为 .ics 文件，可导入 Outlook 或手机（{}）").format(EXPORT_KEYS))
        button.clicked.connect(slot)
        action = QAction(self.page)
        action.setShortcut(QKeySequence(EXPORT_KEYS))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.page.addAction(action)
        return button

    def run(self, today: dt.date, *, client_present: bool = False) -> None:
        page, vault = self.page, self.vault()
        if vault is None:
            return
        try:
            policy_rules.check_export("ics", vault)  # refused before any dialog, with the policy's reason
        except UserError as exc:
            QMessageBox.warning(page, self.tr("IT 策略"), str(exc))
            return
        dialog = IcsExportDialog(today, page, client_present=client_present)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.choice()
        dialog.deleteLater()  # one dialog per export, not one more child of the page each time
        if not accepted:
            return
        name = f"日历_{chosen.start:%Y%m%d}-{chosen.end:%Y%m%d}.ics"
        path, _ = file_dialogs.get_save_path(page, file_dialogs.ICS, self.tr("导出日历"), name, ICS_FILTER)
        if not path:
            return
        control: ExportControl | None = None  # without names: the calendar's natural purpose
        if chosen.names and (control := purpose_dialog.ask_purpose(page, "ics", what=self.tr("导出日历"))) is None:
            return
        if self.vault() is not vault:  # locked while a dialog was open
            return
        shown = self.tr("含客户姓名") if chosen.names else self.tr("仅姓名首字母")
        run_task(
            page,
            self.tr("正在导出日历"),
            lambda _progress: export_calendar(
                vault, path, chosen.start, chosen.end, not chosen.names, today=today, control=control
            ),
            lambda count: self._say(self.tr("已导出 {} 个日历事件到 {}（{}）").format(count, path, shown)),
            on_error=lambda exc: self._say(
                str(exc) if isinstance(exc, UserError) else self.tr("导出日历失败：{}").format(type(exc).__name__)
            ),
            cancellable=False,  # one query and one file: the service reports no progress
            vault=vault,
        )
