"""Whether a reveal may go ahead: asks the reason when the mode says so (reason_dialog), writes
the audit entry (services/reveals), and remembers for the session which clients were explained
and the last reason given. A reveal whose entry cannot be written does not happen.

The memory belongs to one unlocked vault: :meth:`clear` at the lock, and a different vault
object (the next unlock) starts afresh even if a clear was missed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from rm_desktop.domain.errors import UserError
from rm_desktop.services.reveals import reasons
from rm_desktop.services.reveals.recording import record_reveal
from rm_desktop.services.settings.policy_rules import REVEAL_KEY
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.reveals.reason_dialog import ReasonDialog


class RevealGate:
    def __init__(self) -> None:
        self._vault: Vault | None = None
        self._explained: dict[int, tuple[str, str | None]] = {}  # client id → the reason given
        self.last: tuple[str, str | None] = (next(iter(reasons.REASONS)), None)

    def clear(self) -> None:
        """The lock: every client asks again; the last reason stays as the dialog's default."""
        self._vault, self._explained = None, {}
        self.last = (self.last[0], None)  # the words may name the client: not kept past the session

    def explained(self, client_id: int) -> bool:
        return client_id in self._explained

    def ask(self, parent: QWidget, vault: Vault, client_id: int, name: str, kind: str) -> bool:
        """True when the reveal may go ahead (its entry is written); False leaves it masked."""
        if vault is not self._vault:
            self.clear()
            self._vault = vault
        mode = vault.settings.get(REVEAL_KEY)
        if reasons.reveal_needed(mode, client_id, self._explained):
            dialog = ReasonDialog(name, kind, mode == "once_per_session", *self._defaults(), parent)
            if not dialog.exec() or dialog.reason is None:
                return False  # Esc or 取消: nothing shown, nothing written
            reason = dialog.reason
        elif mode == "never":
            reason = (reasons.NOT_ASKED, None)
        else:
            reason = self._explained[client_id]  # asked earlier this session: logged with that reason
        try:
            record_reveal(vault, client_id, kind, reason[0], note=reason[1], name=name)
        except UserError as exc:
            QMessageBox.warning(parent, QCoreApplication.translate("RevealGate", "查看完整信息"), str(exc))
            return False
        if reason[0] != reasons.NOT_ASKED:
            self._explained[client_id] = reason
            self.last = reason
        return True

    def _defaults(self) -> tuple[str, str]:
        return self.last[0], self.last[1] or ""
