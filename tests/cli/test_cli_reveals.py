"""``client show --reveal`` (issue 18.2): full values only with a reason (unless the mode is
never), one audit entry per reveal with the reason and never the value; exit 1 without one."""

from __future__ import annotations

import pytest

from tests.cli.audit_entries import reveals as _reveals

ID_NUMBER, PHONE = "11010519491231002X", "13800138000"


@pytest.fixture
def cli(run_cli):
    assert run_cli("init")[0] == 0
    assert (
        run_cli("client", "add", "--set", "name=单田芳", "--set", f"id_number={ID_NUMBER}", "--set", f"phone={PHONE}")[
            0
        ]
        == 0
    )
    return run_cli


def test_reveal_needs_a_reason_and_logs_it(cli, tmp_path):
    code, out, err = cli("client", "show", "1", "--reveal")
    assert code == 1 and "--reason" in err and PHONE not in out and "Traceback" not in err
    assert _reveals(tmp_path) == []
    code, out, _ = cli("client", "show", "1")
    assert code == 0 and PHONE not in out and ID_NUMBER not in out  # masked without --reveal, nothing logged
    assert _reveals(tmp_path) == []
    code, out, err = cli("client", "show", "1", "--reveal", "--reason", "verify_identity")
    assert code == 0, err
    assert PHONE in out and ID_NUMBER in out
    [entry] = _reveals(tmp_path)
    assert entry.counts == {"fields": ["id_number", "phone"], "reason": "verify_identity"}
    assert entry.object == "client:1 单**"


@pytest.mark.parametrize(
    "extra", [("--reason", "bogus"), ("--reason", "other"), ("--reason", "other", "--reason-note", "13800138000")]
)
def test_a_bad_reason_is_exit_1_and_writes_nothing(cli, tmp_path, extra):
    code, out, err = cli("client", "show", "1", "--reveal", *extra)
    assert code == 1 and len(err.strip().splitlines()) == 1 and PHONE not in out
    assert _reveals(tmp_path) == []


def test_other_with_words_and_mode_never(cli, tmp_path):
    code, _, err = cli("client", "show", "1", "--reveal", "--reason", "other", "--reason-note", f"回访 {PHONE} 核对")
    assert code == 0, err
    assert _reveals(tmp_path)[0].counts["note"] == "回访 ########### 核对"
    assert cli("settings", "set", "reveal_reason_mode", "never")[0] == 0
    code, out, err = cli("client", "show", "1", "--reveal")
    assert code == 0 and PHONE in out, err
    assert _reveals(tmp_path)[0].counts["reason"] == "not_asked"  # the trail stays complete
