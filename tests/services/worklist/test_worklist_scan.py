"""The worklist reads the whole book once (issue 15/19.4): one statement reads every live
client's columns for the contexts; the reminder engine's clients (exactly those the engine's
own query picks: birthdays, lunar ones, contact due, assessments expiring, plan reviews; the
trash left out) and the flagged ones come from filtered queries beside it, and no statement is
run per client."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from sqlalchemy import event

from rm_desktop.services.clients import contacts
from rm_desktop.services.clients.files import create_client, trash_client
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.services.reminders.facts import load_clients
from rm_desktop.services.reminders.settings import load_reminder_settings
from rm_desktop.services.worklist import build
from rm_desktop.services.worklist.facts import DueWindow, load_book, load_holdings
from rm_desktop.services.worklist.settings import load_churn_settings

TODAY = dt.date(2026, 6, 15)
# A read of every live client: no condition but the trash's.
SCAN = re.compile(
    r"SELECT clients\.id, clients\.name\b.*\sFROM clients\s+WHERE \(\+ clients\.deleted_at\) IS NULL\s*$", re.S
)


def _book(vault) -> list[int]:
    made = [
        create_client(vault, {"name": "生日", "birth_date": "1980-06-14"}, today=TODAY).id,
        create_client(vault, {"name": "农历", "birth_date": "1975-07-20", "lunar_birthday": "是"}, today=TODAY).id,
        create_client(vault, {"name": "远生日", "birth_date": "1990-12-31"}, today=TODAY).id,
        create_client(vault, {"name": "测评", "risk_grade": "C3", "risk_expires_on": "2026-07-01"}, today=TODAY).id,
        create_client(vault, {"name": "富", "aum": "6000000"}, today=TODAY).id,
        create_client(vault, {"name": "规划"}, today=TODAY).id,
    ]
    for cid, days in ((made[4], 3), (made[2], 400)):
        at = dt.datetime.combine(TODAY - dt.timedelta(days=days), dt.time(9))
        contacts.add_contact(vault, cid, {"channel": "phone", "content": "回访", "at": at.isoformat()}, now=at)
    gone = create_client(vault, {"name": "回收站", "birth_date": "1980-06-15"}, today=TODAY).id
    trash_client(vault, gone, now=dt.datetime(2026, 6, 1, 9))
    return made


WINDOWS = [
    (TODAY - dt.timedelta(days=7), TODAY, {0, 3, 5}, {2, 4}),  # (start, until, picked, not picked)
    (dt.date(2026, 12, 25), dt.date(2027, 1, 3), {2, 3, 5}, {0}),  # across New Year's Eve
]


@pytest.mark.parametrize("start, until, picked, left", WINDOWS)
def test_the_book_scan_gives_the_engine_the_clients_its_own_query_picks(vault, start, until, picked, left):
    made = _book(vault)
    settings = load_reminder_settings(vault)
    reviews = {made[5]: until}  # a plan review due: the id list is bound too
    with vault.engine.connect() as conn:
        own = load_clients(conn, start, until, settings, reviews)
        book = load_book(
            conn,
            TODAY,
            current_tiers(vault.settings),
            load_churn_settings(vault),
            DueWindow(start, until, settings, reviews),
        )
    assert sorted(book.due_clients, key=lambda c: c.client_id) == sorted(own, key=lambda c: c.client_id)
    ids = {c.client_id for c in own}
    assert {made[i] for i in picked} <= ids and not {made[i] for i in left} & ids


def _statements(vault) -> list[str]:
    """The SQL one worklist runs (every pooled connection traced)."""
    statements: list[str] = []
    traced = []

    def trace(dbapi_connection, _record, _proxy):
        dbapi_connection.set_trace_callback(statements.append)
        traced.append(dbapi_connection)

    event.listen(vault.engine, "checkout", trace)
    try:
        assert build.build_worklist(vault, TODAY).items
    finally:
        event.remove(vault.engine, "checkout", trace)
        for dbapi_connection in traced:
            dbapi_connection.set_trace_callback(None)
    return statements


def test_a_worklist_reads_the_whole_book_once_whatever_its_size(vault):
    _book(vault)
    few = _statements(vault)
    assert len([s for s in few if SCAN.search(s)]) == 1
    _book(vault)  # twice the clients, twice the items
    assert len(_statements(vault)) == len(few)  # no statement per client or item


def test_the_maturing_holdings_come_in_one_statement_whatever_their_number(vault):
    cid = create_client(vault, {"name": "多产品"}, today=TODAY).id
    rows = [(cid, f"产品{n}", None if n % 5 == 0 else n * 100, f"2026-07-{n % 28 + 1:02d}") for n in range(1, 2001)]
    with vault.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO holdings (client_id, product_type, name, amount, maturity_date, status, row_version) "
            "VALUES (?, 'wealth', ?, ?, ?, 'holding', 1)",
            rows,
        )
        ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM holdings ORDER BY id")]
    with vault.engine.connect() as conn:
        found = load_holdings(conn, ids[::-1] + ids[:3])  # any order, repeats: more ids than one IN list holds
    assert sorted(found) == ids
    first, fifth = found[ids[0]], found[ids[4]]
    assert (first.product, first.amount, first.maturity_date) == ("产品1", Decimal("1.00"), dt.date(2026, 7, 2))
    assert fifth.amount is None


def test_a_contexts_tier_and_last_contact_are_the_stored_ones(vault):
    """The book reads a configured tier as its place among the tiers and the last contact as
    its day (facts._book_columns): each context still gets the stored code, name and day, and a
    code no tier has (a bank's own, or none) comes through as it is."""
    tiers = current_tiers(vault.settings)
    codes = [tier.code for tier in tiers]
    ids = [create_client(vault, {"name": f"客户{k}"}, today=TODAY).id for k in range(len(codes) + 2)]
    stored = [*codes, "bank_own", None]
    with vault.engine.begin() as conn:
        for cid, code in zip(ids, stored, strict=True):
            conn.exec_driver_sql(
                "UPDATE clients SET tier = ?, last_contact_at = ? WHERE id = ?",
                (code, "2026-05-02 09:30:00.000000", cid),
            )
    with vault.engine.connect() as conn:
        book = load_book(conn, TODAY, tiers, load_churn_settings(vault))
    names = {tier.code: tier.name() for tier in tiers}
    for cid, code in zip(ids, stored, strict=True):
        context = book.context(cid)
        assert context is not None
        assert (context.tier_code, context.tier_name) == (code, names.get(code, "") if code else "")
        assert context.last_contact == dt.date(2026, 5, 2)
