"""The worklist for a day: every open item scored and ranked (domain/worklist), the day's plan
(the first ``worklist_capacity`` items) and the rest by kind, for the 今日 page and the CLI.

Items come from the reminder engine's due list (services/reminders/compute: snoozes and
dismissals applied; one item per maturing holding), the churn rules and the outcome prompts.
A churn signal supersedes the reminder saying less about the same thing: "no contact for
1.5× the cadence" replaces the client's cadence reminder, "risk assessment expired" the
expired-assessment reminder. Clients marked lost drop out of the worklist but for the promises
made to them (open follow-ups) and fixed meetings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rm_desktop.domain.reminders import KIND_CADENCE, KIND_RISK_EXPIRY, KINDS
from rm_desktop.domain.sales import KIND_OPPORTUNITY
from rm_desktop.domain.service_requests import KIND_COMPLAINT
from rm_desktop.domain.worklist import KIND_CHURN, KIND_OUTCOME, Candidate, Ranking, WorkItem, plan_and_rest
from rm_desktop.domain.worklist import churn as rules
from rm_desktop.domain.worklist.items import HoldingContext, outcome_candidate, reminder_candidates
from rm_desktop.services.batch import gc_paused
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.services.complaints.worklist_items import complaint_candidates
from rm_desktop.services.playbooks import steps as playbook_steps
from rm_desktop.services.reminders import compute as reminders
from rm_desktop.services.sales.worklist_items import next_step_candidates
from rm_desktop.services.worklist import facts
from rm_desktop.services.worklist.settings import load_churn_settings, load_worklist_settings, outcome_days
from rm_desktop.storage.handle import VaultHandle

# The worklist's kinds in the order its groups are shown.
KIND_ORDER = (
    KINDS[0],
    KIND_COMPLAINT,
    KIND_OUTCOME,
    *KINDS[1:3],
    KIND_CHURN,
    KIND_OPPORTUNITY,
    *KINDS[3:],
    playbook_steps.KIND,
)
SCRIPT_CATEGORIES = {  # a suggested 话术 category per kind (domain/scripts categories)
    "follow_up": "follow_up",
    "maturity": "maturity",
    KIND_OUTCOME: "maturity",
    "birthday": "birthday",
    "festival": "festival",
    KIND_CHURN: "follow_up",
    "cadence": "follow_up",
    KIND_COMPLAINT: "complaint",
}
KEPT_FOR_LOST = frozenset({"follow_up", "appointment"})
SUPERSEDED = frozenset({KIND_CADENCE, KIND_RISK_EXPIRY})  # the reminder kinds a churn signal replaces (_churn)
FOLLOW_UP_DAYS = 2  # a churn signal proposes a follow-up within the 48-hour rule


class Worklist:
    """The day's items in rank order, the plan (the first ``capacity``) and the rest by kind.

    Built from a :class:`Ranking` (build_worklist): the plan and the groups are found without
    sorting every item, a group sorts itself when first read, and ``items`` sorts the whole
    list the first time it is asked for (the CLI's JSON); or from a ranked list (tests).
    ``items`` is not changed once built."""

    def __init__(self, today: dt.date, capacity: int, items: list[WorkItem] | Ranking, done_today: int = 0):
        self.today, self.capacity, self.done_today = today, capacity, done_today
        self._ranking = items if isinstance(items, Ranking) else None
        self._items = None if isinstance(items, Ranking) else items
        self._plan: list[WorkItem] | None = None
        # The groups, made once (read by the figures and the page's model; the page makes them
        # in its background job).
        self._groups: list[tuple[str, Sequence[WorkItem]]] | None = None

    @property
    def items(self) -> list[WorkItem]:
        if self._items is None:
            assert self._ranking is not None
            self._items = self._ranking.all()
        return self._items

    @property
    def total(self) -> int:
        return len(self._ranking) if self._ranking is not None else len(self.items)

    def candidates(self) -> list[Candidate]:
        """Every item's candidate, in no particular order (the day's counts)."""
        if self._ranking is not None:
            return self._ranking.candidates()
        return [item.candidate for item in self.items]

    def top(self, count: int) -> list[WorkItem]:
        """The first ``count`` items (the same as ``items[:count]``)."""
        return self._ranking.top(count) if self._ranking is not None else self.items[:count]

    @property
    def plan(self) -> list[WorkItem]:
        if self._plan is None:
            self._plan = self.top(self.capacity)
        return self._plan

    @property
    def rest(self) -> list[WorkItem]:
        return plan_and_rest(self.items, self.capacity)[1]

    def rest_by_kind(self) -> list[tuple[str, Sequence[WorkItem]]]:
        if self._groups is None:
            if self._ranking is not None:
                self._groups = self._ranking.groups(self.capacity, KIND_ORDER)
            else:
                groups: dict[str, list[WorkItem]] = {kind: [] for kind in KIND_ORDER}
                for item in self.rest:  # the candidate's field, not the property: ~64k items at 100k
                    groups.setdefault(item.candidate.kind, []).append(item)
                self._groups = [(kind, items) for kind, items in groups.items() if items]
        return self._groups

    def progress(self) -> tuple[int, int]:
        """(done today, the day's target): the target is the capacity, or more once exceeded."""
        return self.done_today, max(self.capacity, self.done_today)


def script_category(item: WorkItem) -> str | None:
    if item.candidate.rule == "complaint":
        return "complaint"
    return SCRIPT_CATEGORIES.get(item.kind)


def item_dict(item: WorkItem, in_plan: bool, today: dt.date) -> dict[str, Any]:
    c = item.candidate
    data: dict[str, Any] = {
        "key": item.key,
        "kind": item.kind,
        "score": item.score,
        "reason": item.why(),
        "client_id": item.client_id,
        "client": item.client_name,
        "due": item.due.isoformat(),
        "hard": item.hard,
        "plan": in_plan,
        "script_category": script_category(item),
    }
    if c.stage is not None:
        data["stage"] = f"T-{c.stage}"
    if c.rule is not None:
        data["rule"] = c.rule
        data["numbers"] = c.numbers
        data["follow_up"] = (today + dt.timedelta(days=FOLLOW_UP_DAYS)).isoformat()
    return data


def as_json(worklist: Worklist, top: int | None = None) -> dict[str, Any]:
    items = worklist.items if top is None else worklist.top(top)
    done, target = worklist.progress()
    return {
        "date": worklist.today.isoformat(),
        "capacity": worklist.capacity,
        "total": worklist.total,
        "done_today": done,
        "target": target,
        "items": [item_dict(item, index < worklist.capacity, worklist.today) for index, item in enumerate(items)],
    }


@dataclass(frozen=True)
class _Side:
    """The facts that need no book (see :func:`_side_facts`)."""

    lost: frozenset[int]
    states: facts.States
    aum_ago: list[tuple]
    not_kept: list[tuple]
    pending: list[tuple[int, HoldingContext]]


def _side_facts(vault: VaultHandle, today: dt.date, churn_settings, days: int) -> _Side:
    """The facts read apart from the book. Not in a second thread beside the reminder engine:
    tried (issue 19.4), it was slower: the driver takes the GIL back for every row it returns,
    so that thread waited a switch interval per row and the build waited for it."""
    with vault.engine.connect() as conn:
        return _Side(
            facts.load_lost(conn),
            facts.load_states(conn, today),
            facts.load_aum_ago(conn, today, churn_settings),
            facts.load_not_kept(conn, today, churn_settings),
            facts.load_pending_outcomes(conn, today, days),
        )


def _flagged(book: facts.Book, today, churn_settings, lost) -> tuple[list[Candidate], set[str]]:
    """The no-contact and expired-assessment signals, and the reminder keys they supersede
    ("cadence:<client>:…")."""
    found: list[Candidate] = []
    superseded: set[str] = set()
    for cid in book.flagged:
        client = book.context(cid)
        if client is None or cid in lost:
            continue
        quiet = rules.no_contact_signal(client, today, churn_settings)
        if quiet is not None:
            found.append(quiet)
            superseded.add(f"{KIND_CADENCE}:{cid}:")
        expired = rules.risk_expired_signal(client, book.risk_expires_on(cid), today)
        if expired is not None:
            found.append(expired)
            superseded.add(f"{KIND_RISK_EXPIRY}:{cid}:")
    return found, superseded


def _money_signals(conn, today, book: facts.Book, churn_settings, side: _Side) -> list[Candidate]:
    """The AUM-drop, money-not-kept and complaint signals."""
    lost = side.lost
    found: list[Candidate] = []
    for cid, (before_on, before) in facts.aum_drops(side.aum_ago, today, churn_settings, book).items():
        client = book.context(cid)
        if client is not None and cid not in lost:
            signal = rules.aum_drop_signal(client, before_on, before, today, churn_settings)
            found += [signal] if signal is not None else []
    for cid, hid, matured, kept, recorded_on in side.not_kept:
        client = book.context(cid)
        if client is not None and cid not in lost:
            signal = rules.not_kept_signal(client, hid, matured, kept, recorded_on, today, churn_settings)
            found += [signal] if signal is not None else []
    found += complaint_candidates(conn, today, book.context, lost)  # deadline items and open-complaint signals
    return found


def build_worklist(vault: VaultHandle, today: dt.date) -> Worklist:
    """The day's worklist, ranked (see the module notes)."""
    with gc_paused():  # tens of thousands of live objects: see services/batch
        return _build(vault, today)


def _build(vault: VaultHandle, today: dt.date) -> Worklist:
    settings = load_worklist_settings(vault)
    churn_settings = load_churn_settings(vault)
    tiers = current_tiers(vault.settings)
    books: list[facts.Book] = []

    def scan(conn, start, until, reminder_settings, reviews):
        # One scan of the clients for the book and for the reminder engine's clients.
        books.append(
            facts.load_book(
                conn, today, tiers, churn_settings, facts.DueWindow(start, until, reminder_settings, reviews)
            )
        )
        return books[-1].due_clients

    # Ranking orders them and words them (no engine titles); the book names the clients of the
    # holdings and follow-ups (no join)
    due, found = reminders.compute(vault, today, 0, clients=scan, names=lambda: books[-1], ordered=False, texts=False)
    book = books[-1]
    book.due_clients = []  # the engine's now (found.clients), freed with it below
    side = _side_facts(vault, today, churn_settings, outcome_days(vault))
    lost, states, pending = side.lost, side.states, side.pending
    due = [r for r in due if r.date <= today]
    holdings = facts.holding_contexts(found.holdings, {r.ref_id for r in due if r.kind == "maturity" and r.ref_id})
    # The engine's facts and reminders are let go before the signals are made, which then
    # reuse their memory: a 100k book's ~60k reminders and ~56k facts would otherwise stay
    # alive to the end beside them (the page's resident memory, issue 19.4).
    del found
    flagged, superseded = _flagged(book, today, churn_settings, lost)
    # (a key made only for the two kinds a churn signal supersedes: a 100k book has ~60k reminders)
    due = [r for r in due if r.kind not in SUPERSEDED or f"{r.kind}:{r.client_id}:" not in superseded]
    # The book itself looks the clients up: no dict of the ~50k clients with an item at 100k.
    candidates = reminder_candidates(due, today, book, holdings)
    del due, holdings
    candidates += [outcome_candidate(h, book.context(cid), today) for cid, h in pending]
    with vault.engine.connect() as conn:
        candidates += flagged
        candidates += _money_signals(conn, today, book, churn_settings, side)
        candidates += next_step_candidates(conn, today, book.context)  # open opportunities' dated next steps
    candidates += playbook_steps.due_candidates(vault, today, book.context)  # started playbooks' dated steps
    if states.hidden or states.snoozed or lost:  # nothing to drop on most days: no second pass
        candidates = [
            c
            for c in candidates
            if c.key not in states.hidden
            and c.key not in states.snoozed
            and (c.client is None or c.client.client_id not in lost or c.kind in KEPT_FOR_LOST)
        ]
    return Worklist(today, settings.capacity, Ranking(candidates, today, settings), states.done_today)
