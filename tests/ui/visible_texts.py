"""Every text a widget tree shows (labels, buttons, tabs, titles, placeholders, tooltips, menus,
combo items, model headers and the first rows' cells), for tests/ui/test_english_ui.py.

What is not the UI's own text is the client's data: names, addresses, products, notes … are
Chinese by nature. The principled exclusion is "text that comes from a stored free-text field":
:func:`stored_texts` reads those values from the vault, and :func:`leftover_cjk` strips each of
them from a shown text before looking for CJK characters. Codes (gender, channels, product
types, statuses) are not free text: their labels must be English.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from sqlalchemy import text

# CJK ideographs (with Extension A/B), CJK punctuation and the full-width forms （），：
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ffff]")
ROWS = 8  # cells of the first rows are enough: every row comes from the same code
DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole

# The vault's free-text columns: what the RM or an import typed, never a label of the app.
FREE_TEXT = {
    "clients": (
        "name address occupation employer family interests notes salutation referrer_staff "
        "responsible_role income_band dnd_hours"
    ),
    "client_tags": "tag",
    "client_phones": "label",
    "important_dates": "label",
    "holdings": "name notes",
    "contacts": "purpose content outcome next_step",
    "appointments": "title location notes",
    "custom_reminders": "title note",
    "plans": "title",
    "script_templates": "name body",
    "lost_clients": "reason note",
    "maturity_outcomes": "reason",
}
PROFILE_KEYS = ("rm_name", "branch_name", "rm_title")  # the RM's own name, branch and title
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _strings(value: object) -> Iterator[str]:
    """String leaves of a JSON value (a plan's content: goal names, chapter texts …)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def stored_texts(vault) -> list[str]:
    """The stored free-text values with CJK in them, longest first (so a name is stripped whole
    before a shorter value inside it). A template body counts piece by piece around its
    ``{placeholders}``: a rendered script is the template's text with client values in between."""
    found: set[str] = set()
    with vault.engine.connect() as conn:
        for table, columns in FREE_TEXT.items():
            for column in columns.split():
                for (value,) in conn.execute(text(f"SELECT DISTINCT {column} FROM {table}")):
                    if isinstance(value, str):
                        found.add(value)
                        for line in value.splitlines():
                            found.update(piece.strip() for piece in PLACEHOLDER.split(line))
        for (content,) in conn.execute(text("SELECT content FROM plan_revisions")):
            found.update(_strings(json.loads(content)))
        for key in PROFILE_KEYS:
            row = conn.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": key}).first()
            if row:
                found.update(_strings(json.loads(row[0])))
    return sorted((s for s in found if s and CJK.search(s)), key=len, reverse=True)


def leftover_cjk(shown: str, data: Iterable[str]) -> str:
    """``shown`` without the stored values and the ``{placeholders}`` in it (a script's merge
    fields are Chinese names in every UI language: they are what the RM types); "" when no CJK
    character is left."""
    rest = PLACEHOLDER.sub(" ", shown)
    for value in data:
        if value in rest:
            rest = rest.replace(value, " ")
    return rest if CJK.search(rest) else ""


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    # QAbstractListModel makes columnCount() private in PySide6: a list has one column.
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)


