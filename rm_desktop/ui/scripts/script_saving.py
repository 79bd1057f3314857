"""The scripts page's saving: 保存 (a stale save lets the user choose per field), 另存为新话术, 恢复原文
of a shipped script, 删除 / 恢复 from the trash, and the unsaved template kept as a draft at a lock
and offered back at the unlock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMessageBox, QStackedWidget

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.scripts.model import CATEGORIES, CHANNELS
from rm_desktop.services.clients import drafts
from rm_desktop.services.scripts import library as scripts
from rm_desktop.services.scripts.library import TemplateRecord
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.scripts.script_editor import ScriptEditor
from rm_desktop.ui.scripts.script_list import ScriptListModel
from rm_desktop.ui.widgets.conflict_dialog import DISCARD, save_with_choice

if TYPE_CHECKING:  # what the page provides, for the type checker only
    from rm_desktop.ui.widgets.pages import Page as _Base
else:
    _Base = object

DRAFT_KIND = "script"


class ScriptSaving(_Base):
    editor: ScriptEditor
    work: QStackedWidget
    status: QLabel
    current: TemplateRecord | None
    is_new: bool

    _saved: dict[str, str] | None

    if TYPE_CHECKING:
        model: ScriptListModel

        @property
        def dirty(self) -> bool: ...
        def reload(self, select_id: int | None = None, *, show: bool = False) -> None: ...
        def select_template(self, template_id: int) -> bool: ...
        def new_template(self) -> None: ...
        def ask(self, title: str, question: str) -> bool: ...
        def say(self, text: str, error: bool = False) -> None: ...
        def _show(self, record: TemplateRecord | None) -> None: ...
        def _update_buttons(self) -> None: ...
        def _push_preview(self) -> None: ...

    def save(self) -> None:
        if self.vault is None or self.work.currentIndex() != 1 or not self.dirty:
            return
        values = self.editor.values()
        try:
            if self.is_new or self.current is None:
                record = scripts.create_template(self.vault, values)
            else:
                saved = self._update(self.vault, self.current, values)
                if saved is None:  # the conflict dialog was cancelled: the editor keeps the text
                    return
                if saved == DISCARD:
                    self._show(scripts.get_template(self.vault, self.current.id))
                    return
                assert isinstance(saved, TemplateRecord)
                record = saved
        except ValidationError as exc:
            self.say(self._field_error(exc), error=True)
            return
        except UserError as exc:
            self.say(str(exc), error=True)
            return
        self.is_new = False
        self.current = record
        self.reload(record.id, show=True)
        if self.model.row_of(record.id) is None:
            self.select_template(record.id)  # the filters hid it: show it anyway
        if record.is_draft:
            self.say(self.tr("已保存为草稿：正文有 {} 处问题，见正文下方。").format(len(record.problems)), error=True)
        else:
            self.say(self.tr("已保存。"))

    def _update(self, vault: Vault, record: TemplateRecord, values: dict) -> TemplateRecord | str | None:
        """Save against the version the editor loaded; if the template changed since (another
        window, an import), the user picks per field (ui/widgets/conflict_dialog.py)."""

        def save(version: int | None, theirs: set[str]) -> TemplateRecord:
            mine = {key: value for key, value in values.items() if key not in theirs}
            return scripts.update_template(vault, record.id, mine, expected_version=version)

        base = {key: getattr(record, key) for key in ("name", "category", "channel", "body")}
        return save_with_choice(self, save, record.row_version, self._labels(), base)

    def _labels(self) -> dict[str, str]:
        return {
            "name": self.tr("名称"),
            "category": self.tr("分类"),
            "channel": self.tr("渠道"),
            "body": self.tr("正文"),
        }

    def _field_error(self, exc: ValidationError) -> str:
        return self.tr("未保存：{}（{}）").format(self._labels().get(exc.field, exc.field), exc.message)

    def save_as_new(self) -> None:
        if self.vault is None:
            return
        values = self.editor.values()
        values["name"] = self.tr("{}（副本）").format(values["name"])[:100]
        try:
            record = scripts.create_template(self.vault, values)
        except UserError as exc:
            self.say(str(exc), error=True)
            return
        self.is_new = False
        self.select_template(record.id)
        self.say(self.tr("已另存为“{}”。").format(record.name))

    def reset_builtin(self) -> None:
        if self.vault is None or self.current is None or not self.current.is_builtin:
            return
        if not self.ask(
            self.tr("恢复原文"), self.tr("把“{}”恢复为软件自带的原文吗？您的修改将丢失。").format(self.current.name)
        ):
            return
        record = scripts.reset_builtin(self.vault, self.current.id)
        self.reload(record.id, show=True)
        self.say(self.tr("已恢复原文。"))

    def delete_or_restore(self) -> None:
        if self.vault is None or self.current is None:
            return
        record = self.current
        if record.in_trash:
            scripts.restore_template(self.vault, record.id)
            self.current, self._saved = None, None
            self.reload()
            self.say(self.tr("已恢复“{}”。").format(record.name))
            return
        if not self.ask(self.tr("删除话术"), self.tr("把“{}”移到回收站吗？").format(record.name)):
            return
        scripts.delete_template(self.vault, record.id)
        self.current, self._saved = None, None
        self.reload()
        self.say(self.tr("已把“{}”移到回收站（可在回收站中恢复）。").format(record.name))

    # -- drafts --------------------------------------------------------------------------------
    def _draft(self) -> dict:
        template_id = None if self.is_new or self.current is None else self.current.id
        return {"template_id": template_id, "values": self.editor.values()}

    def _saved_now(self) -> bool:
        self.save()
        return not self.dirty

    def _discard_edits(self) -> None:
        if self.is_new or self.current is None:
            self.is_new = False
            self._show(None)
        else:
            self._show(self.current)

    def offer_drafts(self) -> bool:
        """After an unlock: the template a lock left unsaved, restored into the editor (still
        unsaved) or discarded; True when restored."""
        pending = drafts.load_drafts(self.vault, DRAFT_KIND) if self.vault is not None else []
        if not pending:
            return False
        draft = pending[0]
        values = draft.payload.get("values", {})
        answer = QMessageBox.question(
            self,
            self.tr("未保存的话术"),
            self.tr("话术“{}”有未保存的修改（{}），已保存为草稿。恢复吗？").format(
                values.get("name", ""), f"{draft.updated_at:%Y-%m-%d %H:%M}"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        assert self.vault is not None
        drafts.discard_draft(self.vault, draft.id)  # the editor holds it now; a lock keeps it again
        if answer != QMessageBox.StandardButton.Yes:
            return False
        template_id = draft.payload.get("template_id")
        if template_id is None or not self.select_template(template_id):
            self.new_template()
        self.editor.load(
            values.get("name", ""),
            values.get("category", CATEGORIES[0]),
            values.get("channel", CHANNELS[0]),
            values.get("body", ""),
        )
        self._update_buttons()
        self._push_preview()
        return True
