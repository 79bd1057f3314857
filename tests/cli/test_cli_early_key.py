"""CLI start (issue 19.2): the key is derived from RM_DESKTOP_PASSWORD in a thread begun at the
start, while the command's modules import; the unlock takes it only for the header it reads itself,
and a key nobody took is wiped. What a command does or says never depends on it."""

from __future__ import annotations

import threading

import pytest

from rm_desktop.cli import early_key
from rm_desktop.security.header import VaultHeader
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import FAST_KDF, PASSWORD


@pytest.fixture
def unwraps(monkeypatch):
    """The thread of every header unwrap, and each key bytearray the early derivation made."""
    seen: list[str] = []
    real = VaultHeader.unwrap

    def counted(self, password):
        seen.append(threading.current_thread().name)
        return real(self, password)

    monkeypatch.setattr(VaultHeader, "unwrap", counted)
    return seen


@pytest.fixture
def keys(monkeypatch):
    """Each key bytearray the early derivation made, kept or wiped in its thread (a discard that
    comes while the key is still being derived has the thread wipe it itself)."""
    made: list[bytearray] = []
    real = early_key.secret_from

    def recorded(data):
        key = real(data)
        made.append(key)
        return key

    monkeypatch.setattr(early_key, "secret_from", recorded)
    return made


def _derivations_done() -> None:
    for thread in threading.enumerate():
        if thread.name == "rm-early-key":
            thread.join()


@pytest.fixture
def book(run_cli, tmp_path):
    assert run_cli("init")[0] == 0
    assert run_cli("client", "add", "--set", "name=张伟")[0] == 0
    return tmp_path / "v"


def test_the_unlock_takes_the_key_derived_at_the_start(run_cli, book, unwraps):
    code, out, _err = run_cli("client", "list", "--search", "张")
    assert code == 0 and "张伟" in out
    assert unwraps == ["rm-early-key"]  # derived once, in the thread begun at the start
    assert early_key._early is None


def test_a_wrong_password_says_so_as_before(run_cli, book, unwraps, monkeypatch):
    monkeypatch.setenv("RM_DESKTOP_PASSWORD", "not the password at all")
    code, out, err = run_cli("client", "list")
    assert code == 1 and out == ""
    assert err.strip() == "rm-desktop-cli: 主密码不正确，请重试。"
    assert unwraps == ["rm-early-key"]


def test_a_key_for_another_folder_is_not_used(run_cli, book, tmp_path, unwraps, keys):
    other = vs.create_vault(tmp_path / "other", PASSWORD, kdf=FAST_KDF, remember=False)
    other.lock()
    # The start guesses the folder from the first --vault; the command's own is the subcommand's.
    early_key.begin(["--vault", str(tmp_path / "other")], PASSWORD)
    code, out, _err = run_cli("client", "list", "--vault", str(book))
    assert code == 0 and "张伟" in out
    _derivations_done()
    # the guessed key dropped, the right one derived (the two threads may unwrap in either order)
    assert sorted(unwraps) == ["MainThread", "rm-early-key"]
    assert len(keys) == 1 and not any(keys[0])  # and wiped


def test_a_header_rewritten_meanwhile_is_unwrapped_again(book, unwraps, keys):
    early = early_key.EarlyKey(book, PASSWORD)
    rewritten = VaultHeader.load(book / "vault.header")
    rewritten.nonce = bytes(12)  # what a recovery's rewrite would change: not the header derived for
    assert early.for_header(rewritten) is None
    assert keys and not any(keys[0])


def test_a_key_no_unlock_took_is_wiped(book, keys):
    early_key.begin(["--vault", str(book), "client", "list"], PASSWORD)
    assert early_key._early is not None
    early_key._early._thread.join()
    early_key.end()
    assert early_key._early is None and keys and not any(keys[0])


def test_no_derivation_without_a_password_or_a_vault(book, tmp_path):
    early_key.begin(["--vault", str(book)], None)
    assert early_key._early is None
    early_key.begin(["--vault", str(tmp_path / "nothing here")], PASSWORD)
    assert early_key._early is None


def test_the_vault_option_is_read_as_argparse_reads_it():
    assert early_key._vault_option(["--vault", "/a", "client", "list", "--vault=/b"]) == "/b"
    assert early_key._vault_option(["client", "list", "--", "--vault", "/c"]) is None
    assert early_key._vault_option(["client", "list", "--vault"]) is None


def test_a_command_that_never_unlocks_ends_after_the_derivation(run_cli, book, monkeypatch):
    """A bad argument ends the command before any unlock: the derivation still running then is
    waited for, so no thread is inside Argon2 when the interpreter finalises (a daemon there
    aborted the process once: "FATAL: exception not rethrown", exit -6)."""
    real = VaultHeader.unwrap
    inside = threading.Event()

    def slow(self, password):
        inside.set()
        threading.Event().wait(0.3)  # the real parameters take ~0.25 s
        return real(self, password)

    monkeypatch.setattr(VaultHeader, "unwrap", slow)
    code, _out, err = run_cli("client", "show", "9" * 5000)
    assert code == 1 and "Traceback" not in err
    assert inside.is_set()  # the derivation had begun
    assert not [t for t in threading.enumerate() if t.name == "rm-early-key"]
    # and were one left behind anyway, the interpreter would wait for it rather than kill it
    early = early_key.EarlyKey(book, PASSWORD)
    assert not early._thread.daemon
    early.finish()
