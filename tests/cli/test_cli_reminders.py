"""The reminder commands of the CLI: JSON listing, .ics export, appointments, done / snooze."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

TODAY = "2026-03-02"


@pytest.fixture
def cli(run_cli, tmp_path):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    run_cli.client_id = create_client(
        vault, {"name": "王小明", "birth_date": "1980-03-05"}, today=dt.date(2026, 3, 2)
    ).id
    vault.lock()
    return run_cli


def test_reminders_json_has_the_documented_fields(cli):
    code, out, err = cli("reminders", "--today", TODAY, "--days", "7", "--json")
    assert code == 0, err
    items = json.loads(out)
    birthday = next(i for i in items if i["kind"] == "birthday")
    assert birthday["date"] == "2026-03-05" and birthday["client_id"] == cli.client_id
    assert birthday["key"] == f"birthday:{cli.client_id}:2026-03-05" and birthday["severity"] == "normal"
    assert "王小明" in birthday["title"]
    assert {"date", "kind", "client_id", "title", "key", "severity"} <= set(items[0])
    code, out, _ = cli("reminders", "--today", TODAY)
    assert code == 0 and f"birthday:{cli.client_id}:2026-03-05" in out


def test_snooze_and_done_by_key(cli):
    key = f"birthday:{cli.client_id}:2026-03-05"
    code, out, err = cli("reminder", "snooze", key, "--until", "2099-01-01")
    assert code == 1 and "一年" in err
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    code, out, _ = cli("reminder", "snooze", key, "--until", future, "--json")
    assert code == 0 and json.loads(out) == {"key": key, "snoozed_until": future}
    code, out, _ = cli("reminder", "done", key, "--json")
    assert code == 0 and json.loads(out)["action"] == "marked_done"
    code, out, _ = cli("reminders", "--today", TODAY, "--json")
    assert key not in out
    code, _, err = cli("reminder", "done", "nonsense")
    assert code == 1 and "无效的提醒编号" in err and err.count("\n") == 1


def test_appointment_add_and_ics_export(cli, tmp_path):
    code, out, err = cli(
        "appointment",
        "add",
        "--at",
        "2026-03-04T09:30",
        "--title",
        "资产配置面谈",
        "--client",
        str(cli.client_id),
        "--rrule",
        "weekly",
        "--json",
    )
    assert code == 0, err
    added = json.loads(out)
    assert added["rrule"] == "FREQ=WEEKLY" and added["start"] == "2026-03-04T09:30"
    code, _, err = cli("appointment", "add", "--at", "2026-02-30T09:00", "--title", "x")
    assert code == 1 and "2026-02-30" in err
    code, _, err = cli(
        "appointment",
        "add",
        "--at",
        "2026-03-04T09:00",
        "--title",
        "x",
        "--rrule",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30,31",
    )
    assert code == 1 and "不存在" in err
    target = tmp_path / "cal.ics"
    code, out, err = cli(
        "reminders", "ics", str(target), "--from", TODAY, "--to", "2026-03-31", "--privacy", "--today", TODAY, "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["events"] >= 2 and target.exists()
    text = target.read_text(encoding="utf-8")
    assert "RRULE:FREQ=WEEKLY" in text and "王小明" not in text
