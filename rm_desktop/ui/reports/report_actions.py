"""The reports page's outputs: the RM's own PDF and xlsx (names allowed), the counts-only text
(to the clipboard through the window's ClipboardGuard) and PDF, the supervisor's encrypted
bundle and, for a supervisor, the summary workbook of several RMs' bundles.

Every file is written off the UI thread (run_task: progress and Cancel); the dialogs start where
the last one of their kind ended (ui/widgets/file_dialogs). Suggested file names carry the
period only, never a client's name.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.domain.reports import Report, counts_only
from rm_desktop.domain.reports.periods import period_for
from rm_desktop.services import report_outputs as outputs
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.report_outputs.figures import kind_label
from rm_desktop.services.reports import build_report
from rm_desktop.services.settings import policy_rules
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.reports.bundle_dialogs import BUNDLE_SUFFIX, BundleExportDialog, SummaryDialog, bundle_filter
from rm_desktop.ui.widgets import file_dialogs, icons
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.tasks import run_task

PDFS, SHEETS = "PDF (*.pdf)", "Excel (*.xlsx)"


class ReportHost(Protocol):
    """What the actions need of the page (typed here: importing the page would be a cycle)."""

    report: Report | None
    vault: Vault | None
    clipboard: ClipboardGuard
    status: QLabel

    def clock(self) -> dt.datetime: ...

    def today(self) -> dt.date: ...


class ReportActions(QObject):
    def __init__(self, page: ReportHost, parent: QWidget):
        super().__init__(parent)
        self.page, self.parent_widget = page, parent
        self.bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, icon, tip, slot in (
            ("pdf", self.tr("导出 PDF…"), "export", self.tr("含客户姓名的完整报告，仅供本人留存"), self.export_pdf),
            ("xlsx", self.tr("导出 Excel…"), "export", self.tr("含客户姓名的完整报告，仅供本人留存"), self.export_xlsx),
            ("copy", self.tr("复制简报"), "copy", self.tr("只含汇总数字，可直接粘贴到工作群"), self.copy_counts),
            (
                "counts_pdf",
                self.tr("导出简报 PDF…"),
                "export",
                self.tr("只含汇总数字，不含客户信息"),
                self.export_counts_pdf,
            ),
            ("bundle", self.tr("导出给主管…"), "password", self.tr("加密的报告包，发给主管汇总"), self.export_bundle),
            (
                "summary",
                self.tr("汇总下属报告…"),
                "import",
                self.tr("主管用：把几位客户经理的报告包汇总成一个表格"),
                self.collect,
            ),
        ):
            button = QPushButton(label)
            button.setToolTip(tip)
            icons.bind(button, icon)
            button.clicked.connect(slot)
            self.bar.addWidget(button)
            self.buttons[key] = button
        self.bar.addStretch(1)

    def set_enabled(self, on: bool) -> None:
        for key, button in self.buttons.items():
            button.setEnabled(on or key == "summary")  # a supervisor's summary needs no report shown

    def _allowed(self, *, encrypted: bool = False) -> bool:
        """The IT policy's export gate for reports, asked before any dialog (a refusal says why)."""
        try:
            policy_rules.check_export("report", self.page.vault, encrypted=encrypted)
        except UserError as exc:
            QMessageBox.warning(self.parent_widget, self.tr("不能导出"), str(exc))
            return False
        return True

    def _purpose(self, what: str) -> ExportControl | None:
        """The export's purpose (issue 18.3), asked after the file is chosen; None: cancelled."""
        return purpose_dialog.ask_purpose(self.parent_widget, "report", what=what)

    def _report(self) -> Report | None:
        return self.page.report if self.page.vault is not None else None

    def _name(self, report: Report, suffix: str, ext: str) -> str:
        return f"{kind_label(report.period.kind)}_{report.period.key}{suffix}.{ext}"

    def _write(self, title: str, path: str, write) -> None:
        vault = self.page.vault

        def run(progress) -> str:
            progress(0, 1)
            write(path)
            progress(1, 1)
            return path

        run_task(
            self.parent_widget,
            title,
            run,
            lambda done: self.page.status.setText(self.tr("已导出到 {}").format(done)),
            vault=vault,  # the export registers in it: locking waits for the write
        )

    def export_pdf(self) -> None:
        report = self._report()
        if report is None or not self._allowed():
            return
        path, _ = file_dialogs.get_save_path(
            self.parent_widget, file_dialogs.PDF, self.tr("导出 PDF"), self._name(report, "", "pdf"), PDFS
        )
        vault = self.page.vault
        if path and (control := self._purpose(self.tr("导出 PDF"))) is not None:
            self._write(
                self.tr("正在导出 PDF"), path, lambda p: outputs.export_pdf(report, p, vault=vault, control=control)
            )

    def export_xlsx(self) -> None:
        report = self._report()
        if report is None or not self._allowed():
            return
        path, _ = file_dialogs.get_save_path(
            self.parent_widget, file_dialogs.EXPORT, self.tr("导出 Excel"), self._name(report, "", "xlsx"), SHEETS
        )
        vault = self.page.vault
        if path and (control := self._purpose(self.tr("导出 Excel"))) is not None:
            self._write(
                self.tr("正在导出 Excel"), path, lambda p: outputs.export_xlsx(report, p, vault=vault, control=control)
            )

    def copy_counts(self) -> None:
        report = self._report()
        if report is None:
            return
        self.page.clipboard.copy(outputs.counts_text(report))  # counts_text renders counts_only itself
        self.page.status.setText(
            self.tr("已复制简报（只含汇总数字），{} 秒后自动清除").format(self.page.clipboard.seconds)
        )

    def export_counts_pdf(self) -> None:
        report = self._report()
        if report is None or not self._allowed():
            return
        name = self._name(report, self.tr("_简报"), "pdf")
        path, _ = file_dialogs.get_save_path(self.parent_widget, file_dialogs.PDF, self.tr("导出简报 PDF"), name, PDFS)
        vault, brief = self.page.vault, counts_only(report)
        if path and (control := self._purpose(self.tr("导出简报 PDF"))) is not None:
            self._write(
                self.tr("正在导出 PDF"), path, lambda p: outputs.export_pdf(brief, p, vault=vault, control=control)
            )

    def export_bundle(self) -> None:
        report, vault = self._report(), self.page.vault
        if report is None or vault is None or not self._allowed(encrypted=True):
            return
        dialog = BundleExportDialog(report.period.kind, report.period.key, self.parent_widget)
        if not dialog.exec():
            return
        try:
            period = period_for(dialog.kind(), dialog.period_text(), self.page.today())
        except UserError as exc:  # one line that names what is wrong with the period
            QMessageBox.warning(self.parent_widget, self.tr("导出给主管"), str(exc))
            return
        name = f"{kind_label(period.kind)}_{period.key}{BUNDLE_SUFFIX}"
        path, _ = file_dialogs.get_save_path(
            self.parent_widget, file_dialogs.HANDOVER, self.tr("导出给主管"), name, bundle_filter(self.tr("报告包"))
        )
        if not path or (control := self._purpose(self.tr("导出给主管"))) is None:
            return
        password, named, now = dialog.password(), dialog.named(), self.page.clock()

        def write(target: str) -> None:
            built = report if period == report.period else build_report(vault, period, now=now)
            outputs.export_bundle([built], target, password, named=named, vault=vault, control=control)

        self._write(self.tr("正在导出报告包"), path, write)

    def collect(self) -> None:
        if not self._allowed():
            return
        dialog = SummaryDialog(self.parent_widget)
        if not dialog.exec():
            return
        chosen = dialog.bundles()
        path, _ = file_dialogs.get_save_path(
            self.parent_widget, file_dialogs.EXPORT, self.tr("保存汇总表"), self.tr("下属报告汇总.xlsx"), SHEETS
        )
        vault = self.page.vault
        if not path or (control := self._purpose(self.tr("保存汇总表"))) is None:
            return

        stopped = Cancelled(self.tr("已取消：没有写入汇总表。"))

        def run(progress) -> str:
            read = []
            for done, (source, password) in enumerate(chosen):
                if not progress(done, len(chosen) + 1):
                    raise stopped
                read.append(outputs.read_bundle(source, password))
            outputs.collect_summary(read, path, vault=vault, control=control)
            progress(len(chosen) + 1, len(chosen) + 1)
            return path

        run_task(
            self.parent_widget,
            self.tr("正在汇总"),
            run,
            lambda done: self.page.status.setText(self.tr("已写入汇总表 {}").format(done)),
            vault=vault,
        )
