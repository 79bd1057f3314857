"""The client, holding and contact commands as IT staff script them (--json round trips)."""

from __future__ import annotations

import json

import pytest

ID_1949_F = "11010519491231002X"


@pytest.fixture
def cli(run_cli):
    assert run_cli("init")[0] == 0
    return run_cli


def _json(cli, *argv):
    code, out, err = cli(*argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_add_list_show_round_trip(cli):
    added = _json(
        cli,
        "client",
        "add",
        "--set",
        "name=单田芳",
        "--set",
        f"id_number={ID_1949_F}",
        "--set",
        "phone=138 0013 8000",
        "--set",
        "phone=0755-12345678",
        "--set",
        "aum=50万",
        "--set",
        "tags=VIP,退休客户",
        "--set",
        "customer_no=C0001",
        "--set",
        "lunar_birthday=true",
    )
    assert added["birth_date"] == "1949-12-31" and added["gender"] == "女" and added["tier"] == "wealth"
    listed = _json(cli, "client", "list", "--reveal", "--reason", "check_records")  # in full: see test_cli_list_reveal
    assert len(listed) == 1
    row = listed[0]
    assert {
        k: row[k] for k in ("id", "customer_no", "name", "gender", "phone", "id_number", "birth_date", "aum", "tier")
    } == {
        "id": added["id"],
        "customer_no": "C0001",
        "name": "单田芳",
        "gender": "女",
        "phone": "13800138000,0755-12345678",
        "id_number": ID_1949_F,
        "birth_date": "1949-12-31",
        "aum": "500000.00",
        "tier": "wealth",
    }
    shown = _json(cli, "client", "show", str(added["id"]))
    assert shown["tags"] == ["VIP", "退休客户"] and shown["lunar_birthday"] is True
    assert shown["holdings"] == [] and shown["contacts"] == [] and shown["relationships"] == []


def test_human_table_masks_ids_and_phones(cli):
    cli("client", "add", "--set", "name=单田芳", "--set", f"id_number={ID_1949_F}", "--set", "phone=13800138000")
    code, out, _ = cli("client", "list")
    assert code == 0 and "138****8000" in out and "1101**********002X" in out
    assert "13800138000" not in out and ID_1949_F not in out
    code, out, _ = cli("client", "show", "1")
    assert "138****8000" in out and "13800138000" not in out
    code, out, _ = cli("client", "show", "1", "--reveal", "--reason", "check_records")  # tests/cli/reveals
    assert "13800138000" in out and ID_1949_F in out


@pytest.mark.parametrize(
    "sets, field",
    [
        (["name=王小明", "id_number=110105194912310021"], "id_number"),
        (["name=王小明", "phone=1380013800"], "phone"),
        (["name=王小明", "nickname=明"], "nickname"),
        (["name=王小明", "birth_date=1950-02-30"], "birth_date"),
        (["name=王小明", f"id_number={ID_1949_F}", "gender=男"], "gender"),
        (["phone=13800138000"], "name"),
    ],
)
def test_bad_values_are_one_line_naming_the_field_and_nothing_is_stored(cli, sets, field):
    args = [arg for pair in sets for arg in ("--set", pair)]
    code, out, err = cli("client", "add", *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and f"{field}:" in err and "Traceback" not in err
    assert _json(cli, "client", "list") == []


def test_malformed_set_and_repeated_scalar(cli):
    code, _, err = cli("client", "add", "--set", "name")
    assert code == 1 and "字段=值" in err
    code, _, err = cli("client", "add", "--set", "name=甲", "--set", "name=乙")
    assert code == 1 and "name" in err


def test_update_delete_restore(cli):
    cid = str(_json(cli, "client", "add", "--set", "name=张伟")["id"])
    updated = _json(cli, "client", "update", cid, "--set", "occupation=教师", "--set", "risk_grade=平衡型")
    assert updated["occupation"] == "教师" and updated["risk_grade"] == "C3" and updated["name"] == "张伟"
    assert cli("client", "delete", cid)[0] == 0
    assert _json(cli, "client", "list") == []
    assert [r["name"] for r in _json(cli, "client", "list", "--trash")] == ["张伟"]
    assert cli("client", "restore", cid)[0] == 0
    assert [r["name"] for r in _json(cli, "client", "list")] == ["张伟"]
    code, _, err = cli("client", "update", "99", "--set", "notes=x")
    assert code == 1 and "99" in err


def test_search_limit_and_no_match(cli):
    for name in ("张伟", "张伟明", "王张伟", "李娜"):
        cli("client", "add", "--set", f"name={name}")
    assert [r["name"] for r in _json(cli, "client", "list", "--search", "张伟")] == ["张伟", "张伟明", "王张伟"]
    assert [r["name"] for r in _json(cli, "client", "list", "--search", "zw", "--limit", "1")] == ["张伟"]
    assert len(_json(cli, "client", "list", "--limit", "2")) == 2
    code, out, _ = cli("client", "list", "--search", "没有这个人")
    assert code == 0 and "没有找到" in out


@pytest.mark.parametrize(
    "channel, code",
    [
        ("电话", "phone"),
        ("短信", "sms"),
        ("微信", "wechat"),
        ("拜访", "visit"),
        ("面访", "visit"),
        ("网点面谈", "meeting"),
        ("活动", "event"),
        ("wechat", "wechat"),
    ],
)
def test_contact_channels_by_code_or_label(cli, channel, code):
    cid = str(_json(cli, "client", "add", "--set", "name=张伟")["id"])
    added = _json(cli, "contact", "add", cid, "--channel", channel, "--text", "问候")
    assert added["channel"] == code


def test_contacts_and_holdings(cli):
    cid = str(_json(cli, "client", "add", "--set", "name=张伟")["id"])
    _json(cli, "contact", "add", cid, "--channel", "电话", "--text", "第一次", "--at", "2025-03-01T10:00")
    _json(
        cli,
        "contact",
        "add",
        cid,
        "--channel",
        "拜访",
        "--text",
        "上门",
        "--at",
        "2025-03-05T15:00",
        "--next-date",
        "2025-03-12",
    )
    timeline = _json(cli, "contact", "list", cid)
    assert [c["content"] for c in timeline] == ["上门", "第一次"]
    assert timeline[0]["follow_up_date"] == "2025-03-12" and timeline[0]["at"] == "2025-03-05T15:00:00"
    shown = _json(cli, "client", "show", cid)
    assert shown["last_contact_at"] == "2025-03-05T15:00:00" and shown["next_follow_up"] == "2025-03-12"
    code, _, err = cli("contact", "add", cid, "--channel", "信鸽", "--text", "x")
    assert code == 1 and "channel" in err
    held = _json(
        cli,
        "holding",
        "add",
        cid,
        "--set",
        "product_type=基金",
        "--set",
        "name=沪深300指数",
        "--set",
        "code=000300",
        "--set",
        "amount=5万",
        "--set",
        "risk=R4",
        "--set",
        "start_date=2025-01-02",
        "--set",
        "maturity_date=2026-01-02",
    )
    assert (held["product_type"], held["amount"], held["risk"]) == ("fund", "50000.00", "R4")
    assert [h["name"] for h in _json(cli, "holding", "list", cid)] == ["沪深300指数"]
    code, _, err = cli("holding", "add", cid, "--set", "product_type=fund", "--set", "name=x", "--set", "risk=R8")
    assert code == 1 and "risk" in err
    assert len(_json(cli, "holding", "list", cid)) == 1


def test_english_errors(cli, monkeypatch):
    monkeypatch.setenv("RM_DESKTOP_LANG", "en")
    code, _, err = cli("client", "add", "--set", "name=Amy", "--set", "phone=12")
    assert code == 1 and "phone:" in err and "too short" in err
