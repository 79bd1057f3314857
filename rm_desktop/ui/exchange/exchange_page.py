"""导入导出 page: import a client list, export the archive or a filtered list, and the
encrypted handover (移交) in both directions. A thin client of services/importing, exporting
and handover; every slow step runs through ui/tasks.run_task."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError, VaultLocked
from rm_desktop.services.exchange import exporting, handover
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.ui.exchange.import_dialog import ImportDialog
from rm_desktop.ui.widgets import file_dialogs
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed

SHEETS = "Excel (*.xlsx *.xls *.xlsb *.ods *.csv *.htm *.html);;*"


class ExchangePage(Page):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault = None
        self.last_result = ""
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("导入导出"))
        title.setStyleSheet("font-size: 20px; font-weight: 600;")
        layout.addWidget(title)
        hint = QLabel(
            self.tr(
                "从支行系统或同事的 Excel 名单导入客户；导出全部档案或筛选后的名单；"
                "客户经理交接时用加密的移交文件转交客户及其全部往来记录。"
            )
        )
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        layout.addWidget(hint)

        box = QGroupBox(self.tr("导入"))
        row = QHBoxLayout(box)
        self.import_button = QPushButton(self.tr("选择文件导入…"))
        self.import_button.clicked.connect(self.choose_import)
        row.addWidget(self.import_button)
        row.addWidget(QLabel(self.tr("支持 xlsx、xls、xlsb、ods、csv 及网页导出的表格；表头、列和单位自动识别")), 1)
        layout.addWidget(box)

        box = QGroupBox(self.tr("导出"))
        row = QHBoxLayout(box)
        self.archive_button = QPushButton(self.tr("导出全部档案…"))
        self.archive_button.clicked.connect(self.choose_archive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("筛选：姓名、拼音、手机或客户编号（留空为全部）"))
        self.list_button = QPushButton(self.tr("导出客户名单…"))
        self.list_button.clicked.connect(self.choose_list)
        row.addWidget(self.archive_button)
        row.addSpacing(16)
        row.addWidget(self.filter, 1)
        row.addWidget(self.list_button)
        layout.addWidget(box)

        box = QGroupBox(self.tr("客户移交（加密文件）"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.handover_filter = QLineEdit()
        self.handover_filter.setPlaceholderText(self.tr("移交哪些客户：留空为全部，或输入搜索文字"))
        self.handover_export_button = QPushButton(self.tr("导出移交文件…"))
        self.handover_export_button.clicked.connect(self.choose_handover_export)
        self.handover_import_button = QPushButton(self.tr("导入移交文件…"))
        self.handover_import_button.clicked.connect(self.choose_handover_import)
        row.addWidget(self.handover_filter, 1)
        row.addWidget(self.handover_export_button)
        row.addWidget(self.handover_import_button)
        column.addLayout(row)
        column.addWidget(
            QLabel(self.tr("移交文件用密码加密（Excel/WPS 可输入密码打开）；合并时保留本机已有的资料和往来记录。"))
        )
        layout.addWidget(box)

        self.status = QLabel(self.tr("尚未进行导入或导出。"))
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def detach(self) -> None:
        self.vault = None
        self.status.setText(self.tr("尚未进行导入或导出。"))

    def _report(self, text: str) -> None:
        self.last_result = text
        self.status.setText(text)

    def _error(self, exc: Exception) -> None:
        self._report(str(exc) if isinstance(exc, UserError) else self.tr("出现意外错误：{}").format(type(exc).__name__))

    # -- import ------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path = file_dialogs.get_open_path(self, file_dialogs.IMPORT, self.tr("选择要导入的表格"), SHEETS)
        if path and self.vault is not None:  # (not locked while the file dialog was open)
            self.open_import(path).exec()

    def open_import(self, path: str, password: str | None = None) -> ImportDialog:
        if self.vault is None:
            raise VaultLocked()  # the page is detached: nothing to import into
        dialog = ImportDialog(self.vault, path, password, self)
        dialog.load()
        return dialog

    # -- export ------------------------------------------------------------------------------
    def choose_archive(self) -> None:
        path, _ = file_dialogs.get_save_path(
            self,
            file_dialogs.EXPORT,
            self.tr("导出全部档案"),
            f"客户档案_{exporting.today_stamp()}.xlsx",
            "Excel (*.xlsx)",
        )
        if path:
            self.export_archive_to(path)

    def export_archive_to(self, path: str) -> None:
        vault = self.vault
        if vault is None:
            return
        run_task(
            self,
            self.tr("正在导出档案"),
            lambda progress: exporting.export_archive(vault, path, progress),
            lambda counts: self._report(
                self.tr("已导出到 {}：客户 {}，持仓 {}，往来记录 {}").format(
                    path, counts["客户"], counts["持仓"], counts["往来记录"]
                )
            ),
            on_error=self._error,
            vault=vault,
        )

    def choose_list(self) -> None:
        path, _ = file_dialogs.get_save_path(
            self,
            file_dialogs.EXPORT,
            self.tr("导出客户名单"),
            f"客户名单_{exporting.today_stamp()}.xlsx",
            "Excel (*.xlsx)",
        )
        if path:
            self.export_list_to(path)

    def export_list_to(self, path: str) -> None:
        vault, query = self.vault, ClientQuery(text=self.filter.text().strip())
        if vault is None:
            return
        run_task(
            self,
            self.tr("正在导出名单"),
            lambda progress: exporting.export_list(vault, query, path, progress),
            lambda count: self._report(self.tr("已导出 {} 位客户到 {}").format(count, path)),
            on_error=self._error,
            vault=vault,
        )

    # -- handover ----------------------------------------------------------------------------
    def _password(self, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("移交文件密码"), label, QLineEdit.EchoMode.Password)
        return text if ok else None

    def choose_handover_export(self) -> None:
        path, _ = file_dialogs.get_save_path(
            self,
            file_dialogs.HANDOVER,
            self.tr("导出移交文件"),
            f"客户移交_{exporting.today_stamp()}.xlsx",
            "Excel (*.xlsx)",
        )
        if not path:
            return
        first = self._password(self.tr("设置密码（至少 6 位）："))
        again = self._password(self.tr("再次输入密码：")) if first is not None else None
        if first is not None and again is not None:
            self.handover_export_to(path, first, again)

    def handover_export_to(self, path: str, password: str, again: str) -> None:
        try:
            handover.check_password(password, again)
        except UserError as exc:
            self._error(exc)
            return
        vault, text = self.vault, self.handover_filter.text().strip()
        if vault is None:
            return

        def work(progress):
            ids = None
            if text:
                ids = [row.id for row in search_clients(vault, ClientQuery(text=text), limit=1_000_000)]
            return handover.export_handover(vault, path, password, ids, progress)

        run_task(
            self,
            self.tr("正在导出移交文件"),
            work,
            lambda receipt: self._report(
                self.tr("已写入加密移交文件 {}：客户 {}，往来记录 {}，持仓 {}。\n回执 SHA-256：{}").format(
                    path, receipt["clients"], receipt["contacts"], receipt["holdings"], receipt["sha256"]
                )
            ),
            on_error=self._error,
            vault=vault,
        )

    def choose_handover_import(self) -> None:
        path = file_dialogs.get_open_path(self, file_dialogs.HANDOVER, self.tr("选择移交文件"), "Excel (*.xlsx)")
        password = self._password(self.tr("移交文件的密码：")) if path else None
        if path and password is not None:
            self.handover_preview(path, password, confirm=self._confirm_merge)

    def handover_preview(self, path: str, password: str, confirm) -> None:
        vault = self.vault
        if vault is None:
            return

        def previewed(found):
            if confirm(found):
                run_task(
                    self,
                    self.tr("正在合并"),
                    lambda progress: handover.merge_handover(vault, found, progress),
                    lambda s: self._report(
                        self.tr("合并完成：新增客户 {}，合并 {}，往来记录 {}，持仓 {}，理财规划 {}，约见 {}").format(
                            s.imported, s.updated, s.contacts, s.holdings, s.plans, s.appointments
                        )
                    ),
                    on_error=self._error,
                    vault=vault,
                )

        run_task(
            self,
            self.tr("正在解密并检查"),
            lambda progress: handover.preview_handover(vault, path, password),
            previewed,
            on_error=self._error,
            cancellable=False,
            vault=vault,
        )

    def describe(self, found) -> str:
        c = found.counts()
        text = self.tr(
            "新客户 {}，相同客户 {}，有冲突的客户 {}（冲突处保留本机的值），拒绝 {}；往来记录 {}，持仓 {}，"
            "理财规划 {}，约见 {}"
        ).format(
            c["new"],
            c["matching"],
            c["conflicting"],
            c["rejected"],
            c["contacts"],
            c["holdings"],
            c["plans"],
            c["appointments"],
        )
        conflicts = found.preview.conflicts()[:10]
        if conflicts:
            text += "\n" + "\n".join(
                self.tr("第 {} 行 {}：本机“{}”，文件“{}”").format(x["row"], x["field"], x["kept"], x["incoming"])
                for x in conflicts
            )
        return text

    def _confirm_merge(self, found) -> bool:
        return (
            QMessageBox.question(self, self.tr("合并移交文件"), self.describe(found) + "\n\n" + self.tr("现在合并吗？"))
            == QMessageBox.StandardButton.Yes
        )
