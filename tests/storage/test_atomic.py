"""The one atomic file writer: the new file appears whole, or the old one stays, and no temp file is left."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from rm_desktop.storage import atomic
from rm_desktop.storage.atomic import FileInUse, WriteFailed, atomic_write_bytes, atomic_writer
from tests.cli.hostile_cases import full_device
from tests.held_open import HeldOpen


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "out.bin"
    atomic_write_bytes(target, b"first")
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_an_error_inside_the_block_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_the_temp_file_is_in_the_target_folder(tmp_path):
    target = tmp_path / "out.bin"
    with atomic_writer(target) as handle:
        assert [p.parent for p in tmp_path.iterdir()] == [tmp_path]  # the temp file, beside the target
        assert not target.exists()
        handle.write(b"data")
    assert target.read_bytes() == b"data"


def test_a_missing_folder_fails_without_leaving_anything(tmp_path):
    with pytest.raises(WriteFailed, match="文件夹不存在") as failed:
        atomic_write_bytes(tmp_path / "missing" / "out.bin", b"x")
    assert isinstance(failed.value, OSError)  # callers that roll back on OSError still do
    assert list(tmp_path.iterdir()) == []


# -- the target open in another program (Windows: Excel, WPS, an antivirus) -------------------------
def test_a_target_held_open_is_one_clear_error_leaving_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "导出.xlsx"
    target.write_bytes(b"last week's export")
    held = HeldOpen(monkeypatch, target)
    waits: list[float] = []
    with pytest.raises(FileInUse) as refused:
        atomic_write_bytes(target, b"this week's", sleep=waits.append)
    assert str(refused.value) == f"文件正被其他程序打开（如 Excel/WPS），请关闭后重试：{target}"
    assert refused.value.path == target
    assert held.attempts == 5 and waits == list(atomic.RETRY_DELAYS) and sum(waits) < 1.5  # ~1 s in all
    assert target.read_bytes() == b"last week's export"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_file_held_only_for_a_moment_is_written_after_a_retry(tmp_path, monkeypatch):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    held = HeldOpen(monkeypatch, target, failures=2)  # an antivirus scan that passes
    waits: list[float] = []
    atomic_write_bytes(target, b"new", sleep=waits.append)
    assert target.read_bytes() == b"new" and held.attempts == 3 and len(waits) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_the_retry_waits_are_the_modules_unless_given(tmp_path, monkeypatch):
    target = tmp_path / "out.ics"
    HeldOpen(monkeypatch, target, failures=1)
    waits: list[float] = []
    monkeypatch.setattr(atomic, "retry_sleep", waits.append)
    atomic_write_bytes(target, b"BEGIN:VCALENDAR")
    assert waits == [atomic.RETRY_DELAYS[0]] and target.read_bytes() == b"BEGIN:VCALENDAR"


def test_other_errors_are_not_retried(tmp_path, monkeypatch):
    calls = []

    def full_disk(src, dst):
        calls.append(dst)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    with pytest.raises(WriteFailed, match="磁盘已满"):
        atomic_write_bytes(tmp_path / "out.bin", b"x", sleep=lambda _s: None)
    assert len(calls) == 1 and list(tmp_path.iterdir()) == []


# -- targets that are not files, and disks that refuse (issue 13.16) ------------------------------
def _not_files(tmp_path):
    folder = tmp_path / "a folder.xlsx"
    folder.mkdir()
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    device = full_device(tmp_path)  # as root a private copy: a broken refusal replaces only that
    link = tmp_path / "link-to-full.ics"
    link.symlink_to(device)
    return device, {folder: "文件夹", fifo: "不是普通文件", device: "不是普通文件", link: "不是普通文件"}


def test_a_folder_fifo_or_device_target_is_refused_and_never_replaced(tmp_path):
    device, targets = _not_files(tmp_path)
    before = os.stat(device)
    names = sorted(p.name for p in tmp_path.iterdir())
    for target, message in targets.items():
        with pytest.raises(WriteFailed, match=message):
            atomic_write_bytes(target, b"client data")
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [p for p in device.parent.iterdir() if p.name.startswith(".full.")]  # no temp file left there
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert (tmp_path / "link-to-full.ics").is_symlink() and stat.S_ISFIFO(os.lstat(tmp_path / "pipe.ics").st_mode)


@pytest.mark.parametrize(
    ("where", "code", "message"),
    [
        ("write", errno.ENOSPC, "磁盘已满"),
        ("fsync", errno.ENOSPC, "磁盘已满"),
        ("fsync", errno.EIO, "Input/output error|输入/输出"),
        ("mkstemp", errno.EACCES, "没有写入该文件夹的权限"),
        ("mkstemp", errno.EROFS, "只读"),
    ],
)
def test_a_disk_that_refuses_is_one_message_and_leaves_the_old_file(tmp_path, monkeypatch, where, code, message):
    target = tmp_path / "导出.xlsx"
    target.write_bytes(b"old")

    def refuse(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    if where == "mkstemp":
        monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    if where == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", refuse)
    with pytest.raises(WriteFailed, match=message) as failed, atomic_writer(target) as handle:
        if where == "write":
            refuse()
        handle.write(b"new")
    assert str(target) in str(failed.value) and "\n" not in str(failed.value)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_other_errors_of_the_callers_block_pass_unchanged(tmp_path):
    with pytest.raises(FileNotFoundError), atomic_writer(tmp_path / "out.bin"):
        open(tmp_path / "no such source", "rb")  # noqa: SIM115 - reading the source fails, not the write
    assert list(tmp_path.iterdir()) == []
