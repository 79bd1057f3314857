"""``insights``: the figures as JSON and text, a segment's clients, a segment turned into
worklist items (``--to-worklist``), one-line errors."""

from __future__ import annotations

import json

import pytest

TODAY = "2026-06-15"


@pytest.fixture
def cli(run_cli):
    assert run_cli("init")[0] == 0

    def add(*fields: str) -> int:
        code, out, err = run_cli("client", "add", *(arg for f in fields for arg in ("--set", f)), "--json")
        assert code == 0, err
        return json.loads(out)["id"]

    run_cli.rich = add("name=王富贵", "aum=800000", "risk_grade=C2")
    run_cli.poor = add("name=李小", "aum=1000")
    # An expired assessment: a churn signal of the worklist (rule and numbers), and no gaps.
    run_cli.expired = add(
        "name=过期", "aum=300000", "risk_grade=C3", "risk_assessed_on=2024-01-01", "risk_expires_on=2026-01-01"
    )
    code, _, err = run_cli(
        "holding", "add", str(run_cli.rich), "--set", "product_type=deposit", "--set", "name=定期",
        "--set", "start_date=2026-06-01",
    )  # fmt: skip
    assert code == 0, err
    return run_cli


def test_insights_json_has_every_figure(cli):
    code, out, err = cli("insights", "--today", TODAY, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {"pareto", "tiers", "migration", "rfm", "coverage", "product_gaps"} <= set(data)
    assert data["clients"] == 3 and data["pareto"]["top_clients"] == 1
    assert data["pareto"]["top_share"] == round(800000 / 1101000, 4)
    tiers = {bar["key"]: bar for bar in data["tiers"]}
    assert tiers["tier:wealth"]["count"] == 1 and tiers["tier:wealth"]["aum"] == "800000.00"
    assert sum(bar["count"] for bar in data["rfm"]) == 3
    assert [m["months"] for m in data["migration"]] == [3, 6, 12]
    wealth = next(c for c in data["coverage"] if c["tier"] == "wealth")
    assert wealth["overdue"] == 1 and wealth["share"] == 0.0  # never contacted
    # No expiry date on the C2 grade, an expired C3: no valid assessment, so no gaps at all.
    assert all(bar["count"] == 0 for bar in data["product_gaps"])
    assert len(data["retention"]) == 12 and data["retention"][-1]["month"] == "2026-06"
    expired = [s for s in data["churn_signals"] if s["client_id"] == cli.expired]
    assert [s["rule"] for s in expired] == ["risk_expired"]
    assert expired[0]["numbers"]["expired_on"] == "2026-01-01" and expired[0]["rule_name"]
    assert {"key", "score", "reason", "due", "follow_up"} <= set(expired[0])


def test_a_segment_lists_its_clients(cli):
    code, out, err = cli("insights", "--today", TODAY, "--segment", "重要价值", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["key"] == "rfm:important_value"
    assert data["clients"] == [
        {"id": cli.rich, "name": "王富贵", "tier": "wealth", "tier_name": "财富客户", "aum": "800000.00"}
    ]
    code, out, _ = cli("insights", "--today", TODAY, "--segment", "tier:standard", "--json")
    assert code == 0 and [c["id"] for c in json.loads(out)["clients"]] == [cli.poor]


def test_plain_text_output(cli):
    code, out, err = cli("insights", "--today", TODAY)
    assert code == 0, err
    assert "二八" in out and "重要价值客户" in out and "[tier:wealth]" in out and "覆盖率" in out
    assert "流失预警" in out and "过期" in out and "到期承接" in out
    code, out, _ = cli("insights", "--today", TODAY, "--segment", "top20")
    assert code == 0 and "王富贵" in out and "李小" not in out


def _worklist_items(cli, day):
    code, out, err = cli("worklist", "--date", day, "--json")
    assert code == 0, err
    return [item for item in json.loads(out)["items"] if item["kind"] == "custom"]


def test_a_segment_becomes_worklist_items_once(cli):
    code, out, err = cli("insights", "--today", TODAY, "--segment", "tier:wealth", "--to-worklist", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["created"], data["skipped"], data["title"], data["date"]) == (1, {}, "财富客户 回访", TODAY)
    [item] = _worklist_items(cli, TODAY)
    assert item["client_id"] == cli.rich and item["key"] == data["created_keys"][0]
    assert item["reason"].startswith("提醒 今天：财富客户 回访")
    code, out, err = cli("insights", "--today", TODAY, "--segment", "tier:wealth", "--to-worklist")
    assert code == 0, err
    assert out.strip() == f"已加入工作清单 0 项（{TODAY}）；跳过 1 位：已有相同的未完成事项 1"
    assert len(_worklist_items(cli, TODAY)) == 1


def test_to_worklist_with_title_date_and_note(cli):
    argv = ("--segment", "tier:standard", "--to-worklist", "--title", "年末问候", "--date", "2026-06-20")
    code, out, err = cli("insights", "--today", TODAY, *argv, "--note", "送台历", "--json")
    assert code == 0, err
    assert json.loads(out)["created"] == 1 and _worklist_items(cli, TODAY) == []
    [item] = _worklist_items(cli, "2026-06-20")
    assert item["client_id"] == cli.poor and "年末问候" in item["reason"]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("--segment", "不存在"), "没有这个分组"),
        (("--today", "2026-13-40"), "--today"),
        (("--to-worklist",), "--segment"),
        (("--segment", "top20", "--title", "回访"), "--to-worklist"),
        (("--today", TODAY, "--segment", "top20", "--to-worklist", "--date", "2026-06-14"), "不能早于今天"),
        (("--segment", "top20", "--to-worklist", "--date", "2026-02-30"), "--date"),
        (("--segment", "top20", "--to-worklist", "--title", " "), "title"),
    ],
)
def test_bad_input_is_one_line(cli, argv, fragment):
    code, out, err = cli("insights", *argv)
    assert code == 1 and out == ""
    assert fragment in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
