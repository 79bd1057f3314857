"""What every page in the main window shares, and the page shown for an area not built yet.

A page computed from the whole book (the reminders) loads in the background when it is shown and
shows only its newest load's outcome: :class:`Page` (``load_on_show``, ``run_load``) on
:class:`LatestOnly`, which the reminder notifier uses as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed

if TYPE_CHECKING:  # (lifecycle imports SQLAlchemy: the first paint imports no page's vault type)
    from rm_desktop.services.vault.lifecycle import Vault


class LatestOnly:
    """Background computations of which only the newest counts: the outcome of one started before
    a newer one, or before :meth:`drop` (a lock), is ignored when it arrives."""

    def __init__(self) -> None:
        self._generation = 0

    def drop(self) -> None:
        """Nothing still being computed will be shown."""
        self._generation += 1

    def run(
        self,
        parent: QWidget | None,
        title: str,
        vault: Vault,
        compute: Callable[[Vault], Any],
        show: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """``compute(vault)`` off the UI thread (no progress dialog), then ``show(result)`` or
        ``failed(error)`` on the UI thread if it is still the newest computation."""
        self._generation += 1
        generation = self._generation

        def done(result: Any) -> None:
            if generation == self._generation:
                show(result)

        def error(exc: Exception) -> None:
            if generation == self._generation:
                failed(exc)

        run_task(parent, title, lambda _progress: compute(vault), done, modal=False, on_error=error, vault=vault)


class Page(QWidget):
    """A navigation page. ``attach`` gets the unlocked vault; ``detach`` must drop every reference.

    A page that loads in the background sets ``load_on_show``, implements :meth:`load` and starts
    its computations with :meth:`run_load`. It loads when shown rather than at attach: at start-up
    on another page, 100k clients' reminders would compete with the first paint.
    """

    vault: Vault | None = None
    #: "first": load at the first showing after attach (at attach if the page is visible then);
    #: "each": at every showing as well. None: the page loads by itself.
    load_on_show: ClassVar[Literal["first", "each"] | None] = None
    _loads: LatestOnly | None = None
    _unloaded = False  # attached and not loaded since

    def attach(self, vault: Vault) -> None:
        self.vault = vault
        if self.load_on_show:
            self._unloaded = True
            if self.isVisible():
                self._load_now()

    def detach(self) -> None:
        if self._loads is not None:
            self._loads.drop()  # nothing computed for this vault may appear after the lock
        self.vault = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.vault is not None and (self._unloaded or self.load_on_show == "each"):
            self._load_now()

    def _load_now(self) -> None:
        self._unloaded = False
        self.load()

    def load(self) -> None:
        """What showing the page does (see ``load_on_show``)."""
        raise NotImplementedError

    def run_load(
        self,
        title: str,
        compute: Callable[[Vault], Any],
        show: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """Start ``compute(vault)`` in the background; ``show(result)`` or ``failed(error)`` run
        only if no newer load was started and the page was not detached meanwhile."""
        if self.vault is None:
            return
        if self._loads is None:
            self._loads = LatestOnly()
        self._loads.run(self, title, self.vault, compute, show, failed)


class EmptyStatePage(Page):
    """A centred title and hint, optionally with buttons under it: an empty area says what to do."""

    def __init__(self, title: str, hint: str, *extra: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        heading = QLabel(title)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(heading, "title")
        text = QLabel(hint)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        themed(text, "color: $muted; font-size: 13px;")
        layout.addWidget(heading)
        layout.addWidget(text)
        for widget in extra:
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
