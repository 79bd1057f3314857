"""The live preview beside the editor: the body filled in for a chosen client (or with example
values), inputs for what the body needs besides the client file (festival, event, which
holding), the character count with SMS segments, and the copy buttons.

While 客户在场 is on, 金融资产 is shown hidden in the preview (what is copied stays complete).
A value still missing is marked 【字段?】 and named under the text with where it is filled in
(the RM's own profile in 设置 › 个人信息, the client's file, the product, the inputs above);
复制 asks before text with a marker left in reaches the clipboard.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.reminders.festivals import FESTIVAL_NAMES
from rm_desktop.domain.scripts.model import SMS
from rm_desktop.domain.scripts.placeholders import (
    CLIENT,
    OCCASION,
    PLACEHOLDERS,
    PRODUCT,
    RM,
    EventInfo,
    missing_by_source,
)
from rm_desktop.domain.scripts.template import parse
from rm_desktop.i18n import t
from rm_desktop.services.clients import holdings
from rm_desktop.services.scripts import render as script_render
from rm_desktop.services.scripts.render import PRODUCT_FIELDS, RenderedScript
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.settings import settings_dialog
from rm_desktop.ui.widgets.client_line_picker import ClientPicker
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed

EVENT_FIELDS = frozenset({"活动名称", "活动时间", "活动地点"})
_MARKER = re.compile(r"【[^】\n]{1,20}\?】")


def _labels(names: list[str]) -> str:
    """Field names as the UI language calls them (称谓 / Salutation); unknown ones as written."""
    return t("、", ", ").join(PLACEHOLDERS[name].label if name in PLACEHOLDERS else name for name in names)


def ask_copy_incomplete(parent: QWidget, missing: list[str]) -> bool:
    """Yes/no (default no) before text with a 【字段?】 marker left in is copied: 复制 here and in
    the bulk list ask the same."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("ScriptPreview", "内容不完整"),
        QCoreApplication.translate(
            "ScriptPreview", "内容中还有未填写的字段：{}（已用【字段?】标出）。仍要复制吗？"
        ).format(_labels(missing)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class FestivalBox(QComboBox):
    """The festival a script names: the list shows each festival in the UI language, the script
    gets its Chinese name (the message is Chinese); a typed name goes in as typed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.addItem("", "")
        for zh, en in FESTIVAL_NAMES.values():
            self.addItem(t(zh, en), zh)

    def value(self) -> str:
        typed = self.currentText().strip()
        index = self.findText(typed)
        return str(self.itemData(index)) if typed and index >= 0 else typed

    def set_value(self, name: str) -> None:
        index = self.findData(name)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)


class MarkerHighlighter(QSyntaxHighlighter):
    """Missing-value markers (【产品名称?】) in red on yellow, so they are not sent unnoticed."""

    def __init__(self, document):
        super().__init__(document)
        # not "format": that would hide QSyntaxHighlighter.format(position)
        self.marker_format = QTextCharFormat()
        self.marker_format.setForeground(QColor("#c0392b"))
        self.marker_format.setBackground(QColor("#fff3c4"))

    def highlightBlock(self, text: str) -> None:
        for match in _MARKER.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.marker_format)


class ScriptPreview(QWidget):
    copy_requested = Signal()
    copy_log_requested = Signal()

    def __init__(self, privacy: Privacy | None = None, parent=None):
        super().__init__(parent)
        self.vault: Vault | None = None
        self.privacy = privacy
        self.today: dt.date | None = None  # tests pin the date; None: the real today
        self.body, self.channel = "", SMS
        self.rendered: RenderedScript | None = None  # what Copy copies
        self.shown: RenderedScript | None = None  # what the preview shows (may hide AUM)

        self.picker = ClientPicker()
        self.picker.client_changed.connect(self._client_changed)
        self.festival = FestivalBox()
        self.festival.currentTextChanged.connect(lambda _t: self.schedule())
        self.holding = QComboBox()
        self.holding.currentIndexChanged.connect(lambda _i: self.schedule())
        self.event_name = QLineEdit()
        self.event_name.setPlaceholderText(self.tr("如：季度投资策略沙龙"))
        self.event_time = QDateTimeEdit()
        self.event_time.setCalendarPopup(True)
        self.event_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.event_time.setDateTime(QDateTime(QDate.currentDate().addDays(7), QTime(14, 30)))
        self.event_place = QLineEdit()
        for edit in (self.event_name, self.event_place):
            edit.textChanged.connect(lambda _t: self.schedule())
        self.event_time.dateTimeChanged.connect(lambda _d: self.schedule())

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlaceholderText(self.tr("预览将显示在这里"))
        self.marker_highlighter = MarkerHighlighter(self.text.document())
        self.count = QLabel()
        themed(self.count, "color: $muted;")
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.RichText)
        self.missing.linkActivated.connect(self.open_profile)
        themed(self.missing, "color: $error;")
        self.missing.hide()
        self.copy_button = QPushButton(self.tr("复制"))
        self.copy_button.setToolTip(self.tr("复制到剪贴板（到时自动清除）"))
        self.copy_button.clicked.connect(self._copy_clicked)
        self.copy_log_button = QPushButton(self.tr("复制并记录联系"))
        self.copy_log_button.clicked.connect(self.copy_log_requested)

        self.form = QFormLayout()
        self.form.addRow(self.tr("客户"), self.picker)
        self.form.addRow(self.tr("节日"), self.festival)
        self.form.addRow(self.tr("产品"), self.holding)
        self.form.addRow(self.tr("活动名称"), self.event_name)
        self.form.addRow(self.tr("活动时间"), self.event_time)
        self.form.addRow(self.tr("活动地点"), self.event_place)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.copy_log_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("预览"))
        set_role(title, "strong")
        layout.addWidget(title)
        layout.addLayout(self.form)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.missing)
        layout.addLayout(buttons)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.refresh)
        if privacy is not None:
            privacy.changed.connect(lambda _on: self.refresh())
        self._show_rows(set())

    # -- life cycle ----------------------------------------------------------------------------
    def attach(self, vault: Vault) -> None:
        self.vault = vault
        self.picker.attach(vault)
        upcoming = script_render.upcoming_festival(self._today())
        self.festival.set_value(upcoming or "")

    def detach(self) -> None:
        self.vault = None
        self.rendered = self.shown = None
        self.picker.detach()
        self.holding.clear()
        self.text.clear()
        self.event_name.clear()
        self.event_place.clear()

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    @property
    def client_id(self) -> int | None:
        return self.picker.client_id

    def set_client(self, client_id: int | None, label: str = "") -> None:
        self.picker.set_client(client_id, label)

    def set_source(self, body: str, channel: str) -> None:
        self.body, self.channel = body, channel
        self.schedule()

    def schedule(self) -> None:
        self._debounce.start()

    # -- the inputs the body needs -------------------------------------------------------------
    def _show_rows(self, fields: set[str]) -> None:
        self.form.setRowVisible(self.festival, "节日" in fields)
        self.form.setRowVisible(self.holding, bool(PRODUCT_FIELDS & fields) and self.client_id is not None)
        for widget in (self.event_name, self.event_time, self.event_place):
            self.form.setRowVisible(widget, bool(EVENT_FIELDS & fields))

    def _client_changed(self, client_id: int | None) -> None:
        self.holding.blockSignals(True)
        self.holding.clear()
        self.holding.addItem(self.tr("最近到期的产品（自动）"), None)
        if client_id is not None and self.vault is not None:
            for record in holdings.list_holdings(self.vault, client_id):
                if record.status == "holding":
                    when = record.maturity_date.isoformat() if record.maturity_date else self.tr("无到期日")
                    self.holding.addItem(f"{record.name} · {when}", record.id)
        self.holding.blockSignals(False)
        self.refresh()

    def _event(self) -> EventInfo | None:
        name = self.event_name.text().strip()
        place = self.event_place.text().strip() or None
        when = self.event_time.dateTime().toPython()  # typed object; a datetime for a QDateTime
        return EventInfo(name, when if isinstance(when, dt.datetime) else None, place)

    # -- rendering -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Render now (the debounce calls this; tests call it to skip the wait)."""
        self._debounce.stop()
        fields = set(parse(self.body).fields)
        self._show_rows(fields)
        if self.vault is None:
            return
        kwargs = dict(
            product_holding_id=self.holding.currentData(),
            festival=self.festival.value() or None,
            event=self._event() if EVENT_FIELDS & fields else None,
            today=self._today(),
        )
        self.rendered = script_render.preview(self.vault, self.body, self.client_id, **kwargs)
        hide = self.privacy is not None and self.privacy.client_present and "金融资产" in fields
        self.shown = (
            script_render.preview(self.vault, self.body, self.client_id, overrides={"金融资产": HIDDEN}, **kwargs)
            if hide
            else self.rendered
        )
        self.text.setPlainText(self.shown.text)
        self._show_count(self.rendered)
        self._show_missing(self.rendered)
        has_text = bool(self.body.strip())
        self.copy_button.setEnabled(has_text)
        can_log = has_text and self.client_id is not None and script_render.contact_channel(self.channel) is not None
        self.copy_log_button.setEnabled(can_log)
        self.copy_log_button.setToolTip(
            self.tr("复制，并把这段文字记入该客户的往来记录")
            if can_log
            else self.tr("先选择客户；邮件渠道暂不能记入往来记录")
            if has_text
            else ""
        )

    def _show_count(self, rendered: RenderedScript) -> None:
        chars = len(rendered.text)
        if self.channel == SMS:
            text = self.tr("{} 字 · 短信 {} 条").format(rendered.sms.length, rendered.segments)
        else:
            text = self.tr("{} 字（按短信发送为 {} 条）").format(chars, rendered.segments)
        self.count.setText(text)
        self.count.setToolTip(self.tr("70 字以内按 1 条短信计；超过 70 字的长短信每 67 字计 1 条"))

    def _show_missing(self, rendered: RenderedScript) -> None:
        # Unknown fields are the editor's problems, not gaps in a file (missing_by_source drops them).
        grouped = missing_by_source(list(rendered.missing))
        where = {
            RM: self.tr('您的个人信息中缺少：{}。请在 <a href="profile">设置 › 个人信息</a> 中填写。'),
            CLIENT: self.tr("客户档案中缺少：{}。请在该客户的档案中补充，或改用 {{字段|备用文字}}。"),
            PRODUCT: self.tr("缺少产品信息：{}。请在上方选择产品，或在客户档案的持仓中补充。"),
            OCCASION: self.tr("请在上方填写：{}。"),
        }
        lines = [where[source].format(html.escape(_labels(names))) for source, names in grouped.items()]
        if self.client_id is None:
            lines.insert(0, html.escape(self.tr("未选择客户：以上为示例内容。")))
        self.missing.setText("<br>".join(lines))
        themed(self.missing, "color: $error;" if grouped else "color: $muted;")
        self.missing.setVisible(bool(lines))

    # -- copy ----------------------------------------------------------------------------------
    def _copy_clicked(self) -> None:
        """复制: text with a 【字段?】 marker left in is copied only when the user says so."""
        self.refresh()
        rendered = self.rendered
        if rendered is not None and rendered.missing and not self.ask_copy_incomplete(list(rendered.missing)):
            return
        self.copy_requested.emit()

    def ask_copy_incomplete(self, missing: list[str]) -> bool:
        return ask_copy_incomplete(self, missing)

    def open_profile(self, _link: str = "") -> None:
        """设置 › 个人信息 from the missing line; the preview renders again with what was filled in."""
        if self.vault is None:
            return
        dialog = settings_dialog.SettingsDialog(self.vault, self.window())
        dialog.show_page(settings_dialog.PROFILE)
        dialog.exec()
        self.refresh()
