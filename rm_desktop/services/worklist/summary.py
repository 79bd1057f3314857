"""The day's figures of a worklist: the one source of every count the 今日 page's header and
summary band, the tray notification and the status bar show, so they always agree.

Each item is counted once, by its due date: overdue (before today), today, ahead (due later:
a maturity's T-30/T-7/T-1 notice is early work, not today's), or a today's appointment (shown
with its time and client). The counts by kind follow the worklist's group order; ``groups``
are the page's own groups (the plan, then the rest by kind), so the band's counts and the
group headers are the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rm_desktop.domain.reminders import KIND_APPOINTMENT
from rm_desktop.domain.worklist import KIND_CHURN, KIND_OUTCOME, Candidate, WorkItem
from rm_desktop.i18n import t
from rm_desktop.services.reminders.compute import kind_label as reminder_kind_label
from rm_desktop.services.worklist.build import KIND_ORDER, Worklist, build_worklist
from rm_desktop.storage.handle import VaultHandle

NAMED_ITEMS = 3  # titles a notification may carry (only where names may be shown)
PLAN = "plan"  # the group of the day's plan (the page's first group)


@dataclass(frozen=True)
class Appointment:
    key: str
    start: dt.datetime | None  # from the item's key (appointment:<id>:<YYYY-MM-DDTHH:MM>)
    client_id: int | None
    client_name: str


@dataclass(frozen=True)
class DayFigures:
    today: dt.date
    total: int = 0
    plan: int = 0
    hard: int = 0
    overdue: int = 0
    due_today: int = 0
    ahead: int = 0
    appointments: tuple[Appointment, ...] = ()
    by_kind: tuple[tuple[str, int], ...] = ()  # every open item by kind (the notification's "其中")
    groups: tuple[tuple[str, int], ...] = ()  # the page's groups: PLAN, then the rest by kind
    done: int = 0
    target: int = 0
    titles: tuple[str, ...] = field(default=(), repr=False)  # client names: see the notifier's rules

    def counts(self) -> dict[str, int]:
        return {
            "total": self.total,
            "plan": self.plan,
            "hard": self.hard,
            "overdue": self.overdue,
            "today": self.due_today,
            "ahead": self.ahead,
            "appointments": len(self.appointments),
            "done": self.done,
            "target": self.target,
        }


def kind_label(kind: str) -> str:
    """A kind's name in the Qt-free layers (the notifier): the reminders' and the worklist's own."""
    own = {
        KIND_CHURN: ("流失预警", "Churn signal"),
        KIND_OUTCOME: ("到期承接", "Maturity outcome"),
        "complaint": ("投诉回访", "Complaint follow-up"),
        "opportunity": ("商机跟进", "Opportunity next step"),
        "playbook_step": ("流程步骤", "Playbook step"),
    }
    if kind in own:
        return t(*own[kind])
    return reminder_kind_label(kind)


def _appointment(c: Candidate) -> Appointment:
    _, _, when = c.key.partition(":")[2].partition(":")
    try:
        start: dt.datetime | None = dt.datetime.fromisoformat(when)
    except ValueError:
        start = None
    client = c.client
    return Appointment(c.key, start, client.client_id if client else None, client.name if client else "")


def _title(item: WorkItem) -> str:
    return f"{item.client_name}：{item.why()}" if item.client_name else item.why()


def figures(worklist: Worklist | None, today: dt.date | None = None) -> DayFigures:
    """The figures of ``worklist`` (an empty day's for None)."""
    if worklist is None:
        return DayFigures(today or dt.date.today())
    day = worklist.today
    overdue = due_today = ahead = hard = 0
    appointments: list[Appointment] = []
    kinds: dict[str, int] = dict.fromkeys(KIND_ORDER, 0)
    for c in worklist.candidates():  # counts need no order: the items are not sorted for them (issue 19.4)
        kind, due = c.kind, c.due
        kinds[kind] = kinds.get(kind, 0) + 1
        hard += c.hard
        if kind == KIND_APPOINTMENT and due == day:
            appointments.append(_appointment(c))
        elif due < day:
            overdue += 1
        elif due == day:
            due_today += 1
        else:
            ahead += 1
    appointments.sort(key=lambda a: (a.start is None, a.start or dt.datetime.min, a.key))
    done, target = worklist.progress()
    titles = [f"{a.start:%H:%M} {a.client_name}".strip() if a.start else a.client_name for a in appointments]
    titles += [_title(item) for item in worklist.plan if item.kind != KIND_APPOINTMENT]
    return DayFigures(
        today=day,
        total=worklist.total,
        plan=len(worklist.plan),
        hard=hard,
        overdue=overdue,
        due_today=due_today,
        ahead=ahead,
        appointments=tuple(appointments),
        by_kind=tuple((kind, count) for kind, count in kinds.items() if count),
        groups=tuple(
            ([(PLAN, len(worklist.plan))] if worklist.plan else [])
            + [(kind, len(items)) for kind, items in worklist.rest_by_kind()]
        ),
        done=done,
        target=target,
        titles=tuple(titles[:NAMED_ITEMS]),
    )


def day_figures(vault: VaultHandle, today: dt.date) -> DayFigures:
    """The figures of the day's worklist (the tray's refresh at unlock and at set times)."""
    return figures(build_worklist(vault, today))
