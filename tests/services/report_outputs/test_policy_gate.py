"""The IT policy's gate on report outputs (issue 18.7 over 17.3/17.4): the service refuses too,
so no caller (the CLI, a script) writes a report file the policy forbids. ``forbidden`` refuses
every file with the policy's reason; ``password_required`` leaves only the encrypted bundle."""

from __future__ import annotations

import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reports import counts_only
from rm_desktop.services import report_outputs as outputs
from tests.policy_env import install
from tests.services.report_outputs.sample import month_report

REASON = "总行信息科技部规定"
PASSWORD = "Zhuguan-2026-bundle"


@pytest.fixture
def use_policy(monkeypatch, tmp_path):
    return lambda exports: install(monkeypatch, tmp_path, {"exports": exports, "reason": REASON})


def _writers(tmp_path):
    report = month_report()
    bundle = tmp_path / "in.rmreport"
    outputs.export_bundle([report], bundle, PASSWORD)  # written before the policy applies
    read = outputs.read_bundle(bundle, PASSWORD)
    return {
        "pdf": lambda p: outputs.export_pdf(report, p),
        "counts_pdf": lambda p: outputs.export_pdf(counts_only(report), p),
        "xlsx": lambda p: outputs.export_xlsx(report, p),
        "summary": lambda p: outputs.collect_summary([read], p),
        "bundle": lambda p: outputs.export_bundle([report], p, PASSWORD),
    }


def test_forbidden_refuses_every_report_file_with_the_reason(tmp_path, use_policy):
    writers = _writers(tmp_path)
    use_policy({"report": "forbidden"})
    for name, write in writers.items():
        target = tmp_path / f"out-{name}"
        with pytest.raises(UserError) as refused:
            write(target)
        assert REASON in str(refused.value) and "禁止导出报表" in str(refused.value), name
        assert not target.exists(), name
    assert outputs.counts_text(month_report())  # the counts-only copy is no file: it stays


def test_password_required_leaves_only_the_bundle(tmp_path, use_policy):
    writers = _writers(tmp_path)
    use_policy({"report": "password_required"})
    for name, write in writers.items():
        target = tmp_path / f"out-{name}"
        if name == "bundle":
            write(target)
            assert target.stat().st_size > 0
            continue
        with pytest.raises(UserError, match="加密"):
            write(target)
        assert not target.exists(), name


def test_another_kind_forbidden_leaves_reports_alone(tmp_path, use_policy):
    writers = _writers(tmp_path)
    use_policy({"list": "forbidden", "archive": "password_required"})
    for name, write in writers.items():
        write(tmp_path / f"out-{name}")
        assert (tmp_path / f"out-{name}").exists(), name
