"""Records past retention (issue 18.5): an ended relationship's contacts, plans and complaints
are listed once their own period ran out (the client not yet past its own), counted per client,
and go only on the RM's say-so: one transaction, one audit entry with counts and category codes,
a deletion receipt drawn from it. The IT policy fixes a period."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from rm_desktop.domain.errors import Cancelled, UserError, ValidationError
from rm_desktop.services.audit import reading
from rm_desktop.services.clients import contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.complaints import store as complaints
from rm_desktop.services.plans import store as plans
from rm_desktop.services.privacy import receipt, records
from rm_desktop.services.privacy.retention import LOST, fixed_by_policy, past_retention, retention_days
from rm_desktop.services.worklist.outcomes import lost_reasons, mark_lost
from tests.policy_env import install

TODAY = dt.date(2026, 3, 2)
ENDED = dt.datetime(2024, 1, 10, 9)  # about two years before TODAY


def _with_records(vault, name: str, *, lost_at: dt.datetime | None = ENDED) -> int:
    cid = create_client(vault, {"name": name}, today=dt.date(2020, 1, 1)).id
    for day in ("2021-05-01 10:00", "2022-06-01 10:00"):
        contacts.add_contact(vault, cid, {"at": day, "channel": "phone", "content": f"{name}来电"})
    plans.create_plan(vault, cid, today=dt.date(2021, 1, 1))
    complaints.add_complaint(
        vault, cid, {"channel": "phone", "category": "other", "description": "转账延迟"}, now=dt.datetime(2021, 2, 1)
    )
    if lost_at is not None:
        mark_lost(vault, cid, lost_reasons(vault)[0], now=lost_at)
    return cid


def _count(vault, table: str, cid: int) -> int:
    with vault.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table} WHERE client_id = :c"), {"c": cid}).scalar()


def test_each_category_is_listed_once_its_own_period_ran_out(vault):
    lost = _with_records(vault, "王流失")
    _with_records(vault, "孙在册", lost_at=None)  # the relationship goes on: never listed
    assert records.records_due(vault, TODAY) == []  # five years by default, like the client's
    vault.settings.set("retention_contact_days", 365)
    (due,) = records.records_due(vault, TODAY)
    assert (due.client_id, due.why, due.ended_on, due.counts) == (lost, LOST, ENDED.date(), {"contacts": 2})
    assert due.due_on == {"contacts": dt.date(2025, 1, 9)}
    vault.settings.set("retention_plan_days", 700)
    vault.settings.set("retention_complaint_days", 800)  # 2026-03-20: not yet
    (due,) = records.records_due(vault, TODAY)
    assert due.counts == {"contacts": 2, "plans": 1} and due.rows == 3
    assert records.records_due(vault, dt.date(2026, 3, 20))[0].counts == {"contacts": 2, "plans": 1, "complaints": 1}


def test_a_client_past_its_own_period_is_listed_with_the_clients_not_here(vault):
    lost = _with_records(vault, "王流失")
    vault.settings.set("retention_contact_days", 30)
    vault.settings.set("retention_client_days", 365)
    assert [p.client_id for p in past_retention(vault, TODAY)] == [lost]
    assert records.records_due(vault, TODAY) == []


def test_the_policy_fixes_a_period_and_the_setting_cannot_change_it(vault, monkeypatch, tmp_path):
    _with_records(vault, "王流失")
    vault.settings.set("retention_complaint_days", 36500)
    install(monkeypatch, tmp_path, {"retention": {"complaints": 90, "audit": 400}})
    assert retention_days(vault, "complaints") == 90 and retention_days(vault, "audit") == 400
    assert records.records_due(vault, TODAY)[0].counts == {"complaints": 1}
    with pytest.raises(ValidationError, match="IT"):
        vault.settings.set("retention_complaint_days", 1000)
    assert fixed_by_policy("complaints") and not fixed_by_policy("contacts")


def test_purge_deletes_the_due_records_only_in_one_audited_transaction(vault, tmp_path):
    lost = _with_records(vault, "王流失")
    other = _with_records(vault, "赵流失")
    kept = _with_records(vault, "孙在册", lost_at=None)
    vault.settings.set("retention_contact_days", 365)
    vault.settings.set("retention_plan_days", 365)
    done = records.purge(vault, TODAY, [lost])  # the ticked client only
    assert {k: done[k] for k in ("clients", "rows", "contacts", "plans", "complaints")} == {
        "clients": 1, "rows": 3, "contacts": 2, "plans": 1, "complaints": 0
    }  # fmt: skip
    assert (_count(vault, "contacts", lost), _count(vault, "plans", lost), _count(vault, "complaints", lost)) == (
        0,
        0,
        1,
    )
    assert _count(vault, "contacts", other) == 2 and _count(vault, "contacts", kept) == 2
    (entry,) = reading.entries(vault, action="retention_records_delete")
    assert entry.seq == done["seq"] and entry.object is None
    assert entry.counts == {"clients": 1, "rows": 3, "fields": ["contacts", "plans"]}  # never a name
    with vault.engine.connect() as conn:
        last = conn.execute(text("SELECT last_contact_at FROM clients WHERE id = :c"), {"c": lost}).scalar()
    assert last is None  # the list's 最近联系 no longer names a deleted contact
    assert [r.client_id for r in records.records_due(vault, TODAY)] == [other]
    assert reading.verify(vault).ok
    path = tmp_path / "r.pdf"
    receipt.export_receipt(vault, entry.seq, path)
    page = PdfReader(str(path)).pages[0].extract_text()
    assert "往来记录" in page and "王" not in page


def test_nothing_due_is_refused_and_writes_no_entry(vault):
    _with_records(vault, "王流失")
    with pytest.raises(UserError, match="没有超过保留期限的记录"):
        records.purge(vault, TODAY)
    assert reading.entries(vault, action="retention_records_delete") == []


def test_a_cancelled_purge_deletes_nothing(vault):
    lost = _with_records(vault, "王流失")
    vault.settings.set("retention_contact_days", 365)
    with pytest.raises(Cancelled):
        records.purge(vault, TODAY, progress=lambda done, total: False)
    assert _count(vault, "contacts", lost) == 2
    assert reading.entries(vault, action="retention_records_delete") == []


def test_records_are_never_deleted_by_the_days_housekeeping(vault):
    from rm_desktop.services.privacy import housekeeping

    lost = _with_records(vault, "王流失")
    vault.settings.set("retention_contact_days", 1)
    housekeeping.at_unlock(vault, [], dt.datetime(2026, 3, 2, 9), force=True)
    assert _count(vault, "contacts", lost) == 2
