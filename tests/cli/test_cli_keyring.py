"""The CLI and the keyring: a failing backend is a notice (never a traceback), and the CLI never
writes or removes the key copy unless told (init --remember, keyring remember|forget)."""

from __future__ import annotations

import json

import keyring
import pytest

from tests.conftest import PASSWORD
from tests.keyrings import CountingKeyring, FailingKeyring

NOTICE = "钥匙串不可用"


@pytest.fixture
def cli(run_cli):
    return run_cli


@pytest.fixture
def counting():
    backend = CountingKeyring()
    keyring.set_keyring(backend)  # the autouse memory_keyring fixture restores its own afterwards
    return backend


@pytest.fixture
def no_password(monkeypatch):
    """No RM_DESKTOP_PASSWORD: the keyring first, then the (patched) prompt."""
    monkeypatch.delenv("RM_DESKTOP_PASSWORD")
    prompts: list[str] = []

    def ask(label=""):
        prompts.append(label)
        return PASSWORD

    monkeypatch.setattr("getpass.getpass", ask)
    return prompts


def test_failing_keyring_init_is_a_notice_and_the_vault_is_made(cli, tmp_path):
    keyring.set_keyring(FailingKeyring())
    code, out, err = cli("init", "--remember", "--json")
    assert code == 0, err
    assert NOTICE in err and "Traceback" not in err and err.count("\n") == 1
    assert json.loads(out)["remembered"] is False
    assert (tmp_path / "v" / "vault.header").exists()


def test_failing_keyring_unlock_falls_back_to_the_password(cli, no_password):
    assert cli("init")[0] == 0
    no_password.clear()  # init asked for the new password twice
    keyring.set_keyring(FailingKeyring())
    code, out, err = cli("verify", "--json")
    assert code == 0, err
    assert json.loads(out)["ok"] and NOTICE in err and no_password  # notice, then the prompt
    code, out, err = cli("client", "add", "--set", "name=王小明", "--json")
    assert code == 0 and json.loads(out)["name"] == "王小明" and NOTICE in err


def test_failing_keyring_remember_and_forget_are_one_line_errors(cli):
    assert cli("init")[0] == 0
    keyring.set_keyring(FailingKeyring())
    for action in ("remember", "forget"):
        code, _out, err = cli("keyring", action)
        assert code == 1 and NOTICE in err and err.count("\n") == 1, (action, err)


def test_password_unlocks_leave_the_key_store_untouched(cli, counting):
    assert cli("init")[0] == 0
    assert cli("client", "add", "--set", "name=王小明")[0] == 0
    assert cli("client", "list")[0] == 0
    assert cli("verify")[0] == 0
    assert counting.calls == [] and counting.store == {}


def test_keyring_remember_then_forget(cli, counting, no_password, monkeypatch):
    assert cli("init")[0] == 0
    no_password.clear()  # init asked for the new password twice
    monkeypatch.setenv("RM_DESKTOP_PASSWORD", "wrong password!")
    code, _, err = cli("keyring", "remember")  # the password proves the right to remember
    assert code == 1 and "主密码不正确" in err and counting.store == {}
    monkeypatch.setenv("RM_DESKTOP_PASSWORD", PASSWORD)
    code, out, _ = cli("keyring", "remember", "--json")
    assert code == 0 and json.loads(out) == {"remembered": True} and len(counting.store) == 1
    monkeypatch.delenv("RM_DESKTOP_PASSWORD")
    assert cli("verify")[0] == 0 and no_password == []  # opened with the key saved on this PC
    code, out, _ = cli("keyring", "forget", "--json")
    assert code == 0 and json.loads(out) == {"remembered": False} and counting.store == {}
    calls = len(counting.calls)
    assert cli("verify")[0] == 0 and no_password  # prompted: forgotten is forgotten
    monkeypatch.setenv("RM_DESKTOP_PASSWORD", PASSWORD)
    assert cli("verify")[0] == 0
    assert counting.store == {} and len(counting.calls) == calls  # not re-enabled behind the RM's back
    assert cli("keyring", "forget")[0] == 0  # nothing to forget is no error


def test_init_remembers_only_when_asked(cli, counting, tmp_path, monkeypatch):
    code, out, _ = cli("init", "--json")
    assert code == 0 and json.loads(out)["remembered"] is False and counting.calls == []
    monkeypatch.setenv("RM_DESKTOP_VAULT", str(tmp_path / "w"))
    assert cli("init", "--no-remember")[0] == 0 and counting.calls == []  # the old flag still parses
    monkeypatch.setenv("RM_DESKTOP_VAULT", str(tmp_path / "x"))
    code, out, _ = cli("init", "--remember", "--json")
    assert code == 0 and json.loads(out)["remembered"] is True and len(counting.store) == 1


def test_a_prompted_password_is_scrubbed_once_the_vault_is_open(cli, monkeypatch):
    """cli/common.open_vault overwrites the prompt's str after the unlock (test_core_dump's
    child does the same); scrub's own refcount test passes only if nothing else still holds it."""
    import sys

    from rm_desktop.security import hardening

    assert cli("init")[0] == 0
    monkeypatch.delenv("RM_DESKTOP_PASSWORD")
    monkeypatch.setattr("getpass.getpass", lambda label="": PASSWORD[:5] + PASSWORD[5:])  # a fresh str
    seen: list[tuple[bool, int]] = []

    def spy(obj):  # the real scrub would see the same count (caller, parameter, getrefcount's)
        if obj == PASSWORD:  # (other scrubs of the unlock come through here too)
            seen.append((obj is not PASSWORD, sys.getrefcount(obj)))
        return True

    monkeypatch.setattr(hardening, "scrub", spy)
    code, _, err = cli("verify", "--json")
    assert code == 0, err
    assert seen == [(True, 3)]
