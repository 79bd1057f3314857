"""The PDF font chain: the CJK font, then the Windows fallbacks found, in the documented order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rm_desktop.io import pdf_fonts


@pytest.fixture
def windows_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake %WINDIR%\\Fonts (empty files named like the Windows fonts) on a 'Windows' PC."""
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.delenv(pdf_fonts.FONT_ENV, raising=False)
    monkeypatch.delenv(pdf_fonts.FALLBACK_ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    return folder


def _names(chain: list[pdf_fonts.FontFile]) -> list[str]:
    return [font.path.name for font in chain]


def test_the_chain_is_the_cjk_font_then_extb_then_emoji(windows_fonts: Path) -> None:
    for name in ("seguiemj.ttf", "simsun.ttc", "simsunb.ttf", "msyh.ttc"):
        (windows_fonts / name).touch()
    assert _names(pdf_fonts.font_chain()) == ["msyh.ttc", "simsunb.ttf", "seguiemj.ttf"]
    assert all(font.path.parent == windows_fonts for font in pdf_fonts.font_chain())

    (windows_fonts / "msyh.ttc").unlink()
    (windows_fonts / "simsunb.ttf").unlink()
    assert _names(pdf_fonts.font_chain()) == ["simsun.ttc", "seguiemj.ttf"]


def test_fallbacks_only_where_present_and_only_on_windows(
    windows_fonts: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (windows_fonts / "simhei.ttf").touch()
    assert _names(pdf_fonts.font_chain()) == ["simhei.ttf"]
    (windows_fonts / "simsunb.ttf").touch()
    assert _names(pdf_fonts.font_chain()) == ["simhei.ttf", "simsunb.ttf"]

    linux_font = tmp_path / "wqy-microhei.ttc"
    linux_font.touch()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(pdf_fonts, "_UNIX_FONTS", [pdf_fonts.FontFile(linux_font)])
    monkeypatch.setattr(pdf_fonts, "_UNIX_FALLBACK_FONTS", [])  # whatever this machine has installed
    assert pdf_fonts.font_chain() == [pdf_fonts.FontFile(linux_font)]  # the Linux candidates, no Windows fallbacks
