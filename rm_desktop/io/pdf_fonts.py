"""Finding a font with Chinese glyphs for the PDF export.

PDF viewers cannot be trusted to have a CJK font, so the document embeds one (a subset of the
glyphs used). The lookup is explicit: the file named by ``RM_DESKTOP_PDF_FONT`` (optionally
``path#index`` for a font collection), else the first of the known system fonts that exists.
Without one, export fails with a message saying what to install, never with boxes instead of text.

:func:`font_chain` is that font followed by the fallbacks found, in order, for the characters
it lacks (rare characters in names: CJK Extension A and B, such as 䶮 U+4DAE, 𠮷 U+20BB7):

- ``RM_DESKTOP_PDF_FALLBACK_FONTS``: when set, its files (``path[#index]``, separated by
  ``os.pathsep``) are the fallbacks, and no others: IT staff and the tests choose the chain.
- on Windows ``simsunb.ttf`` (SimSun-ExtB: Extension B) and ``seguiemj.ttf`` (Segoe UI Emoji),
  each where present in ``%WINDIR%\\Fonts``;
- elsewhere the other CJK fonts installed (Noto Sans/Serif CJK, WenQuanYi, Droid Sans Fallback,
  AR PL), then HanaMinA and HanaMinB (花園明朝, Debian ``fonts-hanazono``: all of Extension A and B).

A font of the chain that does not exist is left out; the CJK font itself is never repeated.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

FONT_ENV = "RM_DESKTOP_PDF_FONT"
FALLBACK_ENV = "RM_DESKTOP_PDF_FALLBACK_FONTS"


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0  # the face inside a .ttc collection


# Microsoft YaHei first (clear on screen and paper), then SimHei, then SimSun (face 0 of simsun.ttc).
WINDOWS_CJK_FONTS = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc")
# After the CJK font: SimSun-ExtB (CJK Extension B), then Segoe UI Emoji.
WINDOWS_FALLBACK_FONTS = ("simsunb.ttf", "seguiemj.ttf")


def _windows_font_folder() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def _windows_fonts() -> list[FontFile]:
    return [FontFile(_windows_font_folder() / name) for name in WINDOWS_CJK_FONTS]


def _font_file(text: str) -> FontFile:
    """``path`` or ``path#index`` (a face of a .ttc collection)."""
    path, _, index = text.partition("#")
    return FontFile(Path(path), int(index) if index.isdigit() else 0)


def _fallback_fonts() -> list[FontFile]:
    """Fonts for the characters the CJK font may lack, in the order they are tried."""
    configured = os.environ.get(FALLBACK_ENV)
    if configured is not None:
        return [_font_file(item) for item in configured.split(os.pathsep) if item.strip()]
    if sys.platform == "win32":
        return [FontFile(_windows_font_folder() / name) for name in WINDOWS_FALLBACK_FONTS]
    return _UNIX_FONTS + _UNIX_FALLBACK_FONTS


_UNIX_FONTS = [
    FontFile(Path(p))
    for p in (
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian/Ubuntu fonts-wqy-microhei
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",  # Fedora
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/System/Library/Fonts/STHeiti Light.ttc",  # macOS
        "/Library/Fonts/Arial Unicode.ttf",
    )
]
# After the CJK fonts above: more CJK fonts (Debian/Ubuntu, Fedora, Arch paths), then the two
# Hanazono faces that hold all of Extension A (HanaMinA) and Extension B (HanaMinB).
_UNIX_FALLBACK_FONTS = [
    FontFile(Path(p))
    for p in (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/truetype/arphic/ukai.ttc",
        "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
        "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
        "/usr/share/fonts/hanazono/HanaMinA.ttf",
        "/usr/share/fonts/hanazono/HanaMinB.ttf",
    )
]


def candidates() -> list[FontFile]:
    """Where a CJK font is looked for, in order."""
    found = []
    configured = os.environ.get(FONT_ENV)
    if configured:
        found.append(_font_file(configured))
    return found + (_windows_fonts() if sys.platform == "win32" else []) + _UNIX_FONTS


def find_cjk_font() -> FontFile:
    """The first candidate font that exists; UserError naming the remedy when none does."""
    fonts = candidates()
    if os.environ.get(FONT_ENV) and not fonts[0].path.is_file():  # a wrong setting is an error, not a fallback
        raise UserError(
            t("找不到 {} 指定的字体文件：{}", "The font file named by {} does not exist: {}").format(
                FONT_ENV, fonts[0].path
            )
        )
    for font in fonts:
        if font.path.is_file():
            return font
    raise UserError(
        t(
            "找不到中文字体，无法生成 PDF。请安装中文字体（Linux：apt install fonts-wqy-microhei；Windows 自带微软雅黑/黑体），"
            "或用环境变量 {} 指定一个 .ttf/.ttc 字体文件。",
            "No Chinese font found, so the PDF cannot be made. Install one (Linux: apt install fonts-wqy-microhei; "
            "Windows ships Microsoft YaHei / SimHei) or name a .ttf/.ttc file in the environment variable {}.",
        ).format(FONT_ENV)
    )


def font_chain() -> list[FontFile]:
    """The fonts a PDF can draw with, in order: the CJK font (:func:`find_cjk_font`), then each
    fallback that exists on this PC. UserError, as :func:`find_cjk_font`, when there is no CJK font."""
    chain = [find_cjk_font()]
    for font in _fallback_fonts():
        if font.path.is_file() and font not in chain:
            chain.append(font)
    return chain
