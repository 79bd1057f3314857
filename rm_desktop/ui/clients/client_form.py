"""The client profile form: four boxes of fields from the services' registry (CLIENT_FIELDS)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from rm_desktop.domain.grades import RISK_GRADES
from rm_desktop.domain.identity import GENDERS, gender_label
from rm_desktop.services.clients.choices import CHANNELS, ID_TYPES
from rm_desktop.services.clients.fields import CLIENT_FIELDS
from rm_desktop.ui.widgets.fields_form import FieldsForm, FieldUI

GROUPS = (  # the fields of each box; the box titles are set in ClientForm.__init__ through tr()
    ("customer_no", "name", "gender", "birth_date", "lunar_birthday", "id_type", "id_number", "phone", "address"),
    ("risk_grade", "risk_assessed_on", "risk_expires_on", "aum", "responsible_role", "cadence_days"),
    ("occupation", "employer", "income_band", "life_stage", "family", "interests"),
    (
        "preferred_channel",
        "dnd_hours",
        "salutation",
        "tags",
        "referrer_client_id",
        "referrer_staff",
        "important_dates",
        "notes",
    ),
)
LONG_TEXT = {"address", "family", "interests", "notes", "important_dates"}
DATES = {"birth_date", "risk_assessed_on", "risk_expires_on"}
SENSITIVE = ("id_number", "phone")  # dots while the client is present, or until the header's 显示


class ClientForm(QWidget):
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        titles = (self.tr("基本信息"), self.tr("风险与资产"), self.tr("职业与家庭"), self.tr("联系与其他"))
        hints = {
            "phone": self.tr("多个号码用逗号分隔"),
            "aum": self.tr("单位：元，如 1,200,000"),
            "dnd_hours": "22:00-08:00",
            "tags": self.tr("用逗号分隔"),
            "important_dates": self.tr("每行一个，如：结婚纪念日:2010-10-01"),
            "lunar_birthday": self.tr("按农历过生日"),
        }
        choices = {
            "gender": tuple((g, gender_label(g)) for g in GENDERS),
            "risk_grade": tuple((g, g) for g in RISK_GRADES),
            "id_type": tuple((c.code, c.label()) for c in ID_TYPES.choices),
            "preferred_channel": tuple((c.code, c.label()) for c in CHANNELS.choices),
        }
        self.present = False
        self.revealed = dict.fromkeys(SENSITIVE, True)
        self.forms: list[FieldsForm] = []
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QWidget] = {}  # the message line under each field
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(16)
        for index, (keys, title) in enumerate(zip(GROUPS, titles, strict=True)):
            specs = [
                FieldUI(
                    key,
                    CLIENT_FIELDS[key].label(),
                    _kind(key, choices),
                    choices.get(key, ()),
                    hints.get(key, ""),
                    80 if key == "notes" else 52,
                )
                for key in keys
            ]
            form = FieldsForm(specs)
            form.edited.connect(self.edited)
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(form)
            grid.addWidget(box, index // 2, index % 2)
            self.forms.append(form)
            self.editors.update(form.editors)
            self.errors.update(form.errors)

    def set_record(self, record) -> None:
        for form in self.forms:
            for key in form.editors:
                form.set_value(key, _record_value(record, key) if record is not None else None)
        self.show_errors({})

    def set_values(self, values: dict) -> None:
        """Put back values as :meth:`values` gave them (a restored draft); unknown keys are ignored."""
        for form in self.forms:
            for key in form.editors:
                if key in values:
                    form.set_value(key, values[key])

    def values(self) -> dict:
        out = {}
        for form in self.forms:
            out.update(form.values())
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        focused = False
        for form in self.forms:  # the first field with a message takes the focus
            focused = form.show_errors(errors, focus=not focused) or focused

    def set_client_present(self, present: bool) -> None:
        """Hide AUM, notes and identifiers while the client sits across the desk."""
        self.present = present
        self._mask()
        self.editors["notes"].setVisible(not present)

    def set_revealed(self, key: str, shown: bool) -> None:
        """The phone or ID shown in full (the header card's 显示), else as dots like the card's mask."""
        self.revealed[key] = shown
        self._mask()

    def _mask(self) -> None:
        for key in ("aum", *SENSITIVE):
            editor = self.editors[key]
            hidden = self.present or not self.revealed.get(key, True)
            if isinstance(editor, QLineEdit):  # every one of them is a line
                editor.setEchoMode(QLineEdit.EchoMode.Password if hidden else QLineEdit.EchoMode.Normal)


def _kind(key: str, choices: dict) -> str:
    if key == "lunar_birthday":
        return "bool"
    if key in choices:
        return "choice"
    return "long" if key in LONG_TEXT else ("date" if key in DATES else "text")


def _record_value(record, key: str):
    if key in ("phone", "tags"):
        return ", ".join(getattr(record, "phones" if key == "phone" else "tags") or ())
    if key == "important_dates":
        return "\n".join(
            f"{d.label}:{d.date.isoformat()}{':农历' if d.lunar else ''}" for d in record.important_dates or ()
        )
    return getattr(record, key, None)
