"""The main window: lock screen or work area, navigation, menus, status bar, idle lock."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.security.header import DamagedHeader
from rm_desktop.services.settings import policy_rules
from rm_desktop.services.vault import integrity
from rm_desktop.services.vault.driver_vault import DriverVault, NeedPassword
from rm_desktop.storage import vault_lock
from rm_desktop.storage.keyed import WrongKeyOrDamaged
from rm_desktop.ui.reminders.notifier import ReminderNotifier
from rm_desktop.ui.shell.about import show_about
from rm_desktop.ui.shell.first_paint import AfterFirstPaint
from rm_desktop.ui.shell.idle import IdleWatcher
from rm_desktop.ui.shell.lazy_pages import LazyPages
from rm_desktop.ui.shell.preview import InputHold
from rm_desktop.ui.shell.session import VaultSession, full_vault, read_quietly, remembered_area
from rm_desktop.ui.shell.status_bar import StatusArea
from rm_desktop.ui.shell.window_forward import ForwardOnRequest
from rm_desktop.ui.vault.unlock_page import UnlockPage
from rm_desktop.ui.widgets import icons
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.pages import EmptyStatePage, Page
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.screen_fit import clamp_to_screen, fit_to_screen
from rm_desktop.ui.widgets.tasks import Job, cancel_and_wait, run_task
from rm_desktop.ui.widgets.unsaved import page_may_leave

if TYPE_CHECKING:
    # SQLAlchemy's side (lifecycle, the vault page's maintenance): imported once the list has
    # painted (ui/shell/preview.py, issue 19.1)
    from rm_desktop.services.vault import lifecycle as vs
    from rm_desktop.ui.vault.vault_page import VaultPage

log = logging.getLogger(__name__)


def _latest_backup(root: Path) -> Path | None:
    """The restore offers' backup (a damaged or missing vault: never on the way to a paint)."""
    from rm_desktop.services.vault import lifecycle as vs

    return vs.latest_backup(root)


def key_sequences(standard: QKeySequence.StandardKey, explicit: str) -> list[QKeySequence]:
    """``explicit`` first (the key the README promises and the menu shows), then the platform's
    own bindings of ``standard``, each once: Windows binds nothing to Quit or Preferences, so a
    standard key alone would leave Ctrl+Q and Ctrl+, doing nothing there."""
    keys: list[QKeySequence] = []
    for key in (QKeySequence(explicit), *QKeySequence.keyBindings(standard)):
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


# The areas' keys in nav order: Ctrl + the number row, so each of the twelve areas has one.
AREA_KEYS = (*(f"Ctrl+{n}" for n in (*range(1, 10), 0)), "Ctrl+-", "Ctrl+=")


def _configured_backup(vault: vs.Vault) -> Path:
    """The work after the first paint of an unlock, in the backup's worker: the ORM's mappers
    configured (~70 ms the first ORM statement on the UI thread would otherwise pay; before the
    paint, in the unlock thread, it held the GIL the window's construction needed: issue 19.1),
    the day's housekeeping when this was its first unlock (the trash, backups and audit log past
    retention), then the backup at unlock."""
    from rm_desktop.services.vault import lifecycle as vs

    vs.configure_orm()
    vs.housekeep(vault)
    return vs.backup_now(vault)


