"""The appointment dialog's unsaved changes (issue 14.1): closing asks only when the fields differ
from how it opened; a lock keeps a draft without asking, and the unlock offers it back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from rm_desktop.services.clients import drafts
from rm_desktop.storage.models_reminders import Appointment
from rm_desktop.ui.reminders import appointment_dialog
from rm_desktop.ui.reminders.appointment_dialog import DRAFT_KIND, AppointmentDialog

B = QMessageBox.StandardButton
DAY = dt.date(2026, 3, 12)


def _dialog(qtbot, vault, draft=None):
    dialog = AppointmentDialog(vault, DAY, draft=draft)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _titles(vault):
    with vault.sessions() as session:
        return list(session.scalars(select(Appointment.title)))


def test_close_asks_only_with_changes(qtbot, vault, answers):
    queue, asked = answers
    untouched = _dialog(qtbot, vault)
    untouched.title.setText("季度回访")
    untouched.title.setText("")  # typed and removed: nothing changed
    untouched.reject()
    assert not untouched.isVisible() and asked == []
    dialog = _dialog(qtbot, vault)
    dialog.title.setText("季度回访")
    queue.append(B.Cancel)
    dialog.reject()
    assert dialog.isVisible() and asked == ["未保存的修改"]
    queue.append(B.Discard)
    dialog.reject()
    assert not dialog.isVisible() and _titles(vault) == []
    saved = _dialog(qtbot, vault)
    saved.title.setText("季度回访")
    queue.append(B.Save)
    saved.reject()
    assert not saved.isVisible() and _titles(vault) == ["季度回访"]


def test_lock_keeps_a_draft_that_is_offered_back(qtbot, vault, answers):
    queue, asked = answers
    dialog = _dialog(qtbot, vault)
    dialog.title.setText("到期续投面谈")
    dialog.keeper.save()  # what the 3-second autosave does: a crash now would keep it
    (autosaved,) = drafts.load_drafts(vault, DRAFT_KIND)
    dialog.minutes.setValue(90)
    dialog.close_for_lock()
    assert asked == [] and not dialog.isVisible()
    (draft,) = drafts.load_drafts(vault, DRAFT_KIND)
    assert (
        draft.id == autosaved.id
        and draft.payload["title"] == "到期续投面谈"
        and draft.payload["day"] == DAY.isoformat()
    )
    queue.append(B.Yes)
    assert appointment_dialog.offer_draft(vault)
    (restored,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, AppointmentDialog) and w.isVisible()]
    qtbot.addWidget(restored)
    assert restored.title.text() == "到期续投面谈" and restored.minutes.value() == 90
    assert restored.date.date().toPython() == DAY and restored.changes.dirty()
    queue.append(B.Discard)
    restored.reject()
    assert drafts.load_drafts(vault, DRAFT_KIND) == [] and _titles(vault) == []
