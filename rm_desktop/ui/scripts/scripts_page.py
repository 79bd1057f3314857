"""话术: the scripts library (filters, list), the editor and the live preview, with copy,
copy-and-log, save (Ctrl+S), new (Ctrl+Shift+N; Ctrl+N is the global quick contact), reset a
shipped script, delete/restore, bulk sending, and import/export of templates (保存, 另存, 恢复原文,
删除 and the drafts kept at a lock: script_saving.py; the template files: script_files.py).

The Today page calls :meth:`ScriptsPage.open_for` to open the template matching a reminder with
the client already in the preview.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.scripts.model import CATEGORIES, CHANNELS, category_label
from rm_desktop.services.clients import files as clients
from rm_desktop.services.scripts import library as scripts
from rm_desktop.services.scripts import render as script_render
from rm_desktop.services.scripts.library import TemplateRecord
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.scripts.script_editor import ScriptEditor
from rm_desktop.ui.scripts.script_files import ScriptFiles
from rm_desktop.ui.scripts.script_library import ScriptLibrary, hint_label
from rm_desktop.ui.scripts.script_preview import ScriptPreview
from rm_desktop.ui.scripts.script_saving import DRAFT_KIND, ScriptSaving
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.theme import themed
from rm_desktop.ui.widgets.unsaved import DraftKeeper, may_leave

WIDE_LAYOUT = 1100  # page width (px) from which editor and preview sit side by side


class ScriptsPage(ScriptSaving, ScriptFiles, Page):
    contact_logged = Signal(int)  # client id: the client file may refresh its timeline

    def __init__(self, privacy: Privacy | None = None, clipboard: ClipboardGuard | None = None, parent=None):
        """``privacy`` and ``clipboard`` are the main window's shared objects; without them the
        page keeps its own (tests, stand-alone use)."""
        super().__init__(parent)
        self.vault = None
        self.privacy = privacy
        self.current: TemplateRecord | None = None
        self.is_new = False
        self._saved: dict[str, str] | None = None
        # Unsaved edits autosaved as a draft (a crash loses nothing) and kept at a lock.
        self.keeper = DraftKeeper(self, DRAFT_KIND, lambda: self.vault, lambda: self.dirty, self._draft)
        self._own_guard = clipboard is None
        self.guard = clipboard if clipboard is not None else ClipboardGuard(self)
        self._build_library()
        self._build_work_area()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.library)
        splitter.addWidget(self.work)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 860])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._shortcut(QKeySequence.StandardKey.Save, self.save)
        self._shortcut(QKeySequence("Ctrl+Shift+N"), self.new_template)

    def _shortcut(self, keys, slot) -> None:
        action = QAction(self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # -- building ------------------------------------------------------------------------------
    def _build_library(self) -> None:
        self.library = ScriptLibrary()
        self.library.filters_changed.connect(self.reload)
        self.library.row_chosen.connect(self._selected)
        self.library.new_button.clicked.connect(self.new_template)
        self.library.bulk_button.clicked.connect(lambda: self.open_bulk())
        self.library.import_button.clicked.connect(self.import_templates)
        self.library.export_button.clicked.connect(self.export_templates)
        self.model = self.library.model  # the list's model, used throughout the page

    def _build_work_area(self) -> None:
        self.editor = ScriptEditor()
        self.editor.changed.connect(self._edited)
        self.editor.body_changed.connect(lambda _b: self._push_preview())
        self.editor.channel.currentIndexChanged.connect(lambda _i: self._push_preview())
        self.preview = ScriptPreview(self.privacy)
        self.preview.copy_requested.connect(self.copy)
        self.preview.copy_log_requested.connect(self.copy_and_log)

        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存（Ctrl+S）"))
        self.save_button.clicked.connect(self.save)
        self.copy_as_new_button = QPushButton(self.tr("另存为新话术"))
        self.copy_as_new_button.clicked.connect(self.save_as_new)
        self.reset_button = QPushButton(self.tr("恢复原文"))
        self.reset_button.setToolTip(self.tr("把这条内置话术恢复为软件自带的原文"))
        self.reset_button.clicked.connect(self.reset_builtin)
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.clicked.connect(self.delete_or_restore)
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        for button in (self.save_button, self.copy_as_new_button, self.reset_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)

        editing = QWidget()
        left = QVBoxLayout(editing)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.editor, 1)
        left.addLayout(actions)
        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(editing)
        split.addWidget(self.preview)
        split.setChildrenCollapsible(False)
        filled = QWidget()
        inner = QVBoxLayout(filled)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(split, 1)
        inner.addWidget(self.status)
        self.work = QStackedWidget()
        self.work.addWidget(
            hint_label(
                self.tr(
                    "从左侧选择一条话术进行编辑和预览，或点“新建话术”。\n"
                    "话术中的 {姓名}、{称谓|客户} 等字段会按所选客户自动填写。"
                )
            )
        )
        self.work.addWidget(filled)

    # -- life cycle ----------------------------------------------------------------------------
    def attach(self, vault: Vault) -> None:
        self.vault = vault
        if self._own_guard:  # the main window sets the shared guard's timeout itself
            self.guard.seconds = vault.settings.get("clipboard_clear_seconds")
        self.preview.attach(vault)
        self.reload()
        self.keeper.start()

    def detach(self) -> None:
        self.keeper.save()  # a lock: the unsaved edit stays as a draft, no question
        self.keeper.stop()
        self.guard.clear_if_ours()  # a locked PC must not keep a client's message on the clipboard
        self.preview.detach()
        self.vault = None
        self.current, self.is_new, self._saved = None, False, None
        self.model.set_records([])
        self.editor.load("", CATEGORIES[0], CHANNELS[0], "")
        self.status.clear()
        self.work.setCurrentIndex(0)

    # -- the list ------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None, *, show: bool = False) -> None:
        """Re-read the list with the filters. The shown template stays selected; ``show``
        reloads it into the editor (after a save or reset). Unsaved edits are never dropped."""
        if self.vault is None:
            return
        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        self.library.set_records(scripts.list_templates(self.vault, **self.library.filters()))
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            switching = self.current is None or self.current.id != keep
            self._select_row(row, show=show or switching)
        elif not self.dirty:
            self._show(None)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # Side by side when there is room, else the preview under the editor (small screens).
        orientation = Qt.Orientation.Horizontal if event.size().width() >= WIDE_LAYOUT else Qt.Orientation.Vertical
        if self.split.orientation() != orientation:
            self.split.setOrientation(orientation)

    def _select_row(self, row: int, show: bool = True) -> None:
        self.library.select_row(row)
        if show:
            self._show(self.model.record_at(row))

    def _selected(self, row: int) -> None:
        if row < 0 or (self.current is not None and self.model.record_at(row).id == self.current.id):
            return
        if not self._may_discard():
            previous = self.model.row_of(self.current.id) if self.current else None
            if previous is not None:
                self._select_row(previous, show=False)  # stay, edits untouched
            return
        self.is_new = False
        self._show(self.model.record_at(row))

    def select_template(self, template_id: int) -> bool:
        """Show a template, clearing filters that hide it; False when it does not exist."""
        if self.vault is None:
            return False
        if self.model.row_of(template_id) is None:
            self.library.clear_filters()
            self.is_new = False
            self.reload(template_id)
        row = self.model.row_of(template_id)
        if row is None:
            return False
        self.is_new = False
        self._select_row(row)
        return True

    # -- the editor ----------------------------------------------------------------------------
    def _show(self, record: TemplateRecord | None) -> None:
        self.keeper.drop()  # another template (or this one saved / reloaded): the old draft is done with
        self.current = record
        if record is None:
            self._saved = None
            self.work.setCurrentIndex(0)
            return
        self.editor.load(record.name, record.category, record.channel, record.body)
        self._saved = self.editor.values()
        self.work.setCurrentIndex(1)
        self.status.clear()
        self._update_buttons()
        self._push_preview()

    @property
    def dirty(self) -> bool:
        """The editor's values differ from those loaded (a new template: from its empty form)."""
        return self._saved is not None and self.editor.values() != self._saved

    def _edited(self) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        in_trash = self.current is not None and self.current.in_trash
        self.save_button.setEnabled(self.dirty and not in_trash)
        self.copy_as_new_button.setEnabled(not self.is_new and not in_trash)
        self.reset_button.setVisible(self.current is not None and self.current.is_builtin and not self.is_new)
        self.reset_button.setEnabled(self.current is not None and (self.current.edited or self.dirty) and not in_trash)
        self.delete_button.setText(self.tr("恢复") if in_trash else self.tr("删除"))
        self.delete_button.setEnabled(self.current is not None and not self.is_new)
        self.editor.setEnabled(not in_trash)

    def _push_preview(self) -> None:
        values = self.editor.values()
        self.preview.set_source(values["body"], values["channel"])

    def ask(self, title: str, question: str) -> bool:
        """A yes/no question (tests replace this)."""
        return QMessageBox.question(self, title, question) == QMessageBox.StandardButton.Yes

    def _may_discard(self) -> bool:
        return self.may_leave()

    def may_leave(self) -> bool:
        """Another template, another area or quitting: 保存 / 放弃 / 取消 (ui/widgets/unsaved.py)."""
        if self.vault is None:
            return True
        return may_leave(self, self.dirty, self._saved_now, self._discard_edits)

    def say(self, text: str, error: bool = False) -> None:
        themed(self.status, "color: $error;" if error else "color: $success;")
        self.status.setText(text)

    def new_template(self) -> None:
        if self.vault is None or not self._may_discard():
            return
        self.library.table.clearSelection()
        self.current, self.is_new = None, True
        filters = self.library.filters()
        category = filters["category"] or CATEGORIES[0]
        channel = filters["channel"] or CHANNELS[0]
        self.editor.load("", category, channel, "")
        self._saved = self.editor.values()
        self.work.setCurrentIndex(1)
        self.status.clear()
        self._update_buttons()
        self._push_preview()
        self.editor.name.setFocus()

    # -- copy ----------------------------------------------------------------------------------
    def copy(self) -> bool:
        self.preview.refresh()
        rendered = self.preview.rendered
        if rendered is None or not rendered.text.strip():
            return False
        self.guard.copy(rendered.text, "script", rendered.client_id, rendered.client_name)
        note = self.tr("已复制，{} 秒后从剪贴板清除。").format(self.guard.seconds)
        if rendered.missing and self.preview.client_id is not None:
            self.say(note + self.tr("注意：缺少 {}。").format("、".join(rendered.missing)), error=True)
        else:
            self.say(note)
        return True

    def copy_and_log(self) -> None:
        self.preview.refresh()
        rendered, client_id = self.preview.rendered, self.preview.client_id
        if self.vault is None or rendered is None or client_id is None:
            return
        if rendered.missing and not self.ask(
            self.tr("内容不完整"),
            self.tr("内容中还有未填写的字段：{}。仍要复制并记录吗？").format("、".join(rendered.missing)),
        ):
            return
        values = self.editor.values()
        template_id = None if self.is_new or self.current is None or self.dirty else self.current.id
        try:
            script_render.confirm_sent(
                self.vault, template_id, client_id, rendered.text, values["channel"], category=values["category"]
            )
        except UserError as exc:
            self.say(str(exc), error=True)
            return
        self.guard.copy(rendered.text, "script", client_id, rendered.client_name)
        self.say(self.tr("已复制，并记入 {} 的往来记录。").format(rendered.client_name))
        self.contact_logged.emit(client_id)

    # -- Today page, bulk, files ---------------------------------------------------------------
    def open_for(
        self, client_id: int, category: str, *, product_holding_id: int | None = None, festival: str | None = None
    ) -> TemplateRecord | None:
        """Show the template suggested for ``category`` (e.g. from a reminder kind via
        services.scripts.suggest_for_reminder_kind) with the client in the preview."""
        if self.vault is None or not self._may_discard():
            return None
        record = clients.get_client(self.vault, client_id)
        preferred = record.preferred_channel if record.preferred_channel in CHANNELS else None
        template = scripts.suggest_template(self.vault, category, channel=preferred)
        if template is None:
            self.say(self.tr("没有“{}”类的话术，请新建一条。").format(category_label(category)), error=True)
            return None
        self.select_template(template.id)
        self.preview.set_client(client_id, record.name)
        if festival:
            self.preview.festival.set_value(festival)
        if product_holding_id is not None:
            index = self.preview.holding.findData(product_holding_id)
            if index >= 0:
                self.preview.holding.setCurrentIndex(index)
        self.preview.refresh()
        return template

    def open_bulk(self, client_ids: list[int] | None = None, list_title: str = "", category: str | None = None):
        """The bulk dialog, for the current template (or the one suggested for ``category``)
        and an explicit client list (e.g. today's birthdays) or a filtered one."""
        if self.vault is None:
            return None
        from rm_desktop.ui.scripts.script_bulk_dialog import ScriptBulkDialog

        template_id = self.current.id if self.current is not None and not self.current.in_trash else None
        if category is not None:
            suggested = scripts.suggest_template(self.vault, category)
            template_id = suggested.id if suggested else template_id
        dialog = ScriptBulkDialog(
            self.vault, self.guard, template_id=template_id, client_ids=client_ids, list_title=list_title, parent=self
        )
        dialog.contact_logged.connect(self.contact_logged)
        dialog.open()
        return dialog
