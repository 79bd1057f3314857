"""Hostile ``.rmbak`` files given to ``restore`` (issue 13.14), through the real CLI in a child
process whose address space is capped at 1 GB: garbage, a truncated backup, a deflate bomb, a zip
of many members, a FIFO, another vault's backup with a password that does not open it. Each is one
line on stderr (no traceback, no SQLCipher ``ERROR CORE`` noise), exit 1, the vault unchanged and
no temp file left. Another vault's backup that the password does open is named (its vault id and
clients) and needs --yes."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from rm_desktop.services.clients import files as clients
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.storage import backups
from tests.conftest import FAST_KDF, PASSWORD
from tests.damage import fingerprint

ROOT = Path(__file__).resolve().parents[3]
OTHER = "the other vault's password 3"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS and FIFOs")


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _cli(root: Path, *argv: str, password: str = PASSWORD) -> tuple[int, str, str]:
    env = {
        **os.environ,
        "RM_DESKTOP_VAULT": str(root),
        "RM_DESKTOP_PASSWORD": password,
        "RM_DESKTOP_LANG": "zh_CN",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    done = subprocess.run(
        [sys.executable, "-m", "rm_desktop.cli", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        preexec_fn=_capped,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def setup(tmp_path):
    """Our vault (张三, one backup) and another vault (two clients, another password, its backup)."""
    ours = vs.create_vault(tmp_path / "ours", PASSWORD, remember=False, kdf=FAST_KDF)
    clients.create_client(ours, {"name": "张三"})
    good = vs.backup_now(ours, tmp_path / "good.rmbak")
    ours.lock()
    other = vs.create_vault(tmp_path / "other", OTHER, remember=False, kdf=FAST_KDF)
    for name in ("王五", "赵六"):
        clients.create_client(other, {"name": name})
    foreign = vs.backup_now(other, tmp_path / "foreign.rmbak")
    other_id = other.header.vault_id
    other.lock()
    return tmp_path / "ours", good, foreign, other_id


def _bomb(good: Path, target: Path) -> Path:
    """The good backup's header, and a vault.db member of 512 MB of zeros deflated to ~0.5 MB."""
    with zipfile.ZipFile(good) as zf:
        header = zf.read(backups.HEADER_MEMBER)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(backups.HEADER_MEMBER, header)
        with zf.open(backups.DB_MEMBER, "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(512):
                member.write(chunk)
    return target


def _many(target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as zf:
        for i in range(5000):
            zf.writestr(f"m{i}", b"")
    return target


def _cases(tmp_path: Path, good: Path, foreign: Path) -> dict[str, tuple[Path, str]]:
    garbage = tmp_path / "garbage.rmbak"
    garbage.write_bytes(os.urandom(100_000))
    truncated = tmp_path / "truncated.rmbak"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size * 3 // 5])
    fifo = tmp_path / "fifo.rmbak"
    os.mkfifo(fifo)
    return {
        "garbage": (garbage, "备份文件无法读取或已损坏"),
        "truncated": (truncated, "备份文件无法读取或已损坏"),
        "deflate bomb": (_bomb(good, tmp_path / "bomb.rmbak"), "成员经过压缩或加密"),
        "many members": (_many(tmp_path / "many.rmbak"), "不是 RM Desktop 备份"),
        "fifo": (fifo, "找不到备份文件"),
        "another vault, wrong password": (foreign, "该密码无法打开此备份"),
    }


def test_hostile_backups_are_one_line_and_change_nothing(setup, tmp_path, capsys):
    root, good, foreign, _other_id = setup
    before = fingerprint(root)
    passed = 0
    cases = _cases(tmp_path, good, foreign)
    for label, (path, expected) in cases.items():
        code, _out, err = _cli(root, "restore", str(path), "--yes")
        assert code == 1 and err.count("\n") == 1, (label, err)
        assert "Traceback" not in err and "ERROR CORE" not in err and expected in err, (label, err)
        assert fingerprint(root) == before, label  # no safety backup, no temp file, nothing moved
        passed += 1
    with capsys.disabled():
        print(f"\nhostile .rmbak: {passed} of {len(cases)} cases refused cleanly")
    assert passed == len(cases)


def test_another_vaults_backup_is_named_and_needs_yes(setup):
    root, _good, foreign, other_id = setup
    before = fingerprint(root)
    code, _out, err = _cli(root, "restore", str(foreign), password=OTHER)
    assert code == 1 and err.count("\n") == 1 and "ERROR CORE" not in err, err
    assert "另一个档案库" in err and other_id in err and "2 位客户" in err and "--yes" in err
    assert fingerprint(root) == before
    code, out, err = _cli(root, "restore", str(foreign), "--yes", password=OTHER)
    assert code == 0 and "ERROR CORE" not in err, err
    assert other_id in out and "恢复后需使用该备份制作时" in out
    code, out, err = _cli(root, "client", "list", password=OTHER)  # its data, under its password
    assert code == 0 and "王五" in out and "张三" not in out, err


def test_a_key_that_fails_first_says_nothing_on_stderr(setup):
    """The first connection of the process is the one that fails (the vault's own file is garbage):
    SQLCipher would log its hmac failure to stderr unless its log level is off before any key."""
    root, good, _foreign, _other_id = setup
    (root / "vault.db").write_bytes(os.urandom(64 * 1024))
    code, out, err = _cli(root, "restore", str(good), "--yes")
    assert code == 0 and "ERROR CORE" not in err and "已从备份恢复" in out, err
    code, out, err = _cli(root, "client", "list")
    assert code == 0 and "张三" in out and not err, err
