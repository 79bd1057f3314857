"""Make tests/fonts/rm-test-cjk.ttf: the CJK font the PDF tests embed, so that they run the same on
a machine without Chinese fonts (see tests/fonts/README.md for its origin and licence).

    python tools/make_test_font.py [/usr/share/fonts/truetype/wqy/wqy-microhei.ttc]

It is WenQuanYi Micro Hei (Apache-2.0) cut down with fontTools to printable ASCII and every character
written in rm_desktop/ and tests/ (the PDF's fixed text, its translations and the tests' data). Run
it again when a PDF test fails because a new character has no glyph.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
TARGET = ROOT / "tests" / "fonts" / "rm-test-cjk.ttf"
NOTICE = (
    "Modified for the RM Desktop test suite: a subset of WenQuanYi Micro Hei 0.2.0-beta (face 0 of "
    "wqy-microhei.ttc) made with fontTools, keeping only the glyphs the tests need."
)


def characters() -> set[str]:
    found = {chr(c) for c in range(0x20, 0x7F)}
    for folder in ("rm_desktop", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            found |= {c for c in path.read_text(encoding="utf-8") if c.isprintable()}
    return found


def main(source: Path = SOURCE) -> None:
    font = TTFont(source, fontNumber=0, recalcTimestamp=False)  # the same input gives the same file
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright, licence and trademark records
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters()])
    subsetter.subset(font)
    # Apache-2.0 4(b): a modified file says so. Every platform's full and PostScript names change.
    names = font["name"]
    for record in names.names:
        if record.nameID == 4:
            record.string = f"{record.toUnicode()} Test Subset"
        elif record.nameID == 6:
            record.string = "WenQuanYiMicroHei-TestSubset"
    names.setName(NOTICE, 10, 3, 1, 0x409)
    TARGET.parent.mkdir(exist_ok=True)
    font.save(TARGET)
    print(f"{TARGET.relative_to(ROOT)}: {len(font.getGlyphOrder())} glyphs, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:]))
