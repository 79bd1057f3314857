"""The one atomic file writer: the new file appears whole, or the old one stays, and no temp file is left."""

from __future__ import annotations

import pytest

from rm_desktop.storage import atomic
from rm_desktop.storage.atomic import FileInUse, atomic_write_bytes, atomic_writer
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
    with pytest.raises(FileNotFoundError):
        atomic_write_bytes(tmp_path / "missing" / "out.bin", b"x")
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
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(tmp_path / "out.bin", b"x", sleep=lambda _s: None)
    assert len(calls) == 1 and list(tmp_path.iterdir()) == []
