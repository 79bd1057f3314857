"""domain/reminders/groups: groups sorted when first read must hold exactly what the full sort
gave (the engine's sort, apply_snoozes' re-sort, then the split by kind), snoozes and ties
between same-named clients included; counting a group must not sort it."""

from __future__ import annotations

import datetime as dt
import random

from rm_desktop.domain.reminders import KINDS, ClientFacts, FollowUpFacts, HoldingFacts, ReminderSettings, engine
from rm_desktop.domain.reminders.groups import SortedOnRead, by_kind, merged
from rm_desktop.domain.reminders.model import Reminder

TODAY = dt.date(2026, 3, 2)
END = TODAY + dt.timedelta(days=7)
SETTINGS = ReminderSettings(cadence_days={"A": 30, "B": 7})


def _book(seed: int):
    rng = random.Random(seed)
    names = ["张三", "张三", "李四", "Zhang", "Zhang San", "王五"]  # repeats: ties in the titles
    clients = [
        ClientFacts(
            cid,
            rng.choice(names),
            rng.choice(["A", "B", None]),
            dt.date(1980, 3, rng.randint(1, 12)) if rng.random() < 0.3 else None,
            False,
            TODAY - dt.timedelta(days=rng.randint(0, 60)) if rng.random() < 0.9 else None,
            None,
            TODAY + dt.timedelta(days=rng.randint(-5, 40)) if rng.random() < 0.2 else None,
        )
        for cid in rng.sample(range(1, 2000), 400)  # not in id order, as a table scan may give
    ]
    holdings = sorted(
        (
            HoldingFacts(
                hid, c.client_id, c.name, rng.choice(["稳享", "定存"]), TODAY + dt.timedelta(rng.randint(-7, 37))
            )
            for hid, c in enumerate(rng.sample(clients, 150), 1)
        ),
        key=lambda h: (h.maturity_date, h.client_id, h.holding_id),
    )
    follow_ups = sorted(
        (
            FollowUpFacts(n, c.client_id, c.name, TODAY + dt.timedelta(rng.randint(-9, 7)), "回访")
            for n, c in enumerate(rng.sample(clients, 120), 1)
        ),
        key=lambda f: (f.due, f.contact_id),
    )
    return rng, clients, holdings, follow_ups


def _section(r: Reminder) -> str:
    return "upcoming" if r.date > TODAY or r.due > TODAY else "overdue" if r.date < TODAY else "today"


def _rows(items) -> list[tuple]:
    return [(r.date, r.kind, r.client_id, r.title, r.key, r.due) for r in items]


def test_groups_sorted_on_read_equal_the_full_sort_with_snoozes():
    for seed in range(6):
        rng, clients, holdings, follow_ups = _book(seed)
        args = (TODAY, 7, clients, holdings, follow_ups, (), SETTINGS)
        made = engine.compute_reminders(*args, ordered=False)
        # Snoozed within the window (ties with the reminders already there), beyond it, dismissed.
        snoozed = {r.key: TODAY + dt.timedelta(rng.randint(1, 9)) for r in rng.sample(made, 80)}
        hidden = {r.key for r in rng.sample(made, 30)}
        full = engine.apply_snoozes(engine.compute_reminders(*args), snoozed, hidden, until=END)
        moved: dict[int, str] = {}
        lazy = engine.apply_snoozes(made, snoozed, hidden, until=END, ordered=False, moved=moved)
        assert moved  # the tie-break under test is in use
        for code in ("overdue", "today", "upcoming"):
            expected = [r for r in full if _section(r) == code]
            groups = by_kind([r for r in lazy if _section(r) == code], moved)
            assert [kind for kind, _items in groups] == [k for k in KINDS if any(r.kind == k for r in expected)]
            for kind, items in groups:
                assert _rows(items) == _rows(r for r in expected if r.kind == kind), (seed, code, kind)
            assert _rows(merged(items for _kind, items in groups)) == _rows(expected)


def test_a_moved_reminder_ties_by_its_old_key_not_by_input_order():
    """Two clients of the same name due the same day once one is snoozed onto the other's:
    the one listed second had the earlier date, so the full sort puts it first."""
    b = ClientFacts(3, "张三", "A", last_contact=TODAY - dt.timedelta(days=27))  # due in 3 days
    a = ClientFacts(5, "张三", "A", last_contact=TODAY - dt.timedelta(days=28))  # due in 2 days
    made = engine.compute_reminders(TODAY, 7, [b, a], settings=SETTINGS, ordered=False)
    snoozed = {f"cadence:5:{TODAY + dt.timedelta(days=2)}": TODAY + dt.timedelta(days=3)}
    full = engine.apply_snoozes(engine.compute_reminders(TODAY, 7, [b, a], settings=SETTINGS), snoozed, ())
    moved: dict[int, str] = {}
    lazy = engine.apply_snoozes(made, snoozed, (), ordered=False, moved=moved)

    def cadence(items) -> list[int | None]:
        return [r.client_id for r in items if r.kind == "cadence"]

    assert cadence(full) == [5, 3]
    assert cadence(SortedOnRead(list(lazy), moved)) == [5, 3]  # (a group sorts the list it is given)
    assert cadence(SortedOnRead(list(lazy))) == [3, 5]  # without the old keys: the other order


def test_counting_a_group_does_not_sort_it(monkeypatch):
    _rng, clients, holdings, follow_ups = _book(1)
    groups = by_kind(engine.compute_reminders(TODAY, 7, clients, holdings, follow_ups, (), SETTINGS, ordered=False))
    calls = []
    original = Reminder.sort_key
    monkeypatch.setattr(Reminder, "sort_key", lambda r: calls.append(1) or original(r))
    assert sum(len(items) for _kind, items in groups) > 100
    assert calls == []
    first = groups[0][1]
    assert first[0] == min(first, key=original)
    assert len(calls) >= len(first)
