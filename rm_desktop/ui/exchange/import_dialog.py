"""The import dialog: sheet, header row and column mapping → preview with a status per row →
import with progress and Cancel → summary, and the rejected rows saved for correction.

The file is read once and every check of the rows runs off the UI thread with Cancel; changing
the sheet, header row, mapping or duplicate policy re-checks the rows from the workbook already
in memory. The decision of each row matched to a stored client can be changed in the preview
table (a combo box in 处理).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.io import header as hdr
from rm_desktop.io.readers import Workbook, read_workbook
from rm_desktop.services.exchange import importing
from rm_desktop.services.exchange.merge_plan import MergePlan, plan_merge
from rm_desktop.services.exchange.rejects import save_rejects
from rm_desktop.services.exchange.writing import run_import
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.exchange.import_mapping import MappingTable
from rm_desktop.ui.exchange.import_preview import DECISION_COLUMN, DecisionDelegate, ImportPreviewModel
from rm_desktop.ui.exchange.merge_preview import MergePlanModel, plan_tree
from rm_desktop.ui.widgets import file_dialogs
from rm_desktop.ui.widgets.screen_fit import fit_to_screen
from rm_desktop.ui.widgets.tasks import run_task

POLICIES = (
    ("update", QT_TRANSLATE_NOOP("ImportDialog", "更新已有客户")),
    ("merge", QT_TRANSLATE_NOOP("ImportDialog", "只补充空白字段")),
    ("skip", QT_TRANSLATE_NOOP("ImportDialog", "跳过重复客户")),
    ("new", QT_TRANSLATE_NOOP("ImportDialog", "作为新客户添加")),
)


class ImportDialog(QDialog):
    def __init__(self, vault: Vault, path: str, password: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault, self.path, self.password = vault, path, password
        self.book: Workbook | None = None
        self.preview: importing.ImportPreview | None = None
        self.summary = None
        self.setWindowTitle(self.tr("导入客户"))
        fit_to_screen(self, 1100, 680)

        self.sheet = QComboBox()
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 30)
        self.policy = QComboBox()
        for code, label in POLICIES:
            self.policy.addItem(QCoreApplication.translate("ImportDialog", str(label)), code)
        self.remember = QCheckBox(self.tr("记住此列映射"))
        self.remember.setChecked(True)
        settings = QFormLayout()
        settings.addRow(self.tr("工作表"), self.sheet)
        settings.addRow(self.tr("表头所在行"), self.header_row)
        settings.addRow(self.tr("重复客户"), self.policy)
        settings.addRow("", self.remember)
        recheck = QPushButton(self.tr("按此设置重新检查"))
        recheck.clicked.connect(self.recheck)

        self.mapping = MappingTable()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(settings)
        left_layout.addWidget(QLabel(self.tr("列映射（可调整）")))
        left_layout.addWidget(self.mapping, 1)
        left_layout.addWidget(recheck)

        self.model = ImportPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(DECISION_COLUMN, DecisionDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.model.dataChanged.connect(lambda *_: self._show_counts())
        self.model.dataChanged.connect(lambda *_: self._replan())  # a changed decision: the clients regroup
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.counts = QLabel(self.tr("正在读取文件…"))
        self.counts.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.counts)
        # 按客户: the clients by name, new / matching / conflicting with the fields (the dry run of
        # the write); 逐行检查: every sheet row with its status, where a decision can be changed.
        self.plan_model = MergePlanModel(self)
        self.plan_view = plan_tree(self.plan_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan_view, self.tr("按客户"))
        self.tabs.addTab(self.table, self.tr("逐行检查"))
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 720])

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.rejects_button = self.buttons.addButton(self.tr("保存被拒绝的行…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.start_import)
        self.rejects_button.clicked.connect(self.save_rejects)
        self.buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(False)
        self.rejects_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("文件：{}").format(path)))
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    # -- reading ---------------------------------------------------------------------------
    def load(self) -> None:
        """Read the file off the UI thread, then show the automatic preview."""
        run_task(
            self,
            self.tr("读取表格"),
            lambda progress: read_workbook(self.path, self.password),
            self._loaded,
            on_error=self._failed,
            cancellable=False,
            vault=self.vault,  # reads the file only, but its result opens the vault's preview
        )

    def _failed(self, exc: Exception) -> None:
        self.counts.setText(
            str(exc) if isinstance(exc, UserError) else self.tr("无法读取：{}").format(type(exc).__name__)
        )

    def _loaded(self, book) -> None:
        self.book = book
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for sheet in book.sheets:
            self.sheet.addItem(sheet.name + (self.tr("（隐藏）") if sheet.hidden else ""), sheet.name)
        self.sheet.blockSignals(False)
        self._check(sheet=None, header_row=None, mapping=None)

    def _check(self, *, sheet, header_row, mapping) -> None:
        """Check every row off the UI thread (seconds for a 100k-row list), with Cancel."""
        self.counts.setText(self.tr("正在检查各行…"))
        self.import_button.setEnabled(False)
        vault, path, book, policy = self.vault, self.path, self.book, self.policy.currentData()

        def check(progress):
            preview = importing.preview_import(
                vault,
                path,
                sheet=sheet,
                header_row=header_row,
                mapping=mapping,
                on_duplicate=policy,
                book=book,
                progress=progress,
            )
            return preview, plan_merge(vault, preview, progress=progress)  # the clients by name

        run_task(
            self,
            self.tr("正在检查各行"),
            check,
            self._checked,
            on_error=lambda exc: self._check_failed(exc, sheet, header_row),
            vault=vault,
        )

    def _check_failed(self, exc: Exception, sheet: str | None, header_row: int | None) -> None:
        self.preview = None
        self.model.set_preview(None)
        self.plan_model.set_plan(None)
        self.rejects_button.setEnabled(False)
        if isinstance(exc, Cancelled):
            self.counts.setText(self.tr("检查已取消；可调整设置后点“按此设置重新检查”"))
        else:
            self.counts.setText(str(exc) if isinstance(exc, UserError) else type(exc).__name__)
        self._show_guess(sheet, header_row)

    def _show_guess(self, sheet_name: str | None, header_row: int | None) -> None:
        """Without a preview (cancelled, or no name column recognised) the mapping table still
        lists the sheet's columns with the automatic guess, so the missing one can be chosen."""
        sheet_name = sheet_name or self.sheet.currentData()
        book = self.book
        sheet = next((s for s in book.sheets if s.name == sheet_name and s.rows), None) if book is not None else None
        if sheet is None:
            return
        if header_row is None:
            try:
                header_row = hdr.find_header_row(sheet.rows)
            except UserError:
                header_row = 0
        header_row = min(max(header_row, 0), len(sheet.rows) - 1)
        header = list(sheet.rows[header_row])
        self.header_row.setValue(header_row + 1)
        self.mapping.fill(header, hdr.map_columns(header, importing.saved_mapping(self.vault, header)))

    def _checked(self, result: tuple[importing.ImportPreview, MergePlan]) -> None:
        preview, plan = result
        self.preview = preview
        self.sheet.setCurrentIndex(max(self.sheet.findData(self.preview.sheet), 0))
        self.header_row.setValue(self.preview.header_row + 1)
        self.mapping.fill(preview.header, preview.columns)
        self.model.set_preview(self.preview)
        self.table.resizeColumnsToContents()
        self._show_counts()
        self.plan_model.set_plan(plan)

    def _replan(self) -> None:
        """The clients by name under the decisions changed in 逐行检查 (off the UI thread: a
        10k-row file)."""
        preview, vault, decisions = self.preview, self.vault, dict(self.model.decisions)
        if preview is None:
            return

        def show(plan) -> None:
            if preview is self.preview:  # (not a plan of a preview re-checked since)
                self.plan_model.set_plan(plan)

        run_task(
            self,
            self.tr("正在按客户整理"),
            lambda progress: plan_merge(vault, preview, decisions, progress),
            show,
            on_error=lambda exc: self.plan_model.set_plan(None),
            vault=vault,
        )

    def recheck(self) -> None:
        if self.book is None:
            return
        self._check(
            sheet=self.sheet.currentData(), header_row=self.header_row.value() - 1, mapping=self.mapping.chosen()
        )

    def _show_counts(self) -> None:
        if self.preview is None:
            return
        c = self.preview.counts()
        text = self.tr("共 {} 行：可导入 {}（新增 {}，更新 {}，跳过重复 {}），拒绝 {}，跳过 {}").format(
            c["read"], c["ok"], c["new"], c["update"], c["duplicate_skip"], c["rejected"], c["skipped"]
        )
        if self.model.decisions:
            text += self.tr("；其中 {} 行的处理方式已手动更改").format(len(self.model.decisions))
        self.counts.setText(text)
        self.import_button.setEnabled(c["ok"] > 0)
        self.rejects_button.setEnabled(c["rejected"] > 0)

    # -- importing -------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.preview is None:
            return
        if self.remember.isChecked() and not self.preview.is_archive:
            importing.save_mapping(self.vault, self.preview.header, self.preview.columns)
        vault, preview, decisions = self.vault, self.preview, dict(self.model.decisions)
        run_task(
            self,
            self.tr("正在导入"),
            lambda progress: run_import(vault, preview, decisions=decisions, progress=progress),
            self._imported,
            on_error=self._import_failed,
            vault=vault,
        )

    def _imported(self, summary) -> None:
        self.summary = summary
        self.import_button.setEnabled(False)
        self.counts.setText(
            self.tr("导入完成：新增 {}，更新 {}，跳过 {}，拒绝 {}；持仓 {}，往来记录 {}").format(
                summary.imported, summary.updated, summary.skipped, summary.rejected, summary.holdings, summary.contacts
            )
        )

    def _import_failed(self, exc: Exception) -> None:
        if isinstance(exc, Cancelled):
            self.counts.setText(self.tr("导入已取消，客户档案未做任何改动"))
        else:
            self.counts.setText(str(exc) if isinstance(exc, UserError) else type(exc).__name__)

    def save_rejects(self) -> None:
        path, _ = file_dialogs.get_save_path(
            self, file_dialogs.REJECTS, self.tr("保存被拒绝的行"), "rejected.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.write_rejects(path)

    def write_rejects(self, path: str) -> int:
        count = save_rejects(self.preview, path)
        self.counts.setText(self.tr("已保存 {} 行到 {}，改正后可再次导入").format(count, path))
        return count
