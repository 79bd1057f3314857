"""The RM's reminders from the vault: what is due (list, calendar) and the .ics export.

The engine (domain/reminders) is pure; this module loads its facts (reminder_facts), its
settings (reminder_settings) and the stored snooze / dismiss / done states, and applies them.
Acting on a reminder (snooze, dismiss, done, log a contact) lives in reminder_actions;
appointments and custom reminders in appointments; the Today page's sections and groups in today.

Look-back: the engine shows a dated event (birthday, maturity, …) for a week after its day.
A reminder snoozed further than that would no longer be computed on its snooze day, so the
window is widened back to the oldest snoozed reminder's own date, and everything else that the
wider window brings in is dropped again (it was not snoozed, so its week is over).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reminders import (
    DEFAULT_LOOKBACK_DAYS,
    KIND_APPOINTMENT,
    KIND_CADENCE,
    KIND_CUSTOM,
    KIND_FESTIVAL,
    KIND_FOLLOW_UP,
    KIND_PLAN_REVIEW,
    KIND_RISK_EXPIRY,
    AppointmentFacts,
    Reminder,
    apply_snoozes,
    compute_reminders,
    occurrences,
)
from rm_desktop.domain.reminders.festivals import festival_reminders
from rm_desktop.domain.reminders.scheduled import appointment_reminders, is_single
from rm_desktop.i18n import t
from rm_desktop.services.batch import gc_paused
from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.reminders.facts import (
    ClientLoader,
    ClientNames,
    Facts,
    States,
    count_tiers,
    load_appointments,
    load_clients,
    load_facts,
    load_states,
    plan_reviews_due,
)
from rm_desktop.services.reminders.settings import load_reminder_settings
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.handle import VaultHandle

MAX_LOOKBACK_DAYS = 400
MAX_WINDOW_DAYS = 3660

KIND_LABELS: dict[str, tuple[str, str]] = {
    "follow_up": ("跟进", "Follow-up"),
    "appointment": ("约见", "Appointment"),
    "maturity": ("产品到期", "Maturity"),
    "risk_expiry": ("风险测评到期", "Risk assessment"),
    "cadence": ("定期联系", "Regular contact"),
    "plan_review": ("规划回顾", "Plan review"),
    "birthday": ("生日", "Birthday"),
    "festival": ("节日", "Festival"),
    "custom": ("自定义提醒", "Custom"),
}


def kind_label(kind: str) -> str:
    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return t(zh, en)


def _carried(reminder: Reminder, singles: frozenset[int] = frozenset()) -> bool:
    """Kinds shown however old until resolved (see the engine's window rules); ``singles``
    are the ids of the non-repeating custom reminders."""
    return (
        reminder.kind in (KIND_CADENCE, KIND_FOLLOW_UP, KIND_PLAN_REVIEW)
        or (reminder.kind == KIND_RISK_EXPIRY and reminder.date == reminder.due)
        or (reminder.kind == KIND_CUSTOM and reminder.ref_id in singles)
    )


def _lookback(states: States, today: dt.date) -> int:
    recent = today - dt.timedelta(days=DEFAULT_LOOKBACK_DAYS)
    oldest = min(
        (states.shown_on[key] for key, until in states.snoozed.items() if until >= recent and key in states.shown_on),
        default=today,
    )
    return min(MAX_LOOKBACK_DAYS, max(DEFAULT_LOOKBACK_DAYS, (today - oldest).days))


def _check_days(days: int) -> None:
    if not 0 <= days <= MAX_WINDOW_DAYS:
        raise UserError(
            t("天数应在 0 到 {} 之间：{}", "days must be between 0 and {}: {}").format(MAX_WINDOW_DAYS, days)
        )


def compute(
    vault: VaultHandle,
    today: dt.date,
    days: int,
    *,
    clients: ClientLoader = load_clients,
    names: Callable[[], ClientNames | None] = lambda: None,
    ordered: bool = True,
    texts: bool = True,
    moved: dict[int, str] | None = None,
) -> tuple[list[Reminder], Facts]:
    """Reminders up to ``today + days`` (overdue ones included), states applied, and the
    facts they came from (the Today page shows appointment details from them). ``clients``
    loads the clients the engine visits (services/reminders/facts.ClientLoader), ``names``
    may then give every live client's name (facts.load_facts);
    ``ordered=False`` leaves the list unsorted (the worklist ranks it its own way), and
    ``texts=False`` the engine's titles unwritten (domain/reminders/engine: the worklist words
    its items itself; ``ordered=False`` with it, since the order reads the titles) and the
    festival greetings' list not counted (their detail then says no number). ``moved`` (with
    ``ordered=False``) collects the snoozed reminders' old sort keys (engine.apply_snoozes)."""
    _check_days(days)
    # A 100k book's window makes tens of thousands of reminders, all alive until returned: the
    # cyclic collector paused meanwhile (services/batch; the worklist nests in the same pause).
    with gc_paused():
        return _compute(vault, today, days, clients, names, ordered, texts, moved)


