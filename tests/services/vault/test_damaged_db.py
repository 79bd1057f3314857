"""Damaged database pages, a full disk, a read-only vault folder (issue 13.12): verify, client list,
backup and the other commands give one clear line (exit 1, no traceback, the vault unchanged),
each naming its cause, never "database disk image is malformed" or "wrong key or damaged"."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from rm_desktop.services.clients import files as clients
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD
from tests.damage import damage_pages, fingerprint


def _one_line(code, err):
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "malformed" not in err and "密钥不符" not in err, err
    return err


@pytest.fixture
def book(run_cli, tmp_path):
    """A vault of 400 clients with one backup; ``tmp_path / "v"``."""
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:  # the client rows are the last pages written: damage at the tail hits them, not the schema
        for i in range(400):
            clients.create_client(vault, {"name": f"客户{i:03d}"})
    finally:
        vault.lock()
    assert run_cli("backup")[0] == 0
    return tmp_path / "v"


def test_damaged_pages_are_one_clear_line_and_change_nothing(run_cli, book):
    damage_pages(book / "vault.db", 0.85, 0.95)  # rows written last: the vault opens, reads fail
    before = fingerprint(book)
    latest = next((book / "backups").glob("*.rmbak"))
    err = _one_line(*run_cli("client", "list")[::2])
    assert "档案库数据库已损坏" in err and "verify" in err
    err = _one_line(*run_cli("backup")[::2])
    assert "未写入新备份" in err and str(latest) in err
    code, out, err = run_cli("verify")
    assert code == 1 and not err and "结果：发现问题" in out and str(latest) in out
    assert "HMAC" in out  # the pages cipher_integrity_check names
    # Unchanged but for the audit log's own entries of these unlocks (issue 18.1: no unlock
    # without its entry), which go to the database: no backup added, moved or rewritten.
    after = fingerprint(book)
    assert {k: v for k, v in after.items() if not k.startswith("vault.db")} == {
        k: v for k, v in before.items() if not k.startswith("vault.db")
    }
    assert set(after) == set(before)
    damage_pages(book / "vault.db")  # schema pages too: it no longer opens
    for argv in (("client", "list"), ("verify",), ("backup",)):
        assert "档案库数据库已损坏" in _one_line(*run_cli(*argv)[::2])


@pytest.fixture
def small_disk(tmp_path):
    """A 6 MB tmpfs at ``tmp_path / "disk"`` (root only); unmounted afterwards."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)], check=False).returncode:
        pytest.skip("mount refused")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path) -> None:
    with open(disk / "filler", "wb", buffering=0) as handle:
        for _ in range(10_000):  # bounded: 6 MB fill in 4 KB writes
            try:
                handle.write(b"\0" * 4096)
            except OSError:
                return


def test_a_full_disk_is_named(run_cli, small_disk, monkeypatch):
    monkeypatch.setenv("RM_DESKTOP_VAULT", str(small_disk / "v"))
    assert run_cli("init")[0] == 0
    assert run_cli("client", "add", "--set", "name=张三")[0] == 0
    _fill(small_disk)
    for argv in (("client", "add", "--set", "name=李四"), ("client", "list"), ("backup",)):
        assert "磁盘已满" in _one_line(*run_cli(*argv)[::2]), argv
    (small_disk / "filler").unlink()
    code, out, err = run_cli("client", "list")
    assert code == 0 and "张三" in out and "李四" not in out, err


@pytest.fixture
def mounts():
    """Mount points made in a test, unmounted afterwards (innermost first)."""
    made: list[Path] = []
    yield made
    for point in reversed(made):
        subprocess.run(["umount", "-l", str(point)], check=False)


def _mount(made: list[Path], *args: str) -> None:
    if subprocess.run(["mount", *args], check=False, capture_output=True).returncode:
        pytest.skip("mount refused")
    if "remount" not in " ".join(args):  # a remount changes a mount made before: nothing more to undo
        made.append(Path(args[-1]))


def test_a_read_only_vault_folder_is_named(run_cli, tmp_path, mounts):
    """The vault folder read-only (a bind mount: root ignores permissions), its locks folder not:
    the lock is taken, and SQLite cannot create the database's log files beside it."""
    if os.geteuid() != 0:
        pytest.skip("bind mounts need root")
    root = tmp_path / "v"
    assert run_cli("init")[0] == 0
    assert run_cli("client", "add", "--set", "name=张三")[0] == 0
    locks = tmp_path / "locks-rw"
    shutil.copytree(root / "locks", locks)
    _mount(mounts, "--bind", str(root), str(root))
    _mount(mounts, "-o", "remount,bind,ro", str(root))
    _mount(mounts, "--bind", str(locks), str(root / "locks"))
    before = fingerprint(root)
    for argv in (("client", "add", "--set", "name=李四"), ("client", "list"), ("backup",)):
        err = _one_line(*run_cli(*argv)[::2])
        assert "只读" in err, (argv, err)
    assert fingerprint(root) == before
