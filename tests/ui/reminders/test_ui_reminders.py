"""The Today and calendar pages and the notifier, driven through real widgets offscreen."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QThreadPool

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reminders import Reminder
from rm_desktop.domain.reminders.groups import by_kind
from rm_desktop.services.clients import contacts, holdings
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.reminders import appointments
from rm_desktop.services.reminders import compute as reminders
from rm_desktop.services.reminders.compute import CalendarView, TodayAppointment
from rm_desktop.services.reminders.today import TodayView, today_view
from rm_desktop.ui.reminders import calendar_page as calendar_module
from rm_desktop.ui.reminders import today_page as today_module
from rm_desktop.ui.reminders.appointment_dialog import AppointmentDialog
from rm_desktop.ui.reminders.calendar_page import CalendarPage
from rm_desktop.ui.reminders.day_agenda import DayAgendaModel
from rm_desktop.ui.reminders.notifier import ReminderNotifier
from rm_desktop.ui.reminders.reminder_dialogs import DismissDialog, LogContactDialog
from rm_desktop.ui.reminders.reminder_lists import AppointmentListModel
from rm_desktop.ui.reminders.reminder_style import REMINDER_ROLE
from rm_desktop.ui.reminders.today_page import TodayPage
from rm_desktop.ui.reminders.today_tree import TodayTreeModel
from rm_desktop.ui.widgets.privacy import Privacy

TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def book(vault):
    """A cadence overdue client, a birthday this week, a maturity today and an appointment."""
    ids = {}
    ids["zhang"] = create_client(vault, {"name": "张三", "aum": "300000"}, today=TODAY).id
    contacts.add_contact(
        vault, ids["zhang"], {"channel": "phone", "content": "回访", "at": "2026-01-20T10:00"}, now=NOW
    )
    ids["wang"] = create_client(vault, {"name": "王小明", "birth_date": "1980-03-04"}, today=TODAY).id
    ids["li"] = create_client(vault, {"name": "李四"}, today=TODAY).id
    holdings.add_holding(
        vault, ids["li"], {"product_type": "wealth", "name": "稳享理财", "maturity_date": "2026-03-09"}
    )
    appointments.add_appointment(
        vault, dt.datetime(2026, 3, 2, 14, 0), "资产配置面谈", client_id=ids["wang"], location="网点二楼"
    )
    return ids


def _sample_view() -> TodayView:
    def r(day, kind, cid, name, severity="normal"):
        return Reminder(
            day, kind, cid, f"{name} {kind}", "detail", f"{kind}:{cid}:{day}", severity, day, client_name=name
        )

    return TodayView(
        TODAY,
        overdue=[
            r(dt.date(2026, 2, 20), "cadence", 1, "张三", "overdue"),
            r(dt.date(2026, 2, 27), "follow_up", 2, "李四", "overdue"),
        ],
        due_today=[r(TODAY, "birthday", 3, "王五", "warning")],
        upcoming=[r(dt.date(2026, 3, 5), "birthday", 4, "赵六"), r(dt.date(2026, 3, 6), "maturity", 5, "钱七")],
        appointments=[TodayAppointment("appointment:1:2026-03-02T14:00", 1, NOW, NOW, "面谈", 3, "王五", "")],
    )


def test_models_pass_the_model_tester(qapp, qtmodeltester):
    privacy = Privacy()
    view = _sample_view()
    tree = TodayTreeModel(privacy)
    tree.set_view(view)
    qtmodeltester.check(tree)
    assert tree.rowCount() == 3 and tree.total() == 5
    listed = AppointmentListModel(privacy)
    listed.set_rows(view.appointments)
    qtmodeltester.check(listed)
    day = DayAgendaModel(privacy)
    day.set_rows(view.overdue + view.due_today + view.upcoming)
    qtmodeltester.check(day)
    assert day.kinds() == [("follow_up", 1), ("maturity", 1), ("cadence", 1), ("birthday", 2)]
    privacy.set_client_present(True)
    assert "王五" not in listed.data(listed.index(0)) and "W.W." in listed.data(listed.index(0))
    qtmodeltester.check(tree)


def test_the_tree_of_groups_sorted_on_read_passes_the_model_tester(qapp, qtmodeltester):
    """today_view's TodayView (groups sorted when first read) in the tree: the same rows, in
    the same order, as the view built from the sorted lists."""

    def r(day, kind, cid, name):
        return Reminder(day, kind, cid, f"{name} {kind}", "", f"{kind}:{cid}:{day}", "overdue", day, client_name=name)

    days = [dt.date(2026, 2, d) for d in (20, 9, 27, 9)]
    made = [
        r(day, kind, n, name)
        for n, (day, kind, name) in enumerate(
            [
                (days[0], "cadence", "张三"),
                (days[1], "cadence", "李四"),
                (days[2], "follow_up", "王五"),
                (days[3], "cadence", "赵六"),
                (days[1], "follow_up", "钱七"),
                (days[0], "cadence", "孙八"),
            ]
        )
    ]
    ordered = sorted(made, key=Reminder.sort_key)
    sample = TodayView(TODAY, overdue=ordered)
    lazy = TodayView(TODAY, groups={"overdue": by_kind(list(reversed(made)))})
    privacy = Privacy()
    trees = [TodayTreeModel(privacy), TodayTreeModel(privacy)]
    trees[0].set_view(sample)
    trees[1].set_view(lazy)
    qtmodeltester.check(trees[1])

    def shown(tree) -> list[tuple[str, str]]:
        section = tree.index(0, 0)
        groups = [tree.index(g, 0, section) for g in range(tree.rowCount(section))]
        return [(g.data(), tree.reminder(tree.index(i, 0, g)).key) for g in groups for i in range(tree.rowCount(g))]

    assert shown(trees[1]) == shown(trees[0])
    assert [key for _g, key in shown(trees[1])][:2] == ["follow_up:4:2026-02-09", "follow_up:2:2026-02-27"]
    assert lazy.counts() == sample.counts()
    assert [x.key for x in lazy.overdue] == [x.key for x in ordered]


def _page(qtbot, vault, privacy=None):
    page = TodayPage(privacy or Privacy(), clock=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.attach(vault)
    return page


def _select(page, predicate) -> Reminder:
    model = page.model
    for s in range(model.rowCount()):
        section = model.index(s, 0)
        for g in range(model.rowCount(section)):
            group = model.index(g, 0, section)
            for row in range(model.rowCount(group)):
                index = model.index(row, 0, group)
                reminder = index.data(REMINDER_ROLE)
                if predicate(reminder):
                    page.tree.expand(group)
                    page.tree.setCurrentIndex(index)
                    return reminder
    raise AssertionError("no such reminder on the page")


def _all(page) -> list[Reminder]:
    view = page.view
    return view.overdue + view.due_today + view.upcoming


def test_today_page_shows_sections_and_appointments(qtbot, vault, book):
    page = _page(qtbot, vault)
    # The maturity's T-7 notice is shown from today, but the money matures in a week: it sits
    # under 提前准备, not 今天 (nothing else is due today in this book).
    assert page.model.section_codes() == ["overdue", "upcoming"]
    assert "maturity" in [r.kind for r in page.view.upcoming] and page.view.due_today == []
    assert [a.title for a in page.view.appointments] == ["资产配置面谈"]
    assert "14:00" in page.appointments.data(page.appointments.index(0))
    assert not page.empty.isVisible() and "逾期" in page.summary.text()


def test_open_client_with_enter(qtbot, vault, book):
    page = _page(qtbot, vault)
    _select(page, lambda r: r.kind == "birthday")
    page.tree.setFocus()
    with qtbot.waitSignal(page.open_client) as opened:
        qtbot.keyClick(page.tree, Qt.Key_Return)
    assert opened.args == [book["wang"]]


def test_log_contact_resets_the_cadence(qtbot, vault, book, monkeypatch):
    page = _page(qtbot, vault)
    cadence = _select(page, lambda r: r.kind == "cadence")
    assert cadence.severity == "overdue"

    def fill_and_accept(dialog):
        dialog.channel.setCurrentIndex(dialog.channel.findData("wechat"))
        dialog.content.setPlainText("微信问候，约下周面谈")
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(LogContactDialog, "exec", fill_and_accept)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.tree, Qt.Key_R, Qt.ControlModifier)  # the keyboard path
    assert all(r.kind != "cadence" for r in _all(page))
    assert contacts.list_contacts(vault, book["zhang"])[0].content == "微信问候，约下周面谈"
    assert page.status.text() == "已记录联系。"


def test_log_contact_dialog_keeps_input_on_error(qtbot, vault, book, monkeypatch):
    page = _page(qtbot, vault)
    _select(page, lambda r: r.kind == "cadence")
    seen = {}

    def submit_empty(dialog):
        dialog.try_accept()  # no content typed
        seen["error"] = dialog.error.text()
        return dialog.result()

    monkeypatch.setattr(LogContactDialog, "exec", submit_empty)
    page.log_contact()
    assert "内容" in seen["error"]
    assert any(r.kind == "cadence" for r in _all(page))


def test_snooze_moves_the_reminder(qtbot, vault, book):
    page = _page(qtbot, vault)
    birthday = _select(page, lambda r: r.kind == "birthday")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.snooze_menu.actions()[2].trigger()  # one week
    moved = [r for r in reminders.reminders_for(vault, TODAY, 14) if r.key == birthday.key]
    assert [r.date for r in moved] == [TODAY + dt.timedelta(days=7)]
    # A week on is still within the page's seven days: shown on its new date.
    assert [r.date for r in _all(page) if r.key == birthday.key] == [TODAY + dt.timedelta(days=7)]


def test_dismiss_with_a_reason(qtbot, vault, book, monkeypatch):
    page = _page(qtbot, vault)
    maturity = _select(page, lambda r: r.kind == "maturity")

    def give_reason(dialog):
        dialog.reason.setEditText("客户已提前赎回")
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(DismissDialog, "exec", give_reason)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.tree, Qt.Key_Delete)
    assert maturity.key not in [r.key for r in _all(page)]
    assert maturity.key not in [r.key for r in reminders.reminders_for(vault, TODAY, 7)]


def test_empty_book_shows_a_hint_and_lock_clears(qtbot, vault):
    page = _page(qtbot, vault)
    festival_only = all(r.kind == "festival" for r in _all(page))
    assert festival_only
    page.detach()
    assert page.model.rowCount() == 0 and page.appointments.rowCount() == 0 and page.vault is None


def _calendar(qtbot, vault):
    page = CalendarPage(Privacy(), clock=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.attach(vault)
    return page


def test_calendar_creates_an_appointment_from_a_day(qtbot, vault, book, monkeypatch):
    page = _calendar(qtbot, vault)
    day = dt.date(2026, 3, 12)
    page.calendar.setSelectedDate(page.calendar.selectedDate().addDays(10))
    assert page.selected_day() == day and page.agenda.rowCount() == 0 and page.empty_day.isVisible()

    def fill(dialog):
        assert dialog.date.date().day() == 12
        dialog.title.setText("季度回访")
        dialog.repeat.setCurrentIndex(dialog.repeat.findData("monthly"))
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(AppointmentDialog, "exec", fill)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.new_button, Qt.LeftButton)
    assert page.agenda.kinds() == [("appointment", 1)]
    assert page.agenda.reminder(page.agenda.index(0, 0, page.agenda.index(0, 0))).title == "10:00 季度回访"
    assert page.calendar.counts[day][0] == 1
    page.kind.setCurrentIndex(page.kind.findData("birthday"))
    assert page.agenda.rowCount() == 0 and day not in page.calendar.counts
    page.kind.setCurrentIndex(0)
    page.views.setCurrentIndex(1)
    [(_rect, block)] = page.week.grid.blocks()
    assert block.day == 3 and block.reminder.title == "10:00 季度回访"  # Thursday 12 March


def test_appointment_dialog_shows_an_impossible_rule(qtbot, vault):
    dialog = AppointmentDialog(vault, TODAY)
    qtbot.addWidget(dialog)
    dialog.title.setText("x")
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("custom"))
    dialog.rule.setText("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30,31")
    dialog.try_accept()
    assert dialog.result() == 0 and "重复" in dialog.error.text() and "不存在" in dialog.error.text()


BOOK_NAMES = ("张三", "王小明", "李四")


def test_notifier_says_counts_only_by_default(qtbot, vault, book):
    """Windows keeps notifications after the lock: without the opt-in they name nobody."""
    assert vault.settings.get("reminder_notify_names") is False
    notifier = ReminderNotifier(Privacy(), clock=lambda: NOW, startup_delay_ms=0)
    with qtbot.waitSignal(notifier.notified, timeout=10_000) as shown:
        notifier.start(vault)
    title, body = shown.args
    assert "约见 1" in body and "定期联系 1" in body  # counts, and counts by kind
    assert not any(name in title + body for name in BOOK_NAMES), body
    assert "资产配置面谈" not in body and notifier.summary.titles == []  # no item's title either, none kept
    notifier.shutdown()


def test_notifier_shows_counts_only_with_a_client_present_or_locked(qtbot, vault, book):
    vault.settings.set("reminder_notify_names", True)  # the opt-in (设置)
    privacy = Privacy()
    notifier = ReminderNotifier(privacy, clock=lambda: NOW, startup_delay_ms=0)  # not 5 s after unlock
    with qtbot.waitSignal(notifier.notified, timeout=10_000) as shown:
        notifier.start(vault)
    title, body = shown.args
    assert title == "今日提醒" and "约见 1" in body and "王小明" in body
    privacy.set_client_present(True)
    with qtbot.waitSignal(notifier.notified) as shown:
        notifier.notify()
    assert "约见 1" in shown.args[1] and not any(name in shown.args[1] for name in BOOK_NAMES)
    privacy.set_client_present(False)
    notifier.stop()
    with qtbot.waitSignal(notifier.notified) as shown:
        notifier.notify()
    assert "解锁后查看" in shown.args[1] and "王小明" not in shown.args[1]
    assert notifier.summary.titles == []
    notifier.shutdown()


def test_notifier_fires_at_set_times(qtbot, vault, book):
    clock = {"now": dt.datetime(2026, 3, 2, 8, 0)}
    notifier = ReminderNotifier(Privacy(), clock=lambda: clock["now"], startup_delay_ms=0)
    with qtbot.waitSignal(notifier.notified, timeout=10_000):
        notifier.start(vault)
    assert notifier.times == (dt.time(9, 0), dt.time(14, 0))
    clock["now"] = dt.datetime(2026, 3, 2, 9, 1)
    with qtbot.waitSignal(notifier.notified, timeout=10_000):
        notifier.tick()
    with qtbot.assertNotEmitted(notifier.notified, wait=100):
        notifier.tick()  # 09:00 has fired today
    notifier.stop()
    clock["now"] = dt.datetime(2026, 3, 2, 14, 0)
    with qtbot.waitSignal(notifier.notified) as shown:
        notifier.tick()  # locked: counts only, straight away
    assert "解锁后查看" in shown.args[1]
    notifier.shutdown()


# -- loaded when shown (ui.widgets.pages.Page.load_on_show) ---------------------------------------
def test_pages_load_when_shown_and_today_again_at_each_showing(qtbot, vault, book):
    today, calendar = TodayPage(Privacy(), clock=lambda: NOW), CalendarPage(Privacy(), clock=lambda: NOW)
    for page in (today, calendar):
        qtbot.addWidget(page)
        page.attach(vault)  # hidden, as at start-up on another page: nothing computed yet
        assert page.status.text() == ""
    for page in (today, calendar):
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            page.show()
    assert any(r.kind == "cadence" for r in _all(today)) and calendar.items
    for page in (today, calendar):
        page.hide()
    contacts.add_contact(
        vault, book["zhang"], {"channel": "phone", "content": "电话", "at": "2026-03-02T08:30"}, now=NOW
    )
    with qtbot.waitSignal(today.loaded, timeout=10_000):
        today.show()  # contacts logged on other pages, or a new day: recomputed
    assert not any(r.kind == "cadence" for r in _all(today))
    calendar.show()  # the calendar loads once; then on changing month and after its own actions
    assert calendar.status.text() == ""


# -- a late result of an older load is ignored (the stale-result guard of ui.widgets.pages.Page) ---
@pytest.fixture
def pool():
    pool = QThreadPool.globalInstance()
    before = pool.maxThreadCount()
    pool.setMaxThreadCount(max(before, 2))  # the held job must not keep the next one waiting
    yield pool
    pool.setMaxThreadCount(before)


class Held:
    """Stands in for ``real``: the first call waits for :meth:`release` and then returns ``stale``
    (or raises it), later calls run ``real``. A computation that starts first and ends last."""

    def __init__(self, real, stale):
        self.real, self.stale = real, stale
        self.entered, self.released = threading.Event(), threading.Event()

    def __call__(self, *args):
        if self.entered.is_set():
            return self.real(*args)
        self.entered.set()
        self.released.wait(5)
        if isinstance(self.stale, Exception):
            raise self.stale
        return self.stale

    def started(self) -> bool:
        return self.entered.wait(5)

    def release(self, pool) -> None:
        self.released.set()
        assert pool.waitForDone(5000)  # the held job has returned and queued its outcome …
        QCoreApplication.processEvents()  # … which the page receives now


LATE = [pytest.param("result", id="late-result"), pytest.param("error", id="late-error")]


@pytest.mark.parametrize("late", LATE)
def test_today_page_shows_the_newest_reload_when_an_older_one_ends_last(qtbot, vault, book, monkeypatch, pool, late):
    page = _page(qtbot, vault)
    stale = _sample_view() if late == "result" else UserError("旧的计算失败")
    held = Held(today_module.today_view, stale)
    monkeypatch.setattr(today_module, "today_view", held)
    page.reload()
    assert held.started()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.reload()
    newest, shown = page.view, page.model.total()
    assert newest is not stale and page.status.text() == ""
    held.release(pool)
    assert page.view is newest and page.model.total() == shown and page.status.text() == ""


def test_today_page_drops_a_result_arriving_after_detach(qtbot, vault, book, monkeypatch, pool):
    page = _page(qtbot, vault)
    held = Held(today_module.today_view, _sample_view())
    monkeypatch.setattr(today_module, "today_view", held)
    page.reload()
    assert held.started()
    page.detach()  # the lock: nothing computed for the vault may appear afterwards
    held.release(pool)
    assert page.view is None and page.model.rowCount() == 0 and page.summary.text() == ""


@pytest.mark.parametrize("late", LATE)
def test_calendar_shows_the_newest_reload_when_an_older_one_ends_last(qtbot, vault, book, monkeypatch, pool, late):
    page = _calendar(qtbot, vault)
    stale = _sample_view().upcoming if late == "result" else UserError("旧的计算失败")
    stale = CalendarView(stale) if isinstance(stale, list) else stale
    held = Held(calendar_module.calendar_view, stale)
    monkeypatch.setattr(calendar_module, "calendar_view", held)
    page.reload()
    assert held.started()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.reload()
    newest, counts = page.data, dict(page.calendar.counts)
    assert newest is not stale and counts and page.status.text() == ""
    held.release(pool)
    assert page.data is newest and page.calendar.counts == counts and page.status.text() == ""


def test_calendar_drops_a_result_arriving_after_detach(qtbot, vault, book, monkeypatch, pool):
    page = _calendar(qtbot, vault)
    held = Held(calendar_module.calendar_view, CalendarView(_sample_view().upcoming))
    monkeypatch.setattr(calendar_module, "calendar_view", held)
    page.reload()
    assert held.started()
    page.detach()
    held.release(pool)
    assert page.items == [] and page.calendar.counts == {} and page.agenda.rowCount() == 0


def test_notifier_says_nothing_of_a_refresh_that_ends_after_the_lock(qtbot, vault, book, pool):
    held = Held(today_view, _sample_view())
    notifier = ReminderNotifier(Privacy(), clock=lambda: NOW, compute=held, startup_delay_ms=0)
    notifier.start(vault)
    qtbot.waitUntil(held.entered.is_set, timeout=5000)  # the refresh at unlock is under way
    notifier.stop()
    with qtbot.assertNotEmitted(notifier.notified):
        held.release(pool)
    assert notifier.summary is None
    notifier.shutdown()