def _compute(
    vault: VaultHandle,
    today: dt.date,
    days: int,
    clients: ClientLoader,
    names,
    ordered: bool,
    texts: bool,
    moved: dict[int, str] | None,
) -> tuple[list[Reminder], Facts]:
    settings = load_reminder_settings(vault)
    end = today + dt.timedelta(days=days)
    reviews = plan_reviews_due(vault, end)
    with vault.engine.connect() as conn:
        states = load_states(conn)
        lookback = _lookback(states, today)
        start = today - dt.timedelta(days=lookback)
        facts = load_facts(conn, start, end, settings, reviews, clients, names)
        # Only clients that may have a reminder are loaded, so the engine cannot count the
        # greeting list itself: it is counted in SQL and put into the festival reminders'
        # details. Not without texts: the worklist shows no detail (a count of a 100k book).
        greeting = count_tiers(conn, settings.festival_greeting_tiers) if texts else 0
    found = compute_reminders(
        today,
        days,
        facts.clients,
        facts.holdings,
        facts.follow_ups,
        facts.appointments,
        replace(settings, festival_greeting_tiers=frozenset()),
        customs=facts.customs,
        overdue_lookback_days=lookback,
        ordered=ordered,
        texts=texts,
    )
    if settings.festival_greeting_tiers and texts:
        details = {r.key: r.detail for r in festival_reminders(start, end, settings, greeting)}
        found = [replace(r, detail=details.get(r.key, r.detail)) if r.kind == KIND_FESTIVAL else r for r in found]
    if lookback > DEFAULT_LOOKBACK_DAYS:
        shown_from = today - dt.timedelta(days=DEFAULT_LOOKBACK_DAYS)
        singles = frozenset(c.reminder_id for c in facts.customs if is_single(c))
        found = [r for r in found if r.date >= shown_from or r.key in states.snoozed or _carried(r, singles)]
    if states.snoozed or states.hidden:
        found = apply_snoozes(found, states.snoozed, states.hidden, until=end, ordered=ordered, moved=moved)
    return found, facts  # the engine's list is sorted already; apply_snoozes re-sorts


def reminders_for(vault: VaultHandle, today: dt.date, days: int) -> list[Reminder]:
    """What is due from today up to ``today + days``, overdue first, snoozes and dismissals applied."""
    return compute(vault, today, days)[0]


@dataclass(frozen=True)
class TodayAppointment:
    key: str
    appointment_id: int
    start: dt.datetime
    end: dt.datetime
    title: str
    client_id: int | None
    client_name: str
    location: str


def today_appointment(reminder: Reminder, facts: AppointmentFacts) -> TodayAppointment:
    start = dt.datetime.fromisoformat(reminder.key.split(":", 2)[2])  # appointment:<id>:<YYYY-MM-DDTHH:MM>
    return TodayAppointment(
        reminder.key,
        facts.appointment_id,
        start,
        start + dt.timedelta(minutes=facts.duration_minutes),
        facts.title,
        facts.client_id,
        facts.client_name,
        facts.location,
    )


