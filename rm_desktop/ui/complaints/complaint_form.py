"""The two forms of a complaint: receiving one (新建投诉) and closing it (结案: the outcome and
the client's satisfaction 1–5). Each refusal of the rules shows beside its field; nothing is
saved until every field passes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.service_requests import CATEGORIES, CHANNELS, SEVERITIES, TYPES
from rm_desktop.services.complaints import store
from rm_desktop.services.complaints.records import ComplaintRecord
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.widgets.client_picker import ClientPicker
from rm_desktop.ui.widgets.fields_form import FieldsForm, FieldUI
from rm_desktop.ui.widgets.theme import themed

Clock = Callable[[], dt.datetime]


def _choices(choices) -> tuple[tuple[str, str], ...]:
    return tuple((c.code, c.label()) for c in choices.choices)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)


class _FormDialog(QDialog):
    """A FieldsForm over Save / Cancel with a line for the errors that name no field."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.error = QLabel()
        self.error.setWordWrap(True)
        themed(self.error, "color: $error;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)

    def finish(self, form: FieldsForm) -> None:
        self.form = form
        self.body.addWidget(form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def refused(self, exc: UserError) -> None:
        if isinstance(exc, ValidationError) and exc.field in self.form.editors:
            self.form.show_errors({exc.field: exc.message})
            self.error.hide()
        else:
            self.form.show_errors({})
            self.error.setText(str(exc))
            self.error.show()

    def _save(self) -> None:
        raise NotImplementedError


class NewComplaintDialog(_FormDialog):
    """Receive a complaint or service request; the client is fixed when opened from a file."""

    def __init__(
        self, vault: Vault, parent=None, *, client_id: int | None = None, client_label: str = "", clock: Clock = _now
    ):
        super().__init__(self.tr("新建投诉/服务请求"), parent)
        self.vault, self.clock = vault, clock
        self.saved: ComplaintRecord | None = None
        self.picker = ClientPicker(vault)
        if client_id:
            self.picker.set_client(client_id, client_label)
            self.picker.setEnabled(False)
        self.body.addWidget(QLabel(self.tr("客户")))
        self.body.addWidget(self.picker)
        form = FieldsForm(
            [
                FieldUI("type", self.tr("类型"), "choice", _choices(TYPES)),
                FieldUI("channel", self.tr("受理渠道"), "choice", _choices(CHANNELS)),
                FieldUI("category", self.tr("类别"), "choice", _choices(CATEGORIES)),
                FieldUI("severity", self.tr("严重程度"), "choice", _choices(SEVERITIES)),
                FieldUI("received_at", self.tr("受理时间"), placeholder="YYYY-MM-DD HH:MM"),
                FieldUI(
                    "description",
                    self.tr("内容"),
                    "long",
                    height=110,
                    placeholder=self.tr("客户反映的问题，尽量用客户的原话"),
                ),
            ]
        )
        form.set_value("type", "complaint")
        form.set_value("severity", "low")
        form.set_value("received_at", f"{clock():%Y-%m-%d %H:%M}")
        hint = QLabel(self.tr("处理步骤：安抚情绪 → 真诚致歉 → 寻找解决方案 → 能当场答复的当场答复 → 48小时内回访。"))
        hint.setWordWrap(True)
        themed(hint, "color: $muted; font-size: 12px;")
        self.finish(form)
        self.body.insertWidget(self.body.count() - 2, hint)
        form.editors["description" if client_id else "type"].setFocus()
        if not client_id:
            self.picker.setFocus()

    def _save(self) -> None:
        client_id = self.picker.client_id()
        if client_id is None:
            self.error.setText(self.tr("请选择客户。"))
            self.error.show()
            self.picker.setFocus()
            return
        try:
            self.saved = store.add_complaint(self.vault, client_id, self.form.values(), now=self.clock())
        except UserError as exc:
            self.refused(exc)
            return
        self.accept()


class CloseComplaintDialog(_FormDialog):
    """结案: the outcome and the client's satisfaction (no default: the RM asks the client)."""

    def __init__(self, vault: Vault, complaint: ComplaintRecord, parent=None, *, clock: Clock = _now):
        super().__init__(self.tr("结案"), parent)
        self.vault, self.complaint, self.clock = vault, complaint, clock
        self.saved: ComplaintRecord | None = None
        scores = (
            ("1", self.tr("1 非常不满意")),
            ("2", self.tr("2 不满意")),
            ("3", self.tr("3 一般")),
            ("4", self.tr("4 满意")),
            ("5", self.tr("5 非常满意")),
        )
        head = QLabel(f"{complaint.client_name} · {complaint.type_label} · {complaint.category_label}")
        head.setWordWrap(True)
        self.body.addWidget(head)
        self.finish(
            FieldsForm(
                [
                    FieldUI(
                        "outcome",
                        self.tr("处理结果"),
                        "long",
                        height=90,
                        placeholder=self.tr("如何解决的，客户是否接受"),
                    ),
                    FieldUI("satisfaction", self.tr("客户满意度"), "choice", scores),
                ]
            )
        )
        if not complaint.followed_up:
            warn = QLabel(self.tr("尚未记录“48小时内回访”。结案前最好先回访一次。"))
            warn.setWordWrap(True)
            themed(warn, "color: $warning;")
            self.body.insertWidget(1, warn)
        self.form.editors["outcome"].setFocus()

    def _save(self) -> None:
        values = self.form.values()
        try:
            self.saved = store.close_complaint(
                self.vault, self.complaint.id, values["outcome"], values["satisfaction"], now=self.clock()
            )
        except UserError as exc:
            self.refused(exc)
            return
        self.accept()
