"""The IT policy on the report commands: a policy forbidding reports makes ``report month --pdf``
exit 1 with the policy's reason in one line and no file; ``password_required`` leaves only
``report bundle`` (encrypted); the printed report and its counts-only copy are no file and stay."""

from __future__ import annotations

import types

import pytest

from rm_desktop.cli import exchange_cmds, report_cmds
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD
from tests.policy_env import install
from tests.services.reports.report_book import NOW, build_book

REASON = "总行信息科技部规定"
BUNDLE_PASSWORD = "Zhuguan-2026-bundle"


@pytest.fixture
def cli(run_cli, tmp_path, monkeypatch):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    build_book(vault)
    vault.lock()
    monkeypatch.setattr(report_cmds, "_now", lambda: NOW)
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", BUNDLE_PASSWORD)
    return run_cli


@pytest.fixture
def use_policy(monkeypatch, tmp_path):
    return lambda mode: install(monkeypatch, tmp_path, {"exports": {"report": mode}, "reason": REASON})


def _refused(result, *needles: str) -> None:
    code, out, err = result
    assert code == 1 and out == "" and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for needle in needles:
        assert needle in err, err


def test_forbidden_refuses_pdf_xlsx_bundle_and_collect(cli, use_policy, tmp_path, monkeypatch):
    bundle = tmp_path / "m.rmreport"
    assert cli("report", "bundle", str(bundle), "--month", "2026-11")[0] == 0  # before the policy
    path = use_policy("forbidden")
    monkeypatch.setattr(exchange_cmds, "prompt", lambda _label: pytest.fail("no password is asked"))
    for argv, target in (
        (("report", "month", "--month", "2026-11", "--pdf"), tmp_path / "m.pdf"),
        (("report", "week", "--week", "2026-W49", "--xlsx"), tmp_path / "w.xlsx"),
        (("report", "day", "--date", "2026-11-30", "--counts-only", "--pdf"), tmp_path / "d.pdf"),
        (("report", "bundle"), tmp_path / "b.rmreport"),
        (("report", "collect", str(bundle), "--xlsx"), tmp_path / "s.xlsx"),
    ):
        more = ("--month", "2026-11") if argv[-1] == "bundle" else ()
        _refused(cli(*argv, str(target), *more), REASON, str(path), "禁止导出报表")
        assert not target.exists(), argv
    code, out, _err = cli("report", "month", "--month", "2026-11", "--counts-only")
    assert code == 0 and "月报" in out  # printed, not a file: the policy is about files


def test_password_required_leaves_only_the_bundle(cli, use_policy, tmp_path):
    use_policy("password_required")
    target = tmp_path / "m.pdf"
    _refused(cli("report", "month", "--month", "2026-11", "--pdf", str(target)), REASON, "加密")
    assert not target.exists()
    bundle = tmp_path / "m.rmreport"
    code, _out, err = cli("report", "bundle", str(bundle), "--month", "2026-11")
    assert code == 0 and bundle.exists(), err
    _refused(cli("report", "collect", str(bundle), "--xlsx", str(tmp_path / "s.xlsx")), "加密")
    assert not (tmp_path / "s.xlsx").exists()


def test_the_service_refuses_when_the_cli_check_is_gone(cli, use_policy, tmp_path, monkeypatch):
    """The outputs check on their own: a caller that skips the early check still writes nothing."""
    skipped = types.SimpleNamespace(check_export=lambda *a, **k: None)
    monkeypatch.setattr(report_cmds, "policy_rules", skipped)  # the CLI's own name only
    use_policy("forbidden")
    target = tmp_path / "m.pdf"
    _refused(cli("report", "month", "--month", "2026-11", "--pdf", str(target)), REASON)
    assert not target.exists()
