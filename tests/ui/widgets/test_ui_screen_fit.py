"""Windows fit the screen at 125–150 % scaling (issue 20.11): 150 % on a 1920×1080 screen leaves
~1280×672 logical pixels above the taskbar. Offscreen the screen cannot be resized, so the
helper takes the work area as a parameter and the window classes are checked with its screen
lookup patched to that rectangle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.document import build_document
from rm_desktop.ui.widgets import screen_fit
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.screen_fit import FRAME, clamp_to_screen, fit_to_screen

SMALL = QRect(0, 0, 1280, 672)  # 1920×1080 at 150 %, less a 48 px taskbar
TODAY = dt.date(2024, 5, 6)


@pytest.fixture
def small_screen(monkeypatch):
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget=None: QRect(SMALL))
    return SMALL


def _fits(widget: QWidget, area: QRect = SMALL) -> None:
    """The window as the user sees it, title bar and borders included (offscreen has no frame:
    the frame the helper reserves is added), lies in the work area."""
    frame = widget.frameGeometry()
    outer = QRect(frame.topLeft(), frame.size().expandedTo(widget.size() + FRAME))
    assert outer.width() <= area.width() and outer.height() <= area.height(), (type(widget).__name__, outer)
    if not isinstance(widget, QDialog):  # placed by the helper (Qt places a dialog, over its parent)
        assert area.contains(outer), (type(widget).__name__, outer)


# -- the helper --------------------------------------------------------------------------------
def test_a_window_too_tall_for_the_work_area_is_shrunk_and_centred(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setMinimumSize(960, 640)
    size = fit_to_screen(window, 1200, 780, SMALL)
    assert size.width() == 1200 and size.height() < 780
    assert window.size() == size and window.minimumHeight() <= size.height()
    outer = QRect(window.pos(), size + FRAME)
    assert SMALL.contains(outer)
    assert abs((outer.left() - SMALL.left()) - (SMALL.right() - outer.right())) <= 1  # centred
    assert abs((outer.top() - SMALL.top()) - (SMALL.bottom() - outer.bottom())) <= 1
    window.show()
    _fits(window)


def test_a_window_that_fits_keeps_its_size_and_a_second_screen_is_honoured(qtbot):
    right = QRect(1920, 40, 1280, 672)  # a second monitor, taskbar on top
    window = QWidget()
    qtbot.addWidget(window)
    assert fit_to_screen(window, 640, 420, right) == QSize(640, 420)
    assert right.contains(QRect(window.pos(), window.size() + FRAME))


def test_the_screen_lookup_is_the_default(qtbot, small_screen):
    window = QWidget()
    qtbot.addWidget(window)
    fit_to_screen(window, 2000, 2000)
    _fits(window)


def test_a_restored_geometry_larger_than_the_screen_is_clamped(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.setGeometry(-300, 500, 1900, 1000)  # saved on a larger screen, partly off this one
    clamp_to_screen(window, SMALL)
    _fits(window)
    snug = QWidget()
    qtbot.addWidget(snug)
    snug.setGeometry(100, 80, 800, 500)
    clamp_to_screen(snug, SMALL)
    assert snug.geometry() == QRect(100, 80, 800, 500)  # one that fits is left where it was


# -- every top-level window and dialog ----------------------------------------------------------
def _client(vault) -> int:
    return create_client(vault, {"name": "周敏", "birth_date": "1985-01-20", "risk_grade": "C3"}).id


def _plan(vault) -> int:
    return plans.create_plan(vault, _client(vault), today=TODAY).plan_id


def _main_window(vault, tmp_path) -> QWidget:
    from rm_desktop.app import _feature_pages
    from rm_desktop.ui.shell.main_window import MainWindow
    from rm_desktop.ui.shell.session import VaultSession

    window = MainWindow(VaultSession(tmp_path / "vault"), page_factory=_feature_pages)
    window.session.adopt(vault)  # the work area (the tallest pages) showing, not the lock screen
    return window


def _import(vault, tmp_path) -> QWidget:
    from openpyxl import Workbook

    from rm_desktop.ui.exchange.import_dialog import ImportDialog

    book = Workbook()
    book.active.append(["姓名", "手机号码"])
    book.save(tmp_path / "a.xlsx")
    return ImportDialog(vault, str(tmp_path / "a.xlsx"))


def _print_preview(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.plans.plan_print import PlanPreviewDialog

    return PlanPreviewDialog(build_document(vault, _plan(vault), today=TODAY))


def _compare(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.plans.plan_compare_dialog import PlanCompareDialog

    plan_id = _plan(vault)
    return PlanCompareDialog(vault, plan_id, plans.list_versions(vault, plan_id))


def _bulk(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.scripts.script_bulk_dialog import ScriptBulkDialog

    return ScriptBulkDialog(vault, ClipboardGuard(), today=TODAY)


def _trash(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.clients.trash_dialog import TrashDialog

    return TrashDialog(vault)


def _contact(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.clients.contact_dialog import ContactDialog

    return ContactDialog(vault, client_id=_client(vault), client_label="周敏")


def _holding(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.clients.holding_dialog import HoldingDialog

    return HoldingDialog(vault, _client(vault))


def _relation(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.clients.client_tabs import RelationDialog

    return RelationDialog(vault)


def _appointment(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.reminders.appointment_dialog import AppointmentDialog

    return AppointmentDialog(vault, TODAY)


def _log_contact(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.reminders.reminder_dialogs import LogContactDialog

    return LogContactDialog("周敏", lambda *a: None, dt.datetime(2024, 5, 6, 9, 30))


def _dismiss(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.reminders.reminder_dialogs import DismissDialog

    return DismissDialog("忽略提醒", lambda *a: None)


def _snooze(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.reminders.reminder_dialogs import SnoozeDateDialog

    return SnoozeDateDialog(TODAY)


def _settings(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.settings.settings_dialog import SettingsDialog

    return SettingsDialog(vault)


def _first_run(vault, tmp_path) -> QWidget:
    from rm_desktop.ui.vault.first_run import FirstRunDialog

    return FirstRunDialog(tmp_path / "new-vault")


WINDOWS: dict[str, Callable[[Any, Any], QWidget]] = {
    "main window": _main_window,
    "import": _import,
    "print preview": _print_preview,
    "compare versions": _compare,
    "bulk scripts": _bulk,
    "trash": _trash,
    "contact": _contact,
    "holding": _holding,
    "relation": _relation,
    "appointment": _appointment,
    "log contact": _log_contact,
    "dismiss": _dismiss,
    "snooze": _snooze,
    "settings": _settings,
    "first run": _first_run,
}


@pytest.mark.parametrize("name", list(WINDOWS))
def test_every_window_opens_inside_a_1280x672_work_area(qtbot, small_screen, vault, tmp_path, name):
    window = WINDOWS[name](vault, tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _fits(window)
    if isinstance(window, QDialog):
        window.reject()
    else:
        window.close()


def test_the_main_window_clamps_a_geometry_saved_on_a_larger_screen(qtbot, monkeypatch, vault_dir):
    from rm_desktop.ui.shell.main_window import MainWindow
    from rm_desktop.ui.shell.session import VaultSession

    big = MainWindow(VaultSession(vault_dir))
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 1880, 1020)  # a 1920×1080 screen at 100 %
    QSettings().setValue("window/geometry", big.saveGeometry())
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget=None: QRect(SMALL))
    window = MainWindow(VaultSession(vault_dir))
    qtbot.addWidget(window)
    window.show()
    _fits(window)
    window.close()
