"""Building blocks of the plan editor's sections: a red problem line under a field, a number
field with its problem line, a table with add/remove buttons and its problems listed below, and
the Section base class every tab of the editor derives from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.money import format_amount
from rm_desktop.i18n import clauses
from rm_desktop.services.plans.content import field_label
from rm_desktop.ui.plans.plan_delegates import ChoiceDelegate, ProgressDelegate
from rm_desktop.ui.plans.plan_rows import PlanRowsModel
from rm_desktop.ui.widgets.theme import themed

PROBLEM_STYLE = "color: $error;"  # a theme.themed sheet


@dataclass
class EditorContext:
    """What the editor needs from the book besides the plan: the client, holdings, today."""

    client_name: str = ""
    birth_date: dt.date | None = None
    gender: str | None = None
    holdings: list = field(default_factory=list)  # services.holdings.HoldingRecord, still held
    current_amounts: dict | None = None  # AssetClass → Decimal, from the holdings
    today: dt.date = field(default_factory=dt.date.today)


def money_text(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return QCoreApplication.translate("PlanEditor", "{} 元").format(format_amount(value))


class ProblemLabel(QLabel):
    """Red text under a field: its problems, hidden when there are none."""

    def __init__(self, parent=None):
        super().__init__(parent)
        themed(self, PROBLEM_STYLE)
        self.setWordWrap(True)
        self.hide()

    def set_messages(self, messages: list[str]) -> None:
        self.setText(clauses(messages))
        self.setVisible(bool(messages))


class NumberField(QWidget):
    """A line edit for a number (as typed) with its problem line below."""

    edited = Signal()

    def __init__(self, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.textEdited.connect(lambda _text: self.edited.emit())
        self.problem = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)

    def value(self) -> str | None:
        text = self.edit.text().strip()
        return text or None

    def set_value(self, value: str | None) -> None:
        self.edit.setText(value or "")


class TableBox(QWidget):
    """A table of plan rows with 添加/删除 buttons; problems of its rows are listed under it."""

    edited = Signal()

    def __init__(self, model: PlanRowsModel, add_text: str, parent=None, extra_buttons: tuple = ()):
        super().__init__(parent)
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self._delegates = []  # keep them alive: the view does not own its delegates
        for column, spec in enumerate(model.columns):
            delegate: QStyledItemDelegate | None = None
            if spec.kind == "choice" and not spec.derived:
                delegate = ChoiceDelegate(spec, self.view)
            elif spec.kind == "progress":
                delegate = ProgressDelegate(self.view)
            if delegate is not None:
                self._delegates.append(delegate)
                self.view.setItemDelegateForColumn(column, delegate)
        self.view.horizontalHeader().setMinimumSectionSize(84)
        self.view.resizeColumnsToContents()  # no rows yet: every header fits
        if model.columns and model.columns[0].kind == "text":
            self.view.setColumnWidth(0, 200)  # names are the longest cells
        metrics = self.view.fontMetrics()
        for column, spec in enumerate(model.columns[:-1]):  # (the last one stretches)
            if spec.choices:  # its longest label in view ("Wealth product" was cut to "Wealth ..." in English)
                widest = max(metrics.horizontalAdvance(label) for _code, label in spec.choices) + 24
                self.view.setColumnWidth(column, max(self.view.columnWidth(column), widest))
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(self.tr("删除所选"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.problems = ProblemLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        for button in extra_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)
        model.edited.connect(self.edited)

    def _add(self) -> None:
        row = self.model.add_row()
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.edit(self.model.index(row, 0))

    def _remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        self.model.set_problems(problems)
        mine = [(path, messages) for path, messages in problems.items() if path.startswith(self.model.section + "[")]
        self.problems.set_messages([f"{field_label(path)}：{'，'.join(messages)}" for path, messages in mine])


class Section(QWidget):
    """One tab of the editor. Subclasses register their problem lines by field path."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.problem_lines: dict[str, ProblemLabel] = {}
        self.tables: list[TableBox] = []

    def number(self, path: str, placeholder: str = "") -> NumberField:
        widget = NumberField(placeholder)
        widget.edited.connect(self.edited)
        self.problem_lines[path] = widget.problem
        return widget

    def problem_line(self, path: str) -> ProblemLabel:
        label = ProblemLabel()
        self.problem_lines[path] = label
        return label

    def table(self, model: PlanRowsModel, add_text: str, extra_buttons: tuple = ()) -> TableBox:
        box = TableBox(model, add_text, extra_buttons=extra_buttons)
        box.edited.connect(self.edited)
        self.tables.append(box)
        return box

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        for path, label in self.problem_lines.items():
            label.set_messages(problems.get(path, []))
        for box in self.tables:
            box.show_problems(problems)

    def problem_count(self, problems: dict[str, list[str]]) -> int:
        """How many of the problems belong to this section (for the tab's title)."""
        sections = {box.model.section for box in self.tables}
        return sum(1 for path in problems if path in self.problem_lines or path.split("[")[0] in sections)

    # Subclasses fill these in.
    def load(self, content, context: EditorContext) -> None:
        raise NotImplementedError

    def collect(self, content) -> None:
        raise NotImplementedError

    def show_figures(self, figures, context: EditorContext) -> None:
        pass
