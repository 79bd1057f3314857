"""The engine without its texts (``texts=False``, the worklist's call, issue 19.4): the same
reminders, field for field, as with them, but the title and detail of the cadence, follow-up
and maturity reminders, which are left empty; every other kind keeps its words."""

from __future__ import annotations

import datetime as dt
import random

from rm_desktop.domain.reminders import ClientFacts, FollowUpFacts, HoldingFacts, ReminderSettings, compute_reminders

TODAY = dt.date(2026, 12, 2)
BLANKED = {"cadence": ("title", "detail"), "maturity": ("title", "detail"), "follow_up": ("title",)}


def test_texts_off_changes_nothing_but_the_blanked_words():
    rng = random.Random(5)
    clients = [
        ClientFacts(
            c,
            f"客户{c}",
            rng.choice(("basic", "private")),
            birth_date=dt.date(1980, 12, rng.randrange(1, 10)),
            last_contact=None if c % 9 == 0 else TODAY - dt.timedelta(days=rng.randrange(200)),
        )
        for c in range(150)
    ]
    holdings = [
        HoldingFacts(h, h % 150, f"客户{h % 150}", "理财", TODAY + dt.timedelta(days=rng.randrange(-7, 31)), 100)
        for h in range(200)
    ]
    follow_ups = [
        FollowUpFacts(k, k % 150, f"客户{k % 150}", TODAY + dt.timedelta(days=rng.randrange(-5, 2)), "回访")
        for k in range(100)
    ]
    settings = ReminderSettings(cadence_days={"basic": 30, "private": 14})
    args = (TODAY, 7, clients, holdings, follow_ups, (), settings)
    full = compute_reminders(*args, ordered=False)
    bare = compute_reminders(*args, ordered=False, texts=False)
    assert {r.kind for r in full} >= {"cadence", "maturity", "follow_up", "birthday"}
    assert len(full) == len(bare)
    for with_texts, without in zip(full, bare, strict=True):
        blanked = BLANKED.get(with_texts.kind, ())
        for name in ("date", "kind", "client_id", "title", "detail", "key", "severity", "due", "ref_id", "client_name"):
            expected = "" if name in blanked else getattr(with_texts, name)
            assert getattr(without, name) == expected, (with_texts.key, name)
