"""The merge preview by name (services/exchange/merge_plan): new / matching / conflicting clients
with their differing fields, and exactly what the merge or update then does to the vault."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from rm_desktop.domain.errors import Cancelled
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.exporting import export_archive
from rm_desktop.services.exchange.handover import export_handover, merge_handover, preview_handover
from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.exchange.matching import WRITTEN
from rm_desktop.services.exchange.merge_plan import CONFLICTING, MATCHING, NEW_GROUP, plan_merge
from rm_desktop.services.exchange.writing import run_import
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.storage.models import Client
from tests.conftest import FAST_KDF, PASSWORD

SECRET = "handover-pass-1"


def _sender(vault):
    create_client(vault, {"name": "张三", "customer_no": "C1", "occupation": "教师", "phone": ["13800138000"]})
    create_client(vault, {"name": "李四", "customer_no": "C2", "occupation": "律师", "family": "已婚，一子"})
    create_client(vault, {"name": "王五", "customer_no": "C3", "employer": "某银行", "tags": ["高净值"]})
    create_client(vault, {"name": "赵六", "customer_no": "C4", "income_band": "50万以上"})


@pytest.fixture
def receiver(tmp_path):
    """The vault a file from ``_sender`` goes into; locked at the end."""
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    create_client(receiver, {"name": "张三", "customer_no": "C1", "occupation": "教师", "phone": ["13800138000"]})
    # 李四: another occupation and family here (family is an archive-only field: compared too)
    create_client(receiver, {"name": "李四", "customer_no": "C2", "occupation": "医生", "family": "未婚"})
    create_client(receiver, {"name": "王五", "customer_no": "C3"})  # empty fields: the file fills them
    yield receiver
    receiver.lock()


def _state(vault) -> dict[str, dict]:
    with vault.sessions() as s:
        return {
            c.name: {
                **{k: getattr(c, k) for k in WRITTEN},
                "phone": [p.number for p in c.phones],
                "tags": sorted(t.tag for t in c.tags),
            }
            for c in s.scalars(select(Client))
        }


def _check_plan_is_what_happened(plan, vault, write, *, update):
    """``write()`` changes the vault in exactly the clients and fields the plan listed."""
    before = _state(vault)
    write()
    after = _state(vault)
    assert sorted(p.name for p in plan.group(NEW_GROUP)) == sorted(set(after) - set(before))
    for client in plan.group(MATCHING) + plan.group(CONFLICTING):
        old, new = before[client.name], after[client.name]
        changed = {key for key in new if new[key] != old[key]}
        written = {f.field for f in client.filled} | ({f.field for f in client.differing} if update else set())
        assert changed == written, client.name
        for change in client.differing:
            assert change.kept is not update
            assert str(new[change.field]) == (change.in_file if update else change.in_vault)


def test_handover_preview_by_name_equals_the_merge(vault, tmp_path, receiver):
    _sender(vault)
    export_handover(vault, tmp_path / "h.xlsx", SECRET)
    found = preview_handover(receiver, tmp_path / "h.xlsx", SECRET)
    plan = plan_merge(receiver, found.preview)
    assert [p.name for p in plan.group(NEW_GROUP)] == ["赵六"]
    assert [p.name for p in plan.group(MATCHING)] == ["张三", "王五"]
    assert [p.name for p in plan.group(CONFLICTING)] == ["李四"]
    (li,) = plan.group(CONFLICTING)
    assert [(f.label, f.in_vault, f.in_file, f.kept) for f in li.differing] == [
        ("职业", "医生", "律师", True),
        ("家庭情况", "未婚", "已婚，一子", True),
    ]
    (zhang, wang) = plan.group(MATCHING)
    assert zhang.filled == [] and zhang.differing == []  # identical
    assert {(f.label, f.in_file) for f in wang.filled} == {("工作单位", "某银行"), ("标签", "高净值")}
    assert plan.counts()["new"] == 1 and plan.counts()["conflicting"] == 1
    _check_plan_is_what_happened(plan, receiver, lambda: merge_handover(receiver, found), update=False)


def test_archive_update_preview_says_what_is_replaced(vault, tmp_path, receiver):
    _sender(vault)
    export_archive(vault, tmp_path / "a.xlsx")
    preview = preview_import(receiver, tmp_path / "a.xlsx", on_duplicate="update")
    row_of_li = next(r.result.row_number for r in preview.rows if r.result.values["name"] == "李四")
    # the RM turns one row to a merge in the preview table: the plan follows the decisions
    plan = plan_merge(receiver, preview, decisions={row_of_li: "merge"})
    (li,) = plan.group(CONFLICTING)
    assert li.decision == "merge" and all(f.kept for f in li.differing)
    plan = plan_merge(receiver, preview)
    (li,) = plan.group(CONFLICTING)
    assert [(f.field, f.kept) for f in li.differing] == [("occupation", False), ("family", False)]
    _check_plan_is_what_happened(plan, receiver, lambda: run_import(receiver, preview), update=True)


def test_rejected_and_skipped_rows_are_named_and_cancel_stops(vault, tmp_path, receiver):
    _sender(vault)
    export_archive(vault, tmp_path / "a.xlsx")
    preview = preview_import(receiver, tmp_path / "a.xlsx", on_duplicate="skip")
    plan = plan_merge(receiver, preview)
    assert [p.name for p in plan.group("skipped")] == ["张三", "李四", "王五"]
    with pytest.raises(Cancelled):
        plan_merge(receiver, preview, progress=lambda done, total: False)
