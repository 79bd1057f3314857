"""The worklist and the Today page give exactly what they gave before their speed work (issue
19.4): on a seeded random book (demo rows, AUM snapshots for the AUM-drop rule, snoozes,
dismissals, outcomes that kept less, a lost client, custom reminders and appointments) the
JSON of ``build_worklist`` (both languages: the "why" is formatted per language) and every
field of the Today page's reminders equal the golden file written by the code before it.

Regenerate the golden file only on purpose (a rule change, not a speed change):
``RM_WRITE_GOLDEN=1 pytest tests/services/worklist/test_worklist_equivalence.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from rm_desktop.i18n import set_language
from rm_desktop.services.clients import demo
from rm_desktop.services.clients.search_columns import bulk_loading
from rm_desktop.services.reminders import actions as reminder_actions
from rm_desktop.services.reminders import appointments
from rm_desktop.services.reminders.compute import reminders_for
from rm_desktop.services.reminders.today import today_view
from rm_desktop.services.worklist import actions, outcomes
from rm_desktop.services.worklist.build import as_json, build_worklist
from rm_desktop.storage import bulk
from rm_desktop.storage.db import writer

TODAY = dt.date(2026, 3, 2)  # a Monday, Spring festival notices and lunar birthdays nearby
NOW = dt.datetime.combine(TODAY, dt.time(9))
GOLDEN = Path(__file__).with_name("data") / "worklist_golden.json"
CLIENTS = 300


def _book(vault) -> None:
    rows = demo.generate(CLIENTS, seed=19, today=TODAY)
    with writer(vault.engine).begin() as conn, bulk_loading(conn):
        bulk.insert_book(conn, **rows)
        old = (TODAY - dt.timedelta(days=120)).isoformat()
        conn.exec_driver_sql(  # as the benchmark: every seventh client's AUM was half again higher
            'INSERT INTO aum_snapshots (client_id, "on", aum) SELECT id, ?, '
            "CASE WHEN id % 7 = 0 THEN aum * 3 / 2 ELSE aum END FROM clients WHERE aum IS NOT NULL",
            (old,),
        )
        # Some assessments expired (the demo's are all valid): the risk_expired rule and the carried reminder.
        conn.exec_driver_sql(
            "UPDATE clients SET risk_expires_on = date(?, '-' || (id % 40) || ' days') WHERE id % 11 = 0",
            (TODAY.isoformat(),),
        )
    matured = [h for h in vault_holdings(vault) if h[2] < TODAY][:6]
    for n, (hid, _cid, _day, amount) in enumerate(matured[:4]):
        outcomes.record_outcome(vault, hid, amount // 3 if n % 2 else amount, now=NOW - dt.timedelta(days=n))
    outcomes.mark_lost(vault, 5, outcomes.lost_reasons(vault)[0], now=NOW)
    appointments.add_custom_reminder(vault, TODAY - dt.timedelta(days=3), "回访 {重要}", client_id=9)
    appointments.add_custom_reminder(vault, TODAY - dt.timedelta(days=20), "每周复盘", rrule="FREQ=WEEKLY")
    appointments.add_appointment(vault, NOW.replace(hour=14), "面谈", client_id=12, location="网点")
    appointments.add_appointment(vault, NOW + dt.timedelta(days=2), "沙龙", rrule="FREQ=DAILY;COUNT=3")
    keys = [item.key for item in build_worklist(vault, TODAY).items]
    for key in keys[3:9]:
        actions.snooze(vault, key, TODAY + dt.timedelta(days=2), today=TODAY)
    for key in keys[12:16]:
        actions.dismiss(vault, key, "已处理", now=NOW)
    shown = today_view(vault, TODAY).upcoming
    reminder_actions.snooze(vault, shown[0].key, TODAY + dt.timedelta(days=5), today=TODAY)
    reminder_actions.dismiss(vault, shown[1].key, "不需要", now=NOW)


def vault_holdings(vault) -> list[tuple[int, int, dt.date, int]]:
    with vault.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, client_id, maturity_date, amount FROM holdings ORDER BY id").all()
    return [(hid, cid, dt.date.fromisoformat(day[:10]), amount // 100) for hid, cid, day, amount in rows]


def _reminders(found) -> list[list[object]]:
    return [
        [str(r.date), r.kind, r.client_id, r.title, r.detail, r.key, r.severity, str(r.due), r.ref_id, r.client_name]
        for r in found
    ]


def _figures(vault) -> dict[str, object]:
    out: dict[str, object] = {}
    for language in ("zh_CN", "en"):
        set_language(language)
        view = today_view(vault, TODAY)
        out[language] = {
            "worklist": as_json(build_worklist(vault, TODAY)),
            "today": {code: _reminders(items) for code, items in view.sections()},
            "appointments": [[a.key, str(a.start), str(a.end), a.title, a.client_name] for a in view.appointments],
            "next_30_days": _reminders(reminders_for(vault, TODAY, 30)),
        }
    set_language("zh_CN")
    return out


@pytest.fixture
def book(vault):
    _book(vault)
    return vault


def test_worklist_and_today_page_equal_the_output_before_the_speed_work(book):
    got = _figures(book)
    if os.environ.get("RM_WRITE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(
            json.dumps(got, ensure_ascii=False, indent=None, sort_keys=True).replace("], [", "],\n[") + "\n",
            encoding="utf-8",
        )
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = json.loads(json.dumps(got))  # tuples as lists, as read back
    for language in ("zh_CN", "en"):
        mine, theirs = got[language], want[language]
        assert mine["worklist"]["total"] == theirs["worklist"]["total"]
        for index, (a, b) in enumerate(zip(mine["worklist"]["items"], theirs["worklist"]["items"], strict=True)):
            assert a == b, (language, index)
        assert mine == theirs, language


def test_the_golden_book_has_every_kind_of_item(book):
    """The comparison above means something only if the book exercises every rule."""
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))["zh_CN"]
    kinds = {item["kind"] for item in data["worklist"]["items"]}
    assert {"follow_up", "maturity", "maturity_outcome", "churn", "cadence", "birthday", "custom"} <= kinds
    rules = {item.get("rule") for item in data["worklist"]["items"]}
    assert {"aum_drop", "not_kept", "no_contact", "risk_expired"} <= rules
    stages = {item.get("stage") for item in data["worklist"]["items"]}
    assert {"T-30", "T-7", "T-1", "T-0"} & stages
    today = {r[1] for section in data["today"].values() for r in section}
    assert {"birthday", "maturity", "festival", "custom", "cadence", "follow_up", "risk_expiry"} <= today
