"""Files another program has open, as Windows reports them (tests/held_open.py): an export over a
workbook Excel shows, a calendar file being scanned, a vault file held during a restore. Each is
one clear line and exit 1 (never a traceback), the old file intact and no temp file left; a file
held only for a moment is written after a retry."""

from __future__ import annotations

import pytest

from rm_desktop.storage import atomic
from tests.held_open import HeldOpen, fail_writing


@pytest.fixture
def cli(run_cli, monkeypatch):
    monkeypatch.setattr(atomic, "retry_sleep", lambda _seconds: None)  # the retries, without the waits
    assert run_cli("init")[0] == 0
    assert run_cli("client", "add", "--set", "name=张三", "--set", "phone=13800138000")[0] == 0
    return run_cli


def _one_line(code: int, err: str) -> str:
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize(
    ("name", "argv"),
    [
        ("名单.xlsx", ("export", "list")),
        ("全部档案.xlsx", ("export", "archive", "--plain")),
        ("日历.ics", ("reminders", "ics")),
    ],
)
def test_a_target_open_in_another_program_is_one_clear_message(cli, tmp_path, monkeypatch, name, argv):
    target = tmp_path / "out" / name
    target.parent.mkdir()
    target.write_bytes(b"the file Excel has open")
    held = HeldOpen(monkeypatch, target)
    err = _one_line(*cli(*argv, str(target))[::2])
    assert f"文件正被其他程序打开（如 Excel/WPS），请关闭后重试：{target}" in err
    assert held.attempts == len(atomic.RETRY_DELAYS) + 1
    assert target.read_bytes() == b"the file Excel has open"
    assert [p.name for p in target.parent.iterdir()] == [name]  # no temp file beside it

    held.release()  # closed in Excel: the same command now works
    code, _out, err = cli(*argv, str(target))
    assert code == 0, err
    assert target.read_bytes() != b"the file Excel has open"


def test_an_export_over_a_file_held_for_a_moment_succeeds(cli, tmp_path, monkeypatch):
    target = tmp_path / "名单.xlsx"
    target.write_bytes(b"old")
    held = HeldOpen(monkeypatch, target, failures=2)
    code, _out, err = cli("export", "list", str(target))
    assert code == 0, err
    assert held.attempts == 3 and target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_restore_that_cannot_replace_the_database_leaves_the_vault_as_it_was(cli, tmp_path):
    snapshot = tmp_path / "snapshot.rmbak"
    assert cli("backup", str(snapshot))[0] == 0
    assert cli("client", "add", "--set", "name=李四")[0] == 0
    vault = tmp_path / "v"
    with pytest.MonkeyPatch.context() as patch:  # e.g. an antivirus holding the database
        held = HeldOpen(patch, vault / "vault.db")
        err = _one_line(*cli("restore", str(snapshot), "--yes")[::2])
    assert "恢复未完成，档案库保持原样" in err and "vault.db" in err
    assert held.attempts == len(atomic.RETRY_DELAYS) + 1
    with pytest.MonkeyPatch.context() as patch:  # half-way: the old files aside, the new one refused
        tries = fail_writing(patch, vault / "vault.db")
        err = _one_line(*cli("restore", str(snapshot), "--yes")[::2])
    assert "恢复未完成，档案库保持原样" in err and tries
    code, out, err = cli("client", "list")
    assert code == 0 and "张三" in out and "李四" in out, err  # the data as it was before the restore
    leftovers = [p.name for p in vault.iterdir() if "restore" in p.name or p.name.endswith(".tmp")]
    assert leftovers == []
