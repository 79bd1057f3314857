"""The one atomic file writer: the new file appears whole, or the old one stays, and no temp file is left."""

from __future__ import annotations

import pytest

from rm_desktop.storage.atomic import atomic_write_bytes, atomic_writer


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
