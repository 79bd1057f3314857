"""The reason dialog: the short list as radio buttons, a line for 其他, Enter confirms, Esc
cancels the reveal. It opens on the reason given last (the gate remembers it)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.services.reveals import reasons
from rm_desktop.ui.widgets.theme import themed


class ReasonDialog(QDialog):
    def __init__(self, client_name: str, kind: str, once: bool, last: str, last_note: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("查看原因"))
        self.setMinimumWidth(460)
        intros = {  # whole sentences: the field's name does not fit into one grammar in both languages
            "phone": self.tr("查看“{}”的完整手机号码，请选择原因："),
            "id_number": self.tr("查看“{}”的完整证件号码，请选择原因："),
            "balance": self.tr("查看“{}”的资产金额，请选择原因："),
        }
        intro = QLabel(intros[kind].format(client_name))
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for code in reasons.REASONS:
            radio = QRadioButton(reasons.label(code))
            self.group.addButton(radio)
            self.radios[code] = radio
            layout.addWidget(radio)
        self.note = QLineEdit(last_note)
        self.note.setPlaceholderText(self.tr("简要说明原因（不要填写证件号或电话）"))
        self.note.setMaxLength(reasons.NOTE_MAX)
        self.note.textEdited.connect(lambda _text: self.radios[reasons.OTHER].setChecked(True))
        layout.addWidget(self.note)
        self.error = QLabel()
        themed(self.error, "color: $error;")
        self.error.hide()
        layout.addWidget(self.error)
        sentences = [self.tr("本次查看及原因将记入审计日志（不含号码或金额本身）。")]
        if once:
            sentences.append(self.tr("本次登录期间查看该客户不再询问。"))
        hint = QLabel("\n".join(sentences))  # a line each: English needs a space where Chinese has none
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("显示"))
        ok.setDefault(True)  # Enter confirms, from the radios and the line alike
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        chosen = self.radios.get(last) or next(iter(self.radios.values()))
        chosen.setChecked(True)
        (self.note if last == reasons.OTHER else chosen).setFocus()
        self.reason: tuple[str, str | None] | None = None

    def code(self) -> str:
        return next(code for code, radio in self.radios.items() if radio.isChecked())

    def _ok(self) -> None:
        try:
            self.reason = reasons.check_reason(self.code(), self.note.text())
        except UserError as exc:  # 其他 without words: say so and stay open
            self.error.setText(str(exc))
            self.error.show()
            self.note.setFocus()
            return
        self.accept()
