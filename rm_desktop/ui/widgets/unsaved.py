"""Unsaved changes: one rule for every editor (client file, holding, plan, script, appointment).

An editor is dirty when what its fields hold now differs from what was loaded or last saved —
not when a key was pressed (typing a letter and deleting it again is no change). Leaving a
dirty editor (← 返回列表, Esc, another navigation area, closing a dialog, quitting) asks
保存 / 放弃 / 取消 through :func:`ask_unsaved`; a lock never asks (the idle lock must not wait on
a question): the editor keeps its values as a draft in the vault instead (services/clients/drafts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from rm_desktop.services.clients import drafts

if TYPE_CHECKING:
    from rm_desktop.services.vault.lifecycle import Vault

LEAVE, SAVE, DISCARD, CANCEL = "leave", "save", "discard", "cancel"  # LEAVE: nothing changed


class Snapshot:
    """The values an editor was loaded with, compared with what ``read()`` gives now."""

    def __init__(self, read: Callable[[], Any]):
        self._read = read
        self._base: Any = None
        self._loaded = False

    def reset(self) -> None:
        """The current values are the loaded (or just saved) ones."""
        self._base, self._loaded = self._read(), True

    def clear(self) -> None:
        """Nothing is loaded (an editor without a record): never dirty."""
        self._base, self._loaded = None, False

    def dirty(self) -> bool:
        return self._loaded and self._read() != self._base


def tr(text: str) -> str:
    return QCoreApplication.translate("Unsaved", text)


def ask_unsaved(parent: QWidget, dirty: bool, what: str = "") -> str:
    """LEAVE when nothing changed; else the user's SAVE, DISCARD or CANCEL (Esc, closing the box)."""
    if not dirty:
        return LEAVE
    buttons = QMessageBox.StandardButton
    text = tr("“{}”有未保存的修改。保存这些修改吗？").format(what) if what else tr("有未保存的修改。保存这些修改吗？")
    answer = QMessageBox.question(
        parent, tr("未保存的修改"), text, buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save
    )
    if answer == buttons.Save:
        return SAVE
    return DISCARD if answer == buttons.Discard else CANCEL


def may_leave(
    parent: QWidget, dirty: bool, save: Callable[[], bool], discard: Callable[[], None], what: str = ""
) -> bool:
    """For an editor on a page: True when it may be left (unchanged, saved, or its changes
    discarded through ``discard``); False keeps the user in it (Cancel, or a save that failed
    and shows why)."""
    answer = ask_unsaved(parent, dirty, what)
    if answer == SAVE:
        return save()
    if answer == DISCARD:
        discard()
    return answer != CANCEL


def page_may_leave(page: QWidget | None) -> bool:
    """A navigation page that holds an editor says ``may_leave()``; the others may always be left."""
    check = getattr(page, "may_leave", None)
    return bool(check()) if callable(check) else True


def reject_asking(dialog: QWidget, dirty: bool, save: Callable[[], None], reject: Callable[[], None]) -> None:
    """A dialog's Cancel, Esc or close button: ``reject()`` when nothing changed or the user
    discards; Save runs ``save`` (which closes the dialog itself when it saves); Cancel keeps
    the dialog open with what was typed."""
    answer = ask_unsaved(dialog, dirty)
    if answer == SAVE:
        save()
    elif answer != CANCEL:
        reject()


def offer_latest_draft(
    parent: QWidget | None, vault: Vault, kind: str, title: str, text: Callable[[drafts.DraftRecord], str]
) -> drafts.DraftRecord | None:
    """After an unlock: the latest draft of ``kind`` when the user restores it (Yes, the default);
    Discard (or Esc) removes it from the vault and gives None, as does having none."""
    pending = drafts.load_drafts(vault, kind)
    if not pending:
        return None
    draft = pending[0]
    buttons = QMessageBox.StandardButton
    if QMessageBox.question(parent, title, text(draft), buttons.Yes | buttons.Discard, buttons.Yes) == buttons.Yes:
        return draft
    drafts.discard_draft(vault, draft.id)
    return None


AUTOSAVE_MS = 3000


class DraftKeeper(QObject):
    """An editor's unsaved values kept as one draft row in the vault (services/clients/drafts):
    written every few seconds while they differ from the loaded ones (a crash loses nothing) and
    at a lock (:meth:`save`, without a question); dropped once saved, discarded or undone."""

    def __init__(
        self,
        parent: QObject,
        kind: str,
        vault: Callable[[], Vault | None],
        dirty: Callable[[], bool],
        payload: Callable[[], dict],
        client_id: Callable[[], int | None] = lambda: None,
    ):
        super().__init__(parent)
        self.kind, self._vault, self._dirty, self._payload, self._client_id = kind, vault, dirty, payload, client_id
        self.draft_id: int | None = None
        self._written: dict | None = None  # what the row holds
        self.timer = QTimer(self, interval=AUTOSAVE_MS)
        self.timer.timeout.connect(self.save)

    def start(self, draft_id: int | None = None) -> None:
        """Begin autosaving (into ``draft_id``: a restored draft goes on in its own row)."""
        self.draft_id, self._written = draft_id, None
        self.timer.start()

    def save(self) -> None:
        vault = self._vault()
        if vault is None or getattr(vault, "locked", False):  # locked before the editor let go
            self.timer.stop()
            return
        if not self._dirty():
            self.drop()
            return
        payload = self._payload()
        if payload != self._written:
            self.draft_id = drafts.save_draft(vault, self.kind, self._client_id(), payload, draft_id=self.draft_id)
            self._written = payload

    def drop(self) -> None:
        vault = self._vault()
        if self.draft_id is not None and vault is not None and not getattr(vault, "locked", False):
            drafts.discard_draft(vault, self.draft_id)
        self.draft_id, self._written = None, None

    def stop(self) -> None:
        """The editor closes or locks: no more autosaves; the row (if any) stays for the next unlock."""
        self.timer.stop()
        self.draft_id, self._written = None, None
