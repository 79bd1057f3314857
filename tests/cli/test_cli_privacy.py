"""``privacy`` commands (issue 18.5, 18.6): the person's copy (password from the environment),
the retention list, anonymise and delete only with --yes, the deletion receipt."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl

from rm_desktop.io.office_crypto import decrypt_xlsx

SECRET = "cli-copy-pass-58w"


def _client(run_cli, name="欧阳明月", phone="13912345678"):
    code, out, err = run_cli("client", "add", "--set", f"name={name}", "--set", f"phone={phone}", "--json")
    assert code == 0, err
    return json.loads(out)["id"]


def test_export_writes_both_files_encrypted(run_cli, monkeypatch, tmp_path, pdf_font):
    assert run_cli("init")[0] == 0
    cid = _client(run_cli)
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", SECRET)
    xlsx, pdf = tmp_path / "me.xlsx", tmp_path / "me.pdf"
    code, _out, err = run_cli("privacy", "export", str(cid), "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert code == 0, err
    book = openpyxl.load_workbook(io.BytesIO(decrypt_xlsx(xlsx.read_bytes(), SECRET)), read_only=True)
    cells = {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row}
    assert "欧阳明月" in cells and "13912345678" in cells
    assert b"/Encrypt" in pdf.read_bytes()


def test_export_needs_a_file_and_a_strong_password(run_cli, monkeypatch, tmp_path):
    assert run_cli("init")[0] == 0
    cid = _client(run_cli)
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", SECRET)
    code, _out, err = run_cli("privacy", "export", str(cid))
    assert code == 1 and "--xlsx" in err and "Traceback" not in err
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", "123")
    code, _out, err = run_cli("privacy", "export", str(cid), "--xlsx", str(tmp_path / "a.xlsx"))
    assert code == 1 and not (tmp_path / "a.xlsx").exists()


def test_retention_anonymise_delete_and_receipt(run_cli, tmp_path, pdf_font):
    assert run_cli("init")[0] == 0
    gone, kept = _client(run_cli), _client(run_cli, "李四海", "13800001111")
    assert run_cli("client", "delete", str(gone))[0] == 0  # to the trash
    later = (dt.date.today() + dt.timedelta(days=1825)).isoformat()
    code, out, _ = run_cli("privacy", "retention", "--today", later, "--json")
    assert code == 0 and [row["id"] for row in json.loads(out)] == [gone]
    code, _out, err = run_cli("privacy", "anonymise", str(gone))
    assert code == 1 and "--yes" in err
    code, out, err = run_cli("privacy", "anonymise", str(gone), "--yes")
    assert code == 0, err
    code, out, _ = run_cli("client", "show", str(gone), "--json")
    assert json.loads(out)["name"] == "O.Y.M.Y."
    assert json.loads(run_cli("privacy", "retention", "--today", later, "--json")[1]) == []
    assert run_cli("privacy", "delete", str(kept), "--yes")[0] == 0
    assert run_cli("client", "show", str(kept))[0] == 1
    path = tmp_path / "receipt.pdf"
    code, out, err = run_cli("privacy", "receipt", str(path))
    assert code == 0 and path.read_bytes().startswith(b"%PDF"), err
