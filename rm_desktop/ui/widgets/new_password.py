"""A new file's password typed twice, with the reason OK is not possible yet said as it is typed:
the one rule of every file password (services/settings/policy_rules.password_weakness, the IT
policy's minimum included). The archive and handover exports (ui/exchange/password_dialogs) and
导出给主管 (ui/reports/bundle_dialogs) all ask through it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit

from rm_desktop.services.settings import policy_rules


def secret_field() -> QLineEdit:
    """A line edit that shows dots, for any password."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class NewPassword(QObject):
    """The two fields (``first``, ``again``); ``changed`` fires as either is edited."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.first, self.again = secret_field(), secret_field()
        self.first.textChanged.connect(self.changed)
        self.again.textChanged.connect(self.changed)

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(self.tr("密码："), self.first)
        form.addRow(self.tr("再次输入："), self.again)

    def problem(self) -> str:
        """Why the password can't be used yet ("" when it can)."""
        text = self.first.text()
        if not text:
            return self.tr("请设置密码：至少 8 个字符，混合字母、数字或符号。")
        weak = policy_rules.password_weakness(text)
        if weak is not None:
            return self.tr("密码太弱：{}。").format(weak)
        if self.again.text() != text:
            return self.tr("两次输入的密码不一致。")
        return ""

    def password(self) -> str:
        return self.first.text()
