"""The template editor: name, category, channel, the body with a placeholder menu, and the
body's problems marked in the text (red wavy underline) and listed under it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.scripts import placeholders
from rm_desktop.domain.scripts.model import CATEGORIES, CHANNELS, category_label, channel_label
from rm_desktop.domain.scripts.placeholders import CATALOGUE
from rm_desktop.domain.scripts.template import ParsedTemplate, ProblemKind, parse
from rm_desktop.ui.widgets.theme import foreground, themed


def _names(*sources: str) -> tuple[str, ...]:
    """The placeholder menu's groups: the catalogue's names by source, in display order."""
    return tuple(spec.name for spec in CATALOGUE if spec.source in sources)


def problem_spans(parsed: ParsedTemplate, body: str) -> list[tuple[int, int]]:
    """(start, end) of the text each problem is about, for marking it in the editor."""
    spans = []
    placeholders = {p.start: p for p in parsed.placeholders}
    for problem in parsed.problems:
        start = problem.position
        if problem.kind == ProblemKind.UNKNOWN_FIELD and start in placeholders:
            spans.append((start, placeholders[start].end))
        elif problem.kind == ProblemKind.FULLWIDTH_BRACE:
            end = body.find("｝", start)
            spans.append((start, end + 1 if end >= 0 else start + 1))
        elif problem.kind in (ProblemKind.EMPTY_PLACEHOLDER, ProblemKind.NESTED_BRACE):
            end = body.find("}", start)
            spans.append((start, end + 1 if end >= 0 else start + 1))
        else:
            spans.append((start, start + 1))
    return spans


class PlaceholderHighlighter(QSyntaxHighlighter):
    """Known placeholders in blue; problems with a red wavy underline. Positions from the parser
    are offsets in the whole body; each block (line) takes the part that falls inside it."""

    def __init__(self, document):
        super().__init__(document)
        self.field = QTextCharFormat()
        self.field.setForeground(foreground("#1f5fa8"))
        self.field.setFontWeight(QFont.Weight.DemiBold)
        self.problem = QTextCharFormat()
        self.problem.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.problem.setUnderlineColor(foreground("#d0312d"))
        self.problem.setForeground(foreground("#d0312d"))
        self._fields: list[tuple[int, int]] = []
        self._problems: list[tuple[int, int]] = []

    def set_parsed(self, parsed: ParsedTemplate, body: str) -> None:
        self._fields = [(p.start, p.end) for p in parsed.placeholders]
        self._problems = problem_spans(parsed, body)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        offset = self.currentBlock().position()
        end_of_block = offset + len(text)
        for spans, fmt in ((self._fields, self.field), (self._problems, self.problem)):
            for start, end in spans:
                lo, hi = max(start, offset), min(end, end_of_block)
                if lo < hi:
                    self.setFormat(lo - offset, hi - lo, fmt)


class ScriptEditor(QWidget):
    """Edits one template's fields; ``changed`` fires on any edit, ``body_changed`` with the body."""

    changed = Signal()
    body_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("话术名称，如“生日祝福·短信”"))
        self.category = QComboBox()
        for code in CATEGORIES:
            self.category.addItem(category_label(code), code)
        self.channel = QComboBox()
        for code in CHANNELS:
            self.channel.addItem(channel_label(code), code)
        self.insert_button = QPushButton(self.tr("插入字段"))
        self.insert_button.setToolTip(self.tr("在光标处插入 {字段}；写成 {称谓|客户} 可在缺少时用“客户”代替"))
        self.insert_button.setMenu(self._placeholder_menu())
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(
            self.tr("在此输入话术正文，用 {姓名}、{称谓|客户} 等字段自动填入客户信息。要写大括号本身请输入 {{ 或 }}。")
        )
        self.body.setTabChangesFocus(True)
        self.highlighter = PlaceholderHighlighter(self.body.document())
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        themed(self.problems, "color: $error;")
        self.problems.hide()
        self.parsed = parse("")
        self._last_body: str | None = None

        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        kinds = QHBoxLayout()
        kinds.addWidget(self.category, 1)
        kinds.addWidget(QLabel(self.tr("渠道")))
        kinds.addWidget(self.channel, 1)
        form.addRow(self.tr("分类"), kinds)
        body_head = QHBoxLayout()
        body_head.addWidget(QLabel(self.tr("正文")))
        body_head.addStretch(1)
        body_head.addWidget(self.insert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(body_head)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.problems)

        self.name.textEdited.connect(lambda _t: self.changed.emit())
        self.category.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.channel.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.body.textChanged.connect(self._body_edited)

    def _placeholder_menu(self) -> QMenu:
        menu = QMenu(self)
        specs = {spec.name: spec for spec in CATALOGUE}
        groups = (
            (self.tr("客户"), _names(placeholders.CLIENT)),
            (self.tr("产品"), _names(placeholders.PRODUCT)),
            (self.tr("节日与活动"), _names(placeholders.OCCASION)),
            (self.tr("客户经理"), _names(placeholders.RM, placeholders.AUTO)),
        )
        for title, names in groups:
            group = menu.addMenu(title)
            for name in names:
                spec = specs[name]
                action = group.addAction(f"{{{name}}}  {spec.description}")
                action.setToolTip(spec.description)
                action.triggered.connect(lambda _=False, n=name: self.insert_placeholder(n))
        return menu

    def insert_placeholder(self, name: str) -> None:
        cursor = self.body.textCursor()
        cursor.insertText("{" + name + "}")
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    def _body_edited(self, force: bool = False) -> None:
        text = self.body.toPlainText()
        # rehighlight() below makes the document emit textChanged again: only real edits count.
        if text == self._last_body and not force:
            return
        self._last_body = text
        self.parsed = parse(text)
        self.highlighter.set_parsed(self.parsed, text)
        messages = [p.message for p in self.parsed.problems]
        self.problems.setText(
            "\n".join(
                ["⚠ " + m for m in messages[:8]]
                + ([self.tr("…还有 {} 处").format(len(messages) - 8)] if len(messages) > 8 else [])
            )
        )
        self.problems.setVisible(bool(messages))
        self.changed.emit()
        self.body_changed.emit(text)

    # -- values --------------------------------------------------------------------------------
    def load(self, name: str, category: str, channel: str, body: str) -> None:
        for widget in (self.name, self.category, self.channel, self.body):
            widget.blockSignals(True)
        self.name.setText(name)
        self.category.setCurrentIndex(max(0, self.category.findData(category)))
        self.channel.setCurrentIndex(max(0, self.channel.findData(channel)))
        self.body.setPlainText(body)
        for widget in (self.name, self.category, self.channel, self.body):
            widget.blockSignals(False)
        self._body_edited(force=True)

    def values(self) -> dict[str, str]:
        return {
            "name": self.name.text().strip(),
            "category": self.category.currentData(),
            "channel": self.channel.currentData(),
            "body": self.body.toPlainText(),
        }