@dataclass
class CalendarView:
    """The calendar's days: the reminders by date, and for each appointment occurrence (by its
    reminder's key) its time span, which the week view's hour grid places."""

    items: list[Reminder] = field(default_factory=list)
    spans: dict[str, TodayAppointment] = field(default_factory=dict)


def calendar_view(vault: VaultHandle, start: dt.date, end: dt.date, today: dt.date) -> CalendarView:
    """Reminders dated within [start, end] for the calendar: the coming ones as on the Today
    page, and for days already past only the appointments that took place (a past day's other
    reminders were either acted on or are carried to today as overdue)."""
    if end < start:
        return CalendarView()
    items: list[Reminder] = []
    by_id: dict[int, AppointmentFacts] = {}
    if end >= today:
        found, facts = compute(vault, today, (end - today).days)
        items = [r for r in found if start <= r.date <= end]
        by_id.update((a.appointment_id, a) for a in facts.appointments)
    if start < today:
        last = min(end, today - dt.timedelta(days=1))
        with vault.engine.connect() as conn:
            appointments = load_appointments(conn, start, last)
        for appointment in appointments:
            items += appointment_reminders(appointment, start, last)
            by_id[appointment.appointment_id] = appointment
    items.sort(key=Reminder.sort_key)
    spans = {
        r.key: today_appointment(r, by_id[r.ref_id]) for r in items if r.kind == KIND_APPOINTMENT and r.ref_id in by_id
    }
    return CalendarView(items, spans)


def calendar_items(vault: VaultHandle, start: dt.date, end: dt.date, today: dt.date) -> list[Reminder]:
    """The reminders of :func:`calendar_view`."""
    return calendar_view(vault, start, end, today).items


def export_calendar(
    vault: VaultHandle,
    path: str | Path,
    start: dt.date,
    end: dt.date,
    privacy: bool = False,
    *,
    today: dt.date | None = None,
    control: ExportControl | None = None,
) -> int:
    """Write an .ics file of the reminders and appointments within [start, end]; the number of
    events. Registered (``control``: its purpose) and marked (X-RM-EXPORT-ID, X-WR-CALDESC)."""
    policy_rules.check_export("ics", vault)
    today = today or dt.date.today()
    if end < start:
        raise UserError(t("结束日期 {} 早于开始日期 {}", "the end date {} is before the start {}").format(end, start))
    target = Path(path)
    if not target.parent.is_dir():
        raise UserError(t("文件夹不存在：{}", "No such folder: {}").format(target.parent))
    reminders = [r for r in reminders_for(vault, today, max(0, (end - today).days)) if start <= r.date <= end]
    with vault.engine.connect() as conn:
        appointments = load_appointments(conn, start, end)
    appointments = [a for a in appointments if _occurs(a, start, end)]
    from rm_desktop.io.ics import export_ics  # icalendar is loaded only when a file is written

    fields = ["date", "title"] if privacy else ["date", "title", "name"]  # 客户在场: no names
    ids = {r.client_id for r in reminders} | {a.client_id for a in appointments}
    named = 0 if privacy else len(ids - {None})
    with export_register.recorded_export(
        vault, "ics", control, "export_ics", fields=fields, clients=named, file=target.name
    ) as mark:
        written = export_ics(
            reminders, appointments, target, privacy, window=(start, end), mark=(mark.visible, mark.hidden)
        )
        mark.counts["rows"] = written
    return written


def _occurs(appointment: AppointmentFacts, start: dt.date, end: dt.date) -> bool:
    try:
        return bool(occurrences(appointment.rrule, appointment.start, start, end, cap=1))
    except UserError:
        return bool(occurrences(None, appointment.start, start, end))