class MainWindow(QMainWindow):
    """``page_factory(privacy, clipboard)`` builds the feature pages (app.py knows which exist)."""

    def __init__(self, session: VaultSession, page_factory: Callable[..., dict[str, Page]] | None = None):
        super().__init__()
        self.session = session
        self.privacy = Privacy(self)
        self.clipboard = ClipboardGuard(self)
        self.status = StatusArea(self)  # permanent areas and one short message: not a log
        self.setWindowTitle(self.tr("客户经理桌面档案"))
        self.setMinimumSize(960, 640)
        app = QApplication.instance()
        assert app is not None  # a window is made only once the application exists
        self.idle = IdleWatcher(app)
        self.idle.idle.connect(self.lock)

        self._opening: Job | None = None  # the unlock running in the background
        self._closing = False
        self._policy_told = False  # a bad IT policy file is said at the first unlock only
        self.unlock_page = UnlockPage()
        self.unlock_page.unlock_requested.connect(self._unlock)
        self.unlock_page.restore_requested.connect(self._restore_latest)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")  # styled by resources/style/app.qss
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(132)
        nav_font = QFont(self.nav.font())
        nav_font.setPixelSize(15)
        self.nav.setFont(nav_font)  # a real font, not a style sheet size, so the width can be measured
        self.area = QStackedWidget()
        self._preview: tuple[DriverVault, InputHold] | None = None  # ui/shell/preview.py
        self._preview_paint: AfterFirstPaint | None = None
        self._awaiting_early = False  # start() looks again once the early unlock is done
        # Pages are built when first shown (or asked for): the hidden ones cost the start-up.
        self.pages = LazyPages(self._page_built)
        given = page_factory(self.privacy, self.clipboard) if page_factory else {}
        for key, title, page in self._page_list(given):
            self.pages.add(key, page)
            self.nav.addItem(title)
            icons.bind(self.nav.item(self.nav.count() - 1), key)
            self.area.addWidget(QWidget())  # its place in the stack until the page is built
        self.nav.currentRowChanged.connect(self._switch_area)
        # Wide enough for the longest area name in the current language (English runs longer).
        widest = max(self.nav.fontMetrics().horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count()))
        self.nav.setFixedWidth(max(132, widest + 48 + 32))  # + the icon and its gap
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Ctrl + the number row (1 … 9, 0, -) jumps between areas in nav order, each key in its
        # item's tooltip; the list itself takes no focus (no stray focus frame).
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        assert self.nav.count() <= len(AREA_KEYS)  # a new area needs a key of its own
        for row, keys in enumerate(AREA_KEYS[: self.nav.count()]):
            jump = QAction(self)
            jump.setShortcut(QKeySequence(keys))
            jump.triggered.connect(lambda _=False, r=row: self.nav.setCurrentRow(r))
            self.addAction(jump)
            item = self.nav.item(row)
            item.setToolTip(f"{item.text()}  {jump.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}")

        work = QWidget()
        split = QHBoxLayout(work)
        split.setContentsMargins(0, 0, 0, 0)
        split.setSpacing(0)
        split.addWidget(self.nav)
        split.addWidget(self.area, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.unlock_page)
        self.stack.addWidget(work)
        self._work = work  # what an unlock shows
        self.setCentralWidget(self.stack)

        self.status.open_today.connect(self._show_today)
        self.state_label, self.demo_label = self.status.state_label, self.status.demo_label
        self._build_menus()
        self.notifier = ReminderNotifier(self.privacy, self)
        self.notifier.open_today.connect(self._show_today)
        self.notifier.notified.connect(self.status.show_reminders)
        self.notifier.counts_changed.connect(self.status.set_counts)  # after each 今日 action
        # 今日's undo for its last action (snooze, dismiss, contact: one or a selection)
        self.undo_button = QToolButton()
        self.undo_button.setAutoRaise(True)
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icons.bind(self.undo_button, "undo")
        self.undo_button.setText(self.tr("撤销"))
        self.undo_button.setVisible(False)
        self.statusBar().insertPermanentWidget(0, self.undo_button)
        self._undo_page: Page | None = None
        self.undo_button.clicked.connect(lambda: self._undo_page is not None and self._undo_page.undo_last())
        self.forward = ForwardOnRequest(self)  # a second window on this vault brings this one forward
        session.unlocked.connect(self._on_unlocked)
        session.unlocked.connect(lambda vault: self.forward.start(vault.paths.root))
        session.locked.connect(self._on_locked)
        session.locked.connect(self.forward.stop)
        session.locked.connect(self.notifier.stop)
        self._restore_window_state()
        self._show_locked()

    def _page_built(self, key: str, page: Page) -> None:
        """A page just made: into its place in the stack, its signals wired, attached if unlocked."""
        index = list(self.pages).index(key)
        placeholder = self.area.widget(index)
        assert placeholder is not None  # every area has its place from __init__ on
        shown = self.area.currentIndex() == index
        self.area.insertWidget(index, page)
        if shown:
            self.area.setCurrentIndex(index)
        self.area.removeWidget(placeholder)
        placeholder.deleteLater()
        if hasattr(page, "status_message"):
            page.status_message.connect(lambda text: self.status.say(text))
        if key != "clients" and isinstance(getattr(type(page), "open_client", None), Signal):
            page.open_client.connect(self.open_client)  # type: ignore[attr-defined]  # 今日/日历 ask to open a file
        if hasattr(page, "figures_changed"):  # the worklist's figures: the tray and status counts follow
            page.figures_changed.connect(self.notifier.show_figures)
        if hasattr(page, "undo_changed"):
            page.undo_changed.connect(partial(self._offer_undo, page))
        if self.session.vault is not None and page.vault is None:
            page.attach(self.session.vault)

    def _page_list(self, given: dict[str, Page]):
        hint = self.tr("这一部分正在开发中，将在后续版本提供。")
        areas = [
            ("today", self.tr("今日工作清单")),
            ("insights", self.tr("经营洞察")),
            ("clients", self.tr("客户")),
            ("sales", self.tr("商机")),
            ("calendar", self.tr("日历")),
            ("scripts", self.tr("话术")),
            ("plans", self.tr("理财规划")),
            ("events", self.tr("活动")),
            ("service", self.tr("服务")),
            ("exchange", self.tr("导入导出")),
            ("reports", self.tr("工作报告")),
        ]
        for key, title in areas:
            yield key, title, given.get(key) or partial(EmptyStatePage, title, hint)
        yield "settings", self.tr("设置"), self._make_vault_page

    def _make_vault_page(self) -> VaultPage:
        """设置's page (backups, restore, password), built when first shown or asked for (the
        menus' backup and password, a restore): its modules import the engine's side."""
        from rm_desktop.ui.vault.vault_page import VaultPage

        page = VaultPage()
        page.preferences_requested.connect(self.open_settings)
        page.restore_requested.connect(self._restore_from)
        return page

    @property
    def vault_page(self) -> VaultPage:
        return self.pages["settings"]  # type: ignore[return-value]

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.backup_action = self._action(
            file_menu, self.tr("立即备份"), "Ctrl+B", lambda: self.vault_page.backup_now()
        )
        self.lock_action = self._action(file_menu, self.tr("锁定"), "Ctrl+L", self.lock)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("退出"), key_sequences(QKeySequence.StandardKey.Quit, "Ctrl+Q"), self.close)
        client_menu = self.menuBar().addMenu(self.tr("客户(&C)"))
        self.contact_action = self._action(
            client_menu, self.tr("记录往来…"), key_sequences(QKeySequence.StandardKey.New, "Ctrl+N"), self.quick_contact
        )
        self.present_action = self._action(
            client_menu, self.tr("客户在场"), "Ctrl+Shift+H", lambda on: self.privacy.set_client_present(on)
        )
        self.present_action.setCheckable(True)
        self.present_action.setToolTip(self.tr("客户在场时隐藏资产、备注和证件号码"))
        self.privacy.changed.connect(self._privacy_changed)
        toolbar = self.addToolBar(self.tr("工具栏"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(18, 18))
        icons.bind(self.contact_action, "contact")
        icons.bind(self.present_action, "present")
        icons.bind(self.backup_action, "backup")
        icons.bind(self.lock_action, "lock")
        toolbar.addActions([self.contact_action, self.present_action])
        toolbar.addSeparator()  # the client's actions, then the vault's
        toolbar.addActions([self.backup_action, self.lock_action])
        settings_menu = self.menuBar().addMenu(self.tr("设置(&S)"))
        self.settings_action = self._action(
            settings_menu,
            self.tr("首选项…"),
            key_sequences(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
            self.open_settings,
        )
        icons.bind(self.settings_action, "settings")
        self.password_action = self._action(
            settings_menu, self.tr("更改主密码…"), None, lambda: self.vault_page.change_password()
        )
        self.audit_action = self._action(settings_menu, self.tr("审计日志…"), "Ctrl+Shift+U", self.open_audit_log)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        self._action(help_menu, self.tr("关于"), None, lambda: show_about(self, str(self.session.root)))
        self.vault_actions = [
            self.backup_action,
            self.lock_action,
            self.settings_action,
            self.password_action,
            self.audit_action,
            self.contact_action,
            self.present_action,
        ]

    def _action(
        self, menu: QMenu, text: str, shortcut: str | list[QKeySequence] | None, slot: Callable[..., object]
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)  # the first is the one the menu shows
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def open_audit_log(self) -> None:
        if self.session.vault is not None:
            from rm_desktop.ui.audit.audit_dialog import AuditDialog  # built when first asked for

            AuditDialog(self.session.vault, self).exec()

    # -- locking -----------------------------------------------------------------------------
    def start(self) -> None:
        """Open with the keyring key, or wait on the lock screen for the password. When the
        unlock begun early (app.py) has finished by now, its vault (and the shown page's read,
        when it was made with it) is taken here, on this thread: called before show(), the
        window's first paint is then the unlocked area, with no lock screen painted before it:
        the list's first page on the vault opened on the bare driver, the full vault attached
        after that paint (:meth:`_preview_list`)."""
        if self.session.vault is not None or self._opening is not None or self._preview is not None:
            return
        if self._awaiting_early:
            return
        session = self.session
        if session.early_open_pending():
            # Its outcome is taken on this thread once it is there (the lock screen's moving bar
            # meanwhile): a worker waiting for it would load the engine before the list is shown.
            self.unlock_page.set_busy(True)
            self._awaiting_early = True
            QTimer.singleShot(10, self._early_open_settled)
            return
        if not session.early_open_done():
            self._open_vault(lambda: session.open_with_keyring(), from_keyring=True)
            return
        try:
            vault = session.open_with_keyring()  # (nothing to wait for)
        except Exception as exc:  # noqa: BLE001 - as the background unlock's error
            self._open_failed(True, exc)
            return
        shown = self.area.currentWidget()
        early = session.take_early_read(getattr(shown, "unlock_reader", lambda: None)())
        if early is not None and isinstance(vault, DriverVault) and hasattr(shown, "preview"):
            self._preview_list(vault, shown, early)
        elif early is not None and not isinstance(vault, DriverVault):
            self._vault_opened((vault, (shown, early)))
        else:  # the shown page's read was not made with it: in the background, as any unlock's
            self._open_vault(lambda: vault, from_keyring=True)

    def _early_open_settled(self) -> None:
        if self._closing:
            return
        if self.session.early_open_pending():
            QTimer.singleShot(10, self._early_open_settled)
            return
        self._awaiting_early = False
        self.unlock_page.set_busy(False)
        self.start()

    def _preview_list(self, opened: DriverVault, page: Any, first: object) -> None:
        """The list's first page shown on the vault opened on the driver, input held
        (ui/shell/preview.py); after the first paint the full vault is opened in a worker and
        attached with that same page."""
        hold = InputHold(self)
        self._preview = (opened, hold)
        page.preview(opened, first)
        self._show_unlocked_look()

        def open_full(_progress: Callable[[int, int], bool]) -> tuple[vs.Vault, tuple[object, object]]:
            return full_vault(opened, close=False), (page, first)

        def attach() -> None:
            self._preview_paint = None
            self._opening = run_task(
                self,
                self.tr("正在解锁…"),
                open_full,
                self._preview_attached,
                on_error=self._preview_failed,
                modal=False,
                cancellable=False,
            )

        self._preview_paint = AfterFirstPaint(self._work, attach)

    def _preview_attached(self, opened: tuple[vs.Vault, tuple[object, object]]) -> None:
        try:
            self._vault_opened(opened)  # every page attached, the list with the same first page
        finally:
            self._end_preview()

    def _preview_failed(self, exc: Exception) -> None:
        self._end_preview()
        self._show_locked()
        self._open_failed(True, exc)

    def _end_preview(self) -> None:
        """The preview over: input flows again, the driver's connection closed (its key and hold
        are the full vault's now, or were given up); a list still on it is emptied."""
        preview, self._preview = self._preview, None
        if self._preview_paint is not None:
            self._preview_paint.cancel()
            self._preview_paint = None
        if preview is None:
            return
        opened, hold = preview
        hold.release()
        if self.session.vault is None:
            getattr(self.pages["clients"], "end_preview", lambda: None)()
            opened.discard()  # (a full vault opened, then locked as the window closed, let its copy go)
        opened.close_handed_over()

    def _unlock(self, password: str, remember: bool) -> None:
        if self.session.vault is None:
            session = self.session
            self._open_vault(lambda: session.open_with_password(password, remember), from_keyring=False)

    def _open_vault(self, open_vault: Callable[[], Any], *, from_keyring: bool) -> None:
        """Unlock off the UI thread (Argon2id, and a migration with its backup when one is due)
        while the lock screen shows a moving bar; the window stays responsive meanwhile."""
        if self._opening is not None:
            return
        shown = self.area.currentWidget()
        read_first = getattr(shown, "unlock_reader", lambda: None)()  # Qt-free, taken on this thread

        def work(progress: Callable[[int, int], bool]) -> tuple[vs.Vault, object]:
            vault = full_vault(open_vault())  # (the early unlock's may be on the bare driver)
            # The shown page's first read (the client list's first page) here, while the lock
            # screen paints, not on the UI thread before the work area's first paint; or done
            # already, with the early unlock (app.py), while the window was being built.
            early = self.session.take_early_read(read_first)
            if early is None:
                early = read_quietly(read_first, vault)
            if not progress(1, 1):  # the window closed meanwhile: hand no open vault over
                vault.lock()
                raise Cancelled()
            return vault, (shown, early)

        self.unlock_page.set_busy(True)
        self._opening = run_task(
            self,
            self.tr("正在解锁…"),
            work,
            self._vault_opened,
            on_error=partial(self._open_failed, from_keyring),
            modal=False,
            cancellable=False,
        )

    def _vault_opened(self, opened: tuple[vs.Vault, tuple[object, object]]) -> None:
        self._opening = None
        vault, (page, early) = opened
        if self._closing or self.session.vault is not None:
            vault.lock()
            return
        self.unlock_page.set_busy(False)
        if early is not None:
            page.take_unlock_read(vault, early)  # type: ignore[attr-defined]  # its attach uses it
        self.session.adopt(vault)

    def _open_failed(self, from_keyring: bool, exc: Exception) -> None:
        self._opening = None
        root = str(self.session.root)
        if isinstance(exc, Cancelled):
            self.unlock_page.set_busy(False)
        elif from_keyring and isinstance(exc, NeedPassword):
            self.unlock_page.reset(root, exc.keyring_notice or "")
        elif isinstance(exc, (integrity.DatabaseMissing, integrity.DamagedDatabase)):
            if from_keyring:
                self.unlock_page.reset(root)
            self._show_vault_problem(exc)
        elif isinstance(exc, (DamagedHeader, WrongKeyOrDamaged)):
            if from_keyring:
                self.unlock_page.reset(root)
            self.unlock_page.show_error(str(exc), offer_restore=_latest_backup(self.session.root) is not None)
        elif isinstance(exc, vault_lock.VaultBusy) and exc.holder.kind == vault_lock.GUI:
            asked = vault_lock.request_forward(self.session.root)
            more = self.tr("已将该窗口显示在前面。") if asked else ""
            self.unlock_page.show_error(f"{exc} {more}".strip())
        elif isinstance(exc, UserError):  # a wrong password among them
            self.unlock_page.show_error(str(exc))
        else:
            log.error("unlock failed: %s", type(exc).__name__, exc_info=exc)
            self.unlock_page.show_error(self.tr("出现意外错误：{}").format(type(exc).__name__))

    def lock(self) -> None:
        self.session.lock()

    def _on_unlocked(self, vault: vs.Vault) -> None:
        self.unlock_page.password.clear()  # the master password does not stay in the widget while unlocked
        for page in self.pages.built():  # the others attach when built
            page.attach(vault)
        self._show_unlocked_look()
        self.idle.set_minutes(vault.settings.get("idle_lock_minutes"))
        self.idle.start()
        self.clipboard.seconds = vault.settings.get("clipboard_clear_seconds")
        self.clipboard.audit_vault = vault
        self.status.set_notice(vault.notice)
        self._show_demo()
        self._show_policy_problem()
        # The backup at each unlock runs in the background so the window is usable at once, and
        # starts once the work area has painted: its check of every page would otherwise compete
        # with that first paint for the CPU. The drafts are looked for then too: theirs is the
        # vault's first ORM statement on this thread, which configured every mapper before the
        # paint (issue 19.1).
        self._after_paint = AfterFirstPaint(self._work, lambda: self._after_unlock_paint(vault))

    def _show_unlocked_look(self) -> None:
        """The work area, its actions and the state as an unlocked window shows them (already
        while the list is previewed: its first paint is the unlocked window's)."""
        self.stack.setCurrentIndex(1)
        for action in self.vault_actions:
            action.setEnabled(True)
        self.state_label.setText(self.tr("已解锁"))

    def _after_unlock_paint(self, vault: vs.Vault) -> None:
        if self.session.open_vault is not vault:  # locked (or locking) meanwhile
            return
        # The reminder times are a feature area's setting: the first of those imports every
        # area's rules (the lunar calendar's tables among them), which the paint need not wait for.
        self.notifier.start(vault)
        self._backup_at_unlock(vault)  # (its worker configures the mappers first)
        QTimer.singleShot(0, self._offer_drafts)

    def _show_policy_problem(self) -> None:
        """A bad IT policy file runs the app under the strictest rules: said once per process."""
        notice = policy_rules.notice()
        if notice is None or self._policy_told:
            return
        self._policy_told = True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("IT 策略"), notice, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("policy_problem")
        box.open()  # not exec(): the unlock goes on underneath

    def _backup_at_unlock(self, vault: vs.Vault) -> None:
        if self.session.open_vault is not vault:  # locked (or locking) meanwhile: nothing to back up
            return
        run_task(
            self,
            self.tr("正在备份…"),
            lambda _p: _configured_backup(vault),
            lambda _path: self._refresh_vault_page(),
            modal=False,
            on_error=self._backup_failed,
            vault=vault,
        )

    def _refresh_vault_page(self) -> None:
        if self.pages.is_built("settings"):  # (built later, its attach lists the backups)
            self.vault_page.refresh()

    def _offer_drafts(self) -> None:
        """Editors a lock or crash left unsaved offer their drafts back; a restored one is shown.
        Only when there are drafts are the dialogs imported and the pages not built yet made (to
        ask them): most unlocks find none."""
        vault = self.session.open_vault
        from rm_desktop.services.clients import drafts

        if vault is None or not drafts.load_drafts(vault):
            return
        from rm_desktop.ui.clients.contact_dialog import DRAFT_KIND
        from rm_desktop.ui.reminders import appointment_dialog

        pending = drafts.load_drafts(vault, DRAFT_KIND)
        if pending:
            self.status.say(self.tr("有 {} 条未保存的往来记录草稿，已为您打开。").format(len(pending)))
            QTimer.singleShot(0, lambda: self.quick_contact(draft=pending[0]))
        self.pages.build_all()
        for key, page in self.pages.items():
            offer = getattr(page, "offer_drafts", None)
            if self.session.vault is not None and offer is not None and offer():
                self.nav.setCurrentRow(list(self.pages).index(key))
        if self.session.vault is not None:
            appointment_dialog.offer_draft(self.session.vault, self)

    def _offer_undo(self, page: Page, text: str) -> None:
        """A page's last action can be undone (``text`` says what it did), or no longer ("")."""
        self._undo_page = page if text else None
        self.undo_button.setToolTip(self.tr("撤销：{}（Ctrl+Z）").format(text) if text else "")
        self.undo_button.setVisible(bool(text))

    def _switch_area(self, row: int) -> None:
        """Another navigation area: the page left asks about unsaved changes first (Cancel stays)."""
        if row != self.area.currentIndex() and not page_may_leave(self.area.currentWidget()):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.area.currentIndex())
            self.nav.blockSignals(False)
            return
        if 0 <= row < len(self.pages):
            self.pages[list(self.pages)[row]]  # built (and put in its place) on first showing
        self.area.setCurrentIndex(row)

    def quick_contact(self, _checked=False, draft=None) -> None:
        """Ctrl+N: record a contact, for the open client file if there is one."""
        vault = self.session.vault
        if vault is None:
            return
        from rm_desktop.ui.clients.contact_dialog import ContactDialog

        clients_page = self.pages["clients"] if self.pages.is_built("clients") else None  # none open if not
        current_client = getattr(clients_page, "current_client", None)  # (test page factories may leave it out)
        current = current_client() if current_client is not None else None
        dialog = ContactDialog(
            vault,
            self,
            client_id=current.id if current and not draft else None,
            client_label=current.name if current and not draft else "",
            draft=draft,
        )
        file_view = getattr(clients_page, "file", None)
        if dialog.exec() and current is not None and file_view is not None:
            file_view._refresh_after_contact()

    def open_client(self, client_id: int) -> None:
        """From any page (今日, 日历 …): switch to 客户 and open that client's file."""
        page = self.pages.get("clients")
        if page is not None and hasattr(page, "open_client"):
            self.nav.setCurrentRow(list(self.pages).index("clients"))
            if self.area.currentWidget() is page:  # (not when the page left kept the user)
                page.open_client(client_id)

    def _show_today(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.nav.setCurrentRow(list(self.pages).index("today"))

    def _privacy_changed(self, present: bool) -> None:
        self.present_action.setChecked(present)
        self.state_label.setText(self.tr("客户在场") if present else self.tr("已解锁"))

    def _on_locked(self) -> None:
        # Close every dialog first: one could be showing a client's data over the lock screen.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                # A form with a draft saves it first (the vault is still open at this point).
                getattr(widget, "close_for_lock", widget.reject)()
        for page in self.pages.built():
            page.detach()
        self.status.clear()
        self._show_locked()

    def _show_locked(self) -> None:
        self.idle.stop()
        self.clipboard.clear_if_ours()
        self.clipboard.audit_vault = None
        self.privacy.set_client_present(False)
        self.stack.setCurrentIndex(0)
        for action in self.vault_actions:
            action.setEnabled(False)
        self.unlock_page.reset(str(self.session.root))
        self.state_label.setText(self.tr("已锁定"))
        self._show_demo()

    def _show_demo(self) -> None:
        """A demo vault says so in the title and the status bar, with its password, locked or not."""
        password = self.session.demo_password
        if not password:
            return
        self.setWindowTitle(self.tr("客户经理桌面档案 — 演示档案库"))
        self.demo_label.setText(self.tr("演示档案库 · 主密码：{} · 退出后删除").format(password))
        self.demo_label.setVisible(True)
        self.unlock_page.show_demo_password(password)

    # -- restore and settings ----------------------------------------------------------------
    def _backup_failed(self, exc: Exception) -> None:
        # The check before a backup counts found damaged pages: lock, and offer the latest backup.
        if isinstance(exc, integrity.DAMAGED) and self.session.vault is not None:
            self.session.lock()
            self._show_vault_problem(exc)
        else:
            self.status.problem(str(exc), self.tr("备份失败"))

    def _show_vault_problem(self, exc: Exception) -> None:
        latest = _latest_backup(self.session.root)
        if isinstance(exc, integrity.DatabaseMissing):
            self.unlock_page.show_missing_database(latest)
        else:
            self.unlock_page.show_damaged_database(latest)

    def _restore_latest(self) -> None:
        latest = _latest_backup(self.session.root)
        typed = self.unlock_page.password.text() or None
        if latest is None or self.session.vault is not None:
            return
        password = self.vault_page.confirm_restore(
            self.session.root, latest, password=typed, keystore=self.session.keystore
        )
        if password is not None:
            self._restore_from(str(latest), password)

    def _restore_from(self, path: str, password: str = "") -> None:
        if not password and self.session.vault is None:
            password = self.unlock_page.password.text()
        from rm_desktop.services.vault.maintenance import restore

        key = bytes(self.session.vault.key) if self.session.vault is not None else None
        self.session.lock()
        try:
            restore(self.session.root, Path(path), password=password or None, key=key, keystore=self.session.keystore)
        except UserError as exc:
            self.unlock_page.show_error(str(exc))
            return
        self.unlock_page.reset(str(self.session.root), self.tr("已从备份恢复，请解锁。"))
        self.start()

    def open_settings(self) -> None:
        if self.session.vault is None:
            return
        from rm_desktop.ui.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.session.vault, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.idle.set_minutes(self.session.vault.settings.get("idle_lock_minutes"))
            self.idle.start()
            if dialog.language_changed:
                QMessageBox.information(self, self.tr("界面语言"), self.tr("界面语言将在重新启动后生效。"))

    # -- window state (QSettings holds geometry and the page only, never client data) ----------
    def _restore_window_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            clamp_to_screen(self)  # saved on a larger screen, or at a lower display scaling
        else:
            fit_to_screen(self, 1200, 780)
        # The page by its key (areas are added over time; the row is the older setting's fallback).
        keys = list(self.pages)
        saved = remembered_area()
        row = keys.index(saved) if saved in keys else int(str(settings.value("window/page", 0)))  # (ini: text)
        self.nav.setCurrentRow(row if 0 <= row < len(keys) else 0)

    def closeEvent(self, event) -> None:
        if self.session.vault is not None and not all(page_may_leave(page) for page in self.pages.built()):
            event.ignore()  # Cancel on an unsaved editor: the window stays open
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/page", self.nav.currentRow())
        settings.setValue("window/page_key", list(self.pages)[self.nav.currentRow()])
        self._closing = True
        if self._opening is not None:  # an unlock still running: the vault it opens is locked again
            cancel_and_wait([self._opening], quiet=False)
        self._end_preview()  # a preview whose full vault was not opened yet: given up
        self.session.lock()
        self.notifier.shutdown()
        super().closeEvent(event)
