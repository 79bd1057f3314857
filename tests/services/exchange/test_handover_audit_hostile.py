"""A handover's 审计日志 sheet with rows no vault writes is refused with one line naming the
file, the row and the column, before anything is written; and the handover's counts (every
sheet, the audit log's entries included) agree between the receipt, the 汇总 and the preview."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.events.model import EventFields
from rm_desktop.services.audit import chain, log, received
from rm_desktop.services.clients import contacts, holdings, relationships
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.complaints import store as complaints
from rm_desktop.services.consent.store import set_consent
from rm_desktop.services.events import invites
from rm_desktop.services.events import store as events
from rm_desktop.services.exchange.audit_sheets import AUDIT_SHEET
from rm_desktop.services.exchange.handover import export_handover, preview_handover
from rm_desktop.services.exchange.handover_counts import COUNTED, LABELS
from rm_desktop.services.plans import store as plans
from rm_desktop.services.playbooks import runs
from rm_desktop.services.reminders import appointments
from rm_desktop.services.sales import opportunities
from rm_desktop.services.vault.lifecycle import create_vault
from tests.conftest import FAST_KDF, PASSWORD
from tests.services.exchange.test_handover_audit import SECRET, _cell, _rewritten
from tests.vault_content import vault_content

TODAY = dt.date(2026, 12, 2)
NOW = dt.datetime(2026, 12, 2, 10, 0)
FUND = {"product_type": "fund", "product_name": "稳健债基", "product_code": "B01", "product_risk": "R2",
        "amount": "10万", "source": "转介"}  # fmt: skip


@pytest.fixture
def other_vault(tmp_path):
    made = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    yield made
    made.lock()


def _everything(vault):
    """One row or more on every sheet a handover counts."""
    a = create_client(vault, {"name": "王芳", "customer_no": "C1", "risk_grade": "C3"}, today=TODAY).id
    b = create_client(vault, {"name": "李雷", "customer_no": "C2"}, today=TODAY).id
    for cid in (a, b):
        set_consent(vault, cid, {"marketing": "是", "given_on": "2026-11-01", "channels": "电话,短信"}, now=NOW)
    opportunities.add_opportunity(vault, a, FUND, today=TODAY, referral={"referrer_client_id": b})
    complaints.add_complaint(vault, a, {"channel": "phone", "category": "fees", "description": "年费"}, now=NOW)
    salon = events.add_event(vault, EventFields("12月理财沙龙", NOW + dt.timedelta(days=8), "网点", 20)).id
    invites.invite(vault, salon, [a, b], now=NOW)
    runs.start_playbook(vault, "salon", b, event_id=salon, today=TODAY)
    contacts.add_contact(vault, a, {"at": "2026-11-03 10:00", "channel": "phone", "content": "回访"})
    holdings.add_holding(vault, a, {"product_type": "deposit", "name": "三年期定期存款", "amount": "300000"})
    relationships.add_relationship(vault, a, b, "spouse")
    plans.create_plan(vault, a, today=TODAY)
    appointments.add_appointment(vault, NOW + dt.timedelta(days=1), "季度回访", client_id=a)


def test_the_receipt_the_summary_and_the_preview_count_alike(vault, tmp_path):
    _everything(vault)
    path = tmp_path / "h.xlsx"
    receipt = export_handover(vault, path, SECRET)
    counted = {key: receipt[key] for key, _sheet, _label in COUNTED}
    assert all(counted.values()), counted  # every sheet has something to count
    found = preview_handover(vault, path, SECRET)
    assert {key: int(found.receipt[LABELS[key]]) for key in counted} == counted  # the 汇总 sheet
    assert {key: found.counts()[key] for key in counted} == counted  # the preview


def test_the_counts_follow_the_sheets(vault, tmp_path):
    _everything(vault)
    path = tmp_path / "h.xlsx"
    export_handover(vault, path, SECRET)

    def cut(book):  # one invitation and one audit entry fewer: the 汇总 is left as the sender wrote it
        book["活动邀请"].delete_rows(2)
        book[AUDIT_SHEET].delete_rows(2)

    found = preview_handover(vault, _rewritten(path, tmp_path / "cut.xlsx", cut), SECRET)
    counts = found.counts()
    assert counts["invitations"] == int(found.receipt["活动邀请数"]) - 1
    assert counts["audit_entries"] == int(found.receipt["审计日志条数"]) - 1


def _received_rows(vault):
    with vault.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM audit_received")).scalar()


@pytest.mark.parametrize(
    "header, value, reason",
    [
        ("序号", "abc", "正整数"),
        ("序号", -3, "正整数"),
        ("哈希", "not-a-hash", "十六进制"),
        ("前一哈希", None, "十六进制"),
        ("操作代码", "DROP TABLE", "操作代码"),
        ("计数", "[1, 2]", "JSON 对象"),
        ("计数", "{oops", "JSON"),
        ("计数", '{"file": "13800138000.xlsx"}', "手机号码"),
        ("对象", "client:1 110101199003074514", "证件号码"),
        ("来源库", "../../etc", "保险库标识"),
        ("时间(UTC)", "yesterday", "UTC"),
    ],
)
def test_a_garbage_row_refuses_the_file_naming_row_and_column(vault, other_vault, tmp_path, header, value, reason):
    log.record_now(vault, "search", counts={"rows": 1})
    create_client(vault, {"name": "王芳", "customer_no": "C1"})
    path = tmp_path / "h.xlsx"
    export_handover(vault, path, SECRET)

    def garble(book):
        _cell(book, 1, header).value = value

    bad = _rewritten(path, tmp_path / "bad.xlsx", garble)
    before, held = vault_content(other_vault.paths.root, key=other_vault.key), _received_rows(other_vault)
    with pytest.raises(UserError) as refused:
        preview_handover(other_vault, bad, SECRET)
    message = str(refused.value)
    assert "bad.xlsx" in message and "审计日志" in message and "第 2 行" in message and header in message
    assert reason in message and "\n" not in message
    assert vault_content(other_vault.paths.root, key=other_vault.key) == before and _received_rows(other_vault) == held


def test_a_missing_column_is_refused(vault, other_vault, tmp_path):
    create_client(vault, {"name": "王芳", "customer_no": "C1"})
    path = tmp_path / "h.xlsx"
    export_handover(vault, path, SECRET)

    def drop(book):
        book[AUDIT_SHEET].delete_cols(10)  # 哈希

    with pytest.raises(UserError, match="第 1 行，哈希：缺少这一列"):
        preview_handover(other_vault, _rewritten(path, tmp_path / "bad.xlsx", drop), SECRET)


_GOOD = {
    "chain": "6f1c2b9e-0d4a-4c55-9a1e-3b7f0c2d8e11",
    "seq": 3,
    "at": "2026-12-02T08:00:00.000Z",
    "action": "export_list",
    "object": "client:12 张**",
    "counts": '{"rows":1}',
    "origin": "local",
    "prev_hash": chain.GENESIS,
    "hash": "a" * 64,
}


def test_a_well_formed_row_parses():
    good = {**_GOOD, "counts": '{"anchor":"' + ("13812345678" * 6)[:64] + '","clients":3,"file":"名单.xlsx"}'}
    assert received.parse_entry(good)[0] == _GOOD["chain"]  # an anchor's digits are a hash, not a phone


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(_GOOD)),
    st.one_of(st.none(), st.integers(), st.floats(), st.booleans(), st.text(max_size=300), st.binary(max_size=20)),
)
def test_any_cell_parses_or_is_refused_naming_its_field(key, value):
    try:
        received.parse_entry({**_GOOD, key: value})
    except ValidationError as exc:
        assert exc.field == key
