"""services/settings/policy_rules: what the IT policy does to the vault's settings, to every
export and to new passwords (issue 18.7), against a temporary encrypted vault."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.services.clients import files as clients
from rm_desktop.services.exchange import exporting, handover
from rm_desktop.services.reminders import compute
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.settings import policy_rules
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.storage.models import Setting
from tests.conftest import FAST_KDF
from tests.policy_env import install

TODAY = dt.date(2026, 12, 2)
FILE_PASSWORD = "Qu1et-Harbour-58"


@pytest.fixture
def use_policy(monkeypatch, tmp_path):
    return lambda content: install(monkeypatch, tmp_path, content)


def test_without_a_policy_every_setting_and_export_is_free(use_policy, vault, tmp_path):
    use_policy(None)
    vault.settings.set("idle_lock_minutes", 120)
    assert vault.settings.get("idle_lock_minutes") == 120 and policy_rules.fix_of("idle_lock_minutes") is None
    assert vault.settings.get("reveal_reason_mode") == "once_per_session"  # the setting point 2 will read
    for kind in policy_rules.EXPORT_KINDS:
        policy_rules.check_export(kind)


def test_fixed_settings_win_over_the_stored_value_and_cannot_be_changed(use_policy, vault):
    vault.settings.set("backups_kept", 20)
    vault.settings.set("reveal_reason_mode", "never")
    path = use_policy({"backups_kept": 3, "reveal_reason": "always"})
    assert vault.settings.get("backups_kept") == 3 and vault.settings.get("reveal_reason_mode") == "always"
    assert vault.settings.all()["backups_kept"] == 3
    with pytest.raises(ValidationError) as refused:
        vault.settings.set("backups_kept", 8)
    assert "IT 策略" in str(refused.value) and str(path) in str(refused.value) and "3" in str(refused.value)
    assert vault.settings.set("backups_kept", 3) == 3  # the policy's own value: a no-op (a dialog saving all)
    with vault.sessions() as session:
        assert session.get(Setting, "backups_kept").value == "20"  # the vault's own value untouched
    use_policy(None)
    assert vault.settings.get("backups_kept") == 20  # a policy removed gives the user's value back


def test_the_idle_lock_is_capped_not_fixed(use_policy, vault):
    vault.settings.set("idle_lock_minutes", 60)
    use_policy({"min_idle_lock_minutes": 15})
    fix = policy_rules.fix_of("idle_lock_minutes")
    assert fix is not None and fix.capped and fix.value == 15
    assert vault.settings.get("idle_lock_minutes") == 15  # the stored 60 is not honoured
    assert vault.settings.set("idle_lock_minutes", 5) == 5 and vault.settings.get("idle_lock_minutes") == 5
    with pytest.raises(ValidationError, match="最长 15"):
        vault.settings.set("idle_lock_minutes", 30)


def test_a_forbidden_list_export_is_refused_with_the_policys_reason(use_policy, vault, tmp_path):
    clients.create_client(vault, {"name": "张三"})
    path = use_policy({"exports": {"list": "forbidden"}, "reason": "总行信息科技部规定"})
    target = tmp_path / "l.xlsx"
    with pytest.raises(UserError) as refused:
        exporting.export_list(vault, ClientQuery(), target)
    assert "总行信息科技部规定" in str(refused.value) and str(path) in str(refused.value)
    assert "客户名单" in str(refused.value) and not target.exists()
    assert exporting.export_archive(vault, tmp_path / "a.xlsx")["客户"] == 1  # other kinds stay free


def test_password_required_lets_only_encrypted_files_out(use_policy, vault, tmp_path):
    clients.create_client(vault, {"name": "张三"})
    use_policy({"exports": dict.fromkeys(policy_rules.EXPORT_KINDS, "password_required")})
    with pytest.raises(UserError, match="密码"):
        exporting.export_archive(vault, tmp_path / "plain.xlsx")  # a plain archive
    assert exporting.export_archive(vault, tmp_path / "enc.xlsx", password=FILE_PASSWORD)["客户"] == 1
    assert handover.export_handover(vault, tmp_path / "h.xlsx", FILE_PASSWORD)["clients"] == 1
    for write in (
        lambda: exporting.export_list(vault, ClientQuery(), tmp_path / "l.xlsx"),
        lambda: compute.export_calendar(vault, tmp_path / "c.ics", TODAY, TODAY, today=TODAY),
    ):
        with pytest.raises(UserError, match="不能加密导出"):
            write()
    assert not (tmp_path / "plain.xlsx").exists() and not (tmp_path / "l.xlsx").exists()
    assert not policy_rules.plain_allowed("archive")


def test_forbidden_plan_pdf_and_ics(use_policy, vault, tmp_path):
    from rm_desktop.services.plans.pdf_export import export_pdf

    use_policy({"exports": {"plan_pdf": "forbidden", "ics": "forbidden", "handover": "forbidden"}})
    with pytest.raises(UserError, match="理财规划书 PDF"):
        export_pdf(vault, 1, tmp_path / "p.pdf")  # refused before the plan is even read
    with pytest.raises(UserError, match="日历文件"):
        compute.export_calendar(vault, tmp_path / "c.ics", TODAY, TODAY, today=TODAY)
    with pytest.raises(UserError, match="移交文件"):
        handover.export_handover(vault, tmp_path / "h.xlsx", FILE_PASSWORD)


def test_a_gate_call_with_an_unknown_kind_is_a_bug():
    with pytest.raises(ValueError):
        policy_rules.check_export("lsit")


def test_a_weak_password_under_a_policy_is_refused_with_its_reason(use_policy, tmp_path):
    assert policy_rules.password_weakness(FILE_PASSWORD) is None
    use_policy({"min_password_strength": 20})
    reason = policy_rules.password_weakness(FILE_PASSWORD)
    assert reason is not None and "IT 策略" in reason and "20" in reason
    with pytest.raises(UserError, match="主密码太弱"):
        vs.create_vault(tmp_path / "v2", FILE_PASSWORD, kdf=FAST_KDF)
    with pytest.raises(UserError, match="文件密码太弱"):
        exporting.check_file_password(FILE_PASSWORD)
    assert policy_rules.password_weakness("a river of quiet harbours at dawn 58") is None


def test_an_unknown_key_gives_the_strict_rules_and_one_notice(use_policy, vault):
    use_policy('{"export": {"list": "allowed"}, "backups_kept": 50}')
    assert "export" in (policy_rules.notice() or "")
    assert vault.settings.get("idle_lock_minutes") == 5 and vault.settings.get("reveal_reason_mode") == "always"
    with pytest.raises(UserError):
        policy_rules.check_export("list")
    assert vault.settings.get("backups_kept") == 10  # strict leaves the backup count the user's
    assert dict(policy_rules.describe())["min_password_strength"] == "12"
