"""The 服务 page and the complaint dialogs on real widgets (offscreen, fake clock): open and
overdue complaints listed (overdue red), the empty state's hint, receiving one with its errors
beside the fields, the checklist ticking steps with their times, closing with satisfaction."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.complaints import store
from rm_desktop.ui.complaints.complaint_dialog import ComplaintDialog, qt_stamp
from rm_desktop.ui.complaints.complaint_form import CloseComplaintDialog, NewComplaintDialog
from rm_desktop.ui.complaints.complaints_model import RED, Col, ComplaintsModel
from rm_desktop.ui.complaints.complaints_page import ComplaintsPage
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.theme import foreground

T0 = dt.datetime(2026, 3, 1, 9, 0)
LATER = T0 + dt.timedelta(hours=50)
VALUES = {"channel": "phone", "category": "fees", "description": "年费多扣"}


@pytest.fixture
def client(vault):
    return create_client(vault, {"name": "张三"}, today=T0.date()).id


def test_the_page_lists_open_complaints_overdue_in_red(qtbot, attached, vault, client, qtmodeltester):
    late = store.add_complaint(vault, client, VALUES, now=T0).id
    fresh = store.add_complaint(vault, client, {**VALUES, "description": "新的"}, now=LATER - dt.timedelta(hours=1)).id
    done = store.add_complaint(vault, client, {**VALUES, "description": "已解决"}, now=T0).id
    store.close_complaint(vault, done, "已退还", 5, now=T0 + dt.timedelta(hours=2))
    page = attached(ComplaintsPage(Privacy(), clock=lambda: LATER))
    page.load()
    model = page.model
    qtmodeltester.check(model)
    assert [c.id for c in model.rows] == [fresh, late]  # open ones, newest first
    red = foreground(RED)
    assert model.index(1, Col.STATUS).data(Qt.ItemDataRole.ForegroundRole) == red
    assert model.index(1, Col.STATUS).data() == "已逾期"
    assert model.index(0, Col.STATUS).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "逾期 1" in page.counts.text() and "共 3" in page.counts.text()
    page.status.setCurrentIndex(page.status.findData("closed"))
    assert [c.id for c in model.rows] == [done] and "5/5" in model.index(0, Col.STATUS).data()
    page.privacy.set_client_present(True)
    assert model.index(0, Col.CLIENT).data() != "张三"


def test_an_empty_page_says_what_to_do(qtbot, attached, vault):
    page = attached(ComplaintsPage(Privacy(), clock=lambda: LATER))
    page.load()
    assert page.table.isHidden() and not page.empty.isHidden() and "新建" in page.empty.text()
    assert not page.open_button.isEnabled()


def test_receiving_a_complaint_shows_errors_beside_the_field(qtbot, vault, client):
    dialog = NewComplaintDialog(vault, client_id=client, client_label="张三", clock=lambda: T0)
    qtbot.addWidget(dialog)
    form = dialog.form
    form.set_value("channel", "counter")
    form.set_value("category", "waiting")
    dialog._save()
    assert form.errors["description"].isVisibleTo(dialog) and dialog.saved is None
    assert store.list_complaints(vault) == []
    form.set_value("description", "排队一小时")
    form.set_value("received_at", "2026-03-02 10:00")  # after the clock: refused
    dialog._save()
    assert form.errors["received_at"].isVisibleTo(dialog) and dialog.saved is None
    form.set_value("received_at", "2026-03-01 08:30")
    dialog._save()
    assert dialog.saved is not None and dialog.saved.received_at == dt.datetime(2026, 3, 1, 8, 30)
    assert dialog.saved.deadline_at == dt.datetime(2026, 3, 3, 8, 30)


def test_the_checklist_records_steps_with_their_times_and_unticks(qtbot, vault, client):
    made = store.add_complaint(vault, client, VALUES, now=T0)
    dialog = ComplaintDialog(vault, made, clock=lambda: T0 + dt.timedelta(hours=1))
    qtbot.addWidget(dialog)
    assert "回访截止" in dialog.deadline.text()
    dialog.times["calm"].setDateTime(qt_stamp(dt.datetime(2026, 3, 1, 9, 5)))
    dialog.checks["calm"].setChecked(True)
    assert store.get_complaint(vault, made.id).step("calm").done_at == dt.datetime(2026, 3, 1, 9, 5)
    dialog.times["apologise"].setDateTime(qt_stamp(dt.datetime(2026, 3, 1, 8, 0)))  # before receipt
    dialog.checks["apologise"].setChecked(True)
    assert not dialog.checks["apologise"].isChecked() and not dialog.error.isHidden()
    dialog.checks["calm"].setChecked(False)
    assert store.get_complaint(vault, made.id).steps == ()


def test_an_overdue_complaint_is_red_in_its_dialog(qtbot, vault, client):
    made = store.add_complaint(vault, client, VALUES, now=T0)
    dialog = ComplaintDialog(vault, made, clock=lambda: LATER)
    qtbot.addWidget(dialog)
    assert "已逾期" in dialog.deadline.text()


def test_closing_needs_a_satisfaction_from_1_to_5(qtbot, vault, client):
    made = store.add_complaint(vault, client, VALUES, now=T0)
    dialog = CloseComplaintDialog(vault, made, clock=lambda: LATER)
    qtbot.addWidget(dialog)
    dialog.form.set_value("outcome", "退还年费")
    dialog._save()
    assert dialog.form.errors["satisfaction"].isVisibleTo(dialog) and store.get_complaint(vault, made.id).is_open
    dialog.form.set_value("satisfaction", "4")
    dialog._save()
    closed = store.get_complaint(vault, made.id)
    assert (closed.satisfaction, closed.outcome, closed.closed_at) == (4, "退还年费", LATER)


def test_the_model_without_rows(qtmodeltester):
    qtmodeltester.check(ComplaintsModel())


def test_ctrl_shift_n_receives_a_complaint_beside_the_windows_ctrl_n(qtbot, vault, monkeypatch):
    """Ctrl+N stays the window's 记录往来 (two owners of one key: neither would fire)."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMainWindow

    from rm_desktop.ui.complaints import complaints_page

    opened: list[str] = []
    monkeypatch.setattr(complaints_page.NewComplaintDialog, "exec", lambda _self: opened.append("complaint") or 0)
    window = QMainWindow()
    qtbot.addWidget(window)
    contact = QAction("记录往来", window)
    contact.setShortcut(QKeySequence("Ctrl+N"))
    contact.triggered.connect(lambda: opened.append("contact"))
    window.menuBar().addMenu("客户").addAction(contact)
    page = ComplaintsPage(Privacy(), clock=lambda: LATER)
    window.setCentralWidget(page)
    window.show()
    page.attach(vault)
    try:
        with qtbot.waitActive(window):
            window.activateWindow()
        page.new_button.setFocus()
        shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(page.new_button, Qt.Key.Key_N, shift)
        qtbot.keyClick(page.new_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert opened == ["complaint", "contact"]
    finally:
        page.detach()
