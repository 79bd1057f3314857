"""One owner per vault, across real processes: a GUI-like holder (a small script that unlocks as
the window does and keeps the owner lock) against ``rm-desktop-cli`` in other processes.

restore, rekey and passwd are refused while it holds the vault (one clear line, exit 1, the
vault unchanged); ordinary commands work beside it; once it is killed (kill -9: no clean-up of
its own) the OS has dropped its lock and a restore goes through.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rm_desktop.services.clients import files as clients
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import FAST_KDF, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is simulated with SIGKILL")

# What the GUI does at unlock (VaultSession.open_with_password: owner=True), then waits to be killed.
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rm_desktop.services.vault import lifecycle as vs

    vault = vs.unlock(Path(sys.argv[1]), sys.argv[2], backup=False, owner=True)
    print("holding", flush=True)
    sys.stdin.read()  # until the test closes the pipe or kills the process
    vault.lock()
    """
)


def _env(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "RM_DESKTOP_VAULT": str(root),
        "RM_DESKTOP_PASSWORD": PASSWORD,
        "RM_DESKTOP_NEW_PASSWORD": "another long password",
        "RM_DESKTOP_LANG": "zh_CN",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }


def _names(root: Path) -> list[str]:
    vault = vs.unlock(root, PASSWORD, backup=False)
    try:
        return sorted(row.name for row in search_clients(vault, ClientQuery()))
    finally:
        vault.lock()


def _fingerprint(root: Path) -> dict[str, str]:
    """The vault's files (database, log, header, backups), by content."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "locks" not in path.parts
    }


@pytest.fixture
def setup(tmp_path):
    root = tmp_path / "v"
    vault = vs.create_vault(root, PASSWORD, remember=False, kdf=FAST_KDF)
    clients.create_client(vault, {"name": "张三"})
    snapshot = vs.backup_now(vault)
    clients.create_client(vault, {"name": "李四"})
    vault.lock()
    return root, snapshot


@pytest.fixture
def holder(setup):
    root, _snapshot = setup
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root), PASSWORD],
        cwd=ROOT,
        env=_env(root),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()  # the holder prints once it holds the lock (or dies)
        assert line.strip() == "holding", process.stderr.read()
        yield process
    finally:
        process.kill()
        process.wait(timeout=30)


def _cli(root: Path, *argv: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "rm_desktop.cli", *argv],
        cwd=ROOT,
        env=_env(root),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    return done.returncode, done.stdout, done.stderr


def test_restore_rekey_passwd_refused_beside_the_gui_and_restore_works_once_it_is_killed(setup, holder):
    root, snapshot = setup
    before = _fingerprint(root)
    for argv in (("restore", str(snapshot), "--yes"), ("rekey",), ("passwd",)):
        code, _out, err = _cli(root, *argv)
        assert code == 1, (argv, err)
        assert "Traceback" not in err and err.count("\n") == 1, err
        assert "档案库已在 RM Desktop 窗口中打开" in err and f"进程 {holder.pid}" in err, err
    assert _fingerprint(root) == before  # nothing written, nothing moved aside, no backup added

    holder.send_signal(signal.SIGKILL)  # no lock(), no clean-up: the OS drops its lock
    holder.wait(timeout=30)
    code, out, err = _cli(root, "restore", str(snapshot), "--yes")
    assert code == 0, err
    assert "已从备份恢复" in out
    assert _names(root) == ["张三"]


def test_ordinary_commands_work_beside_the_gui(setup, holder):
    root, _snapshot = setup
    code, _out, err = _cli(root, "client", "add", "--set", "name=王五")
    assert code == 0, err
    code, out, err = _cli(root, "client", "list")
    assert code == 0 and "王五" in out, err
    assert holder.poll() is None  # the holder still has the vault: the commands shared it
    holder.stdin.close()  # the holder locks and ends
    holder.wait(timeout=30)
    assert _names(root) == ["张三", "李四", "王五"]
