"""tools/screenshots.py (issue 14.18): one page of a fresh demo vault saved as a PNG of the
asked size, and its options checked before anything starts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from tools import screenshots


def test_one_page_of_a_demo_vault_is_saved(qapp, tmp_path, monkeypatch):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(screenshots.tempfile, "tempdir", str(temp))  # where its vault goes
    lines: list[str] = []
    saved = screenshots.take(tmp_path / "shots", ["clients"], clients=20, settle_s=0.3, report=lines.append)
    assert saved == [tmp_path / "shots" / "clients.png"] and lines == [f"saved {saved[0]}"]
    image = QImage(str(saved[0]))
    assert (image.width(), image.height()) == (1366, 768)
    # drawn, not blank: the client list of the demo vault has many colours (text, icons, rows)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) >= 8
    assert not list(temp.iterdir())  # the demo vault is gone


def test_options_are_checked(capsys):
    args = screenshots.parse_args(["--pages", "today, client-file", "--size", "1920x1080"])
    assert args.pages == ["today", "client-file"] and args.size == (1920, 1080)
    with pytest.raises(SystemExit):
        screenshots.parse_args(["--pages", "nope"])
    assert "unknown page" in capsys.readouterr().err
