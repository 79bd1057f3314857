"""The Today page's reminders: overdue, today and the next days, each section's groups by kind,
and today's appointments apart (services/reminders/compute makes the reminders).

A section's groups are built unordered and each sorts itself when first read
(domain/reminders/groups), so the page's folded groups are never sorted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import cast

from rm_desktop.domain.reminders import KIND_APPOINTMENT, KINDS, Reminder
from rm_desktop.domain.reminders.groups import SortedOnRead, by_kind, merged
from rm_desktop.services.reminders.compute import TodayAppointment, compute, today_appointment
from rm_desktop.storage.handle import VaultHandle

TODAY_AHEAD_DAYS = 7

SECTIONS = ("overdue", "today", "upcoming")
Groups = Sequence[tuple[str, Sequence[Reminder]]]


class TodayView:
    """The Today page: overdue, today and the next days, and today's appointments apart.

    Built either from the three lists (each in the engine's order) or, by :func:`today_view`,
    from each section's groups by kind (domain/reminders/groups: a group sorted when first
    read, so the page sorts only what it shows); a section's list is then merged when asked."""

    def __init__(
        self,
        today: dt.date,
        overdue: Iterable[Reminder] = (),
        due_today: Iterable[Reminder] = (),
        upcoming: Iterable[Reminder] = (),
        appointments: Iterable[TodayAppointment] = (),
        *,
        groups: dict[str, Groups] | None = None,
    ):
        self.today = today
        self.appointments = list(appointments)
        self._groups = groups
        self._lists: dict[str, list[Reminder]] = (
            {}
            if groups is not None
            else dict(zip(SECTIONS, (list(overdue), list(due_today), list(upcoming)), strict=True))
        )

    def _section(self, code: str) -> list[Reminder]:
        if code not in self._lists:
            self._lists[code] = merged(items for _kind, items in (self._groups or {}).get(code, []))
        return self._lists[code]

    @property
    def overdue(self) -> list[Reminder]:
        return self._section("overdue")

    @property
    def due_today(self) -> list[Reminder]:
        return self._section("today")

    @property
    def upcoming(self) -> list[Reminder]:
        return self._section("upcoming")

    def sections(self) -> list[tuple[str, list[Reminder]]]:
        return [(code, self._section(code)) for code in SECTIONS]

    def groups(self) -> list[tuple[str, Groups]]:
        """(section, [(kind, reminders)]) for the sections that have any, as group_by_kind
        makes them; a group built by today_view sorts itself when first read."""
        if self._groups is None:
            return [(code, group_by_kind(items)) for code, items in self.sections() if items]
        return [(code, self._groups[code]) for code in SECTIONS if self._groups.get(code)]

    def _count(self, code: str) -> int:
        if self._groups is None:
            return len(self._lists[code])
        return sum(len(items) for _kind, items in self._groups.get(code, []))

    def counts(self) -> dict[str, int]:
        return {
            "overdue": self._count("overdue"),
            "today": self._count("today"),
            "upcoming": self._count("upcoming"),
            "appointments": len(self.appointments),
        }


def group_by_kind(reminders: list[Reminder]) -> list[tuple[str, list[Reminder]]]:
    """(kind, reminders) in the engine's kind order, empty kinds left out, order kept within."""
    groups: dict[str, list[Reminder]] = {kind: [] for kind in KINDS}
    for reminder in reminders:
        groups.setdefault(reminder.kind, []).append(reminder)
    return [(kind, items) for kind, items in groups.items() if items]


def today_view(vault: VaultHandle, today: dt.date, ahead: int = TODAY_AHEAD_DAYS) -> TodayView:
    # Unordered: each group is sorted when the page first reads it (see TodayView).
    moved: dict[int, str] = {}
    reminders, facts = compute(vault, today, ahead, ordered=False, moved=moved)
    by_id = {a.appointment_id: a for a in facts.appointments}
    sections: dict[str, list[Reminder]] = {code: [] for code in SECTIONS}
    overdue, due_today, upcoming = sections["overdue"].append, sections["today"].append, sections["upcoming"].append
    todays: list[Reminder] = []
    for reminder in reminders:
        # An early notice (a maturity's T-30/T-7/T-1) is shown from its own day but is not
        # today's work nor overdue until its event: it counts as 提前准备, as on the worklist.
        if reminder.date > today or reminder.due > today:
            upcoming(reminder)
        elif reminder.date < today:
            overdue(reminder)
        elif reminder.kind == KIND_APPOINTMENT and reminder.ref_id in by_id:
            todays.append(reminder)
        else:
            due_today(reminder)
    # In the engine's order first, as before: the sort by start keeps it for equal starts.
    # (todays holds only appointments whose ref_id by_id has)
    appointments = [today_appointment(r, by_id[cast(int, r.ref_id)]) for r in SortedOnRead(todays, moved)]
    appointments.sort(key=lambda a: a.start)
    return TodayView(today, appointments=appointments, groups={c: by_kind(rs, moved) for c, rs in sections.items()})
