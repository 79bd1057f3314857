"""``privacy retention --records`` and ``--purge-records`` (issue 18.5): an ended relationship's
records past their own period listed with counts per client (text and JSON), deleted only with
--yes, one audit entry, and a receipt from it."""

from __future__ import annotations

import datetime as dt
import json


def _ended_client_with_contacts(run_cli, name: str) -> int:
    code, out, err = run_cli("client", "add", "--set", f"name={name}", "--json")
    assert code == 0, err
    cid = json.loads(out)["id"]
    for text in ("电话沟通", "上门拜访"):
        assert run_cli("contact", "add", str(cid), "--channel", "phone", "--text", text)[0] == 0
    assert run_cli("client", "delete", str(cid))[0] == 0  # to the trash: the relationship ended today
    return cid


def test_records_are_listed_then_purged_with_yes(run_cli, tmp_path, pdf_font):
    assert run_cli("init")[0] == 0
    cid = _ended_client_with_contacts(run_cli, "王流失")
    assert run_cli("settings", "set", "retention_contact_days", "10")[0] == 0
    later = (dt.date.today() + dt.timedelta(days=11)).isoformat()
    code, out, _ = run_cli("privacy", "retention", "--records", "--today", dt.date.today().isoformat(), "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run_cli("privacy", "retention", "--records", "--today", later, "--json")
    (row,) = json.loads(out)
    assert row["id"] == cid and row["records"] == {"contacts": 2} and row["why"] == "trash"
    code, out, _ = run_cli("privacy", "retention", "--records", "--today", later)
    assert "往来记录 2" in out and "--purge-records" in out
    code, out, _ = run_cli("privacy", "retention", "--today", later)  # the clients' list points at them
    assert "没有超过保留期限的客户" in out and "1 位客户的记录" in out
    code, _out, err = run_cli("privacy", "retention", "--purge-records", "--today", later)
    assert code == 1 and "--yes" in err and "Traceback" not in err
    code, out, err = run_cli("privacy", "retention", "--purge-records", "--today", later, "--yes", "--json")
    assert code == 0, err
    done = json.loads(out)
    assert (done["clients"], done["rows"], done["contacts"]) == (1, 2, 2)
    assert json.loads(run_cli("privacy", "retention", "--records", "--today", later, "--json")[1]) == []
    code, _out, err = run_cli("privacy", "retention", "--purge-records", "--today", later, "--yes")
    assert code == 1 and "没有超过保留期限的记录" in err
    pdf = tmp_path / "r.pdf"
    code, out, err = run_cli("privacy", "receipt", str(pdf), "--seq", str(done["seq"]))
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF"), err