def _model_texts(model: QAbstractItemModel, path: str, parent: QModelIndex = QModelIndex(), depth: int = 0):
    columns = _columns(model, parent)
    if depth == 0:
        for column in range(columns):
            for role in (DISPLAY, TOOLTIP):
                yield f"{path}.header[{column}]", model.headerData(column, Qt.Orientation.Horizontal, role)
    for row in range(min(model.rowCount(parent), ROWS)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (DISPLAY, TOOLTIP):
                yield f"{path}[{row},{column}]", model.data(index, role)
        first = model.index(row, 0, parent)
        if (
            depth < 2 and not isinstance(model, (QAbstractListModel, QAbstractTableModel)) and model.hasChildren(first)
        ):  # a tree's group rows and their entries
            yield from _model_texts(model, f"{path}[{row}]", first, depth + 1)


def _own_texts(widget: QWidget, path: str):
    yield f"{path}.windowTitle", widget.windowTitle() if widget.isWindow() else ""
    yield f"{path}.toolTip", widget.toolTip()
    yield f"{path}.whatsThis", widget.whatsThis()
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield path, widget.text()
    elif isinstance(widget, QGroupBox):
        yield path, widget.title()
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield f"{path}.tab[{i}]", widget.tabText(i)
            yield f"{path}.tab[{i}].toolTip", widget.tabToolTip(i)
    elif isinstance(widget, QLineEdit):
        yield f"{path}.placeholder", widget.placeholderText()
        yield path, widget.text()
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        yield f"{path}.placeholder", widget.placeholderText()
        yield path, widget.toPlainText()
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"{path}.item[{i}]", widget.itemText(i)
    elif isinstance(widget, QAbstractSpinBox):
        yield f"{path}.special", widget.specialValueText()
        for attr in ("prefix", "suffix"):
            if hasattr(widget, attr):
                yield f"{path}.{attr}", getattr(widget, attr)()
    elif isinstance(widget, QProgressBar):
        yield path, widget.text()
    # Painted charts (ui/insights/insight_charts): their hint, and each bar's label and caption.
    yield f"{path}.hint", getattr(widget, "hint", "")
    for i, bar in enumerate(getattr(widget, "bars", ())):
        yield f"{path}.bar[{i}]", f"{getattr(bar, 'label', '')} {getattr(bar, 'caption', '')}"
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model() is not None:
        yield from _model_texts(widget.model(), path)
    for action in widget.actions():  # menus, tool bars, context-menu actions
        yield from _action_texts(action, f"{path}.action")


def _action_texts(action, path: str, depth: int = 0):
    yield f"{path}[{action.text()!r}]", action.text()
    yield f"{path}[{action.text()!r}].toolTip", action.toolTip()
    menu = action.menu()
    if isinstance(menu, QMenu) and depth < 3:
        for sub in menu.actions():
            yield from _action_texts(sub, f"{path}.menu", depth + 1)


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(widget path, text) for ``root`` and every descendant widget, hidden ones included (a page
    shows them at some point: an empty state, a second tab, an error line)."""
    name = root.objectName() or type(root).__name__
    for where, value in _own_texts(root, name):
        if isinstance(value, str) and value:
            yield where, value
    for child in root.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if isinstance(child, QMenu) and child.parent() is not root:
            continue
        for where, value in widget_texts(child):
            yield f"{name}/{where}", value


def chinese_left(root: QWidget, data: Iterable[str], allowed: Callable[[str, str], bool] = lambda _w, _t: False):
    """ "path: text" for each shown text with CJK left once client data is taken out; ``allowed(path,
    text)`` names the few places where Chinese is the point (a language picker's 简体中文)."""
    data = sorted(set(data), key=len, reverse=True)  # a long value whole, before a short one inside it
    found: dict[str, str] = {}  # each text once, with the first place it was seen
    for where, shown in widget_texts(root):
        if shown not in found and leftover_cjk(shown, data) and not allowed(where, shown):
            found[shown] = where
    return [f"{where}: {shown[:160]!r}" for shown, where in found.items()]


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0


def mnemonic_slips(root: QWidget) -> list[str]:
    """Texts whose ``&`` Qt shows wrongly: on a button, tab, group box or menu entry ``& `` marks
    the space as the shortcut key and draws it as "_" ("Profile _cash flow"); on a plain label
    (no buddy) a ``&x`` meant as a shortcut is shown as it is."""
    slips = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts: list[str] = []
        if isinstance(widget, QAbstractButton):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabWidget):
            texts = [widget.tabText(i) for i in range(widget.count())]
        texts += [action.text() for action in widget.actions()]
        slips += [
            f"{type(widget).__name__}: {text!r}" for text in texts if re.search(r"&(\s|$)", text.replace("&&", ""))
        ]
        plain = isinstance(widget, QLabel) and widget.buddy() is None and "<" not in widget.text()
        if plain and re.search(r"&\w", widget.text()):
            slips.append(f"QLabel: {widget.text()!r}")
    return slips


def cut_headers(root: QWidget) -> list[str]:
    """Column headers narrower than their text in the views on screen ("Assets (10k CNY")."""
    cut = []
    for view in root.findChildren(QAbstractItemView):
        header = getattr(view, "horizontalHeader", lambda: None)() or getattr(view, "header", lambda: None)()
        model = view.model()
        if not isinstance(header, QHeaderView) or model is None or not (_shown(view) and _shown(header)):
            continue
        metrics = header.fontMetrics()
        for section in range(header.count()):
            label = model.headerData(section, Qt.Orientation.Horizontal, DISPLAY)
            if header.isSectionHidden(section) or not isinstance(label, str) or not label:
                continue
            need = max(metrics.horizontalAdvance(line) for line in label.splitlines()) + 8  # the cell's margins
            if header.sectionSize(section) < need:
                cut.append(
                    f"{type(view.window()).__name__}/{type(view).__name__}: {label!r} is {header.sectionSize(section)} px, needs {need}"
                )
    return cut
