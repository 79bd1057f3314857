"""New appointment (约见) or all-day reminder for a day, with a client picker and repeat presets.

The dialog stores through services.appointments; a refused field (an empty title, a repeat rule
that cannot occur) is shown in the dialog, which stays open. Closing it with changes asks 保存 /
放弃 / 取消; a lock keeps them as a draft that :func:`offer_draft` brings back after the unlock.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import VaultLocked
from rm_desktop.domain.reminders import PRESETS
from rm_desktop.i18n import t
from rm_desktop.services.reminders import appointments
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.reminders.reminder_dialogs import _SubmitDialog, pydate, qdate
from rm_desktop.ui.widgets.unsaved import DraftKeeper, Snapshot, offer_latest_draft, reject_asking

CUSTOM_RULE = "custom"
DRAFT_KIND = "appointment"


class ClientPicker(QWidget):
    """Type a name, pinyin initials or phone digits; pick from the matches (or no client)."""

    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault: Vault | None = vault
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索客户：姓名、拼音首字母或手机号"))
        self.search.setClearButtonEnabled(True)
        self.matches = QComboBox()
        self.matches.setMinimumContentsLength(12)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.matches, 2)
        self._fill([])

    def _fill(self, rows: list[tuple[int, str]]) -> None:
        self.matches.clear()
        self.matches.addItem(self.tr("不关联客户"), None)
        for cid, label in rows:
            self.matches.addItem(label, cid)
        if rows:
            self.matches.setCurrentIndex(1)

    def refresh(self) -> None:
        text = self.search.text().strip()
        if not text or self.vault is None:
            self._fill([])
            return
        found = search_clients(self.vault, ClientQuery(text=text), 0, 20)
        self._fill([(row.id, f"{row.name}（{row.customer_no}）" if row.customer_no else row.name) for row in found])

    def set_client(self, client_id: int, name: str) -> None:
        self.search.blockSignals(True)
        self.search.setText(name)
        self.search.blockSignals(False)
        self._fill([(client_id, name)])

    def client_id(self) -> int | None:
        return self.matches.currentData()


class AppointmentDialog(_SubmitDialog):
    def __init__(
        self,
        vault: Vault,
        day: dt.date,
        parent: QWidget | None = None,
        draft=None,
        *,
        start_time: dt.time | None = None,  # a slot double-clicked in the week view
    ):
        super().__init__(self.tr("新建约见"), self._save, parent)
        self.vault: Vault | None = vault
        self.setMinimumWidth(480)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("例如：到期理财续投面谈"))
        self.all_day = QCheckBox(self.tr("全天提醒（不定时间）"))
        self.date = QDateEdit(qdate(day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.time = QTimeEdit(QTime(start_time.hour, start_time.minute) if start_time else QTime(10, 0))
        self.time.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox()
        self.minutes.setRange(appointments.MIN_MINUTES, appointments.MAX_MINUTES)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(60)
        self.minutes.setSuffix(self.tr(" 分钟"))
        self.client = ClientPicker(vault)
        self.repeat = QComboBox()
        self.repeat.addItem(self.tr("不重复"), None)
        for code, (_rule, zh, en) in PRESETS.items():
            self.repeat.addItem(t(zh, en), code)
        self.repeat.addItem(self.tr("自定义规则…"), CUSTOM_RULE)
        self.rule = QLineEdit()
        self.rule.setPlaceholderText("FREQ=MONTHLY;BYDAY=-1FR")
        self.rule.setVisible(False)
        self.repeat.currentIndexChanged.connect(
            lambda _i: self.rule.setVisible(self.repeat.currentData() == CUSTOM_RULE)
        )
        self.location = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.notes.setTabChangesFocus(True)
        self.all_day.toggled.connect(self._all_day_toggled)

        self.field_labels = {"title": self.tr("标题"), "duration": self.tr("时长"), "rrule": self.tr("重复")}
        when = QHBoxLayout()
        when.addWidget(self.date)
        when.addWidget(self.time)
        when.addWidget(self.minutes)
        form = QFormLayout()
        form.addRow(self.tr("标题"), self.title)
        form.addRow(self.tr("时间"), when)
        form.addRow("", self.all_day)
        form.addRow(self.tr("客户"), self.client)
        form.addRow(self.tr("重复"), self.repeat)
        form.addRow("", self.rule)
        form.addRow(self.tr("地点"), self.location)
        form.addRow(self.tr("备注"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.title.setFocus()
        self.changes = Snapshot(self.state)
        self.changes.reset()
        self.keeper = DraftKeeper(self, DRAFT_KIND, lambda: self.vault, self.changes.dirty, self.state)
        self.keeper.start(draft.id if draft is not None else None)  # autosaved: a crash loses nothing
        if draft is not None:  # a lock's draft: shown over the empty form, still unsaved
            self.set_state(draft.payload)

    def state(self) -> dict:
        """What the fields hold, as JSON values (the dirty check and the draft)."""
        return {
            "day": pydate(self.date.date()).isoformat(),
            "time": self.time.time().toString("HH:mm"),
            "title": self.title.text(),
            "minutes": self.minutes.value(),
            "client_id": self.client.client_id(),
            "client_label": self.client.matches.currentText() if self.client.client_id() else "",
            "repeat": self.repeat.currentData(),
            "rule": self.rule.text(),
            "location": self.location.text(),
            "notes": self.notes.toPlainText(),
            "all_day": self.all_day.isChecked(),
        }

    def set_state(self, state: dict) -> None:
        try:
            self.date.setDate(qdate(dt.date.fromisoformat(state["day"])))
        except (KeyError, TypeError, ValueError):
            pass  # a draft without a readable day keeps the day the dialog was opened for
        self.time.setTime(QTime.fromString(str(state.get("time", "10:00")), "HH:mm"))
        self.title.setText(str(state.get("title", "")))
        self.minutes.setValue(int(state.get("minutes", 60)))
        if state.get("client_id"):
            self.client.set_client(int(state["client_id"]), str(state.get("client_label", "")))
        self.repeat.setCurrentIndex(max(self.repeat.findData(state.get("repeat")), 0))
        self.rule.setText(str(state.get("rule", "")))
        self.location.setText(str(state.get("location", "")))
        self.notes.setPlainText(str(state.get("notes", "")))
        self.all_day.setChecked(bool(state.get("all_day")))

    def reject(self) -> None:
        reject_asking(self, self.changes.dirty(), self.try_accept, super().reject)

    def close_for_lock(self) -> None:
        """The vault is locking: keep the changes as a draft without asking, then close."""
        self.keeper.save()
        self.keeper.stop()  # the row stays for the next unlock
        super().reject()

    def _all_day_toggled(self, on: bool) -> None:
        for widget in (self.time, self.minutes, self.location):
            widget.setEnabled(not on)

    def rule_text(self) -> str | None:
        code = self.repeat.currentData()
        if code == CUSTOM_RULE:
            return self.rule.text().strip() or None
        return PRESETS[code][0] if code else None

    def payload(self) -> dict:
        day = pydate(self.date.date())
        time = self.time.time()
        return {
            "day": day,
            "start": dt.datetime.combine(day, dt.time(time.hour(), time.minute())),
            "title": self.title.text(),
            "minutes": self.minutes.value(),
            "client_id": self.client.client_id(),
            "rrule": self.rule_text(),
            "location": self.location.text(),
            "notes": self.notes.toPlainText(),
            "all_day": self.all_day.isChecked(),
        }

    def _save(self, values: dict):
        vault = self.vault
        if vault is None:  # done() dropped it: the dialog is closed
            raise VaultLocked()
        if values["all_day"]:
            return appointments.add_custom_reminder(
                vault,
                values["day"],
                values["title"],
                client_id=values["client_id"],
                rrule=values["rrule"],
                note=values["notes"],
            )
        return appointments.add_appointment(
            vault,
            values["start"],
            values["title"],
            duration_minutes=values["minutes"],
            client_id=values["client_id"],
            rrule=values["rrule"],
            location=values["location"],
            notes=values["notes"],
        )

    def done(self, result: int) -> None:
        self.keeper.timer.stop()
        self.keeper.drop()  # saved or discarded: its draft is done with (a lock's stop() kept it)
        self.vault = self.client.vault = None  # drop the vault with the dialog
        super().done(result)


def offer_draft(vault: Vault, parent: QWidget | None = None) -> bool:
    """After an unlock: the latest appointment a lock left unsaved, reopened or discarded as the
    user says (True: reopened; the dialog is open, not yet saved)."""
    draft = offer_latest_draft(
        parent,
        vault,
        DRAFT_KIND,
        QCoreApplication.translate("AppointmentDialog", "未保存的约见"),
        lambda draft: QCoreApplication.translate(
            "AppointmentDialog", "约见“{}”有未保存的修改（{}），已保存为草稿。恢复吗？"
        ).format(draft.payload.get("title", ""), f"{draft.updated_at:%Y-%m-%d %H:%M}"),
    )
    if draft is None:
        return False
    dialog = AppointmentDialog(vault, dt.date.today(), parent, draft=draft)
    dialog.open()  # not exec(): the unlock goes on
    return True
