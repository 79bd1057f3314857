"""The GUI entry's log file in the vault's logs folder: errors reach it, client data does not."""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rm_desktop import app, logsafe


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    """The root logger's handlers and level as they were (pytest's capture handlers among them)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield root
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:], root.level = handlers, level


def test_the_gui_logs_errors_to_the_vault_folder_without_client_data(
    root_logger: logging.Logger, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stderr", None)  # the windowed exe: no console at all
    logsafe.configure()  # as app.main() does first
    path = app.start_file_log(vault_dir)
    assert path == vault_dir / "logs" / "rm-desktop.log"
    name, phone = "张三丰", "13800138000"  # the traceback shows source lines: the values live here only
    try:
        raise ValueError(f"UNIQUE constraint failed: clients.name = {name!r} {phone}")
    except ValueError:
        logging.getLogger("rm_desktop.ui.clients").error("saving a client failed", exc_info=True)
    text = path.read_text(encoding="utf-8")
    assert "ERROR rm_desktop.ui.clients: saving a client failed" in text
    assert "ValueError" in text and "test_ui_log_file.py" in text  # the type and the frames
    assert name not in text and phone not in text  # the message withheld
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert app.start_file_log(vault_dir) == path  # once: a second start adds no second handler
    assert sum(isinstance(h, logging.FileHandler) for h in root_logger.handlers) == 1


def test_the_log_file_rotates_and_each_file_is_private(root_logger: logging.Logger, tmp_path: Path) -> None:
    path = logsafe.add_file_log(tmp_path / "logs")
    handler = next(h for h in root_logger.handlers if isinstance(h, logsafe.PrivateRotatingFileHandler))
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 3)
    handler.maxBytes = 200
    for n in range(30):
        logging.getLogger("rm_desktop").error("line %d of a long enough message", n)
    rotated = sorted(p.name for p in path.parent.iterdir())
    assert rotated == ["rm-desktop.log", "rm-desktop.log.1", "rm-desktop.log.2", "rm-desktop.log.3"]
    if os.name == "posix":
        assert {stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()} == {0o600}


def test_an_unwritable_vault_folder_is_no_failure(root_logger: logging.Logger, tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("x", encoding="utf-8")
    assert app.start_file_log(blocked) is None
