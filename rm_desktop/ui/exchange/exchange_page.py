"""导入导出 page: import a client list, export the archive or a filtered list, and the
encrypted handover (移交) in both directions. A thin client of services/importing, exporting
and handover; every slow step runs through ui/tasks.run_task."""

from __future__ import annotations

from collections.abc import Callable

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
from rm_desktop.io.office_crypto import is_encrypted_file
from rm_desktop.services.exchange import exporting, handover
from rm_desktop.services.exchange.merge_plan import plan_merge
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.settings import policy_rules
from rm_desktop.ui.exchange.handover_picker import HandoverPickerDialog
from rm_desktop.ui.exchange.import_dialog import ImportDialog
from rm_desktop.ui.exchange.merge_preview import MergePreviewDialog
from rm_desktop.ui.exchange.password_dialogs import HandoverImportDialog, NewFilePasswordDialog
from rm_desktop.ui.export_controls.purpose_dialog import ask_purpose
from rm_desktop.ui.widgets import file_dialogs, icons
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed

SHEETS = "Excel (*.xlsx *.xls *.xlsb *.ods *.csv *.htm *.html);;*"


class ExchangePage(Page):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault = None
        self.last_result = ""
        # The ids selected in the client list (the app wires it to the 客户 page), for the handover.
        self.client_selection: Callable[[], list[int]] | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("导入导出"))
        set_role(title, "title")
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
        icons.bind(self.import_button, "import")
        self.import_button.clicked.connect(self.choose_import)
        row.addWidget(self.import_button)
        row.addWidget(QLabel(self.tr("支持 xlsx、xls、xlsb、ods、csv 及网页导出的表格；表头、列和单位自动识别")), 1)
        layout.addWidget(box)

        box = QGroupBox(self.tr("导出"))
        row = QHBoxLayout(box)
        self.archive_button = QPushButton(self.tr("导出全部档案…"))
        icons.bind(self.archive_button, "export")
        self.archive_button.clicked.connect(self.choose_archive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("筛选：姓名、拼音、手机或客户编号（留空为全部）"))
        self.list_button = QPushButton(self.tr("导出客户名单…"))
        icons.bind(self.list_button, "export")
        self.list_button.clicked.connect(self.choose_list)
        row.addWidget(self.archive_button)
        row.addSpacing(16)
        row.addWidget(self.filter, 1)
        row.addWidget(self.list_button)
        layout.addWidget(box)

        box = QGroupBox(self.tr("客户移交（加密文件）"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.handover_export_button = QPushButton(self.tr("选择客户并导出移交文件…"))
        icons.bind(self.handover_export_button, "export")
        self.handover_export_button.setToolTip(
            self.tr("按姓名勾选要移交的客户（可按层级、标签或客户列表中的选择筛选），写入前先看名单")
        )
        self.handover_export_button.clicked.connect(self.choose_handover_export)
        self.handover_import_button = QPushButton(self.tr("导入移交文件…"))
        icons.bind(self.handover_import_button, "import")
        self.handover_import_button.setToolTip(self.tr("合并前按姓名列出新客户、相同客户和有冲突的客户"))
        self.handover_import_button.clicked.connect(self.choose_handover_import)
        row.addWidget(self.handover_export_button)
        row.addWidget(self.handover_import_button)
        row.addStretch(1)
        column.addLayout(row)
        note = QLabel(
            self.tr(
                "移交文件用密码加密（Excel/WPS 可输入密码打开），导入时核对回执；合并时保留本机已有的资料和往来记录。"
            )
        )
        note.setWordWrap(True)
        column.addWidget(note)
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
        password = None
        if path and is_encrypted_file(path):  # an encrypted archive export, or a list with a password
            text, ok = QInputDialog.getText(
                self, self.tr("文件密码"), self.tr("这个文件有密码，请输入："), QLineEdit.EchoMode.Password
            )
            if not ok:
                return
            password = text
        if path and self.vault is not None:  # (not locked while the file dialog was open)
            self.open_import(path, password).exec()

    def open_import(self, path: str, password: str | None = None) -> ImportDialog:
        if self.vault is None:
            raise VaultLocked()  # the page is detached: nothing to import into
        dialog = ImportDialog(self.vault, path, password, self)
        dialog.load()
        return dialog

    # -- export ------------------------------------------------------------------------------
    def _policy_allows(self, kind: str, encrypted: bool = False) -> bool:
        """The IT policy's export gate before any file is chosen (the service checks it again)."""
        try:
            policy_rules.check_export(kind, self.vault, encrypted=encrypted)
        except UserError as exc:
            self._error(exc)
            QMessageBox.warning(self, self.tr("IT 策略"), str(exc))
            return False
        return True

    def choose_archive(self) -> None:
        if not self._policy_allows("archive", encrypted=True):
            return
        path, _ = file_dialogs.get_save_path(
            self,
            file_dialogs.EXPORT,
            self.tr("导出全部档案"),
            f"客户档案_{exporting.today_stamp()}.xlsx",
            "Excel (*.xlsx)",
        )
        # The purpose (issue 18.3) before the password: no field choice, the archive is read
        # back whole (services/export_controls/purposes); cancelling either writes nothing.
        if not path or (control := ask_purpose(self, "archive", what=self.tr("导出全部档案"))) is None:
            return
        dialog = self.archive_password_dialog()
        if dialog.exec() == NewFilePasswordDialog.DialogCode.Accepted:
            self.export_archive_to(path, dialog.password(), control)

    def archive_password_dialog(self) -> NewFilePasswordDialog:
        return NewFilePasswordDialog(
            self.tr("导出全部档案"),
            self.tr(
                "全部档案含每位客户的证件号码、手机号码和资产。加密后 Excel/WPS 输入密码才能打开，导入时也要输入。"
            ),
            allow_plain=policy_rules.plain_allowed("archive"),
            parent=self,
        )

    def export_archive_to(self, path: str, password: str | None, control: ExportControl | None = None) -> None:
        """Export with ``password``; None only once the user chose (and confirmed) plaintext."""
        vault = self.vault
        if vault is None:
            return
        how = self.tr("已加密") if password is not None else self.tr("未加密：明文文件")
        run_task(
            self,
            self.tr("正在导出档案"),
            lambda progress: exporting.export_archive(vault, path, progress, password=password, control=control),
            lambda counts: self._report(
                self.tr("已导出到 {}（{}）：客户 {}，持仓 {}，往来记录 {}").format(
                    path, how, counts["客户"], counts["持仓"], counts["往来记录"]
                )
            ),
            on_error=self._error,
            vault=vault,
        )

    def choose_list(self) -> None:
        if not self._policy_allows("list"):
            return
        path, _ = file_dialogs.get_save_path(
            self,
            file_dialogs.EXPORT,
            self.tr("导出客户名单"),
            f"客户名单_{exporting.today_stamp()}.xlsx",
            "Excel (*.xlsx)",
        )
        if not path:
            return
        fields = [(c.key, c.header) for c in exporting.LIST_COLUMNS]
        control = ask_purpose(self, "list", fields, what=self.tr("导出客户名单"))
        if control is not None:
            self.export_list_to(path, control)

    def export_list_to(self, path: str, control: ExportControl | None = None) -> None:
        vault, query = self.vault, ClientQuery(text=self.filter.text().strip())
        if vault is None:
            return
        run_task(
            self,
            self.tr("正在导出名单"),
            lambda progress: exporting.export_list(vault, query, path, progress, control=control),
            lambda count: self._report(self.tr("已导出 {} 位客户到 {}").format(count, path)),
            on_error=self._error,
            vault=vault,
        )

    # -- handover ----------------------------------------------------------------------------
    def handover_picker(self) -> HandoverPickerDialog:
        """The checklist of clients to hand over, with the client list's selection offered."""
        selected = self.client_selection() if self.client_selection is not None else []
        return HandoverPickerDialog(self.vault, selected, self)

    def choose_handover_export(self) -> None:
        if self.vault is None or not self._policy_allows("handover", encrypted=True):
            return
        picker = self.handover_picker()
        if picker.exec() != HandoverPickerDialog.DialogCode.Accepted or not picker.client_ids():
            return
        ids = picker.client_ids()
        path, _ = file_dialogs.get_save_path(
            self,
            file_dialogs.HANDOVER,
            self.tr("导出移交文件"),
            f"客户移交_{exporting.today_stamp()}.xlsx",
            "Excel (*.xlsx)",
        )
        # Every column goes whatever the purpose (the receiver reads the file whole): no fields.
        if not path or (control := ask_purpose(self, "handover", what=self.tr("导出移交文件"))) is None:
            return
        dialog = NewFilePasswordDialog(
            self.tr("移交文件密码"),
            self.tr("请设置移交文件的密码，并通过电话等其他途径告诉接收人（不要和文件一起发送）。"),
            parent=self,
        )
        if dialog.exec() == NewFilePasswordDialog.DialogCode.Accepted and dialog.password() is not None:
            password = dialog.password() or ""
            self.handover_export_to(path, password, password, ids, control)

    def handover_export_to(
        self, path: str, password: str, again: str, ids: list[int], control: ExportControl | None = None
    ) -> None:
        """Write the handover of exactly the clients ``ids`` (those ticked in the checklist)."""
        try:
            handover.check_password(password, again)
        except UserError as exc:
            self._error(exc)
            return
        vault = self.vault
        if vault is None:
            return
        run_task(
            self,
            self.tr("正在导出移交文件"),
            lambda progress: handover.export_handover(vault, path, password, ids, progress, control=control),
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
        if not path:
            return
        dialog = HandoverImportDialog(self)
        if dialog.exec() == HandoverImportDialog.DialogCode.Accepted:
            self.handover_preview(path, dialog.password(), confirm=self._confirm_merge, receipt=dialog.receipt())

    def handover_preview(self, path: str, password: str, confirm, receipt: str | None = None) -> None:
        """Decrypt and check the file, then ``confirm(found, plan)`` (the clients by name, see
        services/exchange/merge_plan) decides whether the merge runs."""
        vault = self.vault
        if vault is None:
            return

        def check(progress):
            found = handover.preview_handover(vault, path, password, receipt, progress)
            return found, plan_merge(vault, found.preview, progress=progress)

        def previewed(result):
            found, plan = result
            if confirm(found, plan):
                run_task(
                    self,
                    self.tr("正在合并"),
                    lambda progress: handover.merge_handover(vault, found, progress),
                    lambda s: self._report(
                        self.tr("合并完成：新增客户 {}，合并 {}，往来记录 {}，持仓 {}，理财规划 {}，约见 {}").format(
                            s.imported, s.updated, s.contacts, s.holdings, s.plans, s.appointments
                        )
                        + "\n"
                        + self.tr("同意记录 {}，接收的审计日志 {} 条").format(s.consents, s.audit_received)
                    ),
                    on_error=self._error,
                    vault=vault,
                )

        run_task(
            self,
            self.tr("正在解密并检查"),
            check,
            previewed,
            on_error=self._error,
            vault=vault,
        )

    def describe(self, found) -> str:
        """The preview's counts: those of the sender's receipt and 汇总 (handover_counts)."""
        c = found.counts()
        clients = self.tr("新客户 {}，相同客户 {}，有冲突的客户 {}（冲突处保留本机的值），拒绝 {}").format(
            c["new"], c["matching"], c["conflicting"], c["rejected"]
        )
        records = self.tr(
            "往来记录 {}，持仓 {}，理财规划 {}，约见 {}，同意记录 {}，商机 {}，推荐 {}，投诉 {}，活动 {}，"
            "活动邀请 {}，工作流程 {}；审计日志 {} 条"
        ).format(
            *(c[k] for k in ("contacts", "holdings", "plans", "appointments", "consents", "opportunities")),
            *(c[k] for k in ("referrals", "complaints", "events", "invitations", "playbook_runs", "audit_entries")),
        )
        return "\n".join((clients, records, found.receipt_note()))

    def _confirm_merge(self, found, plan) -> bool:
        """The clients by name (new, matching, conflicting with the fields) before the merge."""
        dialog = MergePreviewDialog(self.describe(found), plan, self)
        return dialog.exec() == MergePreviewDialog.DialogCode.Accepted
