"""The PDF fallback chain off Windows and as configured (issue 14.15): which fonts follow the CJK
font, in which order, without repeats or missing files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from rm_desktop.io import pdf_fonts
from rm_desktop.io.pdf_fonts import FontFile


@pytest.fixture
def fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Empty font files on a 'Linux' PC whose candidate lists point at them."""
    for name in ("wqy-microhei.ttc", "uming.ttc", "NotoSansCJK-Regular.ttc", "HanaMinA.ttf", "HanaMinB.ttf"):
        (tmp_path / name).touch()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv(pdf_fonts.FONT_ENV, raising=False)
    monkeypatch.delenv(pdf_fonts.FALLBACK_ENV, raising=False)
    cjk = [FontFile(tmp_path / n) for n in ("missing.ttc", "wqy-microhei.ttc", "uming.ttc")]
    monkeypatch.setattr(pdf_fonts, "_UNIX_FONTS", cjk)
    rare = [FontFile(tmp_path / n) for n in ("NotoSansCJK-Regular.ttc", "gone.ttf", "HanaMinA.ttf", "HanaMinB.ttf")]
    monkeypatch.setattr(pdf_fonts, "_UNIX_FALLBACK_FONTS", rare)
    return tmp_path


def _names(chain: list[FontFile]) -> list[str]:
    return [font.path.name for font in chain]


def test_linux_chain_is_the_cjk_font_then_the_other_cjk_fonts_then_hanazono(fonts: Path) -> None:
    expected = ["wqy-microhei.ttc", "uming.ttc", "NotoSansCJK-Regular.ttc", "HanaMinA.ttf", "HanaMinB.ttf"]
    assert _names(pdf_fonts.font_chain()) == expected  # missing files left out, the first not repeated


def test_a_configured_cjk_font_is_followed_by_the_installed_ones(fonts: Path, monkeypatch) -> None:
    monkeypatch.setenv(pdf_fonts.FONT_ENV, f"{fonts / 'uming.ttc'}#1")
    chain = pdf_fonts.font_chain()
    assert chain[0] == FontFile(fonts / "uming.ttc", 1)
    # face 1 was chosen; face 0 of the same collection is another font and stays a fallback
    assert _names(chain) == ["uming.ttc", "wqy-microhei.ttc", "uming.ttc", "NotoSansCJK-Regular.ttc"] + [
        "HanaMinA.ttf",
        "HanaMinB.ttf",
    ]


def test_the_environment_chooses_the_fallbacks_alone(fonts: Path, monkeypatch) -> None:
    listed = [f"{fonts / 'HanaMinB.ttf'}", f"{fonts / 'nowhere.ttf'}", f"{fonts / 'uming.ttc'}#2", ""]
    monkeypatch.setenv(pdf_fonts.FALLBACK_ENV, os.pathsep.join(listed))
    chain = pdf_fonts.font_chain()
    assert chain == [
        FontFile(fonts / "wqy-microhei.ttc"),
        FontFile(fonts / "HanaMinB.ttf"),
        FontFile(fonts / "uming.ttc", 2),
    ]
    monkeypatch.setenv(pdf_fonts.FALLBACK_ENV, "")  # set but empty: the CJK font alone
    assert _names(pdf_fonts.font_chain()) == ["wqy-microhei.ttc"]
