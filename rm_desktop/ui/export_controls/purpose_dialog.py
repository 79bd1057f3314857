"""导出用途 dialog: the purpose from the closed list, a note (required for 其他), and where the
export chooses its columns, the field checklist: the purpose's minimum ticked, the rest off,
name and customer number always on (greyed). Changing the purpose resets the ticks to its
minimum: the RM adds to what the purpose needs, never starts from everything."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.services.export_controls.purposes import (
    BASE_FIELDS,
    DEFAULTS,
    MAX_NOTE,
    OTHER,
    PURPOSES,
    ExportControl,
    minimum_fields,
)

FieldChoice = tuple[str, str]  # (code, label shown)


class PurposeDialog(QDialog):
    def __init__(
        self, kind: str, fields: Sequence[FieldChoice] = (), parent: QWidget | None = None, *, what: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出用途"))
        self.setMinimumWidth(460)
        self._fields = list(fields)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("{}：请选择用途。文件会带上客户经理、网点、时间和用途的水印，并记入导出登记。").format(
                what or self.tr("导出")
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.purpose = QComboBox()
        for p in PURPOSES:
            label = p.label()  # the closed list's own zh/en labels; an English item starts upper-case
            self.purpose.addItem(label[:1].upper() + label[1:], p.code)
        self.purpose.setCurrentIndex(self.purpose.findData(DEFAULTS[kind][0]))
        form.addRow(self.tr("用途(&P)："), self.purpose)
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setPlaceholderText(self.tr("用途为“其他”时必填，例如：网点检查"))
        form.addRow(self.tr("说明(&N)："), self.note)
        layout.addLayout(form)
        self.field_list = QListWidget()
        labels = self._field_labels()
        if self._fields:
            layout.addWidget(QLabel(self.tr("导出的字段（已勾选用途所需的最少字段，可加选）：")))
            for code, label in self._fields:
                item = QListWidgetItem(labels.get(code, label))
                item.setData(Qt.ItemDataRole.UserRole, code)
                if code in BASE_FIELDS:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable & ~Qt.ItemFlag.ItemIsEnabled)
                else:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.field_list.addItem(item)
            # Tall enough for every field without a scroll bar (13 in the list export).
            rows = self.field_list.sizeHintForRow(0) * self.field_list.count()
            self.field_list.setMinimumHeight(min(rows + 2 * self.field_list.frameWidth() + 4, 420))
            layout.addWidget(self.field_list, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出(&E)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.purpose.currentIndexChanged.connect(self._purpose_changed)
        self.note.textChanged.connect(self._update_ok)
        self._purpose_changed()

    def _field_labels(self) -> dict[str, str]:
        # The list export's columns (services/exchange/exporting.LIST_COLUMNS) in the UI language.
        return {
            "customer_no": self.tr("客户编号"),
            "name": self.tr("姓名"),
            "gender": self.tr("性别"),
            "birth_date": self.tr("出生日期"),
            "id_number": self.tr("证件号码"),
            "phone": self.tr("手机号码"),
            "aum": self.tr("金融资产(元)"),
            "tier_name": self.tr("客户层级"),
            "risk_grade": self.tr("风险等级"),
            "occupation": self.tr("职业"),
            "last_contact_at": self.tr("最近联系"),
            "next_follow_up": self.tr("下次跟进"),
            "tags": self.tr("标签"),
        }

    def code(self) -> str:
        return str(self.purpose.currentData())

    def _purpose_changed(self) -> None:
        wanted = set(minimum_fields(self.code(), [code for code, _ in self._fields]))
        for row in range(self.field_list.count()):
            item = self.field_list.item(row)
            code = item.data(Qt.ItemDataRole.UserRole)
            on = code in wanted or code in BASE_FIELDS
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.note.setEnabled(self.code() == OTHER)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.code() != OTHER or bool(self.note.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def chosen_fields(self) -> tuple[str, ...] | None:
        if not self._fields:
            return None
        return tuple(
            self.field_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.field_list.count())
            if self.field_list.item(row).checkState() == Qt.CheckState.Checked
        )

    def control(self) -> ExportControl:
        return ExportControl(self.code(), self.note.text().strip() or None, self.chosen_fields())


def ask_purpose(
    parent: QWidget | None, kind: str, fields: Sequence[FieldChoice] = (), *, what: str = ""
) -> ExportControl | None:
    """The RM's purpose (and fields) for one export of ``kind``; None when cancelled."""
    dialog = PurposeDialog(kind, fields, parent, what=what)
    try:
        return dialog.control() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()  # not one more hidden child of the page per export
