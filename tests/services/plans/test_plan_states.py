"""草稿 / 定稿 and 未更改 in the plan store (issue 14.10), against a real vault: a save that changes
nothing stores nothing; 定稿 needs a clean plan; changed content of a final plan is a new draft
and the final version stays; ``plan finalise`` on the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.content import PlanStatus
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

TODAY = dt.date(2026, 12, 2)


def _client(vault, **fields) -> int:
    return create_client(vault, {"name": "周敏", **fields}).id


def test_saving_unchanged_content_stores_nothing(vault):
    plan = plans.create_plan(vault, _client(vault, risk_grade="C3", life_stage="growth"), today=TODAY)
    again = plans.save_revision(vault, plan.plan_id, plan.content, today=TODAY)
    assert not again.changed and again.version == 1
    assert plans.save_revision(vault, plan.plan_id, plan.content, status="draft", today=TODAY).changed is False
    edited = plans.save_revision(vault, plan.plan_id, dataclasses.replace(plan.content, title="修订"), today=TODAY)
    assert edited.changed and edited.version == 2
    assert [v.version for v in plans.list_versions(vault, plan.plan_id)] == [2, 1]
    # the same content with another status is a change: the status is part of the version
    final = plans.save_revision(vault, plan.plan_id, edited.content, status="final", today=TODAY)
    assert final.changed and (final.version, final.status) == (3, "final")


def test_editing_a_final_plan_makes_a_new_draft(vault):
    plan = plans.create_plan(vault, _client(vault, risk_grade="C3", life_stage="growth"), today=TODAY)
    assert plans.finalise(vault, plan.plan_id, today=TODAY).status == "final"
    plans.set_status(vault, plan.plan_id, "accepted", today=TODAY)
    stored = plans.get_plan(vault, plan.plan_id)
    assert not plans.save_revision(vault, plan.plan_id, stored.content, today=TODAY).changed  # accepted stays
    edited = plans.save_revision(vault, plan.plan_id, dataclasses.replace(stored.content, title="改"), today=TODAY)
    assert (edited.version, edited.status) == (4, "draft")
    assert plans.get_plan(vault, plan.plan_id, 3).status == "accepted"  # what the client agreed to is kept
    assert plans.list_plans(vault, stored.client_id)[0].status_label == "草稿"
    assert plans.plan_reviews(vault) == []  # a draft is no agreed plan: no review reminder


def test_finalise_needs_a_clean_plan_and_keeps_a_later_stage(vault):
    blank = plans.create_plan(vault, _client(vault), today=TODAY)  # no risk grade: no target allocation
    with pytest.raises(plans.PlanProblems, match="目标配置"):
        plans.finalise(vault, blank.plan_id, today=TODAY)
    assert plans.get_plan(vault, blank.plan_id).version == 1
    clean = plans.create_plan(vault, _client(vault, risk_grade="C2", life_stage="maturity"), today=TODAY)
    plans.set_status(vault, clean.plan_id, "in_progress", today=TODAY)
    kept = plans.finalise(vault, clean.plan_id, today=TODAY)
    assert not kept.changed and kept.status == "in_progress"  # not put back to 定稿
    assert plans.get_summary(vault, clean.plan_id).status_label == "定稿 · 执行中"
    assert PlanStatus.parse("定稿") is PlanStatus.FINAL and PlanStatus.parse("final") is PlanStatus.FINAL


def test_cli_finalise(run_cli, tmp_path):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        client = _client(vault, risk_grade="C2", life_stage="maturity")
        clean = plans.create_plan(vault, client).plan_id
        blank = plans.create_plan(vault, _client(vault, name="钱多")).plan_id
    finally:
        vault.lock()
    code, out, err = run_cli("plan", "finalise", str(blank))
    assert code == 1 and "目标配置" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, out, err = run_cli("plan", "finalise", str(clean), "--json")
    assert code == 0, err
    assert json.loads(out) == {"plan_id": clean, "version": 2, "status": "final", "changed": True}
    code, out, _ = run_cli("plan", "finalise", str(clean))
    assert code == 0 and "未更改" in out
    code, out, _ = run_cli("plan", "list", str(client))
    assert code == 0 and "定稿" in out and "V2" in out
